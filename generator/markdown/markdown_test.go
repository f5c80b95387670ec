package markdown

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/model"
)

// render renders src with default options and fails on nothing; tests
// assert on what they care about.
func render(t *testing.T, opts Options, src string, lineOffset int) (model.Body, diag.List) {
	t.Helper()
	return New(opts).Render("content/privacy/sv.md", []byte(src), lineOffset)
}

func joined(b model.Body) string { return joinParts(b.Parts) }

func joinParts(parts []model.Part) string {
	var b []byte
	for _, p := range parts {
		b = p.Append(b)
	}
	return string(b)
}

// diagStrings formats diagnostics the way the CLI prints them.
func diagStrings(l diag.List) []string {
	out := make([]string, len(l))
	for i, d := range l {
		out[i] = d.String()
	}
	return out
}

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		heading  string
		wantID   string
		wantText string // "" means the heading itself
	}{
		{"Vem ansvarar för dina personuppgifter?", "vem-ansvarar-for-dina-personuppgifter", ""},
		{"Hvordan behandler vi personopplysninger?", "hvordan-behandler-vi-personopplysninger", ""},
		{"Æbler og øl på Ærø", "aebler-og-ol-pa-aero", ""},
		{"Übermittlung an Dritte außerhalb der EU", "ubermittlung-an-dritte-ausserhalb-der-eu", ""},
		{"Données personnelles collectées", "donnees-personnelles-collectees", ""},
		{"Cœur de l’accès", "coeur-de-lacces", ""},
		{"Mitä tietoja keräämme?", "mita-tietoja-keraamme", ""},
		{"Don't sell my data", "dont-sell-my-data", ""},
		{"Cookies & tracking (2024)", "cookies-tracking-2024", ""},
		{"  --Spaces -- and__underscores--  ", "spaces-and-underscores", "--Spaces -- and__underscores--"},
		{"Contact **us** at [Example](https://example.com)", "contact-us-at-example", "Contact us at Example"},
		{"The `user_id` field", "the-user-id-field", "The user_id field"},
		{"AT&amp;T &amp; you", "at-t-you", "AT&T & you"},
		{`Escaped \*stars\*`, "escaped-stars", "Escaped *stars*"},
		{"Decomposed a\u0308 and o\u0308", "decomposed-a-and-o", ""},
		{"Πολιτική απορρήτου", "πολιτική-απορρήτου", ""},
		{"Политика конфиденциальности", "политика-конфиденциальности", ""},
		{"隐私政策", "隐私政策", ""},
		{"गोपनीयता नीति", "गोपनीयता-नीति", ""},
		{"Privacy — Πολιτική", "privacy-πολιτική", ""},
		{"???", "section", ""},
		{"🍪 🍪", "section", ""},
		{"Raw <b>bold</b> words", "raw-bold-words", "Raw bold words"},
	}
	for _, tt := range tests {
		t.Run(tt.heading, func(t *testing.T) {
			b, _ := render(t, Options{}, "## "+tt.heading+"\n", 0)
			if len(b.Headings) != 1 {
				t.Fatalf("got %d headings, want 1", len(b.Headings))
			}
			h := b.Headings[0]
			if h.ID != tt.wantID {
				t.Errorf("id = %q, want %q", h.ID, tt.wantID)
			}
			wantText := tt.wantText
			if wantText == "" {
				wantText = tt.heading
			}
			if h.Text != wantText {
				t.Errorf("text = %q, want %q", h.Text, wantText)
			}
			if h.Level != 2 {
				t.Errorf("level = %d, want 2", h.Level)
			}
			if want := `<h2 id="` + tt.wantID + `">`; !strings.Contains(joined(b), want) {
				t.Errorf("output %q lacks %q", joined(b), want)
			}
		})
	}
}

