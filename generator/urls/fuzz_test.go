package urls_test

import (
	"strings"
	"testing"

	"github.com/policygen/gen/generator/urls"
)

// FuzzNew reads base_urls as site.toml may give them: an accepted one
// reads back as itself, and every address it gives is under its path.
func FuzzNew(f *testing.F) {
	for _, s := range []string{"https://acme.example", "https://acme.github.io/policies/", "http://x/a/b", "https://x/?q", "https://x/a b/", "https://x/%2e%2e/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, base string) {
		s, err := urls.New(base)
		if err != nil {
			return
		}
		again, err := urls.New(s.Base())
		if err != nil || again != s {
			t.Fatalf("%q reads back as %+v (%v), not %+v", s.Base(), again, err, s)
		}
		p := s.Policy("en", "privacy")
		if !strings.HasPrefix(p, s.Path()+"/") || s.File(p) != "/en/privacy/index.html" {
			t.Fatalf("%q: the policy at %q, its file %q", base, p, s.File(p))
		}
	})
}
