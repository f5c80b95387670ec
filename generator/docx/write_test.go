package docx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/policygen/gen/generator/docx"
)

// Shorthands for the runs of the test redlines.
func same(s string) docx.Run { return docx.Run{Text: s} }
func ins(s string) docx.Run  { return docx.Run{Text: s, Change: docx.Inserted} }
func del(s string) docx.Run  { return docx.Run{Text: s, Change: docx.Deleted} }

// sample is a redline with every kind of block and change: the front
// matter and processors first, then headings, a paragraph with links and
// emphasis, nested lists with items inserted and deleted, whole paragraphs
// inserted and deleted, a table with rows inserted and deleted, a quote
// and a code block.
func sample() *docx.Redline {
	return &docx.Redline{
		Title: "Privacy policy", Language: "en-gb", Author: "Lumen Ledger",
		Date: time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC),
		Summary: &docx.Summary{
			Heading: "Other changes",
			Fields:  []docx.FieldChange{{Label: "Title", Old: "Privacy notice", New: "Privacy policy"}, {Label: "Effective", New: "16 December 2026"}},
			Processors: &docx.ProcessorChanges{Heading: "Processors", Columns: []string{"Name", "Location", "Purpose"}, Rows: []docx.ProcessorChange{
				{Change: docx.Inserted, New: []string{"Hotjar", "EU", "Heatmaps"}},
				{Change: docx.Deleted, Old: []string{"Mixpanel", "US", "Analytics"}},
				{Old: []string{"Stripe", "US", "Payments"}, New: []string{"Stripe", "EU", "Payments"}},
			}},
		},
		Blocks: []docx.RedlineBlock{
			{Kind: docx.HeadingBlock, Level: 2, ID: "logs", Runs: []docx.Run{same("How long we keep "), del("web "), same("logs")}},
			{Runs: []docx.Run{same("We keep logs for "), del("90"), ins("30"), same(" days. See "),
				{Text: "our site", Link: "https://example.com/a b"}, same(" or "), {Text: "above", Link: "#logs"}, same(". "),
				{Text: "Always", Bold: true}, same(" and "), {Text: "now", Italic: true, Change: docx.Inserted}, same(".")}},
			{Kind: docx.ListItemBlock, Runs: []docx.Run{same("first")}},
			{Kind: docx.ListItemBlock, Level: 1, Numbered: true, Number: 1, Runs: []docx.Run{same("nested one")}},
			{Kind: docx.ListItemBlock, Level: 1, Numbered: true, Number: 2, Change: docx.Inserted, Runs: []docx.Run{same("nested new")}},
			{Kind: docx.ListItemBlock, Level: 1, Numbered: true, Number: 2, Runs: []docx.Run{same("nested two")}},
			{Kind: docx.ListItemBlock, Continued: true, Runs: []docx.Run{same("after the nested list")}},
			{Kind: docx.ListItemBlock, Change: docx.Deleted, Runs: []docx.Run{same("second, deleted")}},
			{Kind: docx.ListItemBlock, Runs: []docx.Run{same("third")}},
			{Change: docx.Inserted, Runs: []docx.Run{same("A whole new paragraph.")}},
			{Change: docx.Deleted, Runs: []docx.Run{same("A whole old paragraph.")}},
			{Kind: docx.ListItemBlock, Numbered: true, Number: 3, Runs: []docx.Run{same("three")}},
			{Kind: docx.ListItemBlock, Numbered: true, Number: 4, Runs: []docx.Run{same("four")}},
			{Kind: docx.TableBlock, Rows: []docx.RedlineRow{
				{Header: true, Cells: [][]docx.Run{{same("Name")}, {same("Purpose")}}},
				{Cells: [][]docx.Run{{same("Stripe")}, {same("Pay"), ins("ments")}}},
				{Change: docx.Inserted, Cells: [][]docx.Run{{same("Hotjar")}, {same("Heatmaps")}}},
				{Change: docx.Deleted, Cells: [][]docx.Run{{same("Mixpanel")}, {same("Analytics")}}},
			}},
			{Kind: docx.QuoteBlock, Runs: []docx.Run{same("A quote")}},
			{Kind: docx.CodeBlock, Runs: []docx.Run{same("line one\nline two")}},
		},
	}
}