func TestHeadingIDsUniqueInPage(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"duplicates", "## Overview\n## Overview\n### Overview\n", []string{"overview", "overview-1", "overview-2"}},
		{"custom id later in the page wins", "## Overview\n## Intro {#overview}\n", []string{"overview-1", "overview"}},
		{"generated suffix taken by text", "## Overview 1\n## Overview\n## Overview\n", []string{"overview-1", "overview", "overview-2"}},
		{"custom id on setext heading", "Who we are {#who}\n----------\n\n## Who\n", []string{"who", "who-1"}},
		{"custom id with closing hashes", "## Cookies ## {#kakor}\n", []string{"kakor"}},
		{"empty headings", "##\n\n## ?\n", []string{"section", "section-1"}},
		{"headings in lists and quotes", "> ## Quoted\n\n- ## Listed\n", []string{"quoted", "listed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, l := render(t, Options{}, tt.src, 0)
			if len(l) > 0 {
				t.Errorf("diagnostics: %v", l)
			}
			var got []string
			for _, h := range b.Headings {
				got = append(got, h.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("ids = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCustomIDProblems(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		wantIDs []string
		want    []string
	}{
		{
			name:    "duplicate custom id",
			src:     "## A {#same}\n\ntext\n\n## B {#same}\n",
			wantIDs: []string{"same", "b"},
			want:    []string{`content/privacy/sv.md:15:1: duplicate heading id "same"; ids must be unique in a page`},
		},
		{
			name:    "id with a space",
			src:     "## A {id=\"two words\"}\n",
			wantIDs: []string{"a"},
			want:    []string{`content/privacy/sv.md:11:1: heading id "two words" must be non-empty, without spaces or control characters`},
		},
		{
			name:    "script attributes dropped",
			src:     "## A {.note onclick=\"alert(1)\" data-x=\"1\"}\n",
			wantIDs: []string{"a"},
			want: []string{
				`content/privacy/sv.md:11:1: warning: heading attribute "onclick" ignored; only {#id} and {.class} are allowed unless unsafe_html = true`,
				`content/privacy/sv.md:11:1: warning: heading attribute "data-x" ignored; only {#id} and {.class} are allowed unless unsafe_html = true`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, l := render(t, Options{}, tt.src, 10)
			if got := diagStrings(l); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.want)
			}
			var ids []string
			for _, h := range b.Headings {
				ids = append(ids, h.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.wantIDs) {
				t.Errorf("ids = %q, want %q", ids, tt.wantIDs)
			}
			if out := joined(b); strings.Contains(out, "onclick") || strings.Contains(out, "data-x") {
				t.Errorf("attribute reached the page: %s", out)
			}
		})
	}
}

func TestHeadingClassKept(t *testing.T) {
	b, _ := render(t, Options{}, "## A {.note}\n", 0)
	if want := `<h2 class="note" id="a">A</h2>`; !strings.Contains(joined(b), want) {
		t.Errorf("got %q, want it to contain %q", joined(b), want)
	}
}

func TestPlaceholder(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		wantParts  []string // a substring of each part, in order
		wantErrors []string
	}{
		{"none", "Before\n", []string{"Before"}, nil},
		{"one", "Before\n\n{{< processors >}}\n\nAfter\n", []string{"Before", "After"}, nil},
		{"two", "A\n\n{{< processors >}}\n\nB\n\n{{< processors >}}\n\nC\n", []string{"A", "B", "C"}, nil},
		{"at the very start and end", "{{< processors >}}\nA\n{{< processors >}}", []string{"", "A", ""}, nil},
		{"without spaces", "A\n\n{{<processors>}}\n\nB\n", []string{"A", "B"}, nil},
		{"with extra spaces", "A\n\n   {{<   processors  >}}   \n\nB\n", []string{"A", "B"}, nil},
		{"percent delimiters", "A\n\n{{% processors %}}\n\nB\n", []string{"A", "B"}, nil},
		{"right after a paragraph line", "A\n{{< processors >}}\nB\n", []string{"A", "B"}, nil},
		{"CRLF line endings", "A\r\n\r\n{{< processors >}}\r\n\r\nB\r\n", []string{"A", "B"}, nil},
		{"in a fenced code block", "```\n{{< processors >}}\n```\n", []string{"{{&lt; processors &gt;}}"}, nil},
		{"in an indented code block", "    {{< processors >}}\n", []string{"{{&lt; processors &gt;}}"}, nil},
		{"in a code span", "`{{< processors >}}` and `{{< x >}}`\n", []string{"<code>{{&lt; processors &gt;}}</code>"}, nil},
		{
			"unknown shortcode on its own line", "A\n\n{{< youtube abc >}}\n",
			[]string{"youtube"},
			[]string{`content/privacy/sv.md:7:1: unknown shortcode "youtube"; the only one is {{< processors >}}`},
		},
		{
			"unknown shortcode in text", "Some text {{< ref \"x\" >}} here.\n",
			[]string{"Some text"},
			[]string{`content/privacy/sv.md:5:11: unknown shortcode "ref"; the only one is {{< processors >}}`},
		},
		{
			"closing shortcode", "{{< /details >}}\n",
			[]string{"details"},
			[]string{`content/privacy/sv.md:5:1: unknown shortcode "details"; the only one is {{< processors >}}`},
		},
		{
			"processors with arguments", "{{< processors compact >}}\n",
			[]string{"compact"},
			[]string{`content/privacy/sv.md:5:1: {{< processors >}} takes no arguments`},
		},
		{
			"processors inside text", "See {{< processors >}} below.\n",
			[]string{"See"},
			[]string{`content/privacy/sv.md:5:5: {{< processors >}} must be on a line of its own, outside lists, quotes and tables`},
		},
		{
			"processors in a list", "- item\n- {{< processors >}}\n",
			[]string{"item"},
			[]string{`content/privacy/sv.md:6:3: {{< processors >}} must be on a line of its own, outside lists, quotes and tables`},
		},
		{
			"processors in a quote", "> {{< processors >}}\n",
			[]string{"blockquote"},
			[]string{`content/privacy/sv.md:5:3: {{< processors >}} must be on a line of its own, outside lists, quotes and tables`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, l := render(t, Options{}, tt.src, 4)
			if len(b.Parts) != len(tt.wantParts) {
				t.Fatalf("got %d parts %q, want %d", len(b.Parts), joined(b), len(tt.wantParts))
			}
			for i, want := range tt.wantParts {
				if !strings.Contains(b.Parts[i].String(), want) {
					t.Errorf("part %d = %q, want it to contain %q", i, b.Parts[i].String(), want)
				}
			}
			if b.Placeholder != (len(tt.wantParts) > 1) {
				t.Errorf("Placeholder = %v with %d parts", b.Placeholder, len(b.Parts))
			}
			if got := diagStrings(l); fmt.Sprint(got) != fmt.Sprint(tt.wantErrors) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.wantErrors)
			}
		})
	}
}

