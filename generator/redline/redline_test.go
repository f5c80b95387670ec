package redline

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"

	gmrenderer "github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"github.com/policygen/gen/generator/markdown"
	"github.com/policygen/gen/generator/printable"
)

var opts = Options{InsertedLabel: "inserted:", DeletedLabel: "deleted:", Terminal: true}

// TestTerminalOnlyAddsText checks that leaving out the terminal rendering,
// as site builds do, changes nothing in the HTML or the counts.
func TestTerminalOnlyAddsText(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	old := policyBody(rng, 20_000)
	new := editWords(rng, old, 0.05)
	htmlOnly := opts
	htmlOnly.Terminal = false
	a, b := Compare([]byte(old), []byte(new), opts), Compare([]byte(old), []byte(new), htmlOnly)
	if a.SectionsChanged != b.SectionsChanged || a.WordsAdded != b.WordsAdded || a.WordsRemoved != b.WordsRemoved || len(a.Sections) != len(b.Sections) {
		t.Fatalf("counts differ without the terminal rendering")
	}
	for i := range a.Sections {
		for j := range a.Sections[i].Blocks {
			if a.Sections[i].Blocks[j].HTML != b.Sections[i].Blocks[j].HTML {
				t.Fatalf("section %d block %d: HTML differs without the terminal rendering", i, j)
			}
		}
	}
	if err := WriteText(io.Discard, b, false); err == nil {
		t.Errorf("WriteText printed a redline that has no terminal rendering")
	}
}

var (
	labelRe = regexp.MustCompile(`<span class="visually-hidden">[^<]*</span>`)
	insRe   = regexp.MustCompile(`(?s)<ins>.*?</ins>`)
	delRe   = regexp.MustCompile(`(?s)<del>.*?</del>`)
	imgRe   = regexp.MustCompile(`<img [^>]*alt="([^"]*)"[^>]*>`)
	tagRe   = regexp.MustCompile(`<!--.*?-->|</?([a-z0-9]+)[^>]*>`)
)

// inlineTags do not separate words: "<em>a</em>b" reads as one word.
var inlineTags = map[string]bool{"a": true, "em": true, "strong": true, "code": true, "s": true, "del": true, "ins": true, "span": true, "": true}

// words returns the words of an HTML fragment as a reader sees them: block
// tags separate words, inline tags do not.
func words(h string) []string {
	h = imgRe.ReplaceAllString(h, "$1")
	h = tagRe.ReplaceAllStringFunc(h, func(tag string) string {
		if inlineTags[tagRe.FindStringSubmatch(tag)[1]] {
			return ""
		}
		return " "
	})
	return strings.Fields(html.UnescapeString(h))
}

// sides extracts the old and the new text from a rendered redline: the old
// side drops what was inserted, the new side what was deleted.
func sides(r *Redline) (old, new []string) {
	var all strings.Builder
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			all.WriteString(string(b.HTML))
			all.WriteByte('\n')
		}
	}
	h := labelRe.ReplaceAllString(all.String(), "")
	return words(insRe.ReplaceAllString(h, "")), words(delRe.ReplaceAllString(h, ""))
}

// reference renders a body the way the policy page does and returns its
// words, independently of the redline's own tokenizer.
func reference(t testing.TB, body []byte, unsafe bool) []string {
	var buf bytes.Buffer
	var rendering []gmrenderer.Option
	if unsafe {
		rendering = append(rendering, gmhtml.WithUnsafe())
	}
	if err := markdown.Dialect(rendering...).Convert(body, &buf); err != nil {
		t.Fatal(err)
	}
	// As the page shows it: a control character as U+FFFD.
	return words(printable.Page(buf.String()))
}

