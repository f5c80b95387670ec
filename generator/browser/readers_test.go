package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// archivedInSight scrolls to the end of the page and says what is at the
// top of the window over the article: the article itself (its sticky
// ::before line) and that line's text, or what else is there.
const archivedInSight = `(function () {
  var article = document.querySelector("article.policy");
  window.scrollTo(0, document.documentElement.scrollHeight);
  var box = article.getBoundingClientRect();
  var at = document.elementFromPoint(box.left + 8, 6);
  return {
    scrolled: window.scrollY,
    top: at === article ? "article" : (at ? at.tagName.toLowerCase() + "." + at.className : "nothing"),
    line: getComputedStyle(article, "::before").content
  };
})()`

type inSight struct {
	Scrolled float64 `json:"scrolled"`
	Top      string  `json:"top"`
	Line     string  `json:"line"`
}

// TestArchivedStaysInSight: however far a reader scrolls through an
// archived version, at 1280 px and on a 375 px phone, the top of the window
// says it is archived; a version in force has no such line.
func TestArchivedStaysInSight(t *testing.T) {
	base := serveExampleOn(t, materialDay)
	ctx, _ := newBrowser(t, 60*time.Second)
	defer func() {
		if err := chromedp.Do(ctx, reset()); err != nil {
			t.Fatal(err)
		}
	}()
	for _, width := range []int64{1280, 375} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) {
			emulate := chromedp.EmulateViewport(width, 800)
			if width < 720 {
				emulate = chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile)
			}
			if err := chromedp.Do(ctx, emulate); err != nil {
				t.Fatal(err)
			}
			load(t, ctx, base+"/en/privacy/2024-05-10/")
			r := run(t, ctx, chromedp.Evaluate[inSight](archivedInSight))
			if r.Scrolled < 2000 {
				t.Fatalf("scrolled only %.0f px; the page is too short to prove anything", r.Scrolled)
			}
			if r.Top != "article" || !strings.Contains(r.Line, "Archived version") {
				t.Errorf("at the end of the archived page the top of the window shows %s (line %s)", r.Top, r.Line)
			}
			load(t, ctx, base+"/en/privacy/")
			if r := run(t, ctx, chromedp.Evaluate[inSight](archivedInSight)); r.Top == "article" || r.Line != "none" {
				t.Errorf("the version in force keeps %s at the top of the window (line %s)", r.Top, r.Line)
			}
		})
	}
}

// sideLayout measures where the text, the side navigation and the contents
// are, and where the policy's first paragraph starts.
const sideLayout = `(function () {
  function box(sel) { var el = document.querySelector(sel); if (!el || el.getClientRects().length === 0) return null; var b = el.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top + window.scrollY}; }
  var current = document.querySelector(".policies-nav a[aria-current]");
  return {
    content: box("main > .content"),
    policies: box(".policies-nav"),
    current: current ? current.textContent : "",
    sideContents: box(".toc-side"),
    foldedContents: box("details.toc-details"),
    folded: !!document.querySelector("details.toc-details:not([open])"),
    firstParagraph: box(".body > p")
  };
})()`

// phoneScreen is the height of a 375 px wide phone's screen, in CSS pixels.
const phoneScreen = 812

type place struct{ Left, Right, Top float64 }

type sideResult struct {
	Content, Policies, SideContents, FoldedContents, FirstParagraph *place
	Current                                                         string
	Folded                                                          bool
}

// TestSideNavigationAndFirstScreen: on a wide screen a policy page has the
// language's policies (its own marked) and its contents in a column
// beside the text; on a 375 × 812 phone (an iPhone X to 13 mini) the
// contents are folded away and the first line of the policy's first
// paragraph is on the first screen, on the days the example shows the most
// notices.
func TestSideNavigationAndFirstScreen(t *testing.T) {
	ctx, _ := newBrowser(t, 90*time.Second)
	defer func() {
		if err := chromedp.Do(ctx, reset()); err != nil {
			t.Fatal(err)
		}
	}()
	for _, day := range []string{now, materialDay} {
		base := serveExampleOn(t, day)
		for _, lang := range []string{"en", "sv", "nb"} {
			page := base + "/" + lang + "/privacy/"
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
				t.Fatal(err)
			}
			load(t, ctx, page)
			r := run(t, ctx, chromedp.Evaluate[sideResult](sideLayout))
			if r.Policies == nil || r.SideContents == nil || r.Content == nil {
				t.Fatalf("%s %s at 1280 px: side navigation %v, contents %v", day, lang, r.Policies, r.SideContents)
			}
			if r.Policies.Right > r.Content.Left || r.SideContents.Right > r.Content.Left {
				t.Errorf("%s %s at 1280 px: the side navigation (to %.0f px) is not beside the text (from %.0f px)", day, lang, r.Policies.Right, r.Content.Left)
			}
			if r.Current == "" || r.FoldedContents != nil {
				t.Errorf("%s %s at 1280 px: current policy %q; folded contents shown too: %v", day, lang, r.Current, r.FoldedContents)
			}

			if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, phoneScreen, chromedp.EmulateMobile)); err != nil {
				t.Fatal(err)
			}
			load(t, ctx, page)
			r = run(t, ctx, chromedp.Evaluate[sideResult](sideLayout))
			if !r.Folded || r.FoldedContents == nil || r.SideContents != nil {
				t.Errorf("%s %s at 375 px: contents folded %v, the side contents shown: %v", day, lang, r.Folded, r.SideContents)
			}
			if r.FirstParagraph == nil || r.FirstParagraph.Top > phoneScreen-30 {
				t.Errorf("%s %s at 375 px: the first paragraph starts at %v, below the first screen (%d px)", day, lang, r.FirstParagraph, phoneScreen)
			} else {
				t.Logf("%s %s at 375 px: first paragraph at %.0f px", day, lang, r.FirstParagraph.Top)
			}
		}
	}
}
