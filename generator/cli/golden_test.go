package cli_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden from this build")

// golden pages of the test site, one of each kind, with realistic edits
// between versions (a reworded sentence, an added paragraph, a processor
// added, an effective date moved). A change to the layouts or the redline
// shows up here as a diff to review; refresh with
//
//	go test ./generator/cli -run TestGoldenPages -update
var golden = []string{
	"en/privacy/index.html",
	"en/privacy/2023-01-01/index.html",
	"en/privacy/2024-04-05/index.html",
	"en/privacy/history/index.html",
	"en/privacy/2024-03-01/changes/index.html",
	"en/privacy/2024-04-05/changes/index.html",
	"en/privacy/compare/2023-01-01..2024-03-01/index.html",
	"sv/privacy/index.html",
	"en/index.html",
	"en/feed.xml",
	"en/processors.xml",
	"en/privacy/versions.json",
	"sitemap.xml",
	"404.html",
}

func TestGoldenPages(t *testing.T) {
	checkGolden(t, buildSite(t, testSite, "2024-04-10"), "", golden)
	// A second site whose one change carries every kind of edit a redline
	// must show: a reworded sentence, a moved paragraph, an added section,
	// a changed link target, a processor added and one changed.
	checkGolden(t, buildSite(t, "testdata/redline-site", "2024-07-02"), "redline-site__",
		[]string{"en/terms/2024-06-01/changes/index.html"})
}

func checkGolden(t *testing.T, out, prefix string, files []string) {
	t.Helper()
	for _, rel := range files {
		got := mustRead(t, out, rel)
		file := filepath.Join("testdata", "golden", prefix+strings.ReplaceAll(rel, "/", "__"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; review the change and run with -update if it is right\n%s", rel, file, firstDifference(want, got))
		}
	}
}

// firstDifference shows the first line where two files differ.
func firstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return ""
}
