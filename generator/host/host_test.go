package host_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/host"
	"github.com/policygen/gen/generator/internal/testsite"
)

// rules are a site's rules with a header for one page alone, the way a
// Memento Link header for a version's page would be added: one Rule.
var rules = host.Rules{
	Root:  "/p/",
	Every: []host.Header{{Name: "X-Content-Type-Options", Value: "nosniff"}},
	Some: []host.Rule{
		{Pattern: "/p/*/source.md", Headers: []host.Header{{Name: "Content-Type", Value: "text/markdown; charset=utf-8"}}},
		{Pattern: "/p/en/privacy/2024-01-01/", Headers: []host.Header{{Name: "Link", Value: `<https://acme.example/p/en/privacy/timemap.link>; rel="timemap"`}}},
	},
	Redirects: []host.Redirect{{From: "/p/", To: "/p/en/"}},
	NotFound:  "/p/404.html",
}

// TestFor matches addresses as the hosts do: "*" any part of a path, a
// folder's address its index.html too, nothing outside the site's root.
func TestFor(t *testing.T) {
	for addr, want := range map[string][]string{
		"/p/en/privacy/":                       {"X-Content-Type-Options"},
		"/p/en/privacy/2024-01-01/":            {"X-Content-Type-Options", "Link"},
		"/p/en/privacy/2024-01-01/index.html":  {"X-Content-Type-Options", "Link"},
		"/p/en/privacy/2024-01-01/source.md":   {"X-Content-Type-Options", "Content-Type"},
		"/p/en/privacy/2024-01-01x/index.html": {"X-Content-Type-Options"},
		"/en/privacy/":                         nil,
	} {
		var got []string
		for _, h := range rules.For(addr) {
			got = append(got, h.Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("For(%s) = %v, want %v", addr, got, want)
		}
	}
}

// TestOneRuleReachesEveryHost: the page's header is in every host's file
// that takes headers, for that page alone.
func TestOneRuleReachesEveryHost(t *testing.T) {
	want := map[string]string{
		"_headers":   "/p/en/privacy/2024-01-01/\n  Link: <https://acme.example/p/en/privacy/timemap.link>; rel=\"timemap\"\n",
		"nginx.conf": "    location ~ \"^/p/en/privacy/2024-01-01/(?:index\\\\.html)?$\" {\n        add_header X-Content-Type-Options \"nosniff\" always;\n        add_header Link \"<https://acme.example/p/en/privacy/timemap.link>; rel=\\\"timemap\\\"\" always;\n    }\n",
		".htaccess":  "<If \"%{REQUEST_URI} =~ m#^/p/en/privacy/2024-01-01/(?:index\\.html)?$#\">\n  Header always set Link \"<https://acme.example/p/en/privacy/timemap.link>; rel=\\\"timemap\\\"\"\n</If>\n",
	}
	seen := map[string]bool{}
	for _, h := range host.Names() {
		for _, f := range host.Files(h) {
			w, ok := want[f.Name]
			if !ok {
				continue
			}
			seen[f.Name] = true
			if got := string(f.Write(rules)); !strings.Contains(got, w) {
				t.Errorf("%s's %s lacks\n%s\nin\n%s", h, f.Name, w, got)
			}
		}
	}
	if len(seen) != len(want) {
		t.Errorf("only %v written", seen)
	}
}

// TestNginxTakesTheSnippet checks the snippet of these rules with nginx -t.
func TestNginxTakesTheSnippet(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		if _, err := os.Stat("/usr/sbin/nginx"); err != nil {
			testsite.Need(t, "no nginx; .ci/run installs it (apt-get install nginx)")
		}
		nginx = "/usr/sbin/nginx"
	}
	dir := t.TempDir()
	var snippet []byte
	for _, f := range host.Files(host.Nginx) {
		snippet = f.Write(rules)
	}
	os.WriteFile(filepath.Join(dir, "site.conf"), snippet, 0o644)
	conf := filepath.Join(dir, "nginx.conf")
	os.WriteFile(conf, []byte("error_log "+dir+"/error.log;\npid "+dir+"/nginx.pid;\nevents {}\nhttp {\n    server {\n        listen 127.0.0.1:8080;\n        root "+dir+";\n        include "+dir+"/site.conf;\n    }\n}\n"), 0o644)
	if out, err := exec.Command(nginx, "-t", "-p", dir, "-c", conf).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s\n%s", err, out, snippet)
	}
}