// The sample's two versions, spelled out by hand.
var (
	sampleNew = []string{
		"Other changes", "Title: Privacy policy", "Effective: 16 December 2026", "Processors",
		"Name | Location | Purpose", "Hotjar | EU | Heatmaps", "Stripe | EU | Payments",
		"How long we keep logs",
		"We keep logs for 30 days. See our site or above. Always and now.",
		"first", "nested one", "nested new", "nested two", "after the nested list", "third",
		"A whole new paragraph.",
		"three", "four",
		"Name | Purpose", "Stripe | Payments", "Hotjar | Heatmaps",
		"A quote", "line one line two",
	}
	sampleOld = []string{
		"Other changes", "Title: Privacy notice", "Effective:", "Processors",
		"Name | Location | Purpose", "Mixpanel | US | Analytics", "Stripe | US | Payments",
		"How long we keep web logs",
		"We keep logs for 90 days. See our site or above. Always and .",
		"first", "nested one", "nested two", "after the nested list", "second, deleted", "third",
		"A whole old paragraph.",
		"three", "four",
		"Name | Purpose", "Stripe | Pay", "Mixpanel | Analytics",
		"A quote", "line one line two",
	}
)

func write(t testing.TB, r *docx.Redline) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := docx.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAcceptAndRejectAll(t *testing.T) {
	data := write(t, sample())
	if got := view(t, data, true); !reflect.DeepEqual(got, sampleNew) {
		t.Errorf("accept all:\n got %q\nwant %q", got, sampleNew)
	}
	if got := view(t, data, false); !reflect.DeepEqual(got, sampleOld) {
		t.Errorf("reject all:\n got %q\nwant %q", got, sampleOld)
	}
}

// Every change is a real revision, with the author and the date.
func TestRevisionsHaveAuthorAndDate(t *testing.T) {
	doc := string(parts(t, write(t, sample()))["word/document.xml"])
	for _, name := range []string{"ins", "del"} {
		n := strings.Count(doc, "<w:"+name+" ")
		if n == 0 {
			t.Fatalf("no w:%s", name)
		}
		if with := strings.Count(doc, `<w:`+name+` w:id="`); with != n {
			t.Errorf("%d of %d w:%s without an id first", n-with, n, name)
		}
	}
	revs := strings.Count(doc, "<w:ins ") + strings.Count(doc, "<w:del ")
	if got := strings.Count(doc, `w:author="Lumen Ledger" w:date="2026-11-16T00:00:00Z"`); got != revs {
		t.Errorf("%d of %d revisions name the author and the date", got, revs)
	}
}

// The package's own reader, which gen import uses, reads what the writer
// writes as Word would show it with every change accepted: headings in
// Word's heading styles, real lists, tables, links and bookmarks.
func TestReaderReadsRedline(t *testing.T) {
	data := write(t, sample())
	doc, err := docx.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Privacy policy" || doc.TrackedChanges == 0 {
		t.Errorf("title %q, %d tracked changes", doc.Title, doc.TrackedChanges)
	}
	if got := readerView(doc.Blocks); !reflect.DeepEqual(got, sampleNew) {
		t.Errorf("reader:\n got %q\nwant %q", got, sampleNew)
	}
	type para struct {
		text, style string
		heading     int
		label       string
		level       int
	}
	var got []para
	for _, b := range doc.Blocks {
		p, ok := b.(*docx.Paragraph)
		if !ok {
			continue
		}
		e := para{text: p.Text(), style: p.Style, heading: p.Heading}
		if p.List != nil {
			e.label, e.level = p.List.Label, p.List.Level
		}
		got = append(got, e)
	}
	want := []para{
		{"Other changes", "heading 1", 1, "", 0},
		{"Title: Privacy policy", "", 0, "", 0},
		{"Effective: 16 December 2026", "", 0, "", 0},
		{"Processors", "heading 2", 2, "", 0},
		{"How long we keep logs", "heading 2", 2, "", 0},
		{"We keep logs for 30 days. See our site or above. Always and now.", "", 0, "", 0},
		{"first", "List Paragraph", 0, "•", 0},
		{"nested one", "List Paragraph", 0, "1.", 1},
		{"nested new", "List Paragraph", 0, "2.", 1},
		{"nested two", "List Paragraph", 0, "3.", 1},
		{"after the nested list", "List Paragraph", 0, "", 0},
		{"third", "List Paragraph", 0, "•", 0},
		{"A whole new paragraph.", "", 0, "", 0},
		{"three", "List Paragraph", 0, "3.", 0},
		{"four", "List Paragraph", 0, "4.", 0},
		{"A quote", "Quote", 0, "", 0},
		{"line one line two", "HTML Preformatted", 0, "", 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs:\n got %+v\nwant %+v", got, want)
	}
	var heading, links *docx.Paragraph
	for _, b := range doc.Blocks {
		if p, ok := b.(*docx.Paragraph); ok && strings.HasPrefix(p.Text(), "How long") {
			heading = p
		} else if ok && strings.HasPrefix(p.Text(), "We keep") {
			links = p
		}
	}
	if !reflect.DeepEqual(heading.Bookmarks, []string{"logs"}) {
		t.Errorf("heading bookmarks %v", heading.Bookmarks)
	}
	var linked []docx.Inline
	for _, in := range links.Inlines {
		if in.Link != "" || in.Anchor != "" || in.Bold || in.Italic {
			linked = append(linked, in)
		}
	}
	wantLinks := []docx.Inline{{Text: "our site", Link: "https://example.com/a%20b"}, {Text: "above", Anchor: "logs"}, {Text: "Always", Bold: true}, {Text: "now", Italic: true}}
	if !reflect.DeepEqual(linked, wantLinks) {
		t.Errorf("links and emphasis:\n got %+v\nwant %+v", linked, wantLinks)
	}
	tables := 0
	for _, b := range doc.Blocks {
		if tb, ok := b.(*docx.Table); ok {
			tables++
			if !tb.Rows[0].Header || tb.Rows[1].Header {
				t.Errorf("table %d: header rows %v, %v", tables, tb.Rows[0].Header, tb.Rows[1].Header)
			}
		}
	}
	if tables != 2 {
		t.Errorf("%d tables, want 2", tables)
	}
}

