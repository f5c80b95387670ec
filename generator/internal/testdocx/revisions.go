package testdocx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// This file reads a written .docx the way a word processor applies
// "accept all changes" or "reject all changes", independently of the
// writer: it knows only what OOXML says a revision is.

// element is a parsed XML element; text is its character data.
type element struct {
	name string // local name
	kids []*element
	text string
}

func (e *element) child(name string) *element {
	if e == nil {
		return nil
	}
	for _, k := range e.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// Parts returns the package's files, failing the test on a broken zip.
func Parts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// parse reads a part strictly: a word processor refuses XML that is not
// well-formed.
func parse(t testing.TB, name string, data []byte) *element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	root := &element{}
	stack := []*element{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
		top := stack[len(stack)-1]
		switch tk := tok.(type) {
		case xml.StartElement:
			e := &element{name: tk.Name.Local}
			top.kids = append(top.kids, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(tk)
		}
	}
	if len(stack) != 1 {
		t.Fatalf("%s: %d elements left open", name, len(stack)-1)
	}
	return root
}

// View is the text a reader sees after accepting (accept) or rejecting
// every change: one entry per paragraph, a table row's cells joined by
// " | ", each entry's words separated by single spaces. A paragraph
// without any run (a table's or a section's end) is left out; one whose
// runs are all gone is "" unless its paragraph mark is gone too.
func View(t testing.TB, data []byte, accept bool) []string {
	t.Helper()
	var out []string
	for _, s := range Sections(t, data, accept) {
		out = append(out, s...)
	}
	return out
}

// Sections is View split into the document's sections, which a
// paragraph holding section properties ends.
func Sections(t testing.TB, data []byte, accept bool) [][]string {
	t.Helper()
	ps := Parts(t, data)
	doc, ok := ps["word/document.xml"]
	if !ok {
		t.Fatal("no word/document.xml")
	}
	for name, b := range ps {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			parse(t, name, b)
		}
	}
	body := parse(t, "word/document.xml", doc).child("document").child("body")
	if body == nil {
		t.Fatal("no w:body")
	}
	v := viewer{t: t, accept: accept}
	v.blocks(body)
	var sections [][]string
	start := 0
	for _, end := range append(v.breaks, len(v.out)) {
		sections = append(sections, v.out[start:end])
		start = end
	}
	return sections
}

type viewer struct {
	t      testing.TB
	accept bool
	out    []string
	breaks []int // where in out each section after the first starts
}

// removed reports whether a revision of this kind is gone in the view:
// insertions when rejecting, deletions when accepting.
func (v *viewer) removed(name string) bool {
	return name == "ins" && !v.accept || name == "del" && v.accept
}

func (v *viewer) blocks(parent *element) {
	pending := "" // text of paragraphs whose mark is gone, joined to the next
	for _, n := range parent.kids {
		switch n.name {
		case "p":
			text, runs := v.text(n)
			text = pending + text
			pending = ""
			if mark := n.child("pPr").child("rPr"); mark != nil && (mark.child("ins") != nil && v.removed("ins") || mark.child("del") != nil && v.removed("del")) {
				pending = text
				continue
			}
			if runs || text != "" {
				v.add(text)
			}
			if n.child("pPr").child("sectPr") != nil {
				v.breaks = append(v.breaks, len(v.out))
			}
		case "tbl":
			for _, tr := range n.kids {
				if tr.name != "tr" {
					continue
				}
				if pr := tr.child("trPr"); pr.child("ins") != nil && v.removed("ins") || pr.child("del") != nil && v.removed("del") {
					continue
				}
				var cells []string
				for _, tc := range tr.kids {
					if tc.name == "tc" {
						cell := viewer{t: v.t, accept: v.accept}
						cell.blocks(tc)
						cells = append(cells, strings.Join(cell.out, " "))
					}
				}
				v.add(strings.Join(cells, " | "))
			}
		}
	}
	if pending != "" {
		v.add(pending)
	}
}

func (v *viewer) add(text string) {
	v.out = append(v.out, strings.Join(strings.Fields(text), " "))
}

// text is a paragraph's text in the view, and whether it has runs.
func (v *viewer) text(n *element) (string, bool) {
	var b strings.Builder
	runs := false
	deleted := 0
	var walk func(*element)
	walk = func(e *element) {
		for _, k := range e.kids {
			switch k.name {
			case "pPr", "rPr":
			case "r":
				runs = true
				walk(k)
			case "ins", "del":
				if k.name == "del" {
					deleted++
				}
				if !v.removed(k.name) {
					walk(k)
				} else if k.child("r") != nil {
					runs = true
				}
				if k.name == "del" {
					deleted--
				}
			case "t", "delText":
				// Word shows a w:t in a deletion as text that stays, and
				// drops a w:delText outside one.
				if (k.name == "delText") != (deleted > 0) {
					v.t.Errorf("w:%s %s a deletion: %q", k.name, map[bool]string{true: "in", false: "outside"}[deleted > 0], k.text)
				}
				b.WriteString(k.text)
			case "tab":
				b.WriteString("\t")
			case "br":
				b.WriteString("\n")
			default:
				walk(k)
			}
		}
	}
	walk(n)
	return b.String(), runs
}
