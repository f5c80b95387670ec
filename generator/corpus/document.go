package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/sitedir"
	"github.com/policygen/gen/generator/urls"
)

// writer draws one policy in one language: its first version, then each
// revision as a small edit of the one before.
type writer struct {
	spec    Spec
	rng     *rand.Rand
	vocab   []string
	accents []string
	slugs   []string
	policy  int
	lang    string
}

// blockKind is the kind of a Markdown block in a document.
type blockKind int

const (
	paragraph blockKind = iota
	bulletList
	heading2
	heading3
	table
	placeholder // the {{< processors >}} line
)

// block is one Markdown block. Paragraphs and list items hold tokens, which
// are words with their punctuation or whole inline links, so that an edit of
// a token is an edit of one word as a reader sees it.
type block struct {
	kind  blockKind
	words []string   // a paragraph's tokens or a heading's words
	id    string     // a heading's {#custom-id}, or ""
	items [][]string // a list's items
	rows  [][]string // a table's rows, the header first; one phrase per cell
}

// processor is one [[processors]] entry.
type processor struct{ name, location, purpose, country, transfer, url string }

// document is the text of a policy in one language as it evolves.
type document struct {
	title, description string
	blocks             []block
	processors         []processor
	headings           map[string]bool // heading texts in use, to keep them unique
	anchors            []string        // custom heading ids, for in-page links
}

// change is what one revision did, for its [change] notice.
type change struct {
	summary  string
	material bool
}

