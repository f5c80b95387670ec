package browser

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// examplePage is one page a visitor can land on.
type examplePage struct {
	kind, path string
	status     int
}

// examplePages is one page of every kind in every language of the example
// site. On 2026-11-23 privacy has an upcoming version (2026-11-16 takes
// effect later) in en and sv, whose policy pages announce it; Norwegian lags
// behind and has none, so its policy page carries the translation notice;
// cookies changed on 2026-11-02, so its page shows the change notice; the
// terms changed editorially on 2026-11-10 (en, sv), which their history
// marks; the register lists every processor, Ocrella AI to be added and
// Metrica Insights to be removed.
func examplePages() []examplePage {
	var pages []examplePage
	for _, lang := range []string{"en", "sv", "nb"} {
		l := "/" + lang + "/"
		pages = append(pages,
			examplePage{"index", l, 200},
			examplePage{"policy", l + "privacy/", 200},
			examplePage{"policy-changed", l + "cookies/", 200},
			examplePage{"archived", l + "privacy/2023-03-01/", 200},
			examplePage{"history", l + "privacy/history/", 200},
			examplePage{"changes", l + "privacy/2025-09-15/changes/", 200},
			examplePage{"compare", l + "privacy/compare/2023-03-01..2025-09-15/", 200},
			examplePage{"404", l + "no-such-policy/", 404},
			examplePage{"register", l + "processors/", 200},
		)
		if lang != "nb" {
			pages = append(pages,
				examplePage{"upcoming", l + "privacy/2026-11-16/", 200},
				examplePage{"history-editorial", l + "terms/history/", 200},
			)
		}
	}
	return pages
}

// TestEveryKindOfPage reads one page of every kind in every language the way
// different visitors do: with a screen reader's needs (axe-core's WCAG 2.2 A
// and AA rules, in light and dark mode), on paper, on a 320 and a 375 px
// phone, and with JavaScript off; and it checks that none of them is tracked
// and that the site keeps to its own Content-Security-Policy. Only the
// accessibility rules need axe-core: without it (outside CI) the rest runs
// with Chromium alone.
// It reads them as a static host serves the built site, and as gen serve
// previews it under a path.
func TestEveryKindOfPage(t *testing.T) {
	for _, site := range examples(t) {
		t.Run(site.name, func(t *testing.T) { everyKindOfPage(t, site) })
	}
}

func everyKindOfPage(t *testing.T, site *example) {
	// Every check on every page of every kind, on a machine that may be
	// shared: the budget of the whole run, not of a page.
	ctx, seen := newBrowser(t, 300*time.Second)
	for _, p := range examplePages() {
		t.Run(strings.Trim(p.path, "/"), func(t *testing.T) {
			if err := chromedp.Do(ctx, reset()); err != nil {
				t.Fatal(err)
			}
			seen.clear()
			resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(site.url(p.path)))
			if err != nil {
				t.Fatal(err)
			}
			if int(resp.Status) != p.status {
				t.Fatalf("%s (%s): status %d, want %d", p.path, p.kind, resp.Status, p.status)
			}
			if csp, _ := resp.Headers["Content-Security-Policy"].(string); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("served without the site's Content-Security-Policy: %q", csp)
			}

			checkNoTracking(t, ctx, seen)
			checkCSP(t, ctx, seen, p)
			text := run(t, ctx, chromedp.Evaluate[string](mainText))
			checkAccessible(t, ctx, "light")
			checkAccessible(t, ctx, "dark")
			checkPrint(t, ctx, p)
			checkSmallScreens(t, ctx)
			checkWithoutJavaScript(t, ctx, site.url(p.path), text)
			if f := seen.foreign(); len(f) > 0 {
				t.Errorf("requests left 127.0.0.1: %v", f)
			}
		})
	}
}

// mainText is what a visitor reads in main, leaving out the history page's
// comparison picker, which only exists with JavaScript.
const mainText = `(function () {
  var picker = document.getElementById("compare-picker"), was = picker && picker.hidden;
  if (picker) picker.hidden = true;
  var text = document.querySelector("main").innerText;
  if (picker) picker.hidden = was;
  return text;
})()`

