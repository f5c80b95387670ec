package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// screenshotsEnv names the folder TestScreenshots writes to.
const screenshotsEnv = "GEN_SCREENSHOTS"

// TestScreenshots writes, when GEN_SCREENSHOTS names a folder, a full-page
// screenshot of every kind of page of the example site at 1280 and 375 px,
// in light and dark mode, on the day with the most notices: for reviewers
// to look at, not compared pixel by pixel. Without the variable there is
// nothing to write and it does nothing.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv(screenshotsEnv)
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	base := serveExampleOn(t, materialDay)
	ctx, _ := newBrowser(t, 10*time.Minute)
	defer func() {
		if err := chromedp.Do(ctx, reset()); err != nil {
			t.Fatal(err)
		}
	}()
	pages := []struct{ name, path string }{
		{"index", "/en/"},
		{"policy", "/en/privacy/"},
		{"policy-translation-behind", "/nb/privacy/"},
		{"archived", "/en/privacy/2024-05-10/"},
		{"history", "/en/privacy/history/"},
		{"changes", "/en/privacy/2026-11-16/changes/"},
		{"compare", "/en/privacy/compare/2023-03-01..2026-11-16/"},
		{"register", "/en/processors/"},
		{"404", "/en/no-such-policy/"},
	}
	written := 0
	for _, p := range pages {
		for _, width := range []int64{1280, 375} {
			for _, scheme := range []string{"light", "dark"} {
				emulate := chromedp.EmulateViewport(width, 900)
				if width < 720 {
					emulate = chromedp.EmulateViewport(width, 812, chromedp.EmulateMobile)
				}
				if err := chromedp.Do(ctx, emulate); err != nil {
					t.Fatal(err)
				}
				setMedia(t, ctx, "", scheme)
				load(t, ctx, base+p.path)
				png := run(t, ctx, chromedp.FullScreenshot(100)) // 100: PNG
				name := filepath.Join(dir, fmt.Sprintf("%s-%d-%s.png", p.name, width, scheme))
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(string(png), "\x89PNG") {
					t.Errorf("%s: not a screenshot (%d bytes)", name, len(png))
				}
				written++
			}
		}
	}
	t.Logf("%d screenshots in %s", written, dir)
}
