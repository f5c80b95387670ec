package markdown

import (
	"strings"
	"testing"
)

// TestBounds gives Render the bodies that took goldmark tens of seconds,
// and bodies just within the bounds and ordinary ones that look alike: past
// a bound the error names the line, within it the body renders.
func TestBounds(t *testing.T) {
	long := strings.Repeat("Personal data is processed lawfully, fairly and transparently. ", 300) // 19 KB, one line
	for _, c := range []struct {
		name, body string
		want       string // "" when it renders
	}{
		{"unclosed link openers", strings.Repeat("[a](", 40_000), "p.md:4:1: this paragraph has 80000 characters of markup ([ ] * _ ` ~ <) in 1 lines of up to 160000 bytes, more than gen reads in one paragraph"},
		{"unclosed link openers on lines", "Intro.\n\n" + strings.Repeat("[a](\n", 3000), "p.md:6:1: this paragraph has 6000 characters of markup"},
		{"emphasis that never closes", strings.Repeat("*a_ ", 20_000), "p.md:4:1: this paragraph has 40000 characters of markup"},
		{"deep block quote", strings.Repeat(">", 100_000) + " x\n", "p.md:4:1: this line's block quote and list markers (100000 of them: > - + * 1.) reach 100000 columns deep with the indentation, more than gen reads (100): nest them less deeply"},
		{"deep block quote on the second line", "> a\n" + strings.Repeat("> ", 51) + "b\n", "p.md:5:1: this line's block quote and list markers (51 of them: > - + * 1.) reach 101 columns deep"},
		{"lists opened on one line", strings.Repeat("- ", 60) + "x\n", "p.md:4:1: this line's block quote and list markers (60 of them: > - + * 1.) reach 119 columns deep"},
		{"list nested by indentation", strings.Repeat("  ", 50) + "1. x\n", "p.md:4:1: this line's block quote and list markers (1 of them: > - + * 1.) reach 102 columns deep"},
		{"block quotes 100 columns deep", strings.Repeat(">", 100) + " x\n", ""},
		{"a long thematic break", strings.Repeat("- ", 200) + "\n", ""},
		{"a long rule of dashes", strings.Repeat("-", 5000) + "\n", ""},
		{"deep indentation without markers", strings.Repeat(" ", 500) + "code\n", ""},
		{"a long paragraph with links", strings.Repeat(long+"[x](/en/privacy/) ", 4) + "\n", ""},
		{"escaped brackets are text", strings.Repeat(`\[a\](`, 40_000), ""},
		{"many short paragraphs of links", strings.Repeat("See [privacy](/en/privacy/) and [terms](/en/terms/).\n\n", 5000), ""},
		{"a table of 300 rows with links", "| name | policy |\n|---|---|\n" + strings.Repeat("| Hosting Co | [policy](https://hosting.example/privacy) |\n", 300), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			body, d := New(Options{}).Render("p.md", []byte(c.body), 3)
			if c.want == "" {
				if d.HasErrors() || len(body.Parts) == 0 || body.Parts[0].Len() == 0 {
					t.Errorf("not rendered: %v", d)
				}
				return
			}
			if len(d) != 1 || !strings.HasPrefix(d[0].String(), c.want) {
				t.Errorf("got %v\nwant %q", d, c.want)
			}
		})
	}
}

// BenchmarkBounds renders the pathological bodies the bounds refuse, and
// the costliest bodies within them, 160 KB each: refused, a body costs a
// scan; within the bounds, its cost grows with its length.
func BenchmarkBounds(b *testing.B) {
	fill := func(para string) []byte {
		var s strings.Builder
		for s.Len() < 160_000 {
			s.WriteString(para + "\n\n")
		}
		return []byte(s.String())
	}
	r := New(Options{})
	for _, c := range []struct {
		name string
		body []byte
	}{
		{"refused/link-openers", []byte(strings.Repeat("[a](", 40_000))},
		{"refused/deep-quote", []byte(strings.Repeat(">", 160_000) + " x\n")},
		{"within/link-openers", fill(strings.Repeat("[a](", 723))}, // the most per paragraph the bound lets through
		{"within/deep-quotes", fill(strings.Repeat(strings.Repeat(">", 100)+" x\n", 1))},
		{"ordinary", fill(strings.Repeat("Personal data is processed lawfully, with [care](/en/privacy/). ", 20))},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				r.Render("p.md", c.body, 3)
			}
		})
	}
}
