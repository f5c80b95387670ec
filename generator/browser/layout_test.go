package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"github.com/policygen/gen/generator/build"
)

// materialDay is a day on which every page of the example site but the
// changed policy's own carries the site-wide notice of a material change:
// privacy's version of 2026-11-16 took effect on 2027-01-01.
const materialDay = "2027-01-05"

// TestLayoutOnPhoneAndDesktop measures, on a 320 and a 375 px phone and a
// 1280 px desktop, what a reader sees of the layout: the version history
// reads as one block per version on a phone, its dates still under their
// column names, and stays a table for a screen reader; a table's caption
// wraps within the screen; the site-wide notice and the footer line up with
// the content.
func TestLayoutOnPhoneAndDesktop(t *testing.T) {
	base := serveExampleOn(t, materialDay)
	ctx, _ := newBrowser(t, 120*time.Second)
	defer func() {
		if err := chromedp.Do(ctx, reset()); err != nil {
			t.Fatal(err)
		}
	}()
	for _, width := range []int64{320, 375, 1280} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			phone := width < 720 // the history stacks below 45em
			emulate := chromedp.EmulateViewport(width, 900)
			if phone {
				emulate = chromedp.EmulateViewport(width, 900, chromedp.EmulateMobile)
			}
			if err := chromedp.Do(ctx, emulate); err != nil {
				t.Fatal(err)
			}
			for _, lang := range []string{"en", "sv", "nb"} {
				load(t, ctx, base+"/"+lang+"/privacy/history/")
				checkHistoryLayout(t, ctx, lang, phone)
				checkHistoryIsATable(t, ctx, lang)
				load(t, ctx, base+"/"+lang+"/privacy/")
				checkCaptionWraps(t, ctx, lang)
			}
			for _, path := range []string{"/en/cookies/", "/404.html"} {
				load(t, ctx, base+path)
				checkAligned(t, ctx, path)
			}
		})
	}
}

