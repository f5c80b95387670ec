package pdf_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/pdf"
)

const base = "https://policies.lumenledger.example/"

var (
	siteOnce  sync.Once
	builtSite string
	siteErr   error
)

// site is the example site built once for the package's tests.
func site(t testing.TB) string {
	t.Helper()
	siteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gen-pdf-")
		if err != nil {
			siteErr = err
			return
		}
		builtSite = filepath.Join(dir, "public")
		_, diags, err := build.Build(build.Options{Site: "../..", Now: "2026-11-23"}, builtSite)
		if err == nil && diags.HasErrors() {
			err = diags.Errors()
		}
		siteErr = err
	})
	if siteErr != nil {
		t.Fatalf("building the example site: %v", siteErr)
	}
	return builtSite
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtSite != "" {
		os.RemoveAll(filepath.Dir(builtSite))
	}
	os.Exit(code)
}

// options prints the pages of site into the folder out.
func options(t *testing.T, site fs.FS, out string) pdf.Options {
	return pdf.Options{Site: site, BaseURL: base, Browser: testsite.Chromium(t), CacheDir: t.TempDir(), Creator: "gen test", Out: output.NewDir(out)}
}

// The version of 10 May 2024 of the privacy policy, which took effect on
// 10 June.
func versionPage() pdf.Page {
	return pdf.Page{
		Path: "en/privacy/2024-05-10/index.html",
		Out:  "/privacy-en-2024-05-10.pdf",
		Meta: pdf.Metadata{
			Title: "Privacy policy, version of 10 May 2024", Author: "Lumen Ledger", Subject: "How Lumen Ledger AB collects personal data",
			Keywords: "privacy policy", Language: "en",
			Created: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC), Modified: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC),
			More: map[string]string{"Effective": "2024-06-10", "Permalink": base + "en/privacy/2024-05-10/"},
		},
	}
}

// A printed version page holds the version's text and dates as its page
// shows them, its metadata, and links to the published site.
func TestPrintVersionPage(t *testing.T) {
	dir := site(t)
	out := t.TempDir()
	page := versionPage()
	file := filepath.Join(out, page.Out)
	res, err := pdf.Print(context.Background(), options(t, os.DirFS(dir), out), []pdf.Page{page})
	if err != nil {
		t.Fatal(err)
	}
	if res.Printed != 1 {
		t.Errorf("%+v, want one page printed", res)
	}
	text := strings.Join(strings.Fields(testsite.Tool(t, "poppler-utils", "pdftotext", file, "-")), " ")
	for _, want := range []string{
		"Privacy policy", "Last updated: May 10, 2024", "Effective: June 10, 2024",
		"It was in force from June 10, 2024 through September 14, 2025",
		"We do not sell personal data, and we do not use the bookkeeping records you enter for advertising.",
		"https://policies.lumenledger.example/en/privacy/2024-05-10/",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text has no %q:\n%.2000s", want, text)
		}
	}
	for _, hidden := range []string{"Skip to content", "Svenska"} {
		if strings.Contains(text, hidden) {
			t.Errorf("the PDF shows %q, which the print stylesheet hides", hidden)
		}
	}
	info := testsite.Tool(t, "poppler-utils", "pdfinfo", "-isodates", "-custom", file)
	for _, want := range []string{
		"Title:           Privacy policy, version of 10 May 2024",
		"Author:          Lumen Ledger",
		"Subject:         How Lumen Ledger AB collects personal data",
		"Keywords:        privacy policy",
		"Creator:         gen test",
		"CreationDate:    2024-05-10T00:00:00Z",
		"ModDate:         2024-05-10T00:00:00Z",
		"Effective:       2024-06-10",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo has no %q:\n%s", want, info)
		}
	}
	info = testsite.Tool(t, "poppler-utils", "pdfinfo", file)
	for _, want := range []string{"Tagged:          yes", "Page size:       595.92 x 841.92 pts (A4)"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo has no %q:\n%s", want, info)
		}
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("/Lang (en)")) {
		t.Error("the PDF has no /Lang (en)")
	}
	if !bytes.Contains(raw, []byte("/URI (https://policies.lumenledger.example/en/privacy/)")) || bytes.Contains(raw, []byte("127.0.0.1")) {
		t.Error("the PDF's links do not point at the published site")
	}
}

// The language and a title in any script reach the PDF.
func TestLanguageAndUnicode(t *testing.T) {
	dir := site(t)
	out := t.TempDir()
	page := pdf.Page{Path: "sv/privacy/2024-05-10/index.html", Out: "/x.pdf",
		Meta: pdf.Metadata{Title: "Integritetspolicy – ändrad (1)", Language: "sv-SE", Author: `Lumen \ "Ledger"`}}
	if _, err := pdf.Print(context.Background(), options(t, os.DirFS(dir), out), []pdf.Page{page}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(out, "x.pdf")
	info := testsite.Tool(t, "poppler-utils", "pdfinfo", file)
	for _, want := range []string{"Title:           Integritetspolicy – ändrad (1)", `Author:          Lumen \ "Ledger"`} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo has no %q:\n%s", want, info)
		}
	}
	raw, _ := os.ReadFile(file)
	if !bytes.Contains(raw, []byte("/Lang (sv-SE)")) {
		t.Error("the PDF has no /Lang (sv-SE)")
	}
	if text := testsite.Tool(t, "poppler-utils", "pdftotext", file, "-"); !strings.Contains(text, "Integritetspolicy") {
		t.Errorf("no Swedish text:\n%s", text)
	}
}