// TestPartsDoNotShareCapacity: the parts are pieces of the chunks'
// rendering, which other bodies share; appending to a piece or to a part
// changes neither the other parts nor the next body rendered with them.
func TestPartsDoNotShareCapacity(t *testing.T) {
	memo := NewMemo()
	r := New(Options{})
	src := []byte("# A\n\nA\n\n{{< processors >}}\n\nB\n\n## C\n\nC\n")
	b, _ := r.RenderMemo("p.md", src, 0, memo, false)
	whole := joined(b)
	for _, part := range b.Parts {
		for _, piece := range part {
			_ = append(piece, "overwrite"...)
		}
		_ = append(part, []byte("overwrite"))
	}
	if got := joined(b); got != whole {
		t.Errorf("appending to the pieces changed the body to %q, was %q", got, whole)
	}
	again, _ := r.RenderMemo("p.md", src, 0, memo, false)
	if got := joined(again); got != whole {
		t.Errorf("the body rendered again from the memo is %q, was %q", got, whole)
	}
}

func TestRawHTML(t *testing.T) {
	src := "Intro with <b>bold</b> text.\n\n<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\n<script>alert(2)</script>\n"
	t.Run("omitted", func(t *testing.T) {
		b, l := render(t, Options{}, src, 3)
		out := joined(b)
		for _, bad := range []string{"<b>", "<div", "<script", "alert", "raw HTML omitted"} {
			if strings.Contains(out, bad) {
				t.Errorf("output contains %q: %s", bad, out)
			}
		}
		if !strings.Contains(out, "<p>Intro with bold text.</p>") {
			t.Errorf("text around inline HTML lost: %s", out)
		}
		const w = "warning: raw HTML omitted; set unsafe_html = true in site.toml to allow it"
		want := []string{
			"content/privacy/sv.md:4:12: " + w,
			"content/privacy/sv.md:4:19: " + w,
			"content/privacy/sv.md:6:1: " + w,
			"content/privacy/sv.md:10:1: " + w,
		}
		if got := diagStrings(l); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("diagnostics:\n got %q\nwant %q", got, want)
		}
	})
	t.Run("kept with unsafe_html", func(t *testing.T) {
		b, l := render(t, Options{UnsafeHTML: true}, src, 3)
		if len(l) != 0 {
			t.Errorf("diagnostics: %v", l)
		}
		out := joined(b)
		for _, want := range []string{"<b>bold</b>", "<div class=\"x\">", "<script>alert(2)</script>"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q: %s", want, out)
			}
		}
	})
}

