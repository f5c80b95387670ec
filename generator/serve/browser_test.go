package serve_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/policygen/gen/generator/internal/testsite"
)

// newBrowser starts headless Chromium with a short window, so pages scroll.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := testsite.ChromeOptions(testsite.Chromium(t), chromedp.WindowSize(900, 400), chromedp.UserDataDir(t.TempDir()))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// waitFor polls a JavaScript condition in the page until it holds. It
// survives the page reloading underneath it.
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	t.Fatalf("waited 20s for %s; the page reads:\n%s", what, text)
}

// TestBrowserReloadsAndShowsErrors opens a policy page from the server and
// edits its Markdown: the new text appears with no action, at the same
// scroll position; a broken front matter puts the errors over the page; the
// fix takes them away.
func TestBrowserReloadsAndShowsErrors(t *testing.T) {
	ctx := newBrowser(t)
	site := copySite(t, testSite)
	r := start(t, site)
	file := filepath.Join(site, "content", "cookies", "en.md")
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(r.url+"/en/cookies/"), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
		t.Fatal(err)
	}
	// Wait until the reload script listens, then scroll down a little.
	waitFor(t, ctx, "the event stream", `window.genServeBuild !== undefined`)
	scrolled, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.scrollTo(0, 150); Math.round(window.scrollY)`))
	if err != nil || scrolled != 150 {
		t.Fatalf("scrolled to %d, want 150; is the window too tall? (%v)", scrolled, err)
	}

	edited := append(bytes.Clone(good), "\nA sentence written while previewing.\n"...)
	os.WriteFile(file, edited, 0o644)
	// The text shows while the page is still loading; the script puts the
	// reader back once the page is laid out, by its load event at the
	// latest, so that is when the position must be right.
	waitFor(t, ctx, "the edit to appear", `document.readyState === "complete" && document.body.innerText.includes("A sentence written while previewing.")`)
	if y, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Math.round(window.scrollY)`)); err != nil || y != scrolled {
		t.Errorf("after the reload the page is scrolled to %d, want %d (%v)", y, scrolled, err)
	}

	os.WriteFile(file, bytes.Replace(edited, []byte("title ="), []byte("titel ="), 1), 0o644)
	waitFor(t, ctx, "the error overlay", `!!document.getElementById("gen-serve-errors")`)
	overlay, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#gen-serve-errors")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(overlay, "content/cookies/en.md:2:1: unknown key") {
		t.Errorf("the overlay reads %q, want the error with its path", overlay)
	}

	os.WriteFile(file, edited, 0o644)
	waitFor(t, ctx, "the overlay to clear", `!document.getElementById("gen-serve-errors") && document.body.innerText.includes("A sentence written while previewing.")`)
}
