package cli_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestLanguageSwitcherNeverCallsAnotherPageThisOne walks every page of the
// test site: the language switcher marks the reader's language, but a link
// may say it is the current page (aria-current="page", which a screen
// reader announces as such) only when it leads to this very page. A
// version's or a comparison's switcher leads to the policy in each
// language, which is another page.
func TestLanguageSwitcherNeverCallsAnotherPageThisOne(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	marked := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		url := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		pg := readPage(t, out, url)
		for _, a := range pg.all("a", "") {
			switch attr(a, "aria-current") {
			case "page":
				if attr(a, "href") != url {
					t.Errorf("%s: the link to %s says it is the current page", url, attr(a, "href"))
				}
			case "true":
				marked++
			}
		}
		return nil
	})
	if marked == 0 {
		t.Error("no page marks the reader's language in its switcher")
	}
}

// TestSiteWideNoticesAreInALandmark: the material-change notice shown on
// every page of a language comes before main; it must still lie in a
// landmark, so a screen reader's landmark list does not skip it.
func TestSiteWideNoticesAreInALandmark(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	pg := readPage(t, out, "/en/")
	notices := pg.all("div", "notice-material")
	if len(notices) == 0 {
		t.Fatal("the test site shows no material notice on its English index; the test proves nothing")
	}
	for _, n := range notices {
		inLandmark := false
		for a := n.Parent; a != nil; a = a.Parent {
			if a.Data == "main" || (a.Data == "aside" && attr(a, "aria-label") != "") {
				inLandmark = true
			}
		}
		if !inLandmark {
			t.Errorf("a material notice lies outside every landmark: %q", text(n))
		}
	}
}
