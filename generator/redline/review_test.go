package redline

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/urls"
)

var reviewOpts = Options{Review: true}

// reviewSides reads the two sides of a redline from its review spans:
// the old side leaves out what was inserted, the new side what was
// deleted.
func reviewSides(r *Redline) (old, new []string) {
	var o, n strings.Builder
	add := func(spans []span) {
		for _, s := range spans {
			if s.op != opInsert {
				o.WriteString(s.text)
			}
			if s.op != opDelete {
				n.WriteString(s.text)
			}
		}
		o.WriteByte(' ')
		n.WriteByte(' ')
	}
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			add(b.review.spans)
			for _, row := range b.review.rows {
				for _, c := range row.cells {
					add(c)
				}
			}
		}
	}
	return strings.Fields(o.String()), strings.Fields(n.String())
}

func checkReviewRoundTrip(t testing.TB, old, new []byte, o Options) *Redline {
	t.Helper()
	o.Review = true
	r := Compare(old, new, o)
	gotOld, gotNew := reviewSides(r)
	if want := reference(t, old, o.UnsafeHTML); !equalWords(gotOld, want) {
		t.Errorf("old side of the review spans differs:\n got %q\nwant %q", gotOld, want)
	}
	if want := reference(t, new, o.UnsafeHTML); !equalWords(gotNew, want) {
		t.Errorf("new side of the review spans differs:\n got %q\nwant %q", gotNew, want)
	}
	return r
}

// TestReviewSpansSpellBothSides: the spans Docx and Markdown write from
// give each version's words, and keeping them changes nothing in the
// HTML or the counts.
func TestReviewSpansSpellBothSides(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	old := policyBody(rng, 20_000)
	for _, pair := range [][2]string{
		{privacyV1, privacyV2}, {privacyV2, privacyV1}, {swedishV1, swedishV2},
		{old, editWords(rng, old, 0.05)}, {old, policyBody(rng, 20_000)},
		{"- a\n  - b\n\n  c\n- d\n", "1. a\n2. d\n"},
		{"a **b**, *c* [d e](/x) `f g`.\n", "a **b** , *c* [d](/y) `f`.\n"},
	} {
		r := checkReviewRoundTrip(t, []byte(pair[0]), []byte(pair[1]), Options{})
		plain := Compare([]byte(pair[0]), []byte(pair[1]), Options{})
		if r.SectionsChanged != plain.SectionsChanged || r.WordsAdded != plain.WordsAdded || r.WordsRemoved != plain.WordsRemoved {
			t.Errorf("counts differ with the review spans kept")
		}
		for i := range r.Sections {
			for j := range r.Sections[i].Blocks {
				if r.Sections[i].Blocks[j].HTML != plain.Sections[i].Blocks[j].HTML {
					t.Fatalf("section %d block %d: HTML differs with the review spans kept", i, j)
				}
			}
		}
	}
}

// TestReviewAfterSharedBlocks: a block rendered first without the spans
// (a site build's comparison) is rendered again for a comparison that
// needs them.
func TestReviewAfterSharedBlocks(t *testing.T) {
	memo := NewMemo()
	a, b := Parse([]byte(privacyV1), Options{Memo: memo}), Parse([]byte(privacyV2), Options{Memo: memo})
	CompareDocs(a, b, Options{Memo: memo})
	r := CompareDocs(a, b, Options{Memo: memo, Review: true})
	for _, s := range r.Sections {
		for _, blk := range s.Blocks {
			if blk.review == nil {
				t.Fatalf("a %s block has no review spans", blk.Kind)
			}
		}
	}
}

// versions are two versions of a policy as the model holds them, for
// Markdown and Docx.
func versions(oldTitle, newTitle string) (*model.Version, *model.Version) {
	ed := &model.Edition{Policy: &model.Policy{Slug: "privacy"}, Lang: "en"}
	old := &model.Version{Edition: ed, Date: date.Date{Year: 2024, Month: 1, Day: 1}, Title: oldTitle}
	old.Effective = old.Date
	new := &model.Version{Edition: ed, Date: date.Date{Year: 2024, Month: 6, Day: 1}, Title: newTitle, Previous: old,
		Change: &model.Change{Summary: "We shortened how long we keep logs."}}
	new.Effective = new.Date
	old.Next = new
	return old, new
}