// checkNoTracking fails when the page set a cookie or stored anything in
// the browser.
func checkNoTracking(t *testing.T, ctx context.Context, seen *recorder) {
	t.Helper()
	if got := run(t, ctx, cookies); len(got) > 0 {
		t.Errorf("the site set cookies: %v", got)
	}
	storage := run(t, ctx, chromedp.Evaluate[[]string](`(async function () {
  var used = [];
  if (document.cookie !== "") used.push("document.cookie: " + document.cookie);
  if (localStorage.length) used.push("localStorage: " + localStorage.length + " keys");
  if (sessionStorage.length) used.push("sessionStorage: " + sessionStorage.length + " keys");
  var dbs = await indexedDB.databases();
  if (dbs.length) used.push("indexedDB: " + dbs.map(function (d) { return d.name; }).join(", "));
  if (window.caches) { var c = await caches.keys(); if (c.length) used.push("CacheStorage: " + c.join(", ")); }
  if (navigator.serviceWorker) { var w = await navigator.serviceWorker.getRegistrations(); if (w.length) used.push(w.length + " service workers"); }
  return used;
})()`, chromedp.EvalAwaitPromise))
	for _, s := range storage {
		t.Errorf("the site stores data in the browser: %s", s)
	}
}

// checkCSP fails on any violation of the site's Content-Security-Policy,
// seen by the page's securitypolicyviolation listener or logged by the
// browser, and on any uncaught exception or failed load.
func checkCSP(t *testing.T, ctx context.Context, seen *recorder, p examplePage) {
	t.Helper()
	// Violation events are queued as tasks: let them run first.
	violations := run(t, ctx, chromedp.Evaluate[[]string](
		`new Promise(function (ok) { setTimeout(function () { ok(window.__cspViolations || ["the CSP listener did not run"]); }, 20); })`,
		chromedp.EvalAwaitPromise))
	for _, v := range violations {
		t.Errorf("Content-Security-Policy violation: %s", v)
	}
	for _, e := range seen.errors() {
		if p.status == http.StatusNotFound && strings.Contains(e, "status of 404") {
			continue // the 404 page's own status
		}
		if strings.Contains(e, "status of 404") && strings.HasSuffix(e, "/favicon.ico)") {
			// Chromium asks the first page it loads from a host for an icon
			// of its own accord; no page links one. Run alone, this test
			// loads the first page.
			continue
		}
		t.Errorf("browser logged: %s", e)
	}
}

// checkAccessible runs axe-core with the given prefers-color-scheme.
func checkAccessible(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	setMedia(t, ctx, "", scheme)
	defer setMedia(t, ctx, "", "")
	if !run(t, ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: `+scheme+`)").matches`)) {
		t.Fatalf("the %s color scheme was not emulated", scheme)
	}
	runAxe(t, ctx, scheme+" mode")
}

// runAxe fails on every WCAG violation axe-core finds in the page as shown
// now, described by how. It is a subtest of its own, the one part of a
// page's checks that is skipped without axe-core (outside CI).
func runAxe(t *testing.T, ctx context.Context, how string) {
	t.Helper()
	t.Run("axe in "+how, func(t *testing.T) {
		checkAxe(t, ctx, axe(t), how)
	})
}

// checkAxe fails on every violation axe-core finds.
func checkAxe(t *testing.T, ctx context.Context, axeJS, how string) {
	t.Helper()
	violations, err := accessibilityViolations(ctx, axeJS)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Errorf("axe, %s: %s", how, v)
	}
}