// readerView is what the reader read, as view shows a document.
func readerView(blocks []docx.Block) []string {
	var out []string
	add := func(s string) {
		if w := strings.Join(strings.Fields(s), " "); w != "" {
			out = append(out, w)
		}
	}
	for _, b := range blocks {
		switch b := b.(type) {
		case *docx.Paragraph:
			add(b.Text())
		case *docx.Table:
			for _, r := range b.Rows {
				var cells []string
				for _, c := range r.Cells {
					cells = append(cells, strings.Join(readerView(c.Blocks), " "))
				}
				add(strings.Join(cells, " | "))
			}
		}
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a, b := write(t, sample()), write(t, sample())
	if !bytes.Equal(a, b) {
		t.Fatal("the same redline gave different bytes")
	}
	z, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if y := f.Modified.Year(); y != 1980 {
			t.Errorf("%s modified in %d, want the fixed 1980", f.Name, y)
		}
	}
	if z.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s, want [Content_Types].xml", z.File[0].Name)
	}
}

// Settings, properties and styles a reviewer meets: Track Changes is on,
// File > Info has the title, author and language, and spelling is checked
// in the policy's language.
func TestPackage(t *testing.T) {
	ps := parts(t, write(t, sample()))
	for _, want := range []struct{ part, text string }{
		{"word/settings.xml", "<w:trackRevisions>"},
		{"docProps/core.xml", "<dc:title>Privacy policy</dc:title>"},
		{"docProps/core.xml", "<dc:creator>Lumen Ledger</dc:creator>"},
		{"docProps/core.xml", "<dc:language>en-GB</dc:language>"},
		{"word/styles.xml", `<w:lang w:val="en-GB">`},
		{"word/styles.xml", `<w:name w:val="heading 2">`},
		{"word/numbering.xml", `<w:numFmt w:val="bullet">`},
		{"word/_rels/document.xml.rels", `Target="https://example.com/a%20b" TargetMode="External"`},
		{"[Content_Types].xml", `PartName="/word/numbering.xml"`},
	} {
		if !strings.Contains(string(ps[want.part]), want.text) {
			t.Errorf("%s has no %s", want.part, want.text)
		}
	}
	// Without lists there is no numbering part, and nothing refers to one.
	plain := parts(t, write(t, &docx.Redline{Blocks: []docx.RedlineBlock{{Runs: []docx.Run{same("text")}}}}))
	if _, ok := plain["word/numbering.xml"]; ok || strings.Contains(string(plain["[Content_Types].xml"]), "numbering") ||
		strings.Contains(string(plain["word/_rels/document.xml.rels"]), "numbering") {
		t.Error("a numbering part for a document without lists")
	}
}