func checkRoundTrip(t testing.TB, old, new []byte, o Options) *Redline {
	t.Helper()
	r := Compare(old, new, o)
	gotOld, gotNew := sides(r)
	if want := reference(t, old, o.UnsafeHTML); !equalWords(gotOld, want) {
		t.Errorf("old side differs:\n got %q\nwant %q", gotOld, want)
	}
	if want := reference(t, new, o.UnsafeHTML); !equalWords(gotNew, want) {
		t.Errorf("new side differs:\n got %q\nwant %q", gotNew, want)
	}
	return r
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

const privacyV1 = `Acme AB ("we") respects your privacy. This policy explains
how we process personal data.

## Who is responsible for your personal data?

Acme AB, Storgatan 1, Stockholm, is the controller. Contact us at
[privacy@example.com](mailto:privacy@example.com).

## What we collect

- **Contact details**: name, email address and phone number.
- *Usage data*: pages visited and the time of the visit.
- Payment data, handled by our payment provider.

We keep web server logs for 90 days.

{{< processors >}}

## Your rights

You may ask for a copy of your data, have it corrected or deleted. Read
more on the [authority's site](https://www.imy.se/).

| Purpose | Legal basis | Retention |
|---|---|---|
| Newsletter | Consent | Until you unsubscribe |
| Invoicing | Legal obligation | 7 years |

> Complaints go to the supervisory authority.
`

const privacyV2 = `Acme AB ("we") respects your privacy. This policy explains how we
process personal data.

## Who is responsible for your personal data?

Acme AB, Storgatan 1, Stockholm, is the controller. Contact us at
[privacy@example.com](mailto:privacy@example.com).

## What we collect

- **Contact details**: name, email address and phone number.
- *Usage data*: pages visited, the time of the visit and your browser.
- Payment data, handled by our payment provider.

We keep web server logs for 30 days.

{{< processors >}}

## Cookies

We use only the cookies needed to keep you signed in.

## Your rights

You may ask for a copy of your data, have it corrected or deleted. Read
more on the [authority's site](https://www.imy.se/en/).

| Purpose | Legal basis | Retention |
|---|---|---|
| Newsletter | Consent | Until you unsubscribe |
| Invoicing | Legal obligation | 10 years |
| Support | Legitimate interest | 2 years |

> Complaints go to the supervisory authority.
`

const swedishV1 = `## Vem ansvarar för dina personuppgifter?

Acme AB är personuppgiftsansvarig. Vi sparar loggar i 90 dagar.

## Dina rättigheter

Du får begära utdrag.
`

const swedishV2 = `## Vem ansvarar för dina personuppgifter?

Acme AB är personuppgiftsansvarig. Vi sparar loggar i högst 30 dagar.

## Dina rättigheter

Du får begära utdrag.
`

func allHTML(r *Redline) string {
	var b strings.Builder
	for _, s := range r.Sections {
		for _, bl := range s.Blocks {
			b.WriteString(string(bl.HTML))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func changedBlocks(r *Redline) []Block {
	var out []Block
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			if b.Kind != Unchanged {
				out = append(out, b)
			}
		}
	}
	return out
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		// sectionsChanged is the expected count; -1 skips the check.
		sectionsChanged          int
		wordsAdded, wordsRemoved int
		// contains and excludes are substrings of the rendered HTML.
		contains, excludes []string
		kinds              []BlockKind // kinds of the changed blocks, in order
	}{
		{
			name:            "reworded sentence marks only the changed words",
			old:             "## Logs\n\nWe keep web server logs for 90 days after your visit.\n",
			new:             "## Logs\n\nWe keep web server logs for 30 days after your visit.\n",
			sectionsChanged: 1, wordsAdded: 1, wordsRemoved: 1,
			contains: []string{
				`<p>We keep web server logs for <del><span class="visually-hidden">deleted: </span>90</del><ins><span class="visually-hidden">inserted: </span>30</ins> days after your visit.</p>`,
			},
			kinds: []BlockKind{Modified},
		},
		{
			name:            "moved paragraph shows as removed and added",
			old:             "First paragraph here.\n\nSecond paragraph there.\n\nThird one.\n",
			new:             "Second paragraph there.\n\nThird one.\n\nFirst paragraph here.\n",
			sectionsChanged: 1, wordsAdded: 3, wordsRemoved: 3,
			contains: []string{`<div class="block-removed"><p><del>`, `<div class="block-added"><p><ins>`},
			kinds:    []BlockKind{Removed, Added},
		},
		{
			name:            "added section",
			old:             "## Data\n\nWe collect names.\n",
			new:             "## Data\n\nWe collect names.\n\n## Cookies\n\nWe use no cookies.\n",
			sectionsChanged: 1, wordsAdded: 5,
			contains: []string{`<div class="block-added"><h2><ins><span class="visually-hidden">inserted: </span>Cookies</ins></h2></div>`},
			kinds:    []BlockKind{Added, Added},
		},
		{
			name:            "changed link target with the same text",
			old:             "Read the [policy](https://example.com/old).\n",
			new:             "Read the [policy](https://example.com/new).\n",
			sectionsChanged: 1, wordsAdded: 1, wordsRemoved: 1,
			contains: []string{
				`<del><span class="visually-hidden">deleted: </span><a href="https://example.com/old">policy</a></del>`,
				`<ins><span class="visually-hidden">inserted: </span><a href="https://example.com/new">policy</a></ins>`,
			},
			kinds: []BlockKind{Modified},
		},
		{
			name:            "re-wrapped and re-spaced source is not a change",
			old:             "We keep logs\nfor 90 days.\n\n- one\n- two\n",
			new:             "We   keep logs for\n90 days.\n\n* one\n* two\n",
			sectionsChanged: 0,
			excludes:        []string{"<ins>", "<del>"},
		},
		{
			name:            "identical",
			old:             privacyV1,
			new:             privacyV1,
			sectionsChanged: 0,
			excludes:        []string{"<ins>", "<del>", "processors"},
		},
		{
			name:            "swedish text",
			old:             swedishV1,
			new:             swedishV2,
			sectionsChanged: 1, wordsAdded: 2, wordsRemoved: 1,
			contains: []string{`<h2>Vem ansvarar för dina personuppgifter?</h2>`, "högst 30", "Acme AB är personuppgiftsansvarig."},
			kinds:    []BlockKind{Modified},
		},
		{
			name:            "emphasis change is a change",
			old:             "You *may* object.\n",
			new:             "You **must** object.\n",
			sectionsChanged: 1, wordsAdded: 1, wordsRemoved: 1,
			contains: []string{"<del><span class=\"visually-hidden\">deleted: </span><em>may</em></del>", "<strong>must</strong></ins>"},
			kinds:    []BlockKind{Modified},
		},
		{
			name:            "table row changed in place",
			old:             "| A | B |\n|---|---|\n| x | 1 year |\n| y | 2 years |\n",
			new:             "| A | B |\n|---|---|\n| x | 1 year |\n| y | 3 years |\n",
			sectionsChanged: 1, wordsAdded: 1, wordsRemoved: 1,
			contains: []string{`<th scope="col">A</th>`, `<td>y</td><td><del>`, "</ins> years</td>"},
			kinds:    []BlockKind{Modified},
		},
		{
			name:            "script link is not rendered as a link",
			old:             "Click [here](https://example.com).\n",
			new:             "Click [here](javascript:alert(1)).\n",
			sectionsChanged: 1, wordsAdded: 1, wordsRemoved: 1,
			excludes: []string{"javascript:"},
			kinds:    []BlockKind{Modified},
		},
		{
			name:            "raw HTML omitted unless allowed",
			old:             "Text.\n\n<div onclick=\"x()\">secret</div>\n",
			new:             "Text.\n\n<div onclick=\"x()\">changed</div>\n",
			sectionsChanged: 0,
			excludes:        []string{"secret", "changed", "onclick"},
		},
		{
			name:            "placeholder is not text",
			old:             "Intro.\n\n{{< processors >}}\n\nOutro.\n",
			new:             "Intro.\n\nOutro.\n",
			sectionsChanged: 0,
			excludes:        []string{"processors"},
		},
		{
			// Written as Hugo's other delimiter, and right after a
			// paragraph, as the policy page reads it too.
			name:            "placeholder in either form is not text",
			old:             "Intro.\n{{% processors %}}\nOutro.\n",
			new:             "Intro.\n\nOutro.\n",
			sectionsChanged: 0,
			excludes:        []string{"processors"},
		},
		{
			name:            "escaping",
			old:             "Fish & <chips>\n",
			new:             "Fish & <b>chips</b> \"now\"\n",
			sectionsChanged: -1,
			excludes:        []string{"<chips>", "<b>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := checkRoundTrip(t, []byte(tt.old), []byte(tt.new), opts)
			h := allHTML(r)
			if tt.sectionsChanged >= 0 && r.SectionsChanged != tt.sectionsChanged {
				t.Errorf("SectionsChanged = %d, want %d\n%s", r.SectionsChanged, tt.sectionsChanged, h)
			}
			if tt.sectionsChanged >= 0 && (r.WordsAdded != tt.wordsAdded || r.WordsRemoved != tt.wordsRemoved) {
				t.Errorf("words +%d -%d, want +%d -%d\n%s", r.WordsAdded, r.WordsRemoved, tt.wordsAdded, tt.wordsRemoved, h)
			}
			for _, s := range tt.contains {
				if !strings.Contains(h, s) {
					t.Errorf("HTML lacks %q:\n%s", s, h)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(h, s) {
					t.Errorf("HTML has %q:\n%s", s, h)
				}
			}
			if tt.kinds != nil {
				var got []BlockKind
				for _, b := range changedBlocks(r) {
					got = append(got, b.Kind)
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.kinds) {
					t.Errorf("changed block kinds = %v, want %v\n%s", got, tt.kinds, h)
				}
			}
		})
	}
}

func TestSections(t *testing.T) {
	r := checkRoundTrip(t, []byte(privacyV1), []byte(privacyV2), opts)
	type sec struct {
		id, heading string
		changed     bool
	}
	var got []sec
	for _, s := range r.Sections {
		got = append(got, sec{s.ID, s.Heading, s.Changed})
	}
	want := []sec{
		{"intro", "", false},
		{"who-is-responsible-for-your-personal-data", "Who is responsible for your personal data?", false},
		{"what-we-collect", "What we collect", true},
		{"cookies", "Cookies", true},
		{"your-rights", "Your rights", true},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sections:\n got %v\nwant %v", got, want)
	}
	if r.SectionsChanged != 3 {
		t.Errorf("SectionsChanged = %d, want 3", r.SectionsChanged)
	}
	// Old and New hold the normalized text of each side.
	for _, b := range r.Sections[2].Blocks {
		if b.Kind == Modified && strings.HasPrefix(b.Old, "We keep") {
			if b.Old != "We keep web server logs for 90 days." || b.New != "We keep web server logs for 30 days." {
				t.Errorf("Old/New = %q / %q", b.Old, b.New)
			}
		}
	}
}

// TestSectionIDs checks that sections take the ids the policy pages give
// their headings (package markdown's rule: apostrophes vanish, the second
// of a name gets -1, the layout's own ids are never taken), and that the
// intro and a removed section take what is left.
func TestSectionIDs(t *testing.T) {
	body := "Intro text.\n\n## Vem ansvarar för dina personuppgifter?\n\nA.\n\n## Intro\n\nB.\n\n## Intro\n\nC.\n\n" +
		"## Данные\n\nD.\n\n## ???\n\nE.\n\n## Custom {#my-id}\n\nF.\n\n## Don't panic: Åland & Co\n\nG.\n\n## Main content\n\nH.\n"
	o := opts
	o.ReservedIDs = []string{"main-content"}
	r := Compare([]byte(body), []byte(body), o)
	var ids []string
	for _, s := range r.Sections {
		ids = append(ids, s.ID)
	}
	want := []string{"intro-2", "vem-ansvarar-for-dina-personuppgifter", "intro", "intro-1", "данные", "section", "my-id", "dont-panic-aland-co", "main-content-1"}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}

	// A removed section keeps its old id unless the new version gave it
	// to a heading of its own.
	old := "## Retention\n\nWe keep logs.\n\n## Cookies\n\nA.\n\n## Cookies\n\nB.\n"
	new := "## Cookies\n\nB.\n\n## Sharing\n\nWe share nothing at all with anyone.\n"
	r = Compare([]byte(old), []byte(new), o)
	ids = nil
	for _, s := range r.Sections {
		ids = append(ids, s.ID)
	}
	want = []string{"retention", "cookies-1", "cookies", "sharing"}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("with removed sections: ids = %q, want %q", ids, want)
	}
}

