package browser

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestComparePicker uses the history page's picker the way a visitor does,
// under the site's Content-Security-Policy: choosing two versions in either
// order and submitting opens their comparison page; every pair it offers
// opens a page that exists; without JavaScript the form stays hidden.
//
// The picker builds addresses in its script, so it is used on the site
// previewed under a path too.
func TestComparePicker(t *testing.T) {
	for _, site := range examples(t) {
		t.Run(site.name, func(t *testing.T) { comparePicker(t, site) })
	}
}

func comparePicker(t *testing.T, site *example) {
	ctx, seen := newBrowser(t, 60*time.Second)
	history := site.url("/en/privacy/history/")

	pick := func(t *testing.T, from, to string) (location string, status int64) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(history),
			chromedp.WaitVisible(chromedp.ID("compare-picker")),
			chromedp.SetValue(chromedp.CSS(`#compare-picker select[name="from"]`), from),
			chromedp.SetValue(chromedp.CSS(`#compare-picker select[name="to"]`), to),
		); err != nil {
			t.Fatal(err)
		}
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`#compare-picker button[type="submit"]`)))
		if err != nil {
			t.Fatalf("%s and %s: %v", from, to, err)
		}
		return run(t, ctx, chromedp.Location()), resp.Status
	}

	for _, c := range []struct{ from, to string }{
		{"2023-03-01", "2025-09-15"},
		{"2025-09-15", "2023-03-01"},
	} {
		location, status := pick(t, c.from, c.to)
		if want := "/en/privacy/compare/2023-03-01..2025-09-15/"; !strings.HasSuffix(location, want) || status != http.StatusOK {
			t.Errorf("picking %s and %s led to %s (%d), want %s", c.from, c.to, location, status, want)
		}
	}

	// Every pair the picker offers has a page.
	if err := chromedp.Do(ctx, chromedp.Navigate(history)); err != nil {
		t.Fatal(err)
	}
	offered := run(t, ctx, chromedp.AttributeValue(chromedp.ID("compare-picker"), "data-pairs"))
	pairs := strings.Fields(offered.Value)
	if len(pairs) < 3 {
		t.Fatalf("the picker offers %q", offered.Value)
	}
	// Each field is "from..to=/its/page/"; a pair with both a changes/ and
	// a compare/ page may lead to either.
	pages := map[string][]string{}
	for _, field := range pairs {
		pair, page, _ := strings.Cut(field, "=")
		pages[pair] = append(pages[pair], page)
	}
	for pair, want := range pages {
		from, to, _ := strings.Cut(pair, "..")
		location, status := pick(t, to, from)
		if status != http.StatusOK || !slices.ContainsFunc(want, func(p string) bool { return strings.HasSuffix(location, p) }) {
			t.Errorf("the picker offers %s, leading to %v, but picking it led to %s (%d)", pair, want, location, status)
		}
	}

	// The same version twice is no comparison: the picker says so and
	// stays on the page.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(history),
		chromedp.WaitVisible(chromedp.ID("compare-picker")),
		chromedp.SetValue(chromedp.CSS(`#compare-picker select[name="from"]`), "2024-05-10"),
		chromedp.SetValue(chromedp.CSS(`#compare-picker select[name="to"]`), "2024-05-10"),
		chromedp.Click(chromedp.CSS(`#compare-picker button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".picker-message")),
	); err != nil {
		t.Fatal(err)
	}
	if location := run(t, ctx, chromedp.Location()); location != history {
		t.Errorf("picking one version twice led to %s", location)
	}

	violations := run(t, ctx, chromedp.Evaluate[[]string](`window.__cspViolations || ["the CSP listener did not run"]`))
	for _, v := range violations {
		t.Errorf("Content-Security-Policy violation: %s", v)
	}
	for _, e := range seen.errors() {
		t.Errorf("browser logged: %s", e)
	}

	// Without JavaScript the picker cannot work, so it is not shown.
	if err := chromedp.Do(ctx,
		scriptsOff(true),
		chromedp.Navigate(history),
	); err != nil {
		t.Fatal(err)
	}
	hidden := run(t, ctx, chromedp.Evaluate[bool](`(function () {
  var f = document.getElementById("compare-picker");
  return f !== null && f.hidden && f.getClientRects().length === 0;
})()`))
	if !hidden {
		t.Error("without JavaScript the comparison picker is shown")
	}
	if err := chromedp.Do(ctx, reset()); err != nil {
		t.Fatal(err)
	}
}
