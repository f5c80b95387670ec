package render

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"

	"gen/generator/i18n"
)

// TestLayoutsUseKnownStrings makes sure every UI string a built-in layout
// asks for exists, so no visitor ever reads a raw key like "notice.change".
func TestLayoutsUseKnownStrings(t *testing.T) {
	known := i18n.Keys()
	use := regexp.MustCompile(`\.T "([a-z_.-]+)"`)
	found := 0
	err := fs.WalkDir(builtin, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(builtin, p)
		if err != nil {
			return err
		}
		for _, m := range use.FindAllSubmatch(b, -1) {
			found++
			if !slices.Contains(known, string(m[1])) {
				t.Errorf("%s uses unknown UI string %q", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 50 {
		t.Errorf("found only %d uses of UI strings; is the pattern still right?", found)
	}
	// Keys built from a value in Go code.
	for _, k := range []string{"version.status.in-force", "version.status.upcoming", "version.status.archived",
		"redline.processor_added", "redline.processor_removed", "redline.processor_changed",
		"processors.name", "processors.location", "processors.purpose", "processors.country", "processors.transfer", "processors.policy"} {
		if !slices.Contains(known, k) {
			t.Errorf("UI string %q is built in code but unknown", k)
		}
	}
}
