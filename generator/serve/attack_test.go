package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestManyReloadClients holds 200 reload streams open at once, makes a
// rebuild, and checks every stream hears of it; once they close, the
// server's goroutines for them must be gone.
func TestManyReloadClients(t *testing.T) {
	site := copySite(t, testSite)
	r := start(t, site)
	base := runtime.NumGoroutine()

	const clients = 200
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tr := &http.Transport{MaxConnsPerHost: 0, MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: tr}
	defer tr.CloseIdleConnections()

	var ready, heard sync.WaitGroup
	ready.Add(clients)
	heard.Add(clients)
	errs := make(chan error, clients)
	for i := 0; i < clients; i++ {
		go func() {
			defer heard.Done()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.url+"/_gen/events", nil)
			resp, err := client.Do(req)
			if err != nil {
				ready.Done()
				errs <- err
				return
			}
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			sc.Buffer(nil, 1<<20)
			events := 0
			for sc.Scan() {
				if strings.HasPrefix(sc.Text(), "data: ") {
					events++
					if events == 1 {
						ready.Done() // the state on connecting
					} else {
						return // the rebuild
					}
				}
			}
			if events < 2 {
				if events == 0 {
					ready.Done()
				}
				errs <- fmt.Errorf("stream ended after %d events: %v", events, sc.Err())
			}
		}()
	}
	ready.Wait()

	f := filepath.Join(site, "content/cookies/en.md")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, append(b, "\nA new paragraph.\n"...), 0o644)

	done := make(chan struct{})
	go func() { heard.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("not every reload stream heard of the rebuild within 30 s")
	}
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if status, _, _ := r.get(t, "/en/cookies/"); status != http.StatusOK {
		t.Errorf("after 200 clients the server answers %d", status)
	}

	cancel()
	tr.CloseIdleConnections()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > base+10 {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			n := runtime.Stack(buf, true)
			t.Fatalf("%d goroutines after the clients left, %d before:\n%s", runtime.NumGoroutine(), base, buf[:n])
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestHugeAndMalformedRequests sends what a fuzzer or an attacker would;
// each gets a refusal and the server keeps serving.
func TestHugeAndMalformedRequests(t *testing.T) {
	r := start(t, copySite(t, testSite))
	addr := strings.TrimPrefix(r.url, "http://")
	raw := func(req string) string {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		go io.WriteString(conn, req)
		line, _ := bufio.NewReader(conn).ReadString('\n')
		return line
	}
	for name, req := range map[string]string{
		"garbage request line": "GARBAGE\r\n\r\n",
		"huge header":          "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 2<<20) + "\r\n\r\n",
		"huge path":            "GET /" + strings.Repeat("a/", 100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
		"bad method":           "BREW /en/ HTTP/1.1\r\nHost: x\r\n\r\n",
		"NUL in path":          "GET /en/\x00/ HTTP/1.1\r\nHost: x\r\n\r\n",
		"HTTP/0.9":             "GET /\r\n\r\n",
	} {
		line := raw(req)
		if strings.Contains(line, " 200 ") {
			t.Errorf("%s: answered %q", name, strings.TrimSpace(line))
		}
	}
	// A request body on a GET, and many requests on one connection.
	req, _ := http.NewRequest(http.MethodPost, r.url+"/en/", strings.NewReader(strings.Repeat("x", 5<<20)))
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Errorf("POST with a 5 MB body answered 200")
		}
	}
	for i := 0; i < 50; i++ {
		if status, _, _ := r.get(t, "/en/"); status != http.StatusOK {
			t.Fatalf("request %d after the attacks answered %d", i, status)
		}
	}
}