// setMedia emulates a media type ("print", or "" for screen) and a
// prefers-color-scheme ("" for the default, light).
func setMedia(t *testing.T, ctx context.Context, media, scheme string) {
	t.Helper()
	params := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		params.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, params)
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// printCheck lists what print media shows that paper has no use for, and
// whether the dates are shown.
const printCheck = `(function () {
  function shown(el) { return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden"; }
  var hidden = "nav.languages, .version-links, .toc, .notice-upcoming, .notice-change, .notice-material, #compare-picker, .skip";
  var r = {checked: 0, shown: [], dates: []};
  document.querySelectorAll(hidden).forEach(function (el) {
    r.checked++;
    if (shown(el)) r.shown.push(el.outerHTML.slice(0, 80));
  });
  document.querySelectorAll(".dates").forEach(function (el) {
    r.dates.push(shown(el) ? el.innerText.trim() : "");
  });
  r.trace = [];
  document.querySelectorAll(".print-trace").forEach(function (el) {
    r.trace.push(shown(el) ? el.innerText.trim() : "");
  });
  return r;
})()`

type printResult struct {
	Checked int      `json:"checked"`
	Shown   []string `json:"shown"`
	Dates   []string `json:"dates"`
	Trace   []string `json:"trace"` // what ties a printout to its version
}

// checkPrint prints the page (emulated) and fails when navigation or a
// notice meant for the screen is shown, or when a version's dates are not.
func checkPrint(t *testing.T, ctx context.Context, p examplePage) {
	t.Helper()
	if screen := run(t, ctx, chromedp.Evaluate[printResult](printCheck)); strings.Join(screen.Trace, "") != "" {
		t.Errorf("the screen shows the print-only line %q", screen.Trace)
	}
	setMedia(t, ctx, "print", "")
	defer setMedia(t, ctx, "", "")
	if !run(t, ctx, chromedp.Evaluate[bool](`matchMedia("print").matches`)) {
		t.Fatal("print media was not emulated")
	}
	r := run(t, ctx, chromedp.Evaluate[printResult](printCheck))
	for _, s := range r.Shown {
		t.Errorf("print shows %s…", s)
	}
	isVersion := map[string]bool{"policy": true, "policy-changed": true, "archived": true, "upcoming": true}[p.kind]
	if isVersion {
		if len(r.Dates) != 1 || r.Dates[0] == "" {
			t.Errorf("print does not show the version's dates: %q", r.Dates)
		}
		// Its links are gone on paper: the printout names the version's
		// permanent address and its status on the day of the build.
		if len(r.Trace) != 1 || !strings.Contains(r.Trace[0], "https://") || !strings.Contains(r.Trace[0], "/20") {
			t.Errorf("print does not say which version it is and where it lives: %q", r.Trace)
		}
		if r.Checked < 2 {
			t.Errorf("print: only %d elements to hide found on a version page; the check is not working", r.Checked)
		}
	}
}

// overflowCheck reports what is wider than the viewport, and tables that do
// not scroll inside their own box.
const overflowCheck = `(function () {
  var d = document.documentElement, r = {scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, wide: [], tables: []};
  if (d.scrollWidth > d.clientWidth) {
    document.querySelectorAll("body *").forEach(function (el) {
      var box = el.getBoundingClientRect();
      if (box.right > d.clientWidth + 0.5 && (el.closest(".table-scroll") === null || getComputedStyle(el).position === "absolute")) r.wide.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " " + Math.round(box.right) + "px");
    });
  }
  document.querySelectorAll("main table").forEach(function (t) {
    var box = t.parentElement;
    if (!box.classList.contains("table-scroll") || getComputedStyle(box).overflowX !== "auto") r.tables.push(t.className || t.outerHTML.slice(0, 60));
  });
  return r;
})()`

type overflowResult struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Wide        []string `json:"wide"`
	Tables      []string `json:"tables"`
}

// checkSmallScreens fails when anything overflows a 320 or 375 px wide
// screen, or a table is not in a box of its own that scrolls, and runs the
// accessibility rules again on the narrowest screen, where boxes scroll.
func checkSmallScreens(t *testing.T, ctx context.Context) {
	t.Helper()
	defer func() {
		if err := chromedp.Do(ctx, reset()); err != nil {
			t.Fatal(err)
		}
	}()
	for _, width := range []int64{320, 375} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 640, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		r := run(t, ctx, chromedp.Evaluate[overflowResult](overflowCheck))
		if r.ClientWidth != int(width) {
			t.Fatalf("%d px: the viewport is %d px wide; the emulation did not apply", width, r.ClientWidth)
		}
		if r.ScrollWidth > r.ClientWidth {
			t.Errorf("%d px: the page is %d px wide; too wide: %v", width, r.ScrollWidth, r.Wide)
		}
		for _, tb := range r.Tables {
			t.Errorf("%d px: table %q is not inside a .table-scroll box with overflow-x: auto", width, tb)
		}
		if width == 320 {
			runAxe(t, ctx, "320 px")
		}
	}
}

