// Package notice writes the email a team sends its customers when a
// policy changes: a subject line, what changes and when, the processors
// added, removed or changed, until when and how to object, and links to
// the version, the redline and the history, in the policy's language. As
// plain text, or as HTML that is self-contained and styled inline, since
// mail clients drop style sheets and block what they would have to load.
package notice

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/policygen/gen/generator/derive"
	"github.com/policygen/gen/generator/feed"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/redline"
)

// Notice is the email of one version.
type Notice struct {
	Lang     string
	Site     string // the site's title
	Subject  string
	Intro    string // what takes effect when
	Material string // "" unless the change is material
	// SummaryLabel introduces Summary, the version's change summary.
	SummaryLabel, Summary string
	// ProcessorsLabel heads Processors, a line per processor added,
	// removed or changed against the version readers are bound by.
	ProcessorsLabel string
	Processors      []string
	// Objection says until when to object to new processors, and
	// ObjectionLabel and ObjectionHow where; empty once the version is in
	// force, when it is too late.
	Objection, ObjectionLabel, ObjectionHow string
	Links                                   []Link
}

// Link is an address with the words to show for it.
type Link struct{ Label, Href string }

// For writes the notice of v. It refuses a version that readers get no
// notice of: a draft, an editorial change, one that never takes effect.
func For(s *derive.Site, cat *i18n.Catalog, v *derive.Version) (*Notice, error) {
	switch {
	case v.Draft:
		return nil, fmt.Errorf("the version of %s is a draft, not published; publish it first", v.Date)
	case v.Editorial():
		return nil, fmt.Errorf("the version of %s is editorial (kind = \"editorial\"): it changes nothing for readers, so it gets no notice", v.Date)
	case v.NeverInForce:
		return nil, fmt.Errorf("the version of %s never takes effect (it was replaced or withdrawn first); send the notice of the version that does", v.Date)
	}
	ed := v.Edition
	lang, slug := ed.Lang, ed.Policy.Slug
	t := func(key string, args ...string) string { return cat.T(lang, key, args...) }
	when := cat.Date(lang, v.Effective)
	upcoming := v.Effective.After(s.Now)
	n := &Notice{Lang: lang, Site: s.Title, SummaryLabel: t("notice.change_summary")}
	if upcoming {
		n.Subject = t("email.subject", "policy", v.Title, "date", when)
		n.Intro = t("email.intro", "policy", v.Title, "date", when)
	} else {
		n.Subject = t("email.subject_past", "policy", v.Title, "date", when)
		n.Intro = t("email.intro_past", "policy", v.Title, "date", when)
	}
	if v.Change.Material() {
		n.Material = t("email.material")
	}
	if v.Change != nil {
		n.Summary = v.Change.Summary
	}
	if v.Bound != nil {
		n.ProcessorsLabel = t("redline.processors")
		n.Processors = feed.Describe(cat, lang, redline.Processors(v.Bound.Processors, v.Processors))
	}
	if o := v.Objection; o != nil && upcoming {
		n.Objection = t("notice.objection", "processors", names(o.Added), "date", cat.Date(lang, o.LastDay()))
		n.ObjectionLabel, n.ObjectionHow = t("notice.objection_how"), o.How
	}
	u := s.URLs
	abs := u.Absolute
	n.Links = append(n.Links, Link{t("email.read"), abs(u.Version(lang, slug, v.Date))})
	// What changes for readers: against the version they are bound by.
	if c := v.BoundCompare; c != nil {
		n.Links = append(n.Links, Link{t("email.changes"), abs(u.Compare(lang, slug, c.From.Date, c.To.Date))})
	} else if v.Changes != nil {
		n.Links = append(n.Links, Link{t("email.changes"), abs(u.Changes(lang, slug, v.Date))})
	}
	n.Links = append(n.Links, Link{t("email.history"), abs(u.History(lang, slug))})
	return n, nil
}

func names(ps []model.Processor) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Name
	}
	return strings.Join(out, ", ")
}

// Text is the notice as plain text, its first line the subject.
func (n *Notice) Text() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "Subject: %s\n\n%s", n.Subject, n.Intro)
	if n.Material != "" {
		b.WriteString(" " + n.Material)
	}
	b.WriteString("\n")
	if n.Summary != "" {
		fmt.Fprintf(&b, "\n%s %s\n", n.SummaryLabel, n.Summary)
	}
	if len(n.Processors) > 0 {
		fmt.Fprintf(&b, "\n%s\n", n.ProcessorsLabel)
		for _, p := range n.Processors {
			fmt.Fprintf(&b, "- %s\n", p)
		}
	}
	if n.Objection != "" {
		fmt.Fprintf(&b, "\n%s\n", n.Objection)
		if n.ObjectionHow != "" {
			fmt.Fprintf(&b, "%s: %s\n", n.ObjectionLabel, n.ObjectionHow)
		}
	}
	b.WriteString("\n")
	for _, l := range n.Links {
		fmt.Fprintf(&b, "%s: %s\n", l.Label, l.Href)
	}
	return []byte(b.String())
}

// HTML is the notice as one self-contained HTML document: inline styles
// only, no image, script or style sheet to load, a layout of tables that
// mail clients keep, and every link absolute.
func (n *Notice) HTML() ([]byte, error) {
	var b bytes.Buffer
	if err := page.Execute(&b, n); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

var page = template.Must(template.New("notice").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Subject}}</title>
</head>
<body style="margin:0;padding:0;background-color:#f2f2ef;">
<table role="presentation" style="width:100%;border-collapse:collapse;background-color:#f2f2ef;">
<tr><td style="padding:24px 12px;">
<table role="presentation" style="width:100%;max-width:600px;margin:0 auto;border-collapse:collapse;background-color:#ffffff;border:1px solid #d6d6d1;">
<tr><td style="padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1c1c1e;">
<p style="margin:0 0 8px 0;font-size:14px;color:#55565b;">{{.Site}}</p>
<h1 style="margin:0 0 16px 0;font-size:22px;line-height:1.3;font-weight:bold;color:#1c1c1e;">{{.Subject}}</h1>
<p style="margin:0 0 16px 0;">{{.Intro}}{{with .Material}} <strong style="color:#b3261e;">{{.}}</strong>{{end}}</p>
{{- with .Summary}}
<p style="margin:0 0 16px 0;"><strong>{{$.SummaryLabel}}</strong> {{.}}</p>
{{- end}}
{{- with .Processors}}
<p style="margin:0 0 4px 0;font-weight:bold;">{{$.ProcessorsLabel}}</p>
<ul style="margin:0 0 16px 0;padding-left:20px;">
{{- range .}}
<li style="margin:0 0 4px 0;">{{.}}</li>
{{- end}}
</ul>
{{- end}}
{{- with .Objection}}
<p style="margin:0 0 16px 0;padding:12px;background-color:#fff6d6;border-left:4px solid #b88700;">{{.}}{{with $.ObjectionHow}} <a href="{{.}}" style="color:#0b57b0;">{{$.ObjectionLabel}}</a>{{end}}</p>
{{- end}}
<ul style="margin:0;padding-left:20px;">
{{- range .Links}}
<li style="margin:0 0 4px 0;"><a href="{{.Href}}" style="color:#0b57b0;">{{.Label}}</a></li>
{{- end}}
</ul>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`))