func TestDangerousLinks(t *testing.T) {
	dangerous := []string{
		"[a](javascript:alert(1))",
		"[a](JavaScript:alert(1))",
		"[a](&#106;avascript:alert(1))",
		"[a](vbscript:msgbox)",
		"[a](data:text/html;base64,PHNjcmlwdD4=)",
		"![a](data:image/png;base64,iVBORw0KGgo=)",
		"![a](javascript:alert(1))",
		"<javascript:alert(1)>",
		"[a][r]\n\n[r]: javascript:alert(1)",
		"[a](file:///etc/passwd)",
	}
	for _, src := range dangerous {
		t.Run(src, func(t *testing.T) {
			b, l := render(t, Options{}, src+"\n", 0)
			out := strings.ToLower(joined(b))
			if strings.Contains(out, "href") || strings.Contains(out, "src=") {
				t.Errorf("link kept: %s", out)
			}
			if len(l.Warnings()) != 1 {
				t.Errorf("want one warning, got %v", l)
			}
			if !strings.Contains(out, "a") {
				t.Errorf("link text lost: %s", out)
			}
		})
	}
	safe := map[string]string{
		"[a](https://example.com/x)":   `href="https://example.com/x"`,
		"[a](/en/privacy/)":            `href="/en/privacy/"`,
		"[a](#cookies)":                `href="#cookies"`,
		"[a](mailto:dpo@example.com)":  `href="mailto:dpo@example.com"`,
		"[a](tel:+46123)":              `href="tel:+46123"`,
		"[a](page.html?at=10:30)":      `href="page.html?at=10:30"`,
		"<dpo@example.com>":            `href="mailto:dpo@example.com"`,
		"![logo](/logo.png)":           `src="/logo.png"`,
		"www.example.com and more":     `href="http://www.example.com"`,
		"See https://example.com/a.":   `href="https://example.com/a"`,
		"[a](HTTPS://EXAMPLE.COM)":     `href="HTTPS://EXAMPLE.COM"`,
		"[a](./relative:colon)":        `href="./relative:colon"`,
		"[a](ftp://files.example.com)": `href="ftp://files.example.com"`,
		// A percent-encoded tab is no scheme to a browser: a harmless relative URL.
		"[a](java&#x09;script:alert(1))": `href="java%09script:alert(1)"`,
		"[a](<java\tscript:alert(1)>)":   `href="java%09script:alert(1)"`,
	}
	for src, want := range safe {
		t.Run(src, func(t *testing.T) {
			b, l := render(t, Options{}, src+"\n", 0)
			if !strings.Contains(joined(b), want) {
				t.Errorf("got %s, want it to contain %s", joined(b), want)
			}
			if len(l) != 0 {
				t.Errorf("diagnostics: %v", l)
			}
		})
	}
	t.Run("kept with unsafe_html", func(t *testing.T) {
		b, l := render(t, Options{UnsafeHTML: true}, "[a](javascript:void(0))\n", 0)
		if !strings.Contains(joined(b), `href="javascript:void(0)"`) || len(l) != 0 {
			t.Errorf("got %s, %v", joined(b), l)
		}
	})
}

func TestGFM(t *testing.T) {
	tests := []struct{ src, want string }{
		{"| Name | Purpose |\n|---|---|\n| Hubspot | Email |\n",
			"<div class=\"table-scroll\" tabindex=\"0\">\n<table>\n<thead>\n<tr>\n<th>Name</th>"},
		{"| a |\n|---|\n| 1 |\n", "</table>\n</div>\n"},
		{"~~old text~~ new", "<del>old text</del> new"},
		{"Visit https://example.com today", `<a href="https://example.com">https://example.com</a> today`},
		{"- [ ] not a task list", "<li>[ ] not a task list</li>"},
		{"No footnotes[^1] here", "No footnotes[^1] here"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			b, _ := render(t, Options{}, tt.src, 0)
			if !strings.Contains(joined(b), tt.want) {
				t.Errorf("got %q, want it to contain %q", joined(b), tt.want)
			}
		})
	}
}

func TestTableInQuoteWrapped(t *testing.T) {
	b, _ := render(t, Options{}, "> | a |\n> |---|\n> | 1 |\n", 0)
	if want := "<blockquote>\n<div class=\"table-scroll\" tabindex=\"0\">\n<table>"; !strings.Contains(joined(b), want) {
		t.Errorf("got %q", joined(b))
	}
}

