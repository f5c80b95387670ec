package docx_test

import (
	"testing"

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