// overlay is a site with some files changed.
type overlay struct {
	fs.FS
	changed fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.changed[name]; ok {
		return o.changed.Open(name)
	}
	return o.FS.Open(name)
}

// A second run prints nothing; a changed stylesheet prints again every
// page that uses it; a change to a file no page loads prints none.
func TestCache(t *testing.T) {
	dir := site(t)
	out := t.TempDir()
	opts := options(t, os.DirFS(dir), out)
	pages := []pdf.Page{versionPage(), {Path: "en/privacy/2025-09-15/index.html", Out: "/b.pdf"}}
	run := func(opts pdf.Options) (pdf.Result, [][]byte) {
		t.Helper()
		res, err := pdf.Print(context.Background(), opts, pages)
		if err != nil {
			t.Fatal(err)
		}
		var pdfs [][]byte
		for _, p := range pages {
			b, err := os.ReadFile(filepath.Join(out, p.Out))
			if err != nil {
				t.Fatal(err)
			}
			pdfs = append(pdfs, b)
		}
		return res, pdfs
	}
	first, pdfs := run(opts)
	if first.Printed != 2 || first.Reused != 0 {
		t.Fatalf("first run: %+v, want 2 printed", first)
	}
	again, pdfs2 := run(opts)
	if again.Printed != 0 || again.Reused != 2 {
		t.Errorf("second run: %+v, want none printed, 2 reused", again)
	}
	for i := range pdfs {
		if !bytes.Equal(pdfs[i], pdfs2[i]) {
			t.Errorf("%s differs from the first run's", pages[i].Path)
		}
	}

	css, err := os.ReadFile(filepath.Join(dir, "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	restyled := opts
	restyled.Site = overlay{os.DirFS(dir), fstest.MapFS{"style.css": {Data: append(css, "\n@media print { body { font-size: 14pt; } }\n"...)}}}
	if res, _ := run(restyled); res.Printed != 2 {
		t.Errorf("after the stylesheet changed: %+v, want both pages printed again", res)
	}
	elsewhere := opts
	elsewhere.Site = overlay{os.DirFS(dir), fstest.MapFS{"en/feed.xml": {Data: []byte("<feed/>")}}}
	if res, _ := run(elsewhere); res.Printed != 0 {
		t.Errorf("after a file no page loads changed: %+v, want none printed", res)
	}
	// Metadata is not part of the print: changing it prints nothing.
	pages[1].Meta.Title = "New title"
	if res, _ := run(opts); res.Printed != 0 {
		t.Errorf("after only the metadata changed: %+v, want none printed", res)
	}

	// The day the site was built, in the print trace, is volatile: the
	// next day's build prints nothing new, unless it does not say so.
	page := "en/privacy/2024-05-10/index.html"
	html, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	today, tomorrow := "November 23, 2026", "November 24, 2026"
	if !bytes.Contains(html, []byte("Status on "+today)) {
		t.Fatalf("%s does not name the day it was built, %s", page, today)
	}
	nextDay := opts
	nextDay.Site = overlay{os.DirFS(dir), fstest.MapFS{page: {Data: bytes.ReplaceAll(html, []byte(today), []byte(tomorrow))}}}
	pages = pages[:1]
	pages[0].Volatile = []string{today}
	run(opts)
	pages[0].Volatile = []string{tomorrow}
	if res, _ := run(nextDay); res.Printed != 0 {
		t.Errorf("the next day's build: %+v, want none printed", res)
	}
	pages[0].Volatile = nil
	if res, _ := run(nextDay); res.Printed != 1 {
		t.Errorf("the next day's build, its day not volatile: %+v, want the page printed", res)
	}

	// A print no run has used for months leaves the cache; one in use stays.
	stale := filepath.Join(opts.CacheDir, "0000-stale.pdf")
	if err := os.WriteFile(stale, []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	months := time.Now().AddDate(0, -3, 0)
	os.Chtimes(stale, months, months)
	entries, _ := filepath.Glob(filepath.Join(opts.CacheDir, "*"))
	for _, e := range entries {
		os.Chtimes(e, months, months) // every print, also those this run uses
	}
	if res, _ := run(nextDay); res.Printed != 0 {
		t.Fatalf("%+v, want the print found in the cache", res)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a print unused for months is still in the cache")
	}
	if res, _ := run(nextDay); res.Printed != 0 {
		t.Errorf("the print the run before used left the cache: %+v", res)
	}
}

func TestBadInput(t *testing.T) {
	dir := site(t)
	opts := options(t, os.DirFS(dir), t.TempDir())
	if _, err := pdf.Print(context.Background(), opts, []pdf.Page{{Path: "en/nope/index.html", Out: "/x.pdf"}}); err == nil || !strings.Contains(err.Error(), "en/nope/index.html") {
		t.Errorf("a page the site does not have: %v", err)
	}
	opts.BaseURL = "policies.example/"
	if _, err := pdf.Print(context.Background(), opts, nil); err == nil || !strings.Contains(err.Error(), "base URL") {
		t.Errorf("a base URL without a scheme: %v", err)
	}
}
