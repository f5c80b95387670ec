package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// chrome is what a saved web page holds besides its document: scripts,
// styles, forms, navigation, dialogs, and whatever is hidden from
// readers. (Pictures are left out later, with a warning.)
const chrome = `script, style, noscript, template, form, button, input, select, textarea,
nav, [role=navigation], [role=search], dialog, [role=dialog], [role=alertdialog], [hidden], [aria-hidden=true],
map, link, meta`

// pageChrome is dropped as well when the page has no <main> or <article>
// to choose: the site's header, footer and side bars.
const pageChrome = `header, footer, aside, [role=banner], [role=contentinfo], [role=complementary]`

// cookieBanner matches the ids and classes of cookie consent banners, the
// usual names and those of the common consent managers.
var cookieBanner = regexp.MustCompile(`(?i)(cookie|consent|gdpr)[-_]?(banner|bar|consent|notice|popup|modal|overlay|dialog|wall|manager)|onetrust|cookiebot|cookieyes|cc-window|cc-banner|didomi|usercentrics|truste|qc-cmp`)

// hiddenStyle matches inline styles that hide an element.
var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// savedFrom is the comment browsers put at the top of a saved page:
// <!-- saved from url=(0042)https://example.com/privacy -->.
var savedFrom = regexp.MustCompile(`saved from url=\(\d+\)(\S+)`)

// fromHTML reads a saved web page into a page: only the document itself
// (the <main> or <article> element, or what selector chooses), without
// the site around it.
func fromHTML(src Source, selector string) (*page, error) {
	r, err := charset.NewReader(bytes.NewReader(src.Data), "")
	if err != nil {
		return nil, fmt.Errorf("cannot read the page's character encoding: %v", err)
	}
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil, fmt.Errorf("cannot read the page: %v", err)
	}
	p := &page{docTitle: strings.TrimSpace(doc.Find("title").First().Text()), address: address(doc)}
	// The title may stand outside the document, in the page's header.
	pageTitle := strings.Join(strings.Fields(doc.Find("h1").First().Text()), " ")

	var content *goquery.Selection
	switch {
	case selector != "":
		sel, err := compile(selector)
		if err != nil {
			return nil, err
		}
		content = doc.FindMatcher(sel)
		if content.Length() == 0 {
			return nil, fmt.Errorf("--select %s matches nothing in the page; look at the page's HTML for the element holding the policy", selector)
		}
	default:
		for _, s := range []string{"main", "[role=main]", "article"} {
			if found := doc.Find(s); found.Length() > 0 {
				content = largest(found)
				break
			}
		}
		if content == nil {
			content = doc.Find("body")
			content.Find(pageChrome).Remove()
		}
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	content.Each(func(_ int, s *goquery.Selection) {
		for _, n := range s.Nodes {
			n.Parent.RemoveChild(n)
			root.AppendChild(n)
		}
	})
	if len(find(root, is(atom.H1))) == 0 {
		p.title = pageTitle
	}

	body := goquery.NewDocumentFromNode(root).Selection
	body.Find(chrome).Remove()
	body.Find("*").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		class, _ := s.Attr("class")
		style, _ := s.Attr("style")
		if cookieBanner.MatchString(id+" "+class) || hiddenStyle.MatchString(style) {
			s.Remove()
		}
	})
	dropComments(root)
	p.body = root
	return p, nil
}

// compile reads a --select selector.
func compile(selector string) (goquery.Matcher, error) {
	m, err := cascadia.Compile(selector)
	if err != nil {
		return nil, fmt.Errorf("--select %s is not a CSS selector (%v); write one such as main, article, #content or .policy", selector, err)
	}
	return m, nil
}

// largest picks, of several candidates, the one with the most text: a
// page may have a <main> per tab or an <article> per teaser.
func largest(s *goquery.Selection) *goquery.Selection {
	best, size := s.First(), -1
	s.Each(func(_ int, c *goquery.Selection) {
		if n := len(c.Text()); n > size {
			best, size = c, n
		}
	})
	return best
}

// address is where the page says it was published.
func address(doc *goquery.Document) string {
	for _, q := range []struct{ sel, attr string }{
		{"base[href]", "href"},
		{"link[rel=canonical]", "href"},
		{`meta[property="og:url"]`, "content"},
	} {
		if v, ok := doc.Find(q.sel).First().Attr(q.attr); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	var found string
	walkAll(doc.Nodes[0], func(n *html.Node) {
		if found == "" && n.Type == html.CommentNode {
			if m := savedFrom.FindStringSubmatch(n.Data); m != nil {
				found = m[1]
			}
		}
	})
	return found
}

// walkAll calls visit on every node below n.
func walkAll(n *html.Node, visit func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		visit(c)
		walkAll(c, visit)
	}
}

// dropComments removes HTML comments, which a policy page does not show.
func dropComments(root *html.Node) {
	var comments []*html.Node
	walkAll(root, func(n *html.Node) {
		if n.Type == html.CommentNode {
			comments = append(comments, n)
		}
	})
	for _, c := range comments {
		remove(c)
	}
}
