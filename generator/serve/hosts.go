package serve

import (
	"net"
	"strings"
)

// previewHosts tells whether a request's Host header names the preview:
// its address as listened on, by the name --addr gave it, or by a name of
// the loopback interface it listens on (127.0.0.1, localhost, [::1]), with
// its port. A preview listening on every interface (0.0.0.0) also answers
// to any IP address with its port: the attack it keeps out, DNS rebinding,
// comes with a name of the attacker's, never an address.
func previewHosts(addr string, listening net.Addr) func(host string) bool {
	_, port, err := net.SplitHostPort(listening.String())
	if err != nil {
		return func(string) bool { return false }
	}
	names := map[string]bool{"127.0.0.1": true, "localhost": true, "::1": true}
	if h, _, err := net.SplitHostPort(addr); err == nil && h != "" {
		names[strings.ToLower(h)] = true
	}
	anyIP := false
	if tcp, ok := listening.(*net.TCPAddr); ok {
		names[tcp.IP.String()] = true
		anyIP = tcp.IP.IsUnspecified()
	}
	return func(host string) bool {
		h, p, err := net.SplitHostPort(host)
		if err != nil {
			// No port: the browser's default, 80.
			h, p = strings.Trim(host, "[]"), "80"
		}
		h = strings.TrimSuffix(strings.ToLower(h), ".")
		if p != port {
			return false
		}
		return names[h] || anyIP && net.ParseIP(h) != nil
	}
}
