package browser

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/policygen/gen/generator/internal/testsite"
)

// browser is one headless Chromium with one tab, shared by every test of the
// package: starting it costs more than most checks. Tests run one at a time
// and each leaves the tab as it found it (see reset).
type browser struct {
	tab  context.Context
	seen *recorder
}

var (
	browserOnce   sync.Once
	sharedBrowser *browser
	browserErr    error
)

// csp records Content-Security-Policy violations in the page, before any of
// the page's own code runs; the tests read window.__cspViolations.
const cspListener = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});`

// newBrowser returns the shared browser, starting it on first use, and a
// context for one test that ends after timeout.
func newBrowser(t *testing.T, timeout time.Duration) (context.Context, *recorder) {
	t.Helper()
	path := testsite.Chromium(t)
	browserOnce.Do(func() { sharedBrowser, browserErr = startBrowser(path) })
	if browserErr != nil {
		t.Fatalf("starting chromium: %v", browserErr)
	}
	ctx, cancel := context.WithTimeout(sharedBrowser.tab, timeout)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, reset()); err != nil {
		t.Fatal(err)
	}
	sharedBrowser.seen.clear()
	return ctx, sharedBrowser.seen
}

func startBrowser(path string) (*browser, error) {
	opts := testsite.ChromeOptions(path, chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(allocCtx)
	cleanups = append(cleanups, func() { cancelTab(); cancelAlloc() })

	seen := &recorder{}
	if err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspListener})
		return err
	})); err != nil {
		return nil, err
	}
	if err := chromedp.Listen(tab, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			seen.request(e.Request.URL)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Source == log.EntrySourceSecurity || e.Entry.Source == log.EntrySourceViolation {
				seen.problem(fmt.Sprintf("%s %s: %s (%s)", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			text := d.Text
			if d.Exception != nil {
				text += " " + d.Exception.Description
			}
			seen.problem(fmt.Sprintf("uncaught exception: %s (%s:%d)", text, d.URL, d.LineNumber+1))
		}
	}); err != nil {
		return nil, err
	}
	return &browser{tab: tab, seen: seen}, nil
}

// scriptsOff turns the page's JavaScript off or back on.
func scriptsOff(off bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
		return err
	})
}

// reset undoes every emulation a test may have left: scripts on, screen
// media, the window's own viewport.
func reset() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := scriptsOff(false)(ctx, tg); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
		return err
	})
}

// cookies returns the cookies the browser holds for the current page.
func cookies(ctx context.Context, tg *chromedp.Target) ([]*network.Cookie, error) {
	res, err := cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{})
	return res.Cookies, err
}

// recorder keeps what the tab did: every request, and every error the
// browser logged (a CSP violation, a failed load, an uncaught exception).
type recorder struct {
	mu       sync.Mutex
	urls     []string
	problems []string
}

func (r *recorder) request(u string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.urls = append(r.urls, u)
}

func (r *recorder) problem(p string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, p)
}

func (r *recorder) clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.urls, r.problems = nil, nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.urls)
}

// errors returns the logged problems.
func (r *recorder) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.problems...)
}

// foreign returns requests to anywhere but 127.0.0.1.
func (r *recorder) foreign() []string {
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
	site := serveExample(t)
	ctx, reqs := newBrowser(t, 30*time.Second)

	if err := chromedp.Do(ctx, chromedp.Navigate(site.url("/en/privacy/")), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
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
	if err := chromedp.Do(ctx, chromedp.Navigate(site.url("/en/privacy/2023-03-01/")), chromedp.WaitVisible(chromedp.CSS(".notice-archived"))); err != nil {
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