func TestMarkdown(t *testing.T) {
	old, new := versions("Privacy policy", "Privacy notice")
	new.Processors = []model.Processor{{Name: "Helpwise", Location: "EU", Purpose: "Support chat"}}
	r := Compare([]byte(privacyV1), []byte(privacyV2), reviewOpts)
	site, err := urls.New("https://policies.example/")
	if err != nil {
		t.Fatal(err)
	}
	md := r.Markdown(old, new, MarkdownOptions{URLs: site, Command: "gen diff privacy en"})
	for _, want := range []string{
		"### Privacy notice (en): 2024-01-01 → 2024-06-01\n\n> We shortened how long we keep logs.\n",
		"**title:** <del>Privacy policy</del> <ins>Privacy notice</ins>\n",
		"- added: <ins>Helpwise</ins> (location: EU; purpose: Support chat)\n",
		"- *unchanged:* *(the text before the first heading)*\n- *unchanged:* Who is responsible for your personal data?\n",
		"We keep web server logs for <del>90</del><ins>30</ins> days.",
		"#### <ins>Cookies</ins>",
		`<del><a href="https://www.imy.se/">authority's site</a></del><ins><a href="https://www.imy.se/en/">authority's site</a></ins>`,
		"| Invoicing | Legal obligation | <del>7</del><ins>10</ins> years |",
		"| <ins>Support</ins> | <ins>Legitimate interest</ins> | <ins>2 years</ins> |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
}

// TestMarkdownEscapes: text from careless or hostile hands reaches a
// comment as text: no markup, HTML, mention, math or terminal escape of
// its own.
func TestMarkdownEscapes(t *testing.T) {
	old, new := versions("Policy", "Policy \x1b[2J<script>alert(1)</script> *x*")
	new.Change.Summary = "Ask @legal-team\x07 about $5 [here](javascript:x)"
	r := Compare([]byte("Text.\n"), []byte("Text.\n\n"+`\# not a heading \| <img src=x> \& \* \_ \~ \$5 @team \[link\](x)`+"\n\n1\\. not a list\n"), reviewOpts)
	md := r.Markdown(old, new, MarkdownOptions{})
	for _, bad := range []string{"\x1b", "\x07", "<script", "<img", "*x*", " @legal", " @team", "[link]", "[here]"} {
		if strings.Contains(md, bad) {
			t.Errorf("the Markdown has %q:\n%s", bad, md)
		}
	}
	for _, want := range []string{
		`&lt;script&gt;alert(1)&lt;/script&gt; \*x\*`,
		`@&#8203;legal-team`, `\$5`, `\[here\](javascript:x)`,
		`<ins>\# not a heading \| &amp; \* \_ \~ \$5 @&#8203;team \[link\](x)</ins>`,
		`<ins>1\. not a list</ins>`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
}

var (
	sectionLine = regexp.MustCompile(`(?m)^- \*unchanged:\* `)
	blockLine   = regexp.MustCompile(`(?m)^\*… \d+ unchanged blocks? …\*$`)
)

// TestMarkdownSizeCap: past the limit the unchanged context goes first,
// then whole sections, and a note links the whole redline; the result
// never passes the limit.
func TestMarkdownSizeCap(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	oldBody := policyBody(rng, 120_000)
	newBody := editWords(rng, oldBody, 0.01)
	old, new := versions("Policy", "Policy")
	r := Compare([]byte(oldBody), []byte(newBody), reviewOpts)
	opts := MarkdownOptions{RedlineURL: "https://policies.example/en/privacy/2024-06-01/changes/", Command: "gen diff privacy en 2024-01-01 2024-06-01"}

	whole := r.Markdown(old, new, MarkdownOptions{MaxChars: 1 << 30})
	if chars(whole) <= CommentLimit {
		t.Fatalf("the test's redline fits a comment (%d characters); make it longer", chars(whole))
	}
	if !sectionLine.MatchString(whole) || blockLine.MatchString(whole) {
		t.Fatalf("without a limit, the unchanged sections should be a line each and the changed ones whole")
	}

	w := mdWriter{}
	compact := chars(w.header(r, old, new)) + chars(w.sections(r, true))
	if compact > CommentLimit || compact < 5_000 {
		t.Fatalf("the redline without its context has %d characters: the test needs one that fits a comment only without it", compact)
	}
	for _, limit := range []int{0, compact, compact - 1, 5_000, 1_000} {
		opts.MaxChars = limit
		md := r.Markdown(old, new, opts)
		bound := limit
		if bound == 0 {
			bound = CommentLimit
		}
		if n := chars(md); n > bound {
			t.Errorf("limit %d: %d characters", limit, n)
		}
		if sectionLine.MatchString(md) {
			t.Errorf("limit %d: the unchanged sections are still named one by one", limit)
		}
		if !strings.HasPrefix(md, "### Policy (en): 2024-01-01 → 2024-06-01\n") {
			t.Errorf("limit %d: the header is gone", limit)
		}
		note := strings.Contains(md, "**This redline is too long for a comment: ")
		if bound >= compact {
			// It fits without the context: every changed section is shown.
			if note || !blockLine.MatchString(md) || strings.Count(md, "\n#### ") != r.SectionsChanged {
				t.Errorf("limit %d: the redline fits without its context, but is not shown whole without it", limit)
			}
			continue
		}
		if !note || !strings.Contains(md, "The whole redline: "+opts.RedlineURL+" (or `"+opts.Command+"`)") {
			t.Errorf("limit %d: no note linking the whole redline:\n%s", limit, md[max(0, len(md)-400):])
		}
		if shown := strings.Count(md, "\n#### "); shown == r.SectionsChanged || !strings.Contains(md, fmt.Sprintf(": %d of %d changed sections are not shown.", r.SectionsChanged-shown, r.SectionsChanged)) {
			t.Errorf("limit %d: %d sections shown, and the note does not say how many are left out", limit, shown)
		}
	}
}

// BenchmarkMarkdown writes the pull request comment of two 35 KB
// versions, about 3 % of words changed (the comparison not included):
//
//	go test -run='^$' -bench=BenchmarkMarkdown ./generator/redline/
func BenchmarkMarkdown(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	oldBody := policyBody(rng, 35_000)
	r := Compare([]byte(oldBody), []byte(editWords(rng, oldBody, 0.03)), reviewOpts)
	old, new := versions("Policy", "Policy")
	var n int
	for b.Loop() {
		n = chars(r.Markdown(old, new, MarkdownOptions{}))
	}
	b.ReportMetric(float64(n), "chars")
}