func TestUnsafeHTML(t *testing.T) {
	o := opts
	o.UnsafeHTML = true
	r := checkRoundTrip(t, []byte("<div>old words</div>\n"), []byte("<div>new words</div>\n"), o)
	h := allHTML(r)
	if r.SectionsChanged != 1 || !strings.Contains(h, "new") || strings.Contains(h, "<div>") {
		t.Errorf("raw HTML redline: changed=%d\n%s", r.SectionsChanged, h)
	}
}

func TestRuneMappingBeyondASCII(t *testing.T) {
	// More than 127 distinct words forces multi-byte runes, where the
	// library's semantic cleanup is unreliable; the redline must stay exact.
	var a, b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&a, "w%d ", i%200)
		if i%7 == 0 {
			fmt.Fprintf(&b, "x%d ", i)
		} else {
			fmt.Fprintf(&b, "w%d ", i%200)
		}
	}
	checkRoundTrip(t, []byte(a.String()), []byte(b.String()), opts)
}

func TestRunesFor(t *testing.T) {
	const n = 0xE000
	d := newDiffer(n)
	runes := func() []rune {
		d.startRunes()
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = d.runeOf(uint32(n - 1 - i))
		}
		return rs
	}
	ra := runes()
	if !d.runesOK() {
		t.Fatal("runes exhausted")
	}
	seen := make(map[rune]bool)
	for _, r := range ra {
		if r >= 0xD800 && r <= 0xDFFF {
			t.Fatalf("surrogate rune %U", r)
		}
		if seen[r] {
			t.Fatalf("rune %U used twice", r)
		}
		seen[r] = true
	}
	if ra[0] != firstRune || ra[1] != firstRune+1 {
		t.Errorf("runes are not in order of first appearance: %U %U", ra[0], ra[1])
	}
	if ra2 := runes(); string(ra) != string(ra2) {
		t.Error("mapping is not deterministic")
	}
}

