package importer

import (
	"strings"
	"testing"

	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/internal/testdocx"
	"github.com/policygen/gen/generator/markdown"
)

// FuzzConvert imports any web page, Markdown file or Word document body:
// it must never panic, and what it imports must be a policy file gen
// reads without an error.
func FuzzConvert(f *testing.F) {
	f.Add(testdocx.P("Rubrik", testdocx.R("T"))+testdocx.Item(2, 2, testdocx.R("x"))+testdocx.Table([]string{"Name", "Purpose", "Location"}, []string{"", "b", "c"}), true)
	f.Add(`<main><h1>T</h1><p>Last updated: 2021-07-15</p><h3 id="a">A</h3><p><a href="#a">x</a> <a href="#b">y</a></p>`+
		`<table><tr><th>Name</th><th>Purpose</th><th>Location</th></tr><tr><td>A</td><td>B</td><td>C</td></tr></table></main>`, false)
	f.Add(`<h1>T "q"</h1><ul><li><h2>x</h2><table><tr><td><ol><li>a</li></ol></td></tr></table></li></ul><pre>{{< processors >}}</pre><details><summary>s</summary>d</details>`, false)
	f.Add("---\ntitle: \"a\\nb\"\n---\n# x {#y}\n\n{{< processors >}}\n\n| a |\n|---|\n| <b>b</b> |\n", true)
	f.Add("+++\ntitle = 'x'\n[[processors]]\nname = 1\n+++\n## h\n\n    code\n", true)
	cat, _ := i18n.New([]string{"en"}, nil)
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, data string, isMarkdown bool) {
		file, src := "page-2021-07-15.html", []byte(data)
		switch {
		case strings.Contains(data, "<w:"):
			file, src = "page-2021-07-15.docx", testdocx.Doc{Body: data}.Bytes()
		case isMarkdown:
			file = "page-2021-07-15.md"
		}
		v, _ := Convert(Source{Name: file, File: file, Data: src}, Options{Lang: "en", Catalog: cat, Markdown: md, Title: "Fallback"})
		if v == nil {
			return
		}
		policy := policyFile(v, true)
		_, body, line, diags := frontmatter.Parse(file, policy)
		for _, d := range diags.Errors() {
			t.Errorf("front matter: %v\n%s", d, policy)
		}
		out, diags := md.Render(file, body, line)
		for _, d := range diags.Errors() {
			t.Errorf("body: %v\n%s", d, policy)
		}
		if out.Placeholder && len(v.Processors) == 0 {
			t.Errorf("a processors placeholder without processors:\n%s", policy)
		}
	})
}
