package browser

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/internal/testsite"
)

// payload runs in a browser only if the output lets it: each variant sets
// window.__pwned, and some open a dialog, which would stall the page.
var payloads = []string{
	`<script>window.__pwned=1</script>`,
	`"><img src=x onerror="window.__pwned=2">`,
	`'><svg onload="window.__pwned=3">`,
	`<a href="javascript:window.__pwned=4">x</a>`,
	`<iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>`,
	`<style>body{display:none}</style>`,
	`<script>alert(6)</script>`,
}

// TestHostileContentIsInert builds a site whose every author-controlled
// field carries script payloads (unsafe_html off) and loads its pages in
// Chromium, once under the site's CSP and once without it, as on a host
// that ignores _headers: escaping alone must keep every payload from
// running and every dialog from opening. (With unsafe_html = true and no
// CSP this test fails: the payloads run.)
func TestHostileContentIsInert(t *testing.T) {
	site := testsite.Copy(t, "../cli/testdata/site")
	q := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(strings.Join(payloads, " "))
	body := strings.Join(payloads, "\n\n") + "\n\n[click](javascript:window.__pwned=7) ![i](javascript:window.__pwned=8)\n"
	write := func(rel, s string) {
		p := filepath.Join(site, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	front := func(date, extra string) string {
		return "+++\ntitle = \"Cookies " + q + "\"\nlast_updated = " + date + "\ndescription = \"" + q + "\"\n" + extra +
			"\n[[processors]]\nname = \"" + q + "\"\nlocation = \"" + q + "\"\npurpose = \"" + q + "\"\ncountry = \"" + q + "\"\ntransfer = \"" + q + "\"\n+++\n"
	}
	write("content/cookies/archive/2023-05-01/en.md", front("2023-05-01", "")+"## Old "+payloads[1]+"\n\n"+body)
	write("content/cookies/en.md", front("2023-06-01", "\n[change]\nsummary = \""+q+"\"\nmaterial = true\n")+"## New "+payloads[2]+"\n\n"+body+"\nMore.\n")

	out := filepath.Join(t.TempDir(), "public")
	if _, diags, err := build.Build(build.Options{Site: site, Now: "2023-06-02"}, out); err != nil || diags.HasErrors() {
		t.Fatalf("build: %v %v", err, diags.Errors())
	}
	for name, headers := range map[string][]headerRule{"with the CSP": headersOf(t, out), "without headers": nil} {
		t.Run(name, func(t *testing.T) { checkInert(t, out, headers) })
	}
}

func checkInert(t *testing.T, out string, rules []headerRule) {
	srv := httptest.NewServer(staticHost(out, rules))
	defer srv.Close()

	ctx, _ := newBrowser(t, 60*time.Second)
	for _, path := range []string{
		"/en/cookies/", "/en/cookies/2023-05-01/", "/en/cookies/2023-06-01/changes/",
		"/en/cookies/history/", "/en/", "/en/privacy/",
	} {
		// A dialog would keep the page from loading: the navigation fails.
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		pwned := run(t, ctx, chromedp.Evaluate[string](`String(window.__pwned)`))
		if pwned != "undefined" {
			t.Errorf("%s: payload %s ran", path, pwned)
		}
		visible := run(t, ctx, chromedp.Evaluate[bool](`getComputedStyle(document.body).display !== "none"`))
		if !visible {
			t.Errorf("%s: an injected style hid the page", path)
		}
		// Clicking every link must not run anything either.
		run(t, ctx, chromedp.Evaluate[chromedp.Void](`for (const a of document.querySelectorAll("main a[href^='javascript']")) a.click()`))
		if got := run(t, ctx, chromedp.Evaluate[string](`String(window.__pwned)`)); got != "undefined" {
			t.Errorf("%s: a link ran payload %s", path, got)
		}
	}
}
