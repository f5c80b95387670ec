package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// TestAlignedTable checks column alignment becomes classes: the style
// attribute goldmark writes by default breaks under the site's CSP.
func TestAlignedTable(t *testing.T) {
	b, l := render(t, Options{}, "| Cookie | Purpose | Days |\n|:--|:-:|--:|\n| sid | login | 30 |\n", 0)
	out := joined(b)
	if len(l) > 0 || strings.Contains(out, "style=") || strings.Contains(out, "align=") {
		t.Fatalf("diagnostics %v, HTML:\n%s", l, out)
	}
	for _, want := range []string{`<th class="align-left">Cookie</th>`, `<th class="align-center">Purpose</th>`, `<th class="align-right">Days</th>`,
		`<td class="align-left">sid</td>`, `<td class="align-right">30</td>`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	b, _ = render(t, Options{}, "| a | b |\n|---|---|\n| 1 | 2 |\n", 0)
	if out := joined(b); strings.Contains(out, "<th class") || strings.Contains(out, "<td class") {
		t.Errorf("unaligned columns got a class:\n%s", joined(b))
	}
}

// TestForeignResources checks an image or embedded resource from another
// site is an error at its position, a warning in an archived file (which
// shows the text instead), and allowed from the site itself and from the
// origins site.toml names.
func TestForeignResources(t *testing.T) {
	site := Options{Origin: "https://policies.acme.example", ExternalOrigins: []string{"https://cdn.acme.example"}}
	const pixel = "Text.\n\n![Acme logo](https://tracker.example/img/logo.png?u=1)\n"
	b, l := render(t, site, pixel, 4)
	want := `content/privacy/sv.md:7:1: image https://tracker.example/img/logo.png?u=1 is loaded from another site (https://tracker.example), which would learn of every reader; ` +
		`copy it into static/ and write its path from the site root, like ![Acme logo](/logo.png), or allow that site in site.toml: external_origins = ["https://tracker.example"]`
	if got := diagStrings(l); len(got) != 1 || got[0] != want {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	if out := joined(b); strings.Contains(out, "<img") || !strings.Contains(out, "Acme logo") {
		t.Errorf("the image is on the page or its text is not:\n%s", out)
	}
	_, l = New(site).RenderMemo("content/privacy/archive/2024-01-01/sv.md", []byte(pixel), 4, nil, true)
	if len(l) != 1 || l.HasErrors() || !strings.HasSuffix(l[0].Message, "; this archived file may not be edited, so its page leaves the image out and shows its text") {
		t.Errorf("archived: %q", diagStrings(l))
	}

	for _, ok := range []string{
		"![a](/logo.png)", "![a](logo.png)", "![a](https://policies.acme.example/logo.png)", "![a](https://POLICIES.acme.example:443/a.png)",
		"![a](https://cdn.acme.example/a.png)", "[a link is no resource](https://tracker.example/)",
	} {
		if b, l := render(t, site, ok+"\n", 0); len(l) > 0 || !strings.Contains(joined(b), "<") {
			t.Errorf("%s: %q", ok, diagStrings(l))
		}
	}

	raw := Options{UnsafeHTML: true, Origin: site.Origin}
	for _, tt := range []struct{ src, want string }{
		{"Text <img src=\"https://t.example/p.gif\" alt=\"\"> here.\n", "content/privacy/sv.md:1:6: <img> loads https://t.example/p.gif from another site (https://t.example)"},
		{"<video controls>\n<source srcset=\"/a.webm 1x, //media.example/b.webm 2x\">\n</video>\n", "content/privacy/sv.md:2:1: <source> loads //media.example/b.webm from another site (https://media.example)"},
		{"<iframe src=\"https://www.youtube.example/embed/x\"></iframe>\n", "content/privacy/sv.md:1:1: <iframe> loads"},
		{"<script src=\"https://cdn.example/x.js\"></script>\n", "copy the file into static/ and write its path from the site root (a page never loads scripts or stylesheets from another site)"},
	} {
		_, l := render(t, raw, tt.src, 0)
		if got := diagStrings(l); len(got) != 1 || !strings.Contains(got[0], tt.want) || !l.HasErrors() {
			t.Errorf("%q: diagnostics %q, want one error with %q", tt.src, got, tt.want)
		}
	}
	if _, l := render(t, raw, "<img src=\"/own.png\"><a href=\"https://elsewhere.example/\">a link</a>\n", 0); len(l) > 0 {
		t.Errorf("own image and a link: %q", diagStrings(l))
	}
}

// TestIndentedListItems checks a list item indented like a word
// processor's, which Markdown reads as code or as paragraph text, is
// warned about where it is written.
func TestIndentedListItems(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"tab after a paragraph and a blank line", "We collect:\n\n\t- your name\n\t- your e-mail\n",
			"content/privacy/sv.md:3:2: warning: this list item is indented by a tab or 4 spaces under a paragraph, so it shows as a block of code; remove the indentation to make it a list item"},
		{"four spaces right under a paragraph line", "We collect:\n    1. your name\n",
			"content/privacy/sv.md:2:5: warning: this list item is indented by a tab or 4 spaces, so it joined the paragraph above as text; remove the indentation to make it a list item"},
		{"code that is code", "Run this:\n\n    gen build\n", ""},
		{"a nested list", "- one\n\t- two\n", ""},
		{"three spaces", "We collect:\n\n   - your name\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, l := render(t, Options{}, tt.src, 0)
			got := strings.Join(diagStrings(l), "\n")
			if got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestControlCharacters checks control characters never reach the page,
// from the text or an entity, and the text's are warned about by line.
func TestControlCharacters(t *testing.T) {
	src := "Before \x1b]0;owned\x07 and \x1b[2J.\n\nWord\vbreak, &#27; and \u0085 next line.\n"
	b, l := render(t, Options{UnsafeHTML: true}, src+"\n<p>raw \x1b</p>\n", 0)
	out := joined(b)
	for _, c := range []string{"\x1b", "\x07", "\v", "\u0085"} {
		if strings.Contains(out, c) {
			t.Errorf("%q on the page:\n%q", c, out)
		}
	}
	if !strings.Contains(out, "Word\uFFFDbreak, \uFFFD and \uFFFD next") {
		t.Errorf("controls not shown as U+FFFD:\n%q", out)
	}
	want := []string{
		"content/privacy/sv.md:1:8: warning: the text holds the control character U+001B, which a page cannot show: it is shown as \"\uFFFD\"; delete it",
		"content/privacy/sv.md:3:5: warning: the text holds the control character U+000B",
		"content/privacy/sv.md:5:8: warning: the text holds the control character U+001B",
	}
	got := diagStrings(l)
	if len(got) != len(want) {
		t.Fatalf("diagnostics %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("diagnostic %q, want %q", got[i], want[i])
		}
	}
}

// TestLinksResolved checks the link check is given links as the page has
// them: entities and escapes resolved.
func TestLinksResolved(t *testing.T) {
	b, _ := render(t, Options{}, "[a](/en/privacy/&#35;who) [b](/en/terms/?x=1&amp;y=2) [c](\\#top) [d](#f%C3%B6r)\n", 0)
	var hrefs []string
	for _, l := range b.Links {
		hrefs = append(hrefs, l.Href)
	}
	if want := []string{"/en/privacy/#who", "/en/terms/?x=1&y=2", "#top", "#f%C3%B6r"}; !reflect.DeepEqual(hrefs, want) {
		t.Errorf("hrefs %q, want %q", hrefs, want)
	}
	if b.Links[0].Dest != "/en/privacy/&#35;who" {
		t.Errorf("the link as written is %q", b.Links[0].Dest)
	}
}

// TestFootnotes checks GFM footnotes render and give their ids, which
// links may point at.
func TestFootnotes(t *testing.T) {
	b, l := render(t, Options{}, "We keep logs[^logs] and backups[^2].\n\nSee [the note](#fn:1).\n\n[^logs]: For 30 days.\n[^2]: For a year.\n", 0)
	out := joined(b)
	if len(l) > 0 || !strings.Contains(out, `<li id="fn:1">`) || !strings.Contains(out, `<a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a>`) {
		t.Errorf("diagnostics %q, HTML:\n%s", diagStrings(l), out)
	}
	if want := []string{"fnref:1", "fnref:2", "fn:1", "fn:2"}; !reflect.DeepEqual(b.NoteIDs, want) {
		t.Errorf("note ids %q, want %q", b.NoteIDs, want)
	}
}
