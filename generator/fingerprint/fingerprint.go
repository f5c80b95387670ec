// Package fingerprint defines the two SHA-256 sums that identify a version
// for anyone who must prove what it said: the sum of its exact source file,
// and the sum of its main text as gen renders it. Both are computed where
// the source is read (package content) and published in versions.json,
// policies.json and the manifest, so a consent log can store a version's
// short id beside its permalink and anyone can check it later.
//
// Recomputing them:
//
//   - Source: the SHA-256 of the file's bytes, exactly as committed and as
//     served at /<lang>/<policy>/<date>/source.md: `sha256sum source.md`.
//   - Text: the SHA-256 of the version's main text, which is the HTML that
//     gen's Markdown stage renders from the body (everything after the front
//     matter), before any layout wraps it: no header, notices, table of
//     contents or processors table. Each {{< processors >}} placeholder is
//     written there as the line "<!-- processors -->". `gen show --text`
//     prints exactly these bytes: `gen show --on DATE --text POLICY LANG |
//     sha256sum`. The processors themselves are front matter, covered by the
//     source sum.
//
// The source sum is the version's identity for good; the text sum also
// changes when a new gen renders the same Markdown differently, which is
// what it is for: it ties the text a reader saw to the text legal approved.
package fingerprint

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/policygen/gen/generator/model"
)

// IDLength is the length of a version's short id: the first hex digits of
// its source sum, enough to tell apart every version a site will ever have
// (48 bits) and short enough to store beside a permalink in a consent log.
const IDLength = 12

// Placeholder is what stands for a {{< processors >}} placeholder in the
// main text, so that moving the table changes the text sum.
const Placeholder = "<!-- processors -->\n"

// Of computes a version's fingerprint from its source file and the parts
// of its rendered body (model.Body.Parts).
func Of(source []byte, parts []model.Part) model.Fingerprint {
	h := sha256.New()
	writeText(h, parts)
	f := model.Fingerprint{Source: sha256.Sum256(source)}
	h.Sum(f.Text[:0])
	return f
}

// MainText is the text whose SHA-256 is a version's text sum.
func MainText(parts []model.Part) []byte {
	var b bytes.Buffer
	writeText(&b, parts)
	return b.Bytes()
}

// writeText writes the main text: the one definition of its bytes.
func writeText(w io.Writer, parts []model.Part) {
	for i, p := range parts {
		if i > 0 {
			io.WriteString(w, Placeholder)
		}
		for _, piece := range p {
			w.Write(piece)
		}
	}
}

// Hex spells a sum as sha256sum does: 64 lowercase hex digits.
func Hex(sum [sha256.Size]byte) string { return hex.EncodeToString(sum[:]) }

// ID is a version's short id: the first IDLength hex digits of its source sum.
func ID(f model.Fingerprint) string { return Hex(f.Source)[:IDLength] }