// serveExampleOn builds the example site as it is on day and serves it the
// way serveExample does, for the calling test alone.
func serveExampleOn(t *testing.T, day string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Build(build.Options{Site: exampleSite, Now: day}, out); err != nil || diags.HasErrors() {
		t.Fatalf("building the example site on %s: %v\n%s", day, err, diags.Errors())
	}
	srv := httptest.NewServer(staticHost(out, headersOf(t, out)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// headersOf reads the _headers a build wrote to out, as a static host would.
func headersOf(t *testing.T, out string) []headerRule {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(out, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := parseHeaders(raw)
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

func load(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

// historyLayout measures the history table: how far its box scrolls
// sideways, and for each version whether its cells share one line, how wide
// its summary is, and whether the two dates sit under their column names.
const historyLayout = `(function () {
  var t = document.querySelector("table.history"), box = t.closest(".table-scroll");
  var names = t.tHead.rows[0].cells;
  var r = {sideways: box.scrollWidth - box.clientWidth, width: t.getBoundingClientRect().width, rows: []};
  Array.prototype.forEach.call(t.tBodies[0].rows, function (tr) {
    var cells = Array.prototype.map.call(tr.cells, function (c) { return c.getBoundingClientRect(); });
    r.rows.push({
      version: tr.cells[0].innerText.split("\n")[0],
      oneLine: cells.every(function (c) { return Math.abs(c.top - cells[0].top) < 1; }),
      summary: cells[3].width,
      named: [1, 2].every(function (i) {
        var name = names[i].getBoundingClientRect();
        return name.width > 1 && name.bottom <= cells[i].top + 1 && Math.abs(name.left - cells[i].left) < 1;
      })
    });
  });
  return r;
})()`

type historyResult struct {
	Sideways float64 `json:"sideways"`
	Width    float64 `json:"width"`
	Rows     []struct {
		Version string  `json:"version"`
		OneLine bool    `json:"oneLine"`
		Summary float64 `json:"summary"`
		Named   bool    `json:"named"`
	} `json:"rows"`
}

// checkHistoryLayout fails when the history does not fit a phone without
// scrolling sideways, when a phone gets the summary in a column rather than
// across the block, or a desktop anything but one line per version, and when
// the dates are not under their column names.
func checkHistoryLayout(t *testing.T, ctx context.Context, lang string, phone bool) {
	t.Helper()
	r := run(t, ctx, chromedp.Evaluate[historyResult](historyLayout))
	if len(r.Rows) < 2 {
		t.Fatalf("%s history: %d versions measured; the check is not working", lang, len(r.Rows))
	}
	if phone && r.Sideways > 0 {
		t.Errorf("%s history: the table scrolls %.0f px sideways", lang, r.Sideways)
	}
	for _, row := range r.Rows {
		switch {
		case phone && row.Summary < 0.9*r.Width:
			t.Errorf("%s history, %s: the summary is %.0f px wide in a %.0f px table", lang, row.Version, row.Summary, r.Width)
		case !phone && !row.OneLine:
			t.Errorf("%s history, %s: the version's cells are not on one line", lang, row.Version)
		}
		if !row.Named {
			t.Errorf("%s history, %s: the dates are not under their column names", lang, row.Version)
		}
	}
}

// checkHistoryIsATable fails unless the browser's accessibility tree, what
// a screen reader reads, has the history as a table named by its caption,
// with a row for the column names and one for each version, and every
// column name, row header and cell of the markup.
func checkHistoryIsATable(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	want := run(t, ctx, chromedp.Evaluate[map[string]int](`(function () {
  var t = document.querySelector("table.history");
  return {row: t.rows.length, columnheader: t.querySelectorAll("thead th").length,
    rowheader: t.querySelectorAll("tbody th").length, cell: t.querySelectorAll("tbody td").length};
})()`))
	caption := run(t, ctx, chromedp.Evaluate[string](`document.querySelector("table.history caption").textContent`))
	got := run(t, ctx, tableRoles(caption))
	if want["row"] < 3 {
		t.Fatalf("%s history: the markup has %v; the check is not working", lang, want)
	}
	for role, n := range want {
		if got[role] != n {
			t.Errorf("%s history: the accessibility tree has %d %ss, the markup %d (all: %v)", lang, got[role], role, n, got)
		}
	}
}

// tableRoles counts the roles in the accessibility tree's table named name.
func tableRoles(name string) chromedp.Action[map[string]int] {
	return func(ctx context.Context, tg *chromedp.Target) (map[string]int, error) {
		res, err := cdp.Call(ctx, tg, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		if err != nil {
			return nil, err
		}
		nodes := map[accessibility.NodeID]*accessibility.Node{}
		for _, n := range res.Nodes {
			nodes[n.NodeID] = n
		}
		text := func(v *accessibility.Value) string {
			var s string
			if v != nil {
				json.Unmarshal(v.Value, &s) // a role or name is a JSON string
			}
			return s
		}
		roles := map[string]int{}
		var count func(n *accessibility.Node)
		count = func(n *accessibility.Node) {
			if !n.Ignored {
				roles[text(n.Role)]++
			}
			for _, id := range n.ChildIDs {
				if c := nodes[id]; c != nil {
					count(c)
				}
			}
		}
		for _, n := range res.Nodes {
			if !n.Ignored && text(n.Role) == "table" && text(n.Name) == name {
				count(n)
				return roles, nil
			}
		}
		return nil, fmt.Errorf("no table named %q in the accessibility tree", name)
	}
}

// checkCaptionWraps fails when the processors table's caption runs past
// the right edge of the box the table scrolls in.
func checkCaptionWraps(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	past := run(t, ctx, chromedp.Evaluate[float64](`(function () {
  var caption = document.querySelector("table.processors caption"), text = document.createRange();
  text.selectNodeContents(caption);
  return text.getBoundingClientRect().right - caption.closest(".table-scroll").getBoundingClientRect().right;
})()`))
	if past > 0.5 {
		t.Errorf("%s privacy: the processors caption runs %.0f px past the edge of its box", lang, past)
	}
}

// alignment gives the left and right edges of main's box, of the text
// column inside it, of the footer and of the site-wide notice.
const alignment = `(function () {
  function edges(el) { if (!el) return null; var b = el.getBoundingClientRect(); return [b.left, b.right]; }
  var main = document.querySelector("main"), style = getComputedStyle(main), box = edges(main);
  var column = main.querySelector(":scope > .content");
  // Beside a side navigation, the text is the content's column.
  var text = column && getComputedStyle(main).display === "grid" ? edges(column) : [box[0] + parseFloat(style.paddingLeft), box[1] - parseFloat(style.paddingRight)];
  return {
    main: box,
    text: text,
    footer: edges(document.querySelector("footer.site")),
    notice: edges(document.querySelector(".site-notices .notice-material"))
  };
})()`

type alignmentResult struct {
	Main   []float64 `json:"main"`
	Text   []float64 `json:"text"`
	Footer []float64 `json:"footer"`
	Notice []float64 `json:"notice"`
}

// checkAligned fails unless the footer is as wide as main and the site-wide
// notice as wide as the text, like the notices inside main.
func checkAligned(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	r := run(t, ctx, chromedp.Evaluate[alignmentResult](alignment))
	same := func(a, b []float64) bool {
		return len(a) == 2 && len(b) == 2 && math.Abs(a[0]-b[0]) < 0.5 && math.Abs(a[1]-b[1]) < 0.5
	}
	if !same(r.Footer, r.Main) {
		t.Errorf("%s: the footer spans %v, main %v", path, r.Footer, r.Main)
	}
	if r.Notice == nil {
		t.Fatalf("%s: no site-wide notice on %s; the check needs one", path, materialDay)
	}
	if !same(r.Notice, r.Text) {
		t.Errorf("%s: the site-wide notice spans %v, the text %v", path, r.Notice, r.Text)
	}
}
