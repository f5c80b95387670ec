package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"gen/generator/build"
)

// exampleSite is the repository's own site.
const exampleSite = "../.."

// now fixes "today" so the example site's notices are the same every run.
const now = "2026-11-23"

// chromium finds the browser; in CI its absence is a failure, not a skip,
// because .ci/run installs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium on PATH; .ci/run installs it with apt-get install chromium")
	}
	t.Skip("no chromium on PATH (apt-get install chromium to run the browser tests)")
	return ""
}

// serveExample builds the example site into a temporary folder and serves
// it on 127.0.0.1 the way a static host would, with its 404 page.
func serveExample(t *testing.T) *httptest.Server {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, diags, err := build.Build(build.Options{Site: exampleSite, Now: now}, out)
	if err != nil || diags.HasErrors() {
		t.Fatalf("building the example site: %v\n%s", err, diags.Errors())
	}
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(out, filepath.FromSlash(r.URL.Path))
		if _, err := os.Stat(p); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(out, "404.html"))
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// newBrowser starts headless Chromium and records every request it makes.
func newBrowser(t *testing.T) (context.Context, *requests) {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	reqs := &requests{}
	enable := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx, enable); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			reqs.add(e.Request.URL)
		}
	}); err != nil {
		t.Fatal(err)
	}
	return ctx, reqs
}

// cookies returns the cookies the browser holds for the current page.
func cookies(ctx context.Context, tg *chromedp.Target) ([]*network.Cookie, error) {
	res, err := cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{})
	return res.Cookies, err
}

type requests struct {
	mu   sync.Mutex
	urls []string
}

func (r *requests) add(u string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.urls = append(r.urls, u)
}

func (r *requests) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.urls)
}

// foreign returns requests to anywhere but 127.0.0.1.
func (r *requests) foreign() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, raw := range r.urls {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "data" && u.Hostname() != "127.0.0.1") {
			out = append(out, raw)
		}
	}
	return out
}

// TestVisitorReadsPoliciesInTheirLanguage loads a policy page and an
// archived page, checks their language, follows the language switcher, and
// fails if anything was requested from another host or a cookie was set.
func TestVisitorReadsPoliciesInTheirLanguage(t *testing.T) {
	srv := serveExample(t)
	ctx, reqs := newBrowser(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/en/privacy/"), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
		t.Fatal(err)
	}
	lang := run(t, ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	title := run(t, ctx, chromedp.Text(chromedp.CSS("main h1")))
	if lang != "en" || !strings.Contains(title, "Privacy") {
		t.Errorf("/en/privacy/: lang %q, title %q", lang, title)
	}

	// The switcher leads to the same policy in Swedish.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav.languages a[hreflang="sv"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="sv"] main h1`)),
	); err != nil {
		t.Fatal(err)
	}
	location := run(t, ctx, chromedp.Location())
	lang = run(t, ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
	title = run(t, ctx, chromedp.Text(chromedp.CSS("main h1")))
	if !strings.HasSuffix(location, "/sv/privacy/") || lang != "sv" || !strings.Contains(title, "Integritetspolicy") {
		t.Errorf("after the switcher: %s, lang %q, title %q", location, lang, title)
	}

	// An archived version says so and links the version in force.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/en/privacy/2023-03-01/"), chromedp.WaitVisible(chromedp.CSS(".notice-archived"))); err != nil {
		t.Fatal(err)
	}
	notice := run(t, ctx, chromedp.Text(chromedp.CSS(".notice-archived")))
	link := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(".notice-archived a"), "href"))
	if !strings.Contains(notice, "archived") || link.Value != "/en/privacy/" {
		t.Errorf("archived notice %q, first link %q", notice, link.Value)
	}

	if got := run(t, ctx, cookies); len(got) > 0 {
		t.Errorf("the site set cookies: %v", got)
	}
	if f := reqs.foreign(); len(f) > 0 {
		t.Errorf("requests left 127.0.0.1: %v", f)
	}
	if n := reqs.count(); n < 3 {
		t.Errorf("recorded only %d requests; the recorder is not working", n)
	}
}

// run runs one action and fails the test on error.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
