package docx_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/docx"
	. "github.com/policygen/gen/generator/internal/testdocx"
)

func read(t *testing.T, d Doc) *docx.Document {
	t.Helper()
	doc, err := docx.Read(d.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func paragraphs(blocks []docx.Block) []*docx.Paragraph {
	var out []*docx.Paragraph
	for _, b := range blocks {
		if p, ok := b.(*docx.Paragraph); ok {
			out = append(out, p)
		}
	}
	return out
}

func TestHeadingsTitleAndEmphasis(t *testing.T) {
	doc := read(t, Doc{
		Title: "Mall 3",
		Body: P("Rubrik", R("Integritetspolicy")) +
			P("Rubrik1", R("Vem vi är")) +
			P("", R("Vi är "), B("Acme"), R(" och "), I("vi"), R(" bryr oss.")) +
			P("Rubrik2", R("Kontakt")) +
			`<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr>` + R("Egen rubrik") + `</w:p>` +
			P("", `<w:r><w:rPr><w:rStyle w:val="Stark"/></w:rPr><w:t>stark</w:t></w:r>`) +
			P("", R("   ")),
	})
	if doc.Title != "Mall 3" {
		t.Errorf("core title %q", doc.Title)
	}
	ps := paragraphs(doc.Blocks)
	if len(ps) != 6 {
		t.Fatalf("%d paragraphs, want 6 (the blank one left out)", len(ps))
	}
	if !ps[0].Title || ps[0].Heading != 0 || ps[0].Text() != "Integritetspolicy" {
		t.Errorf("title paragraph: %+v", ps[0])
	}
	for i, want := range []int{1, 0, 2, 3} {
		if got := ps[i+1].Heading; got != want {
			t.Errorf("paragraph %d %q: heading %d, want %d", i+1, ps[i+1].Text(), got, want)
		}
	}
	if ps[1].Style != "heading 1" {
		t.Errorf("style name %q, want Word's English name", ps[1].Style)
	}
	want := []docx.Inline{{Text: "Vi är "}, {Text: "Acme", Bold: true}, {Text: " och "}, {Text: "vi", Italic: true}, {Text: " bryr oss."}}
	if !reflect.DeepEqual(ps[2].Inlines, want) {
		t.Errorf("runs:\n got %+v\nwant %+v", ps[2].Inlines, want)
	}
	if in := ps[5].Inlines; len(in) != 1 || !in[0].Bold {
		t.Errorf("character style Strong: %+v", in)
	}
}

func TestLists(t *testing.T) {
	doc := read(t, Doc{Body: Item(1, 0, R("ett")) + Item(1, 1, R("inre")) + Item(1, 0, R("två")) +
		P("", R("mellan")) +
		Item(2, 0, R("Första")) + Item(2, 1, R("Under")) + Item(2, 1, R("Under två")) + Item(2, 2, R("bokstav")) + Item(2, 0, R("Andra")) + Item(2, 1, R("Åter")) +
		P("Punktlista", R("från stilen"))})
	type item struct {
		text, label string
		level       int
		bullet      bool
		plain       bool
	}
	var got []item
	for _, p := range paragraphs(doc.Blocks) {
		if p.List == nil {
			got = append(got, item{text: p.Text()})
			continue
		}
		got = append(got, item{p.Text(), p.List.Label, p.List.Level, p.List.Bullet, p.List.Plain})
	}
	want := []item{
		{"ett", "•", 0, true, false},
		{"inre", "o", 1, true, false},
		{"två", "•", 0, true, false},
		{text: "mellan"},
		{"Första", "1.", 0, false, true},
		{"Under", "1.1.", 1, false, false},
		{"Under två", "1.2.", 1, false, false},
		{"bokstav", "(a)", 2, false, false},
		{"Andra", "2.", 0, false, true},
		{"Åter", "2.1.", 1, false, false},
		{"från stilen", "•", 0, true, false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lists:\n got %+v\nwant %+v", got, want)
	}
}

func TestRestartedNumbering(t *testing.T) {
	doc := read(t, Doc{
		Numbering: `<w:num w:numId="7"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
		Body:      Item(2, 0, R("a")) + Item(2, 0, R("b")) + Item(2, 0, R("c")) + Item(7, 0, R("again")) + Item(7, 0, R("on")),
	})
	var labels []string
	for _, p := range paragraphs(doc.Blocks) {
		labels = append(labels, p.List.Label)
	}
	if want := []string{"1.", "2.", "3.", "1.", "2."}; !reflect.DeepEqual(labels, want) {
		t.Errorf("labels %v, want %v", labels, want)
	}
}

func TestLinksAndBookmarks(t *testing.T) {
	doc := read(t, Doc{
		Links: map[string]string{"rId9": "https://example.com/privacy?a=1&b=2"},
		Body: `<w:p><w:pPr><w:pStyle w:val="Rubrik1"/></w:pPr><w:bookmarkStart w:id="0" w:name="_Toc42"/>` + R("Cookies") + `<w:bookmarkEnd w:id="0"/></w:p>` +
			P("", R("See "), Link("rId9", "our site"), R(" and "), `<w:hyperlink w:anchor="_Toc42"><w:r><w:t>cookies</w:t></w:r></w:hyperlink>`, R(".")) +
			// A link as a complex field, the way older Word and many converters write it.
			P("", `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:dpo@example.com" \o "Mail" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+
				R("dpo@example.com")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`, R(" or "),
				`<w:fldSimple w:instr=" HYPERLINK \l &quot;_Toc42&quot; "><w:r><w:t>above</w:t></w:r></w:fldSimple>`),
	})
	ps := paragraphs(doc.Blocks)
	if !reflect.DeepEqual(ps[0].Bookmarks, []string{"_Toc42"}) {
		t.Errorf("bookmarks %v", ps[0].Bookmarks)
	}
	want := []docx.Inline{{Text: "See "}, {Text: "our site", Link: "https://example.com/privacy?a=1&b=2"}, {Text: " and "}, {Text: "cookies", Anchor: "_Toc42"}, {Text: "."}}
	if !reflect.DeepEqual(ps[1].Inlines, want) {
		t.Errorf("links:\n got %+v\nwant %+v", ps[1].Inlines, want)
	}
	want = []docx.Inline{{Text: "dpo@example.com", Link: "mailto:dpo@example.com"}, {Text: " or "}, {Text: "above", Anchor: "_Toc42"}}
	if !reflect.DeepEqual(ps[2].Inlines, want) {
		t.Errorf("field links:\n got %+v\nwant %+v", ps[2].Inlines, want)
	}
}

// pandoc puts a heading's bookmark between the paragraphs, before it.
func TestBookmarkBetweenParagraphs(t *testing.T) {
	doc := read(t, Doc{Body: P("", R("a")) + `<w:bookmarkStart w:id="1" w:name="contact"/>` + P("", R(" ")) + P("Rubrik1", R("Contact")) + `<w:bookmarkEnd w:id="1"/>`})
	if ps := paragraphs(doc.Blocks); len(ps) != 2 || len(ps[0].Bookmarks) != 0 || !reflect.DeepEqual(ps[1].Bookmarks, []string{"contact"}) {
		t.Errorf("bookmark between paragraphs: %+v", ps)
	}
}

func TestTrackedChangesCommentsAndHiddenText(t *testing.T) {
	doc := read(t, Doc{
		Comments: `<w:comment w:id="3" w:author="Lawyer"><w:p><w:r><w:t>Check this</w:t></w:r></w:p></w:comment>`,
		Body: P("", R("We keep logs for "),
			`<w:del w:id="1" w:author="A"><w:r><w:delText>90</w:delText></w:r></w:del>`,
			`<w:ins w:id="2" w:author="A"><w:r><w:t>30</w:t></w:r></w:ins>`,
			`<w:commentRangeStart w:id="3"/>`, R(" days"), `<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>`,
			`<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>`, R(".")) +
			`<w:del w:id="4" w:author="A"><w:p><w:r><w:delText>gone</w:delText></w:r></w:p></w:del>`,
	})
	ps := paragraphs(doc.Blocks)
	if len(ps) != 1 || ps[0].Text() != "We keep logs for 30 days." {
		t.Fatalf("text %q", ps[0].Text())
	}
	if doc.TrackedChanges != 3 || doc.Comments != 1 {
		t.Errorf("tracked changes %d (want 3), comments %d (want 1)", doc.TrackedChanges, doc.Comments)
	}
}

func TestTablesNotesAndContents(t *testing.T) {
	doc := read(t, Doc{
		Footnotes: `<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>` + R(" Regulation (EU) 2016/679.") + `</w:p></w:footnote>`,
		Body: P("Innehll1", R("1. Vem vi är\t3")) +
			`<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>` + P("", R("Innehåll")) + `</w:sdtContent></w:sdt>` +
			P("", `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o "1-3"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+R("Kontakt 4")) +
			P("", R("Sida 5"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
			P("", R("Under GDPR"), `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>`, R(" we must.")) +
			Table([]string{"Name", "Purpose"}, []string{"Stripe", "Payments"}) +
			`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>` + P("", R("wide")) + `</w:tc></w:tr>` +
			`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`,
	})
	if !doc.Contents {
		t.Error("table of contents not reported")
	}
	if len(doc.Blocks) != 3 {
		t.Fatalf("%d blocks, want the paragraph and two tables (contents left out): %+v", len(doc.Blocks), doc.Blocks)
	}
	p := doc.Blocks[0].(*docx.Paragraph)
	if len(p.Inlines) != 3 || p.Inlines[1].Note != 1 {
		t.Errorf("footnote mark: %+v", p.Inlines)
	}
	if len(doc.Notes) != 1 || strings.TrimSpace(paragraphs(doc.Notes[0].Blocks)[0].Text()) != "Regulation (EU) 2016/679." {
		t.Errorf("notes: %+v", doc.Notes)
	}
	tbl := doc.Blocks[1].(*docx.Table)
	if len(tbl.Rows) != 2 || !tbl.Rows[0].Header || tbl.Rows[1].Header {
		t.Fatalf("rows %+v", tbl.Rows)
	}
	if got := paragraphs(tbl.Rows[1].Cells[0].Blocks)[0].Text(); got != "Stripe" {
		t.Errorf("cell %q", got)
	}
	merged := doc.Blocks[2].(*docx.Table)
	if c := merged.Rows[0].Cells[0]; c.Span != 2 || c.Merged {
		t.Errorf("spanning cell %+v", c)
	}
	if c := merged.Rows[1].Cells[0]; !c.Merged {
		t.Errorf("merged cell %+v", c)
	}
}

func TestNotWord(t *testing.T) {
	for name, data := range map[string][]byte{
		"text":     []byte("Privacy policy\n"),
		"doc":      {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0},
		"empty":    nil,
		"zip only": Doc{}.Bytes()[:30],
	} {
		_, err := docx.Read(data)
		if !errors.Is(err, docx.ErrNotWord) {
			t.Errorf("%s: error %v, want ErrNotWord", name, err)
		}
	}
	_, err := docx.Read([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1})
	if err == nil || !strings.Contains(err.Error(), "save it as .docx") {
		t.Errorf(".doc: %v", err)
	}
}