func FuzzRoundTrip(f *testing.F) {
	f.Add(privacyV1, privacyV2)
	f.Add(privacyV2, privacyV1)
	f.Add(swedishV1, swedishV2)
	f.Add("We keep logs.\n", "We keep *all* logs.\n")
	f.Add("- a\n  - b\n\n  c\n- d\n", "1. a\n2. d\n")
	f.Add("| a | b |\n|---|---|\n| 1 | 2 |\n", "| a |\n|---|\n| 1 |\n| 3 |\n")
	f.Add("```go\nx := 1\n```\n", "    x := 2\n")
	f.Add("see www.example.com and <x@example.com>\n", "![logo](a.png) ~~old~~ `code`\n")
	f.Add("a\\*b &amp; &copy; **x**,y\n", "a*b & © **x** ,y\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		checkRoundTrip(t, []byte(old), []byte(new), opts)
		checkChunked(t, true, old, new)
		r := Compare([]byte(old), []byte(new), Options{UnsafeHTML: true, Terminal: true})
		var buf bytes.Buffer
		if err := WriteText(&buf, r, true); err != nil {
			t.Fatal(err)
		}
		// What Markdown and Docx write from spells both sides too, and a
		// comment never passes its limit.
		r = checkReviewRoundTrip(t, []byte(old), []byte(new), Options{})
		ov, nv := versions(old, new)
		if md := r.Markdown(ov, nv, MarkdownOptions{MaxChars: 1000}); chars(md) > 1000 {
			t.Errorf("%d characters, past the limit of 1000", chars(md))
		}
		r.Docx(ov, nv, DocxOptions{})
	})
}

