package cli_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/policygen/gen/generator/internal/testsite"
)

// hostFiles are the files of a host in the output's root folder.
var hostFiles = []string{"_headers", "_redirects", ".nojekyll", "nginx.conf", ".htaccess"}

// siteFor copies the test site with host and a base_url under /policies/.
func siteFor(t *testing.T, host string) string {
	t.Helper()
	site := copySite(t, testSite)
	p := filepath.Join(site, "site.toml")
	toml := strings.Replace(string(mustReadFile(t, p)), `base_url = "https://policies.acme.example/"`,
		"base_url = \"https://acme.example/policies/\"\nhost = \""+host+"\"", 1)
	if err := os.WriteFile(p, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// TestHostFiles builds the test site for each host and checks the files
// written for it, and that none is written for another. Every page carries
// its Content-Security-Policy for the hosts that send no headers.
func TestHostFiles(t *testing.T) {
	for _, tc := range []struct {
		host  string
		files map[string][]string // each file, and lines it must have
	}{
		{"generic", map[string][]string{
			"_headers":  {"/policies/*", "  Content-Security-Policy: " + headerPolicy, "/policies/*/source.md", "  Content-Type: text/markdown; charset=utf-8", "/policies/*/embed.html", "  Access-Control-Allow-Origin: *"},
			".nojekyll": nil,
		}},
		{"netlify", map[string][]string{
			"_headers":   {"/policies/*", "  X-Frame-Options: DENY"},
			"_redirects": {"/policies/ /policies/en/ 302!", "/policies/privacy/ /policies/en/privacy/ 302!", "/policies/* /policies/404.html 404"},
		}},
		{"cloudflare", map[string][]string{
			"_headers":   {"/policies/*", "/policies/*/current.json"},
			"_redirects": {"/policies/ /policies/en/ 302", "/policies/terms/ /policies/en/terms/ 302"},
		}},
		{"github-pages", map[string][]string{".nojekyll": nil}},
		{"s3", map[string][]string{}},
		{"nginx", map[string][]string{
			"nginx.conf": {"location /policies/ {", "    error_page 404 /policies/404.html;", `    add_header Content-Security-Policy "` + headerPolicy + `" always;`, "    location = /policies/ { return 302 /policies/en/; }"},
		}},
		{"apache", map[string][]string{
			".htaccess": {"ErrorDocument 404 /policies/404.html", `Header always set Content-Security-Policy "` + headerPolicy + `"`, `RedirectMatch 302 "^/policies/(?:index\.html)?$" "/policies/en/"`},
		}},
	} {
		t.Run(tc.host, func(t *testing.T) {
			out := buildSite(t, siteFor(t, tc.host), "2024-04-10")
			for _, f := range hostFiles {
				b, err := os.ReadFile(filepath.Join(out, f))
				want, wanted := tc.files[f]
				switch {
				case wanted && err != nil:
					t.Errorf("no %s: %v", f, err)
				case !wanted && err == nil:
					t.Errorf("%s is written for %s", f, tc.host)
				}
				lines := strings.Split(string(b), "\n")
				for _, l := range want {
					if !slices.Contains(lines, l) {
						t.Errorf("%s lacks the line %q:\n%s", f, l, b)
					}
				}
			}
			page := string(mustRead(t, out, "en/privacy/index.html"))
			if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`) || strings.Contains(page, "frame-ancestors") {
				t.Errorf("the page's <meta> policy is missing, or has frame-ancestors, which a <meta> cannot say")
			}
		})
	}
}

// headerPolicy is the Content-Security-Policy a host sends.
const headerPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// served is a site a real server serves on a loopback port, under
// /policies/.
type served struct {
	base string // http://127.0.0.1:PORT
}

// get requests path without following redirects.
func (s served) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 10 * time.Second}
	resp, err := client.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// checkServed asks a server for what a visitor, a browser and an app ask
// for, and checks what comes back: the headers, the redirects, the 404.
func checkServed(t *testing.T, s served) {
	t.Helper()
	for _, tc := range []struct {
		path, status, header, value string
	}{
		{"/policies/en/privacy/", "200", "Content-Security-Policy", headerPolicy},
		{"/policies/en/privacy/", "200", "X-Frame-Options", "DENY"},
		{"/policies/en/privacy/", "200", "Content-Type", "text/html; charset=utf-8"},
		{"/policies/en/privacy/2024-04-05/", "200", "X-Content-Type-Options", "nosniff"},
		{"/policies/en/privacy/2024-04-05/source.md", "200", "Content-Type", "text/markdown; charset=utf-8"},
		{"/policies/en/privacy/2024-04-05/source.md", "200", "Content-Security-Policy", headerPolicy},
		{"/policies/en/privacy/embed.html", "200", "Access-Control-Allow-Origin", "*"},
		{"/policies/en/privacy/embed.html", "200", "Referrer-Policy", "no-referrer"},
		{"/policies/en/privacy/2024-04-05/embed.html", "200", "Access-Control-Allow-Origin", "*"},
		{"/policies/en/privacy/current.json", "200", "Access-Control-Allow-Origin", "*"},
		{"/policies/policies.json", "200", "Access-Control-Allow-Origin", "*"},
		{"/policies/en/privacy/timemap.link", "200", "Content-Type", "application/link-format"},
		{"/policies/en/privacy/timemap.link", "200", "Access-Control-Allow-Origin", "*"},
		{"/policies/", "302", "Location", "/policies/en/"},
		{"/policies/privacy/", "302", "Location", "/policies/en/privacy/"},
		{"/policies/en/privacy", "301", "Location", "/policies/en/privacy/"},
		{"/policies/no-such-policy/", "404", "Content-Security-Policy", headerPolicy},
	} {
		resp, body := s.get(t, tc.path)
		if got := fmt.Sprint(resp.StatusCode); got != tc.status {
			t.Errorf("%s: status %s, want %s", tc.path, got, tc.status)
			continue
		}
		got := resp.Header.Get(tc.header)
		if loc, err := resp.Location(); err == nil && tc.header == "Location" && loc.Host == resp.Request.URL.Host {
			got = loc.Path // Apache writes the whole URL, nginx (absolute_redirect off) the path
		}
		if got != tc.value {
			t.Errorf("%s: %s: %q, want %q", tc.path, tc.header, got, tc.value)
		}
		if tc.status == "404" && !strings.Contains(body, `<html lang="en">`) {
			t.Errorf("%s: not the site's 404 page:\n%.300s", tc.path, body)
		}
	}
	if resp, _ := s.get(t, "/policies/en/privacy/index.html"); resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a page is open to other origins")
	}
}

// freePort finds a loopback port no one listens on.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startServer runs a server's command until the test ends and waits for
// its port.
func startServer(t *testing.T, port int, name string, args ...string) served {
	t.Helper()
	cmd := exec.Command(name, args...)
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	// The workers a server starts hold its output open after it stops.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Asked to stop, nginx and Apache stop their workers too.
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(10 * time.Second); ; {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return served{"http://" + addr}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not listen on %s:\n%s", name, addr, log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// publish builds the site for host and puts it where a server's document
// root serves it at /policies/, readable by the server's workers.
func publish(t *testing.T, host string) (root string) {
	t.Helper()
	out := buildSite(t, siteFor(t, host), "2024-04-10")
	root = t.TempDir()
	if err := os.Rename(out, filepath.Join(root, "policies")); err != nil {
		t.Fatal(err)
	}
	// A server started as root reads as an unprivileged user.
	for dir := root; dir != "/" && dir != "."; dir = filepath.Dir(dir) {
		os.Chmod(dir, 0o755)
	}
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	return root
}

// TestNginxServesTheSite checks the snippet with nginx -t, then serves the
// site with it, as the documentation's recipe does, and asks for its pages.
func TestNginxServesTheSite(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		nginx = "/usr/sbin/nginx"
		if _, err := os.Stat(nginx); err != nil {
			testsite.Need(t, "no nginx; .ci/run installs it (apt-get install nginx-light)")
		}
	}
	root := publish(t, "nginx")
	dir := t.TempDir()
	port := freePort(t)
	conf := filepath.Join(dir, "nginx.conf")
	temp := ""
	for _, kind := range []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} {
		temp += fmt.Sprintf("    %s_temp_path %s;\n", kind, filepath.Join(dir, kind))
	}
	os.WriteFile(conf, []byte(fmt.Sprintf(`error_log %[1]s/error.log;
pid %[1]s/nginx.pid;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
%[4]s    server {
        listen 127.0.0.1:%[2]d;
        root %[3]s;
        include %[3]s/policies/nginx.conf;
    }
}
`, dir, port, root, temp)), 0o644)
	if out, err := exec.Command(nginx, "-t", "-p", dir, "-c", conf).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s\n%s", err, out, mustRead(t, root, "policies/nginx.conf"))
	}
	s := startServer(t, port, nginx, "-p", dir, "-c", conf, "-g", "daemon off;")
	checkServed(t, s)
	if resp, _ := s.get(t, "/policies/nginx.conf"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the snippet itself is served: %d", resp.StatusCode)
	}
}

// TestApacheServesTheSite serves the site with its .htaccess from Apache,
// with the modules the README names, and asks for its pages.
func TestApacheServesTheSite(t *testing.T) {
	apache, err := exec.LookPath("apache2")
	if err != nil {
		apache = "/usr/sbin/apache2"
		if _, err := os.Stat(apache); err != nil {
			testsite.Need(t, "no apache2; .ci/run installs it (apt-get install apache2)")
		}
	}
	modules := "/usr/lib/apache2/modules"
	root := publish(t, "apache")
	dir := t.TempDir()
	port := freePort(t)
	conf := filepath.Join(dir, "httpd.conf")
	user := ""
	if os.Geteuid() == 0 {
		user = "User nobody\nGroup nogroup\n"
	}
	os.WriteFile(conf, []byte(fmt.Sprintf(`ServerRoot %[1]s
ServerName localhost
Listen 127.0.0.1:%[2]d
PidFile %[1]s/httpd.pid
ErrorLog %[1]s/error.log
Mutex file:%[1]s
%[5]sLoadModule mpm_event_module %[4]s/mod_mpm_event.so
LoadModule authz_core_module %[4]s/mod_authz_core.so
LoadModule dir_module %[4]s/mod_dir.so
LoadModule mime_module %[4]s/mod_mime.so
LoadModule alias_module %[4]s/mod_alias.so
LoadModule headers_module %[4]s/mod_headers.so
TypesConfig /etc/mime.types
DocumentRoot %[3]s
DirectoryIndex index.html
<Directory %[3]s>
    AllowOverride FileInfo
    Require all granted
</Directory>
`, dir, port, root, modules, user)), 0o644)
	if out, err := exec.Command(apache, "-t", "-f", conf).CombinedOutput(); err != nil {
		t.Fatalf("apache2 -t: %v\n%s", err, out)
	}
	s := startServer(t, port, apache, "-f", conf, "-DFOREGROUND")
	checkServed(t, s)
	if t.Failed() {
		t.Logf("error log:\n%s\n.htaccess:\n%s", mustReadFile(t, filepath.Join(dir, "error.log")), mustRead(t, root, "policies/.htaccess"))
	}
}

// TestREADMECloudFrontPolicy keeps the documented CloudFront response
// headers policy (docs/publishing.md), which S3 users copy, equal to the
// headers gen writes for every file: a header added to gen and not to the
// documentation fails here.
func TestREADMECloudFrontPolicy(t *testing.T) {
	readme := string(mustReadFile(t, filepath.Join("..", "..", "docs", "publishing.md")))
	start := strings.Index(readme, "```json\n{\n  \"Name\": \"gen-policies\"")
	if start < 0 {
		t.Fatal("docs/publishing.md has no CloudFront policy")
	}
	block := readme[start+len("```json\n"):]
	block = block[:strings.Index(block, "```")]
	var policy struct {
		Name                  string
		Comment               string
		SecurityHeadersConfig struct {
			ContentSecurityPolicy struct {
				Override              bool
				ContentSecurityPolicy string
			}
			ContentTypeOptions struct{ Override bool }
			FrameOptions       struct {
				Override    bool
				FrameOption string
			}
			ReferrerPolicy struct {
				Override       bool
				ReferrerPolicy string
			}
		}
		CustomHeadersConfig struct {
			Quantity int
			Items    []struct {
				Header, Value string
				Override      bool
			}
		}
	}
	dec := json.NewDecoder(strings.NewReader(block))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&policy); err != nil {
		t.Fatalf("the documentation's CloudFront policy: %v\n%s", err, block)
	}
	// The headers of every file, as the _headers file gives them.
	out := buildSite(t, testSite, "2024-04-10")
	every := map[string]string{}
	in := false
	for _, line := range strings.Split(string(mustRead(t, out, "_headers")), "\n") {
		if !strings.HasPrefix(line, " ") {
			in = line == "/*"
			continue
		}
		if name, value, ok := strings.Cut(strings.TrimSpace(line), ": "); ok && in {
			every[name] = value
		}
	}
	sec := policy.SecurityHeadersConfig
	got := map[string]string{
		"Content-Security-Policy": sec.ContentSecurityPolicy.ContentSecurityPolicy,
		"X-Frame-Options":         sec.FrameOptions.FrameOption,
		"Referrer-Policy":         sec.ReferrerPolicy.ReferrerPolicy,
	}
	if sec.ContentTypeOptions.Override {
		got["X-Content-Type-Options"] = "nosniff" // the only value CloudFront sends
	}
	for _, h := range policy.CustomHeadersConfig.Items {
		got[h.Header] = h.Value
		if !h.Override {
			t.Errorf("%s does not override the origin's", h.Header)
		}
	}
	if policy.CustomHeadersConfig.Quantity != len(policy.CustomHeadersConfig.Items) {
		t.Errorf("Quantity %d for %d items", policy.CustomHeadersConfig.Quantity, len(policy.CustomHeadersConfig.Items))
	}
	if len(every) < 5 || fmt.Sprint(got) != fmt.Sprint(every) {
		t.Errorf("the documentation's CloudFront policy sends\n%v\nbut gen's headers are\n%v", got, every)
	}
}
