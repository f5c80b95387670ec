package docx_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/policygen/gen/generator/docx"
	. "github.com/policygen/gen/generator/internal/testdocx"
)

// FuzzRead feeds the reader documents whose body, numbering and notes are
// arbitrary, inside a well-formed package (random bytes would rarely get
// past the zip's checksums), and whole arbitrary files. It must never
// panic or loop, whatever Word, a converter or an attacker wrote.
func FuzzRead(f *testing.F) {
	f.Add(P("Rubrik", R("Title"))+Item(2, 2, R("x"))+Table([]string{"a", "b"}), "", "", false)
	f.Add(`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK \l "x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>a</w:t></w:r></w:p>`, "", "", false)
	f.Add(P("", `<w:r><w:footnoteReference w:id="1"/></w:r>`), `<w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num>`,
		`<w:footnote w:id="1"><w:p><w:r><w:footnoteReference w:id="1"/></w:r></w:p></w:footnote>`, false)
	f.Add(`<w:p><w:pPr><w:numPr><w:ilvl w:val="-1"/><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="99"/></w:pPr><w:r><w:sym w:char="ZZ"/></w:r></w:p>`,
		`<w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="-7"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1%9%"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>`, "", false)
	f.Add("PK\x03\x04", "", "", true)
	f.Fuzz(func(t *testing.T, body, numbering, footnotes string, raw bool) {
		data := []byte(body)
		if !raw {
			data = Doc{Body: body, Numbering: numbering, Footnotes: footnotes}.Bytes()
		}
		doc, err := docx.Read(data)
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if p, ok := b.(*docx.Paragraph); ok {
				if p.Heading < 0 || p.Heading > 9 {
					t.Errorf("heading level %d", p.Heading)
				}
				if p.List != nil && (p.List.Level < 0 || p.List.Level > 8) {
					t.Errorf("list level %d", p.List.Level)
				}
			}
		}
	})
}

// FuzzWrite writes redlines of arbitrary text, links and structure: the
// result must always be a document (well-formed parts, readable by Read)
// whose accepted and rejected views hold each version's words, whatever
// the text pasted from Word or a web page held.
func FuzzWrite(f *testing.F) {
	f.Add("We keep logs for ", "90", "30 days", "https://example.com/?a=1&b=2", uint8(0), uint8(2))
	f.Add("a\x00b\x1b", "\uFFFE\t", "line\r\nbreak", "#", uint8(3), uint8(14))
	f.Add("", "", "", "http://[::1", uint8(1), uint8(255))
	f.Fuzz(func(t *testing.T, same, old, new, link string, kind, level uint8) {
		b := docx.RedlineBlock{Kind: docx.BlockKind(kind % 6), Level: int(level) - 3, Numbered: level%2 == 0}
		runs := []docx.Run{{Text: same, Link: link}, {Text: old, Change: docx.Deleted}, {Text: new, Change: docx.Inserted, Bold: true}}
		if b.Kind == docx.TableBlock {
			b.Rows = []docx.RedlineRow{{Header: true, Cells: [][]docx.Run{runs}}, {Change: docx.Inserted, Cells: [][]docx.Run{runs}}}
		} else {
			b.Runs = runs
		}
		r := &docx.Redline{Title: old, Language: new, Author: same, Blocks: []docx.RedlineBlock{b, b},
			Summary: &docx.Summary{Heading: same, Fields: []docx.FieldChange{{Label: link, Old: old, New: new}}}}
		var buf bytes.Buffer
		if err := docx.Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		accepted, rejected := strings.Join(view(t, data, true), " "), strings.Join(view(t, data, false), " ")
		for _, w := range strings.Fields(xmlText(new)) {
			if !strings.Contains(accepted, w) {
				t.Errorf("inserted word %q not in the accepted text %q", w, accepted)
			}
		}
		for _, w := range strings.Fields(xmlText(old)) {
			if !strings.Contains(rejected, w) {
				t.Errorf("deleted word %q not in the rejected text %q", w, rejected)
			}
		}
		if _, err := docx.Read(data); err != nil {
			t.Fatalf("the reader refuses what the writer wrote: %v", err)
		}
	})
}

// xmlText is s without what XML 1.0 cannot hold.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xfffe || r == 0xffff {
			return -1
		}
		return r
	}, s)
}
