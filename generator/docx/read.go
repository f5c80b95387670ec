package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits that keep a crafted file from using up memory: a policy's main
// part is a few hundred kilobytes, a book a few megabytes.
const (
	maxPart  = 64 << 20 // bytes of one part, uncompressed
	maxParts = 10_000   // entries in the package
)

// ErrNotWord is wrapped by the error Read returns for a file that is not a
// Word document at all.
var ErrNotWord = errors.New("not a Word document (.docx)")

// Read reads the Word document in data.
func Read(data []byte) (*Document, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if len(data) >= 8 && bytes.Equal(data[:8], []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}) {
			return nil, fmt.Errorf("%w: it is an older Word file (.doc); open it in Word or LibreOffice and save it as .docx", ErrNotWord)
		}
		return nil, fmt.Errorf("%w: it is not a zip package (%v)", ErrNotWord, err)
	}
	if len(z.File) > maxParts {
		return nil, fmt.Errorf("%w: it has %d parts, more than a document has", ErrNotWord, len(z.File))
	}
	pkg := &pkg{files: map[string]*zip.File{}}
	for _, f := range z.File {
		pkg.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	main := pkg.mainPart()
	if main == "" {
		return nil, fmt.Errorf("%w: the package has no main document part (word/document.xml)", ErrNotWord)
	}
	root, err := pkg.xml(main)
	if err != nil {
		return nil, err
	}
	body := root.path("document", "body")
	if body == nil {
		return nil, fmt.Errorf("%w: %s has no document body", ErrNotWord, main)
	}
	rels, err := pkg.rels(main)
	if err != nil {
		return nil, err
	}
	r := &reader{links: map[string]string{}, notes: map[string]*Note{}}
	for _, rel := range rels {
		switch kind := rel.kind(); kind {
		case "hyperlink":
			r.links[rel.id] = rel.target
		case "styles", "numbering", "footnotes", "endnotes":
			part, err := pkg.xml(rel.part)
			if errors.Is(err, errMissing) {
				continue // a dangling relationship: Word opens such files too
			}
			if err != nil {
				return nil, err
			}
			switch kind {
			case "styles":
				r.styles = readStyles(part)
			case "numbering":
				r.numbering = readNumbering(part)
			case "footnotes":
				r.footnotes = part
			case "endnotes":
				r.endnotes = part
			}
		}
	}
	if r.styles == nil {
		r.styles = readStyles(nil)
	}
	if r.numbering == nil {
		r.numbering = readNumbering(nil)
	}
	doc := r.read(body)
	if core := pkg.corePart(); core != "" {
		if props, err := pkg.xml(core); err == nil {
			if t := props.find(func(n *node) bool { return n.local == "title" }); t != nil {
				doc.Title = strings.TrimSpace(t.text)
			}
		}
	}
	return doc, nil
}

// pkg is the zip package of a document, its parts by name.
type pkg struct{ files map[string]*zip.File }

var errMissing = errors.New("missing part")

// bytes reads a part, refusing one larger than maxPart.
func (p *pkg) bytes(name string) ([]byte, error) {
	f, ok := p.files[name]
	if !ok {
		return nil, fmt.Errorf("%s: %w", name, errMissing)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: cannot open %s: %v", ErrNotWord, name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
	if err != nil {
		return nil, fmt.Errorf("%w: cannot read %s: %v", ErrNotWord, name, err)
	}
	if len(data) > maxPart {
		return nil, fmt.Errorf("%s is larger than %d MB uncompressed, more than a document holds", name, maxPart>>20)
	}
	return data, nil
}

// xml reads and parses a part.
func (p *pkg) xml(name string) (*node, error) {
	data, err := p.bytes(name)
	if err != nil {
		return nil, err
	}
	n, err := parseXML(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not well-formed XML: %v", ErrNotWord, name, err)
	}
	return n, nil
}

// relationship is one entry of a part's relationships.
type relationship struct {
	id, typ, target string
	part            string // the target as a part name, for internal targets
}

// kind is the last word of the relationship type: "styles", "hyperlink".
func (r relationship) kind() string { return path.Base(r.typ) }

// rels reads the relationships of part (word/_rels/document.xml.rels for
// word/document.xml). A part without relationships has none.
func (p *pkg) rels(part string) ([]relationship, error) {
	dir, file := path.Split(part)
	root, err := p.xml(dir + "_rels/" + file + ".rels")
	if errors.Is(err, errMissing) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []relationship
	rels := root.find(func(n *node) bool { return n.local == "Relationships" })
	if rels == nil {
		return nil, nil
	}
	for _, n := range rels.kids {
		if n.local != "Relationship" {
			continue
		}
		r := relationship{id: n.plainAttr("Id"), typ: n.plainAttr("Type"), target: n.plainAttr("Target")}
		if !strings.EqualFold(n.plainAttr("TargetMode"), "External") {
			if strings.HasPrefix(r.target, "/") {
				r.part = strings.TrimPrefix(r.target, "/")
			} else {
				r.part = path.Join(dir, r.target)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// mainPart finds the main document part through the package's
// relationships, falling back to where every writer puts it.
func (p *pkg) mainPart() string {
	rels, _ := p.rels("")
	for _, r := range rels {
		if r.kind() == "officeDocument" && r.part != "" {
			if _, ok := p.files[r.part]; ok {
				return r.part
			}
		}
	}
	if _, ok := p.files["word/document.xml"]; ok {
		return "word/document.xml"
	}
	return ""
}

// corePart finds the core properties (title, author) part, or "".
func (p *pkg) corePart() string {
	rels, _ := p.rels("")
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/core-properties") && r.part != "" {
			return r.part
		}
	}
	if _, ok := p.files["docProps/core.xml"]; ok {
		return "docProps/core.xml"
	}
	return ""
}
