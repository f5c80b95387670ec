package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Chromium sets the document information itself, with the time of
// printing as its dates, and offers no way to change it; pdfcpu, the Go
// library that edits PDFs, rewrites every file with its own Producer and
// the clock's dates. So the information is set here by an incremental
// update (ISO 32000-1, 7.5.6): a new information dictionary appended with
// its cross-reference section and a trailer that points back at
// Chromium's, which readers take in place of the old one.

var (
	startXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRe = regexp.MustCompile(`(?s)trailer\s*<<(.*?)>>\s*startxref`)
	sizeRe    = regexp.MustCompile(`/Size\s+(\d+)`)
	rootRe    = regexp.MustCompile(`/Root\s+(\d+\s+\d+\s+R)`)
)

// errLayout is wrapped when a PDF is not laid out the way Chromium writes
// one, so no information can be added to it.
var errLayout = errors.New("the PDF Chromium wrote has no cross-reference table to update")

// standard are the entries withInfo sets itself, which Metadata.More
// cannot set again.
var standard = map[string]bool{"Title": true, "Author": true, "Subject": true, "Keywords": true,
	"Creator": true, "Producer": true, "CreationDate": true, "ModDate": true, "Trapped": true}

// withInfo returns pdf with its document information set to meta.
func withInfo(pdf []byte, meta Metadata, creator, producer string) ([]byte, error) {
	tail := pdf[max(0, len(pdf)-64):]
	m := startXref.FindSubmatch(tail)
	if m == nil {
		return nil, errLayout
	}
	prev, err := strconv.Atoi(string(m[1]))
	if err != nil || prev >= len(pdf) || !bytes.HasPrefix(pdf[prev:], []byte("xref")) {
		return nil, fmt.Errorf("%w (it may be a newer Chromium's cross-reference stream)", errLayout)
	}
	t := trailerRe.FindSubmatch(pdf[prev:])
	if t == nil {
		return nil, errLayout
	}
	size, root := sizeRe.FindSubmatch(t[1]), rootRe.FindSubmatch(t[1])
	if size == nil || root == nil {
		return nil, errLayout
	}
	n, err := strconv.Atoi(string(size[1]))
	if err != nil {
		return nil, errLayout
	}

	var b bytes.Buffer
	b.Grow(len(pdf) + 1024)
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	obj := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<<", n)
	entry := func(key, value string) {
		if value != "" {
			fmt.Fprintf(&b, "/%s %s\n", key, value)
		}
	}
	entry("Title", text(meta.Title))
	entry("Author", text(meta.Author))
	entry("Subject", text(meta.Subject))
	entry("Keywords", text(meta.Keywords))
	entry("Creator", text(creator))
	entry("Producer", text(producer))
	entry("CreationDate", date(meta.Created))
	entry("ModDate", date(meta.Modified))
	for _, k := range slices.Sorted(maps.Keys(meta.More)) {
		if k != "" && !standard[k] {
			entry(name(k), text(meta.More[k]))
		}
	}
	b.WriteString(">>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n\r\ntrailer\n<</Size %d /Root %s /Info %d 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n",
		n, obj, n+1, root[1], n, prev, xref)
	return b.Bytes(), nil
}

// text writes a PDF text string: literal when ASCII, else UTF-16 with its
// byte order mark, as the standard spells text outside PDFDocEncoding's
// ASCII.
func text(s string) string {
	if s == "" {
		return ""
	}
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// date writes a PDF date, D:YYYYMMDDHHmmSS with the offset from UTC.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return "(" + s + "Z)"
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("(%s%c%02d'%02d')", s, sign, off/3600, off%3600/60)
}

// name writes a PDF name, escaping what a name cannot hold as #XX.
func name(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