// Text from careless hands: control characters XML cannot hold are left
// out, line breaks and tabs kept, and a link that is no address stays text.
func TestHostileText(t *testing.T) {
	data := write(t, &docx.Redline{Author: "A & <B>", Blocks: []docx.RedlineBlock{
		{Runs: []docx.Run{same("a\x00b\x1b[31mc\uFFFE"), ins("d\te"), {Text: " link", Link: "http://[::1"}}},
		{Kind: docx.HeadingBlock, Level: 12, Runs: []docx.Run{same("deep")}},
		{Kind: docx.ListItemBlock, Level: -3, Runs: []docx.Run{same("shallow")}},
		{Kind: docx.TableBlock},
	}})
	if got, want := view(t, data, true), []string{"ab[31mcd e link", "deep", "shallow"}; !reflect.DeepEqual(got, want) {
		t.Errorf("accept all:\n got %q\nwant %q", got, want)
	}
	if _, err := docx.Read(data); err != nil {
		t.Fatal(err)
	}
}

// TestRandomRedlines writes redlines drawn at random and checks that
// accepting and rejecting all changes give each version, and that the
// reader reads the accepted one.
func TestRandomRedlines(t *testing.T) {
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 7))
		r := randomRedline(rng)
		data := write(t, r)
		newText, oldText := versions(r.Blocks)
		if got := view(t, data, true); !reflect.DeepEqual(got, newText) {
			t.Fatalf("seed %d: accept all:\n got %q\nwant %q", seed, got, newText)
		}
		if got := view(t, data, false); !reflect.DeepEqual(got, oldText) {
			t.Fatalf("seed %d: reject all:\n got %q\nwant %q", seed, got, oldText)
		}
		doc, err := docx.Read(data)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		// The reader leaves out paragraphs without text.
		if got, want := readerView(doc.Blocks), nonEmpty(newText); !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: reader:\n got %q\nwant %q", seed, got, want)
		}
	}
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

var words = []string{"data", "we", "keep", "logs", "for", "days", "Stripe", "personuppgifter", "ändamål", "30", "—", "«quoted»", "a&b", "<tag>"}

func randomRedline(rng *rand.Rand) *docx.Redline {
	change := func() docx.Change { return docx.Change(rng.IntN(3)) }
	runs := func() []docx.Run {
		var rs []docx.Run
		for range rng.IntN(6) {
			r := docx.Run{Text: words[rng.IntN(len(words))] + " ", Change: change(), Bold: rng.IntN(4) == 0, Italic: rng.IntN(4) == 0}
			if rng.IntN(5) == 0 {
				r.Link = fmt.Sprintf("https://example.com/%d", rng.IntN(3))
			}
			rs = append(rs, r)
		}
		return rs
	}
	r := &docx.Redline{Author: "Site", Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}
	for range rng.IntN(12) {
		b := docx.RedlineBlock{Kind: docx.BlockKind(rng.IntN(6)), Level: rng.IntN(4), Numbered: rng.IntN(2) == 0, Number: rng.IntN(4)}
		if rng.IntN(3) == 0 {
			b.Change = change()
		}
		if b.Kind == docx.TableBlock {
			columns := 1 + rng.IntN(3) // as in Markdown, every row has them all
			for range rng.IntN(4) {
				row := docx.RedlineRow{Header: rng.IntN(3) == 0, Change: change()}
				for range columns {
					row.Cells = append(row.Cells, runs())
				}
				b.Rows = append(b.Rows, row)
			}
		} else {
			b.Runs = runs()
		}
		r.Blocks = append(r.Blocks, b)
	}
	return r
}

// versions are the new and the old text of blocks, as view shows them.
func versions(blocks []docx.RedlineBlock) (newText, oldText []string) {
	side := func(c, block docx.Change, gone docx.Change) bool {
		if block != docx.Unchanged {
			return block != gone
		}
		return c != gone
	}
	text := func(rs []docx.Run, block, gone docx.Change) string {
		var b strings.Builder
		for _, r := range rs {
			if side(r.Change, block, gone) {
				b.WriteString(r.Text)
			}
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	for _, gone := range []docx.Change{docx.Deleted, docx.Inserted} {
		var out []string
		for _, b := range blocks {
			if b.Kind != docx.TableBlock {
				// A paragraph stays, empty, when only its words are gone.
				if b.Change != gone && len(b.Runs) > 0 {
					out = append(out, text(b.Runs, b.Change, gone))
				}
				continue
			}
			for _, row := range b.Rows {
				rc := row.Change
				if b.Change != docx.Unchanged {
					rc = b.Change
				}
				if rc == gone {
					continue
				}
				var cells []string
				for _, c := range row.Cells {
					cells = append(cells, text(c, rc, gone))
				}
				out = append(out, strings.Join(strings.Fields(strings.Join(cells, " | ")), " "))
			}
		}
		if gone == docx.Deleted {
			newText = out
		} else {
			oldText = out
		}
	}
	return newText, oldText
}