// policyBody generates a deterministic policy of about size bytes.
func policyBody(rng *rand.Rand, size int) string {
	vocab := strings.Fields(`personal data process controller processor purpose legal basis consent
		retention period rights access rectification erasure restriction portability object
		complaint authority transfer safeguards contract legitimate interest cookies analytics
		newsletter account payment invoice support security encryption storage server logs days
		months years we you your our the a of to and or for with by in on at is are may will must`)
	var b strings.Builder
	sec := 0
	for b.Len() < size {
		sec++
		fmt.Fprintf(&b, "## Section %d %s\n\n", sec, vocab[rng.IntN(len(vocab))])
		for p := 0; p < 3; p++ {
			n := 40 + rng.IntN(40)
			for i := 0; i < n; i++ {
				if i > 0 {
					b.WriteByte(' ')
				}
				w := vocab[rng.IntN(len(vocab))]
				if rng.IntN(30) == 0 {
					w = "**" + w + "**"
				}
				b.WriteString(w)
				if i%12 == 11 {
					b.WriteByte('\n')
				}
			}
			b.WriteString(".\n\n")
		}
		for i := 0; i < 3; i++ {
			fmt.Fprintf(&b, "- %s %s %s.\n", vocab[rng.IntN(len(vocab))], vocab[rng.IntN(len(vocab))], vocab[rng.IntN(len(vocab))])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// editWords replaces about share of the words of body.
func editWords(rng *rand.Rand, body string, share float64) string {
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "#") {
			continue
		}
		ws := strings.Split(l, " ")
		for j := range ws {
			if ws[j] != "" && ws[j] != "-" && rng.Float64() < share {
				ws[j] = fmt.Sprintf("changed%d", rng.IntN(1000))
			}
		}
		lines[i] = strings.Join(ws, " ")
	}
	return strings.Join(lines, "\n")
}

func TestGeneratedPolicies(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	old := policyBody(rng, 35_000)
	small := editWords(rng, old, 0.03)
	rewrite := policyBody(rng, 35_000)
	for name, new := range map[string]string{"small edit": small, "rewrite": rewrite} {
		t.Run(name, func(t *testing.T) {
			r := checkRoundTrip(t, []byte(old), []byte(new), opts)
			if r.SectionsChanged == 0 || r.WordsAdded == 0 || r.WordsRemoved == 0 {
				t.Errorf("no change found: %+v", r.SectionsChanged)
			}
		})
	}
}

// TestMemoChangesNothing compares every pair of a policy's successive
// versions parsed and compared with a Memo shared across them, as an
// edition's redline pages are made, and parsed each on its own and compared
// without one: the redlines must be identical.
func TestMemoChangesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	versions := []string{policyBody(rng, 20_000)}
	for range 5 {
		versions = append(versions, editWords(rng, versions[len(versions)-1], 0.04))
	}
	memoOpts := opts
	memoOpts.Memo = NewMemo()
	plain := make([]*Doc, len(versions))
	shared := make([]*Doc, len(versions))
	for i, v := range versions {
		plain[i] = Parse([]byte(v), opts)
		shared[i] = Parse([]byte(v), memoOpts)
	}
	for i := range versions {
		for j := i + 1; j < len(versions); j++ {
			want := CompareDocs(plain[i], plain[j], opts)
			if got := CompareDocs(shared[i], shared[j], memoOpts); !reflect.DeepEqual(got, want) {
				t.Fatalf("%d..%d: the redline differs with a memo", i, j)
			}
			// A memo with Docs it did not parse is not used, and harmless.
			if got := CompareDocs(plain[i], plain[j], memoOpts); !reflect.DeepEqual(got, want) {
				t.Fatalf("%d..%d: the redline differs with another memo", i, j)
			}
		}
	}
	if len(memoOpts.Memo.blocks) == 0 {
		t.Errorf("nothing was remembered")
	}
}

