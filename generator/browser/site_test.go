package browser

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/serve"
)

// exampleSite is the repository's own site.
const exampleSite = "../.."

// now fixes "today" so the example site's notices are the same every run.
const now = "2026-11-23"

// example is the example site, built once for the whole package and served
// on 127.0.0.1 the way a static host would: with its 404 page and the
// headers of its own _headers file, so the browser enforces the site's
// Content-Security-Policy.
type example struct {
	name string
	dir  string // the built public/ folder; "" for the preview
	base string // where the site's root is served: http://127.0.0.1:PORT[/path]
}

var (
	exampleOnce  sync.Once
	builtExample *example
	exampleErr   error
)

// serveExample returns the shared example site, building it on first use.
func serveExample(t *testing.T) *example {
	t.Helper()
	exampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gen-browser-")
		if err != nil {
			exampleErr = err
			return
		}
		cleanups = append(cleanups, func() { os.RemoveAll(dir) })
		out := filepath.Join(dir, "public")
		_, diags, err := build.Build(build.Options{Site: exampleSite, Now: now}, out)
		if err != nil || diags.HasErrors() {
			exampleErr = fmt.Errorf("building the example site: %v\n%s", err, diags.Errors())
			return
		}
		raw, err := os.ReadFile(filepath.Join(out, "_headers"))
		if err != nil {
			exampleErr = err
			return
		}
		rules, err := parseHeaders(raw)
		if err != nil {
			exampleErr = err
			return
		}
		srv := httptest.NewServer(staticHost(out, rules))
		cleanups = append(cleanups, srv.Close)
		builtExample = &example{name: "built", dir: out, base: srv.URL}
	})
	if exampleErr != nil {
		t.Fatal(exampleErr)
	}
	return builtExample
}

// url is the address of a path of the served site, from its root.
func (e *example) url(path string) string { return e.base + path }

// examplePath is where the preview serves the example: under the path of
// a base_url such as a GitHub Pages project site has.
const examplePath = "/policies"

var (
	previewOnce sync.Once
	preview     *example
	previewErr  error
)

// previewExample returns the example site published under a path, as gen
// serve previews it (drafts shown, the reload script on every page), started
// once for the package.
func previewExample(t *testing.T) *example {
	t.Helper()
	previewOnce.Do(func() {
		site, err := os.MkdirTemp("", "gen-browser-preview-")
		if err == nil {
			err = testsite.ExampleIn(site, exampleSite, "https://lumenledger.github.io"+examplePath+"/")
		}
		if err != nil {
			previewErr = err
			return
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			previewErr = err
			return
		}
		srv := serve.New(build.Options{Site: site, Now: now}, ln.Addr().String(), io.Discard)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- srv.Serve(ctx, ln) }()
		cleanups = append(cleanups, func() { cancel(); <-done; os.RemoveAll(site) })
		e := &example{name: "preview under a path", base: "http://" + ln.Addr().String() + examplePath}
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			resp, err := http.Get(e.url("/en/"))
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
			if time.Now().After(deadline) {
				previewErr = fmt.Errorf("gen serve did not serve %s within a minute", e.url("/en/"))
				return
			}
		}
		preview = e
	})
	if previewErr != nil {
		t.Fatal(previewErr)
	}
	return preview
}

// examples are the sites every visitor's check reads: the example built
// and served at the root of a host as a static host does, and previewed by
// gen serve under a path, so a link that works in the preview works when
// published there.
func examples(t *testing.T) []*example {
	return []*example{serveExample(t), previewExample(t)}
}

// staticHost serves dir like Netlify or Cloudflare Pages: the headers of
// every matching _headers rule, folders by their index.html, and 404.html
// with status 404 for anything missing.
func staticHost(dir string, rules []headerRule) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, rule := range rules {
			if rule.pattern.MatchString(r.URL.Path) {
				for _, h := range rule.headers {
					w.Header().Set(h[0], h[1])
				}
			}
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(r.URL.Path))); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// headerRule is one block of a _headers file: a path pattern and the
// headers sent for every path it matches.
type headerRule struct {
	pattern *regexp.Regexp
	headers [][2]string
}

// parseHeaders reads the _headers format: an unindented path pattern, where
// "*" matches anything, followed by indented "Name: value" lines.
func parseHeaders(raw []byte) ([]headerRule, error) {
	var rules []headerRule
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			pat := "^" + strings.ReplaceAll(regexp.QuoteMeta(trimmed), `\*`, ".*") + "$"
			rules = append(rules, headerRule{pattern: regexp.MustCompile(pat)})
		default:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok || len(rules) == 0 {
				return nil, fmt.Errorf("_headers:%d: %q is not a header of a path", n, line)
			}
			last := &rules[len(rules)-1]
			last.headers = append(last.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("_headers has no rules")
	}
	return rules, sc.Err()
}

// cleanups close what the package's tests share, after the last test.
var cleanups []func()

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	os.Exit(code)
}

// webTools is the folder where .ci/run installs the npm tools the tests use.
var webTools = filepath.Join("..", "..", ".ci", "web", "node_modules")
