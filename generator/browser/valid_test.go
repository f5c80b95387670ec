package browser

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/internal/testsite"
)

// TestHTMLIsValid runs the Nu HTML Checker, the W3C's reference validator
// (npm's vnu-jar, run with the machine's Java), over every page of the
// example site and fails on any error. Its warnings are advice, not errors,
// and are left out.
func TestHTMLIsValid(t *testing.T) {
	site := serveExample(t)
	jar := filepath.Join(webTools, "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		testsite.Need(t, "no Nu HTML Checker (%v); run: cd .ci/web && npm ci", err)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		testsite.Need(t, "no java on PATH for the Nu HTML Checker (apt-get install default-jre-headless)")
	}
	pages, err := filepath.Glob(filepath.Join(site.dir, "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(site.dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "index.html" && filepath.Dir(path) != site.dir {
			pages = append(pages, path)
		}
		return err
	})
	if len(pages) < 50 {
		t.Fatalf("found only %d pages in %s", len(pages), site.dir)
	}

	// A page with a known error proves the checker reads the pages.
	control := filepath.Join(t.TempDir(), "control.html")
	if err := os.WriteFile(control, []byte("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"></head>\n<body><p>no title</p></body>\n</html>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pages = append(pages, control)

	// The checker exits 1 when it reports an error; its report says why.
	cmd := exec.Command(java, append([]string{"-Xss2m", "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}, pages...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the Nu HTML Checker failed: %v\n%s", err, stderr.String())
	}
	// --format json writes its report to stderr.
	report := []byte(stderr.String())
	if len(out) > 0 {
		report = out
	}
	var result struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
			FirstColumn                          int
		}
	}
	if err := json.Unmarshal(report, &result); err != nil {
		t.Fatalf("reading the checker's report: %v\n%s", err, report)
	}
	controlled := false
	for _, m := range result.Messages {
		if m.Type == "info" {
			continue
		}
		if strings.HasSuffix(m.URL, "/control.html") {
			controlled = true
			continue
		}
		where := strings.TrimPrefix(strings.TrimPrefix(m.URL, "file:"), site.dir)
		t.Errorf("%s:%d:%d: %s: %s\n    %s", where, m.LastLine, m.FirstColumn, m.Type, m.Message, strings.ReplaceAll(m.Extract, "\n", "⏎"))
	}
	if !controlled {
		t.Errorf("the checker found no error in a page without a title; it is not checking:\n%s", report)
	}
	t.Logf("checked %d pages", len(pages)-1)
}
