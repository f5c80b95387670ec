package docx_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/model"
)

// TestLibreOffice opens a written redline in a real word processor.
// Converted to PDF, the page shows both versions' words, the changes as
// revisions; and LibreOffice's own Accept All and Reject All (run through
// its UNO interface by testdata/changes.py) leave each version's words.
// .ci/run installs LibreOffice (libreoffice-writer-nogui, python3-uno).
func TestLibreOffice(t *testing.T) {
	soffice := tool(t, "soffice")
	dir := t.TempDir()
	src := filepath.Join(dir, "redline.docx")
	if err := os.WriteFile(src, write(t, sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	run(t, soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, src)
	text := run(t, tool(t, "pdftotext"), "-layout", filepath.Join(dir, "redline.pdf"), "-")
	for _, w := range []string{"web", "90", "30", "Mixpanel", "Hotjar", "second, deleted", "nested new", "Privacy notice"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF LibreOffice made has no %q, which one version has:\n%s", w, text)
		}
	}

	python := unoPython(t)
	for mode, want := range map[string][]string{"Accept": sampleNew, "Reject": sampleOld} {
		if g, w := officeChanges(t, python, src, mode), officeWords(strings.Join(want, "\n")); !reflect.DeepEqual(g, w) {
			t.Errorf("LibreOffice, %s All:\n got %q\nwant %q", mode, g, w)
		}
	}

	// The redline of a real policy, the example's Swedish privacy policy
	// (lists, tables, links, a summary of processors and dates): Accept
	// All leaves the new version's words after the summary, Reject All
	// the old one's.
	loaded := loadSite(t, "../..")
	v := loaded.Site.Edition("sv", "privacy").Newest()
	example := filepath.Join(dir, "example.docx")
	if err := os.WriteFile(example, write(t, redlineOf(t, loaded, v.Previous, v)), 0o644); err != nil {
		t.Fatal(err)
	}
	for mode, version := range map[string]*model.Version{"Accept": v, "Reject": v.Previous} {
		got, want := officeChanges(t, python, example, mode), versionWords(t, version)
		if len(got) < len(want) || !reflect.DeepEqual(got[len(got)-len(want):], want) {
			t.Errorf("LibreOffice, %s All of the example's redline: the text does not end with the version of %s:\n got %.800q\nwant %.800q", mode, version.Date, got, want)
		}
	}
}

// officeChanges has LibreOffice accept or reject (mode) every change in
// the document src and returns the words of the text left.
func officeChanges(t *testing.T, python, src, mode string) []string {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, mode+".txt")
	run(t, python, filepath.Join("testdata", "changes.py"), src, mode, out, filepath.Join(dir, "profile"))
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return officeWords(string(got))
}

// listLabel is a bullet or number LibreOffice writes before a list item's
// text, and the separator of view's table cells.
var listLabel = regexp.MustCompile(`^([•◦▪|]|\d+\.)$`)

// officeWords are the words of a text, leaving out list labels at the
// start of a line and table separators, which view and LibreOffice's text
// export write differently.
func officeWords(s string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimPrefix(s, "\ufeff"), "\n") {
		for i, w := range strings.Fields(line) {
			if w == "|" || i == 0 && listLabel.MatchString(w) {
				continue
			}
			out = append(out, w)
		}
	}
	return out
}

func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		testsite.Need(t, "no %s on PATH; .ci/run installs it (apt-get install libreoffice-writer-nogui python3-uno poppler-utils)", name)
	}
	return p
}

// unoPython finds a Python that can drive LibreOffice: Debian's own
// python3 has its uno module; another one on PATH may not.
func unoPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/lib/libreoffice/program/python", "/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import uno").Run() == nil {
			return p
		}
	}
	testsite.Need(t, "no Python with LibreOffice's uno module; .ci/run installs it (apt-get install python3-uno)")
	return ""
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // LibreOffice writes settings there
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, out, stderr)
	}
	return string(out)
}