// TestConcurrentRender checks that one Renderer serves many goroutines with
// per-page state (ids, diagnostics, parts) kept apart; run with -race.
func TestConcurrentRender(t *testing.T) {
	r := New(Options{})
	srcs := []string{
		"## Overview\n\n<b>x</b>\n\n{{< processors >}}\n\n## Overview\n",
		"## Översikt\n\n{{< unknown >}}\n",
		policyBody(2000),
	}
	want := make([]string, len(srcs))
	for i, s := range srcs {
		b, l := r.Render("p.md", []byte(s), 0)
		want[i] = fmt.Sprint(joined(b), b.Headings, l)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for n := range 20 {
				i := (g + n) % len(srcs)
				b, l := r.Render("p.md", []byte(srcs[i]), 0)
				if got := fmt.Sprint(joined(b), b.Headings, l); got != want[i] {
					t.Errorf("render %d differs when concurrent", i)
				}
			}
		})
	}
	wg.Wait()
}

// policyBody generates a policy-like body of at least size bytes: headings
// in several languages, paragraphs with links and emphasis, lists, a table
// and a placeholder.
func policyBody(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## %d. Vem ansvarar för dina personuppgifter?\n\n", i)
		b.WriteString("Example AB (\"vi\") är **personuppgiftsansvarig** för behandlingen av dina personuppgifter. " +
			"Du kan kontakta oss på [dpo@example.com](mailto:dpo@example.com) eller via https://example.com/kontakt. " +
			"Vi behandlar uppgifterna *endast* för de ändamål som anges nedan och ~~aldrig~~ för annat.\n\n")
		b.WriteString("### Vilka uppgifter samlar vi in?\n\n- Namn och kontaktuppgifter\n- Uppgifter om hur du använder webbplatsen\n- IP-adress och `user_id`\n\n")
		b.WriteString("| Ändamål | Rättslig grund | Lagringstid |\n|---|---|---|\n| Kundtjänst | Avtal | 24 månader |\n| Marknadsföring | Samtycke | Tills du återkallar |\n\n")
		if i == 3 {
			b.WriteString("{{< processors >}}\n\n")
		}
		b.WriteString("> Du har rätt att lämna klagomål till Integritetsskyddsmyndigheten (IMY).\n\n")
	}
	return b.String()
}

func BenchmarkRender(b *testing.B) {
	body := []byte(policyBody(33 * 1024))
	r := New(Options{})
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		r.Render("content/privacy/sv.md", body, 12)
	}
}

// TestReservedIDs checks headings never take an id the layouts use, and
// that choosing one explicitly is an error that says why.
func TestReservedIDs(t *testing.T) {
	r := New(Options{ReservedIDs: []string{"main-content"}})
	body, diags := r.Render("x.md", []byte("## Main content\n\n## Other {#main-content}\n"), 3)
	if len(body.Headings) == 0 || body.Headings[0].ID != "main-content-1" {
		t.Errorf("generated id = %+v", body.Headings)
	}
	if len(diags) != 1 || !strings.Contains(diags[0].String(), "x.md:6:1: heading id \"main-content\" is used by the page layout") {
		t.Errorf("diags = %v", diags)
	}
}

// TestPlaceholderLines checks placeholders report their line in the file.
func TestPlaceholderLines(t *testing.T) {
	body, _ := New(Options{}).Render("x.md", []byte("Intro\n\n{{< processors >}}\n\nMore\n\n{{< processors >}}\n"), 10)
	if len(body.PlaceholderLines) != 2 || body.PlaceholderLines[0] != 13 || body.PlaceholderLines[1] != 17 {
		t.Errorf("PlaceholderLines = %v", body.PlaceholderLines)
	}
}

// TestLinksInsideTheSite lists internal links with their position, for the
// build's link check, and leaves external ones out.
func TestLinksInsideTheSite(t *testing.T) {
	body, _ := New(Options{}).Render("x.md", []byte("See [cookies](/en/cookies/#list) and\n[us](https://example.com), [top](#intro), ![logo](logo.png) <mailto:a@b.example>.\n"), 4)
	var got []string
	for _, l := range body.Links {
		got = append(got, fmt.Sprintf("%s@%d:%d", l.Dest, l.Line, l.Col))
	}
	if strings.Join(got, " ") != "/en/cookies/#list@5:5 #intro@6:28 logo.png@6:43" {
		t.Errorf("links = %v", got)
	}
}