// checkWithoutJavaScript loads the page again with scripts disabled and
// fails unless it reads the same.
func checkWithoutJavaScript(t *testing.T, ctx context.Context, url, withJS string) {
	t.Helper()
	defer func() {
		if err := chromedp.Do(ctx, reset()); err != nil {
			t.Fatal(err)
		}
	}()
	if err := chromedp.Do(ctx, scriptsOff(true), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	// The history page's picker is shown by its script: the proof that
	// scripts really were off.
	if shown := run(t, ctx, chromedp.Evaluate[bool](`(function () { var f = document.getElementById("compare-picker"); return f !== null && !f.hidden; })()`)); shown {
		t.Error("without JavaScript the comparison picker is shown; it cannot work")
	}
	withoutJS := run(t, ctx, chromedp.Evaluate[string](mainText))
	if len(strings.TrimSpace(withJS)) < 100 {
		t.Errorf("main holds almost no text: %q", withJS)
	}
	if withoutJS != withJS {
		t.Errorf("without JavaScript main reads differently:\n--- with (%d chars)\n%s\n--- without (%d chars)\n%s", len(withJS), withJS, len(withoutJS), withoutJS)
	}
}

// TestCSPViolationsAreCaught proves the CSP checks can fail: an inline
// style, which the site's policy forbids, is reported by both recorders.
func TestCSPViolationsAreCaught(t *testing.T) {
	site := serveExample(t)
	ctx, seen := newBrowser(t, 30*time.Second)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(site.url("/en/")),
		chromedp.Evaluate[chromedp.Void](`document.head.insertAdjacentHTML("beforeend", "<style>body { color: red }</style>")`),
	); err != nil {
		t.Fatal(err)
	}
	violations := run(t, ctx, chromedp.Poll[[]string](`window.__cspViolations.length > 0 && window.__cspViolations`, chromedp.WithPollingTimeout(5*time.Second)))
	if len(violations) == 0 || !strings.Contains(violations[0], "style-src") {
		t.Errorf("the page's listener saw %q", violations)
	}
	logged := seen.errors()
	for deadline := time.Now().Add(2 * time.Second); len(logged) == 0 && time.Now().Before(deadline); logged = seen.errors() {
		time.Sleep(20 * time.Millisecond)
	}
	if len(logged) == 0 || !strings.Contains(strings.Join(logged, "\n"), "Content Security Policy") {
		t.Errorf("the browser logged %q", logged)
	}
}

// TestRegisterUsesTheWindow: the register's ten columns take the window's
// width on a desktop screen, wider than the text column, without making
// the page scroll sideways.
func TestRegisterUsesTheWindow(t *testing.T) {
	site := serveExample(t)
	ctx, _ := newBrowser(t, 30*time.Second)
	for _, width := range []int64{1024, 1280, 1920} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(site.url("/en/processors/"))); err != nil {
			t.Fatal(err)
		}
		r := run(t, ctx, chromedp.Evaluate[overflowResult](overflowCheck))
		if r.ScrollWidth > r.ClientWidth {
			t.Errorf("%d px: the page is %d px wide: %v", width, r.ScrollWidth, r.Wide)
		}
		widths := run(t, ctx, chromedp.Evaluate[[]float64](`[document.querySelector(".table-scroll").getBoundingClientRect().width, document.querySelector("main p").getBoundingClientRect().width]`))
		if widths[0] <= widths[1] {
			t.Errorf("%d px: the register is %.0f px wide, no wider than the text (%.0f px)", width, widths[0], widths[1])
		}
	}
}
