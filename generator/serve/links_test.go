package serve_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// TestLinkedArchiveIsRefusedAsTheBuildRefusesIt: the preview applies the
// build's rule for symbolic links, so what it shows is what a build would
// publish — here nothing, as an archive folder that is a link is an error.
func TestLinkedArchiveIsRefusedAsTheBuildRefusesIt(t *testing.T) {
	site := copySite(t, testSite)
	archive := filepath.Join(site, "content", "privacy", "archive")
	elsewhere := filepath.Join(t.TempDir(), "archive")
	if err := os.Rename(archive, elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, archive); err != nil {
		t.Fatal(err)
	}
	r := start(t, site)
	status, page, _ := r.get(t, "/en/privacy/")
	if status != http.StatusInternalServerError || !bytes.Contains(page, []byte("content/privacy/archive: is a symbolic link")) {
		t.Errorf("a site with a linked archive: %d\n%s", status, page)
	}
}
