package fingerprint_test

import (
	"crypto/sha256"
	"encoding/hex"
	"github.com/policygen/gen/generator/model"
	"testing"

	"github.com/policygen/gen/generator/fingerprint"
)

func TestFingerprintIsTheSHA256OfSourceAndMainText(t *testing.T) {
	source := []byte("+++\ntitle = \"T\"\nlast_updated = 2024-01-01\n+++\nHello\n")
	sum := func(s string) string {
		h := sha256.Sum256([]byte(s))
		return hex.EncodeToString(h[:])
	}
	for _, c := range []struct {
		name  string
		parts []string
		text  string // the main text, spelled out here
	}{
		{"no placeholder", []string{"<p>Hello</p>\n"}, "<p>Hello</p>\n"},
		{"a placeholder", []string{"<p>a</p>\n", "<p>b</p>\n"}, "<p>a</p>\n<!-- processors -->\n<p>b</p>\n"},
		{"at the end", []string{"<p>a</p>\n<p>b</p>\n", ""}, "<p>a</p>\n<p>b</p>\n<!-- processors -->\n"},
	} {
		// Each part in pieces, as a body holds them.
		var parts []model.Part
		for _, p := range c.parts {
			var part model.Part
			for i := 0; i < len(p); i += 3 {
				part = append(part, []byte(p[i:min(i+3, len(p))]))
			}
			parts = append(parts, part)
		}
		f := fingerprint.Of(source, parts)
		if got, want := fingerprint.Hex(f.Source), sum(string(source)); got != want {
			t.Errorf("%s: source sum %s, sha256sum gives %s", c.name, got, want)
		}
		if got, want := fingerprint.Hex(f.Text), sum(c.text); got != want {
			t.Errorf("%s: text sum %s, want the SHA-256 of %q, %s", c.name, got, c.text, want)
		}
		if got := string(fingerprint.MainText(parts)); got != c.text {
			t.Errorf("%s: main text %q, want %q", c.name, got, c.text)
		}
		if id := fingerprint.ID(f); id != sum(string(source))[:12] {
			t.Errorf("%s: id %s is not the first 12 digits of the source sum", c.name, id)
		}
	}
}