// writeVersions writes every version of the document into the site folder
// site as the policy slug: the newest as its current file, the others in
// its archive.
func (w *writer) writeVersions(site, slug string, versions []version) error {
	doc := w.newDocument()
	var buf bytes.Buffer
	var ch change
	for i, v := range versions {
		if i > 0 {
			ch = w.revise(doc)
		}
		buf.Reset()
		w.render(&buf, doc, v, i > 0, ch)
		path := filepath.Join(site, filepath.FromSlash(sitedir.Current(slug, w.lang)))
		if i < len(versions)-1 {
			path = filepath.Join(site, filepath.FromSlash(sitedir.Archived(slug, date.Of(v.date), w.lang)))
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// dateLayout formats TOML local dates.
const dateLayout = "2006-01-02"

// newDocument draws the first version: an introduction, then sections until
// the file reaches about Spec.BodyBytes, and at least three. The second
// section holds the table and the third the processors placeholder, so
// every size has both.
func (w *writer) newDocument() *document {
	kinds := policyKinds()
	doc := &document{
		title:       kinds[w.policy%len(kinds)].title,
		description: w.sentence(8, 16),
		headings:    map[string]bool{},
	}
	for n := 3 + w.rng.IntN(6); len(doc.processors) < n; {
		doc.processors = append(doc.processors, w.newProcessor(doc))
	}
	doc.blocks = append(doc.blocks, w.paragraph(doc), w.paragraph(doc))
	// Front matter and Markdown syntax add about a tenth to the words.
	target := w.spec.BodyBytes * 9 / 10
	for section := 0; section < 3 || size(doc) < target; section++ {
		doc.blocks = append(doc.blocks, w.heading(doc, heading2))
		for range 1 + w.rng.IntN(3) {
			doc.blocks = append(doc.blocks, w.paragraph(doc))
		}
		switch section {
		case 1:
			doc.blocks = append(doc.blocks, w.table())
			continue
		case 2:
			doc.blocks = append(doc.blocks, block{kind: placeholder})
			continue
		}
		if w.rng.IntN(3) == 0 {
			doc.blocks = append(doc.blocks, w.list(doc))
		}
		if w.rng.IntN(3) == 0 {
			for range 1 + w.rng.IntN(3) {
				doc.blocks = append(doc.blocks, w.heading(doc, heading3))
				for range 1 + w.rng.IntN(2) {
					doc.blocks = append(doc.blocks, w.paragraph(doc))
				}
				if w.rng.IntN(4) == 0 {
					doc.blocks = append(doc.blocks, w.list(doc))
				}
			}
		}
	}
	return doc
}

// size estimates the bytes of the document's body.
func size(doc *document) int {
	n := 0
	count := func(words []string) {
		for _, t := range words {
			n += len(t) + 1
		}
	}
	for _, b := range doc.blocks {
		count(b.words)
		for _, it := range b.items {
			count(it)
		}
		for _, r := range b.rows {
			count(r)
		}
		n += 2
	}
	return n
}

// word returns a random word of the vocabulary.
func (w *writer) word() string { return w.vocab[w.rng.IntN(len(w.vocab))] }

// words returns n random words.
func (w *writer) words(n int) []string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = w.word()
	}
	return ws
}

// sentence returns a capitalised sentence of min to max words.
func (w *writer) sentence(min, max int) string {
	return strings.Join(w.sentenceTokens(nil, min, max), " ")
}

// sentenceTokens appends a sentence of min to max tokens to ts: words with
// a comma here and there, a full stop at the end, and now and then a link
// or bold words.
func (w *writer) sentenceTokens(ts []string, min, max int) []string {
	n := min + w.rng.IntN(max-min+1)
	start := len(ts)
	for i := range n {
		t := w.word()
		if i > 1 && i < n-2 && w.rng.IntN(12) == 0 {
			t += ","
		}
		ts = append(ts, t)
	}
	ts[start] = capitalise(ts[start])
	ts[len(ts)-1] += "."
	return ts
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// paragraph draws a paragraph of two to six sentences. One paragraph in
// three has a link: to a section of the page, to another policy or to an
// external site; some have words in bold.
func (w *writer) paragraph(doc *document) block {
	var ts []string
	for range 2 + w.rng.IntN(5) {
		ts = w.sentenceTokens(ts, 8, 22)
	}
	if w.rng.IntN(3) == 0 {
		ts = insertAt(ts, w.rng.IntN(len(ts)), w.link(doc))
	}
	if w.rng.IntN(8) == 0 {
		i := 1 + w.rng.IntN(len(ts)-1)
		if isPlain(ts[i]) {
			ts[i] = "**" + ts[i] + "**"
		}
	}
	return block{kind: paragraph, words: ts}
}

// isPlain reports whether the token is a bare word, without punctuation.
func isPlain(t string) bool { return !strings.ContainsAny(t, ".,[]*") }

// link returns an inline link token.
func (w *writer) link(doc *document) string {
	text := strings.Join(w.words(1+w.rng.IntN(3)), " ")
	switch w.rng.IntN(3) {
	case 0:
		if len(doc.anchors) > 0 {
			return "[" + text + "](#" + doc.anchors[w.rng.IntN(len(doc.anchors))] + ")"
		}
		fallthrough
	case 1:
		other := w.slugs[w.rng.IntN(len(w.slugs))]
		return "[" + text + "](" + urls.Scheme{}.Policy(w.lang, other) + ")"
	default:
		return "[" + text + "](https://example.com/" + w.word() + "/" + w.word() + ")"
	}
}

// heading draws a heading whose text is unique in the document. Half have
// a word with non-ASCII letters; one in four ## headings sets its id.
func (w *writer) heading(doc *document, kind blockKind) block {
	for {
		ws := w.words(2 + w.rng.IntN(4))
		if w.rng.IntN(2) == 0 {
			ws[w.rng.IntN(len(ws))] = w.accents[w.rng.IntN(len(w.accents))]
		}
		ws[0] = capitalise(ws[0])
		text := strings.Join(ws, " ")
		if doc.headings[text] {
			continue
		}
		doc.headings[text] = true
		b := block{kind: kind, words: ws}
		if kind == heading2 && w.rng.IntN(4) == 0 {
			// Digits never come from heading text, so these ids cannot
			// collide with generated ones.
			b.id = fmt.Sprintf("s%d-%s", len(doc.anchors)+1, strings.ToLower(w.word()))
			doc.anchors = append(doc.anchors, b.id)
		}
		return b
	}
}

// list draws a bullet list of three to six items.
func (w *writer) list(doc *document) block {
	b := block{kind: bulletList}
	for range 3 + w.rng.IntN(4) {
		b.items = append(b.items, w.sentenceTokens(nil, 5, 16))
	}
	return b
}

// table draws the document's GFM table: purposes and their legal basis.
func (w *writer) table() block {
	b := block{kind: table, rows: [][]string{{"Purpose", "Data used", "Legal basis"}}}
	for range 4 + w.rng.IntN(4) {
		b.rows = append(b.rows, []string{w.phrase(2, 6), w.phrase(2, 5), w.phrase(1, 4)})
	}
	return b
}

// phrase returns a capitalised phrase of min to max words.
func (w *writer) phrase(min, max int) string {
	ws := w.words(min + w.rng.IntN(max-min+1))
	ws[0] = capitalise(ws[0])
	return strings.Join(ws, " ")
}

// processorKind is a service a processor provides and what for.
type processorKind struct{ kind, purpose string }

// processorKinds returns the services processors provide.
func processorKinds() []processorKind {
	return []processorKind{
		{"Hosting", "Hosting of the service, its databases and encrypted backups"},
		{"Mail", "Sending service emails such as password resets and receipts"},
		{"Payments", "Processing subscription payments"},
		{"Analytics", "Aggregated statistics about the use of the website"},
		{"Support", "Customer support tickets and chat"},
		{"Backup", "Off-site storage of encrypted backups"},
		{"Logging", "Collection and search of server logs"},
		{"Identity", "Sign-in and two-factor authentication"},
		{"Messaging", "Text messages with one-time codes"},
		{"Translation", "Translation of support requests"},
	}
}

// newProcessor draws a processor whose name is not yet in the document.
// Those outside the EU/EEA carry the safeguard for the transfer.
func (w *writer) newProcessor(doc *document) processor {
	prefixes := []string{"Nimbus", "Postvik", "Kassa", "Helpwise", "Ocrella", "Fjord", "Brightline",
		"Northwind", "Solvik", "Cirrus", "Lumo", "Tessera", "Arkiv", "Quanta", "Polar", "Vinter", "Ekko", "Saga"}
	forms := []string{"GmbH", "AS", "AB", "Inc.", "B.V.", "Oy", "ApS", "S.A.", "Ltd", "SAS"}
	places := []struct{ location, country, transfer string }{
		{"EU (Germany)", "DE", ""},
		{"EU (Ireland)", "IE", ""},
		{"EU (Sweden)", "SE", ""},
		{"EU (Netherlands)", "NL", ""},
		{"EU (Finland)", "FI", ""},
		{"EEA (Norway)", "NO", ""},
		{"United States", "US", "Standard Contractual Clauses (Commission Decision (EU) 2021/914)"},
		{"United States", "US", "EU-US Data Privacy Framework"},
		{"United Kingdom", "GB", "Adequacy decision"},
	}
	kinds := processorKinds()
	for {
		k := kinds[w.rng.IntN(len(kinds))]
		prefix := prefixes[w.rng.IntN(len(prefixes))]
		name := prefix + " " + k.kind + " " + forms[w.rng.IntN(len(forms))]
		if hasProcessor(doc, name) {
			continue
		}
		p := processor{name: name, purpose: k.purpose}
		place := places[w.rng.IntN(len(places))]
		p.location = place.location
		if w.rng.IntN(4) > 0 {
			p.country = place.country
		}
		p.transfer = place.transfer
		if w.rng.IntN(3) > 0 {
			p.url = "https://example.com/" + strings.ToLower(prefix+"-"+k.kind) + "/privacy"
		}
		return p
	}
}

// hasProcessor reports whether the document lists a processor of that name.
func hasProcessor(doc *document, name string) bool {
	for _, p := range doc.processors {
		if p.name == name {
			return true
		}
	}
	return false
}

// revise edits the document the way a legal team revises a policy: about
// 2–4 % of the words replaced, inserted or deleted here and there, now and
// then a paragraph added or removed, a table cell reworded or a processor
// added, removed or changed. It returns the change notice.
func (w *writer) revise(doc *document) change {
	var notes []string
	budget := countWords(doc) * (20 + w.rng.IntN(21)) / 1000
	switch w.rng.IntN(8) {
	case 0, 1:
		i := w.pick(doc, paragraph)
		p := w.paragraph(doc)
		doc.blocks = insertAt(doc.blocks, i+1, p)
		budget -= len(p.words)
		notes = append(notes, "added a paragraph on "+w.topic())
	case 2:
		// Only a paragraph that follows another, so no heading is left bare.
		if i := w.pick(doc, paragraph); i > 0 && doc.blocks[i-1].kind == paragraph {
			budget -= len(doc.blocks[i].words)
			doc.blocks = append(doc.blocks[:i], doc.blocks[i+1:]...)
			notes = append(notes, "removed a paragraph on "+w.topic())
		}
	}
	for budget > 0 {
		budget -= w.editWords(doc)
	}
	notes = append(notes, "clarified the text on "+w.topic())
	if w.rng.IntN(5) == 0 {
		t := &doc.blocks[w.pick(doc, table)]
		row := t.rows[1+w.rng.IntN(len(t.rows)-1)]
		row[w.rng.IntN(len(row))] = w.phrase(1, 5)
	}
	material := w.rng.IntN(5) == 0
	switch w.rng.IntN(6) {
	case 0:
		if len(doc.processors) < 8 {
			p := w.newProcessor(doc)
			doc.processors = append(doc.processors, p)
			notes = append(notes, "added "+p.name+" as a processor")
			material = true
		}
	case 1:
		if len(doc.processors) > 3 {
			i := w.rng.IntN(len(doc.processors))
			notes = append(notes, "removed the processor "+doc.processors[i].name)
			doc.processors = append(doc.processors[:i], doc.processors[i+1:]...)
		}
	case 2:
		p := &doc.processors[w.rng.IntN(len(doc.processors))]
		p.purpose += " and " + strings.Join(w.words(2+w.rng.IntN(3)), " ")
		notes = append(notes, "described what "+p.name+" does for us")
	}
	summary := "We " + strings.Join(notes, ", and ") + "."
	return change{summary: summary, material: material}
}

// topic returns a few words to name what a change was about.
func (w *writer) topic() string { return strings.Join(w.words(2), " ") }

// pick returns the index of a random block of the kind; the document always
// has one of each kind asked for.
func (w *writer) pick(doc *document, kind blockKind) int {
	var idx []int
	for i, b := range doc.blocks {
		if b.kind == kind {
			idx = append(idx, i)
		}
	}
	return idx[w.rng.IntN(len(idx))]
}

// countWords counts the editable tokens: those of paragraphs and lists.
func countWords(doc *document) int {
	n := 0
	for _, b := range doc.blocks {
		n += len(b.words)
		for _, it := range b.items {
			n += len(it)
		}
	}
	return n
}

// editWords makes one small edit at a random token of a paragraph or list
// item — replace one or two words, insert one to four, or delete one to
// three — and returns how many words it changed.
func (w *writer) editWords(doc *document) int {
	ts := w.randomText(doc)
	tokens := *ts
	at := w.rng.IntN(len(tokens))
	switch op := w.rng.IntN(4); {
	case op < 2: // replace
		n := min(1+w.rng.IntN(2), len(tokens)-at)
		for i := at; i < at+n; i++ {
			tokens[i] = w.replacement(tokens[i])
		}
		return n
	case op == 2: // insert, inside the text so it keeps its capital and full stop
		n := 1 + w.rng.IntN(4)
		*ts = insertAt(tokens, 1+w.rng.IntN(len(tokens)-1), w.words(n)...)
		return n
	default: // delete, keeping the text's last full stop
		n := min(1+w.rng.IntN(3), len(tokens)-at)
		if len(tokens)-n < 5 {
			return 0
		}
		if end := tokens[at+n-1]; strings.HasSuffix(end, ".") && at > 0 && !strings.HasSuffix(tokens[at-1], ".") {
			tokens[at-1] += "."
		}
		if at == 0 {
			tokens[n] = capitalise(tokens[n])
		}
		*ts = append(tokens[:at], tokens[at+n:]...)
		return n
	}
}

// randomText returns the tokens of a random paragraph or list item, chosen
// in proportion to their length so edits spread evenly over the words.
func (w *writer) randomText(doc *document) *[]string {
	k := w.rng.IntN(countWords(doc))
	for bi := range doc.blocks {
		b := &doc.blocks[bi]
		if k < len(b.words) {
			return &b.words
		}
		k -= len(b.words)
		for ii := range b.items {
			if k < len(b.items[ii]) {
				return &b.items[ii]
			}
			k -= len(b.items[ii])
		}
	}
	panic("corpus: word index out of range") // countWords and this loop agree
}

// replacement returns a new word in the place of old, keeping its
// capital letter and trailing punctuation so sentences stay sentences.
func (w *writer) replacement(old string) string {
	t := w.word()
	if r, _ := utf8.DecodeRuneInString(old); unicode.IsUpper(r) {
		t = capitalise(t)
	}
	if strings.HasSuffix(old, ".") || strings.HasSuffix(old, ",") {
		t += old[len(old)-1:]
	}
	return t
}

// insertAt inserts vs into s at i.
func insertAt[T any](s []T, i int, vs ...T) []T {
	s = append(s, vs...)
	copy(s[i+len(vs):], s[i:])
	copy(s[i:], vs)
	return s
}

// render writes one version of the document as a policy file.
func (w *writer) render(buf *bytes.Buffer, doc *document, v version, revised bool, ch change) {
	buf.WriteString("+++\n")
	fmt.Fprintf(buf, "title = %s\n", tomlString(doc.title))
	fmt.Fprintf(buf, "last_updated = %s\n", v.date.Format(dateLayout))
	if !v.effective.Equal(v.date) {
		fmt.Fprintf(buf, "effective = %s\n", v.effective.Format(dateLayout))
	}
	fmt.Fprintf(buf, "description = %s\n", tomlString(doc.description))
	if w.lang != "en" {
		fmt.Fprintf(buf, "translates = %s\n", v.date.Format(dateLayout))
	}
	if revised {
		fmt.Fprintf(buf, "\n[change]\nsummary = %s\n", tomlString(ch.summary))
		if ch.material {
			buf.WriteString("material = true\n")
		}
	}
	for _, p := range doc.processors {
		fmt.Fprintf(buf, "\n[[processors]]\nname = %s\nlocation = %s\npurpose = %s\n",
			tomlString(p.name), tomlString(p.location), tomlString(p.purpose))
		if p.country != "" {
			fmt.Fprintf(buf, "country = %s\n", tomlString(p.country))
		}
		if p.transfer != "" {
			fmt.Fprintf(buf, "transfer = %s\n", tomlString(p.transfer))
		}
		if p.url != "" {
			fmt.Fprintf(buf, "url = %s\n", tomlString(p.url))
		}
	}
	buf.WriteString("+++\n")
	for _, b := range doc.blocks {
		buf.WriteByte('\n')
		switch b.kind {
		case paragraph:
			writeTokens(buf, b.words)
		case heading2, heading3:
			buf.WriteString("##")
			if b.kind == heading3 {
				buf.WriteByte('#')
			}
			buf.WriteByte(' ')
			writeTokens(buf, b.words)
			if b.id != "" {
				buf.WriteString(" {#" + b.id + "}")
			}
		case bulletList:
			for i, it := range b.items {
				if i > 0 {
					buf.WriteByte('\n')
				}
				buf.WriteString("- ")
				writeTokens(buf, it)
			}
		case table:
			for i, r := range b.rows {
				if i > 0 {
					buf.WriteByte('\n')
				}
				buf.WriteString("| " + strings.Join(r, " | ") + " |")
				if i == 0 {
					buf.WriteString("\n|" + strings.Repeat("---|", len(r)))
				}
			}
		case placeholder:
			buf.WriteString("{{< processors >}}")
		}
		buf.WriteByte('\n')
	}
}

// writeTokens writes tokens separated by spaces.
func writeTokens(buf *bytes.Buffer, ts []string) {
	for i, t := range ts {
		if i > 0 {
			buf.WriteByte(' ')
		}
		buf.WriteString(t)
	}
}