func benchmarkCompare(b *testing.B, share float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	old := []byte(policyBody(rng, 35_000))
	var new []byte
	if share < 1 {
		new = []byte(editWords(rng, string(old), share))
	} else {
		new = []byte(policyBody(rng, 35_000))
	}
	b.SetBytes(int64(len(old) + len(new)))
	b.ResetTimer()
	for b.Loop() {
		Compare(old, new, opts)
	}
}

func BenchmarkCompareSmallEdit(b *testing.B) { benchmarkCompare(b, 0.03) }
func BenchmarkCompareRewrite(b *testing.B)   { benchmarkCompare(b, 1) }

// TestWorkBounds feeds inputs past the work bounds: the redline must still be
// exact, only coarser. (How fast it comes back is for the benchmarks; a
// blow-up would meet go test's timeout.)
func TestWorkBounds(t *testing.T) {
	var longOld, longNew, manyOld, manyNew strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&longOld, "w%d ", i)
		if i%10 != 0 {
			fmt.Fprintf(&longNew, "w%d ", i)
		} else {
			fmt.Fprintf(&longNew, "v%d ", i)
		}
		fmt.Fprintf(&manyOld, "p%d\n\n", i)
		fmt.Fprintf(&manyNew, "q%d\n\n", i)
	}
	for name, c := range map[string][2]string{
		"one long paragraph": {longOld.String(), longNew.String()},
		"many paragraphs":    {manyOld.String(), manyNew.String()},
	} {
		t.Run(name, func(t *testing.T) {
			r := checkRoundTrip(t, []byte(c[0]), []byte(c[1]), opts)
			if r.WordsAdded == 0 || r.WordsRemoved == 0 {
				t.Errorf("words +%d -%d", r.WordsAdded, r.WordsRemoved)
			}
			// Past the bounds, a block is one replacement, not a word diff.
			if name == "one long paragraph" && strings.Count(allHTML(r), "<del>") != 1 {
				t.Errorf("want one coarse deletion, got %d", strings.Count(allHTML(r), "<del>"))
			}
		})
	}
}
