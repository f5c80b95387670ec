package importer

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// anchorAttr marks a heading that a link of the page points at, with the
// number that link's placeholder address carries until the heading's id
// on the policy site is known (see anchors).
const anchorAttr = "data-gen-anchor"

// anchorPrefix starts the placeholder address of an in-page link.
const anchorPrefix = "gen-import-anchor-"

// links makes every link of the body work on the policy site: addresses
// relative to the page are made absolute against base (the page's
// original address), links within the page keep working when they point
// at a heading, and the rest are taken out, their text kept.
func (c *conversion) links(base *url.URL) {
	root := c.page.body
	targets := headingTargets(root)
	anchors := 0
	var relative []string
	for _, a := range find(root, is(atom.A)) {
		c.linksIn(a, base, targets, &anchors, &relative)
	}
	if len(relative) > 0 {
		shown := relative[:min(3, len(relative))]
		more := ""
		if len(relative) > len(shown) {
			more = ", …"
		}
		c.diags.Errorf(c.src.Name, 0, 0, "%d %s relative to the page's own address (%s%s), which the policy site does not have; give --link-base with the address the policy was published at (https://…/privacy) to make %s absolute",
			len(relative), plural(len(relative), "link is", "links are"), strings.Join(shown, ", "), more, plural(len(relative), "it", "them"))
	}
}

// linksIn fixes one link, and the links nested in it (which HTML does not
// allow but saved pages have).
func (c *conversion) linksIn(a *html.Node, base *url.URL, targets map[string]*html.Node, anchors *int, relative *[]string) {
	for _, inner := range find(a, is(atom.A)) {
		c.linksIn(inner, base, targets, anchors, relative)
	}
	href := strings.TrimSpace(attr(a, "href"))
	if text(a) == "" {
		remove(a) // a link around a picture left out, or around nothing
		return
	}
	if href == "" {
		unwrap(a) // a named anchor, <a name="x">, not a link
		return
	}
	u, err := url.Parse(href)
	if err != nil {
		c.diags.Warnf(c.src.Name, 0, 0, "the link to %q is not a valid address; it was taken out and its text %q kept", href, text(a))
		unwrap(a)
		return
	}
	if u.Scheme == "" && u.Host == "" {
		switch {
		case u.Path == "" && u.RawQuery == "" && u.Fragment != "":
			c.anchor(a, u.Fragment, targets, anchors)
			return
		case base == nil:
			*relative = append(*relative, href)
			return
		}
		abs := base.ResolveReference(u)
		page := *base
		page.Fragment = ""
		if here := *abs; u.Fragment != "" {
			here.Fragment = ""
			if here.String() == page.String() {
				c.anchor(a, u.Fragment, targets, anchors)
				return
			}
		}
		u = abs
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto", "tel":
		setAttr(a, "href", u.String())
	default:
		c.diags.Warnf(c.src.Name, 0, 0, "the link to %s was taken out (a policy links only to web pages, e-mail addresses and phone numbers); its text %q was kept", u.Scheme+":…", text(a))
		unwrap(a)
	}
}

// anchor points a link at the heading id names, or takes it out when the
// page has no such heading.
func (c *conversion) anchor(a *html.Node, id string, targets map[string]*html.Node, anchors *int) {
	h, ok := targets[id]
	if !ok {
		c.diags.Warnf(c.src.Name, 0, 0, "the link to #%s was taken out, since no heading of the policy has that id; its text %q was kept", id, text(a))
		unwrap(a)
		return
	}
	for p := a.Parent; p != nil; p = p.Parent {
		if p == h {
			// A heading's link to itself, the "¶" or "#" beside it on
			// many sites: the policy site gives headings their own.
			if t := text(a); t == "" || len([]rune(t)) == 1 {
				remove(a)
			} else {
				unwrap(a)
			}
			return
		}
	}
	n := attr(h, anchorAttr)
	if n == "" {
		*anchors++
		n = strconv.Itoa(*anchors)
		setAttr(h, anchorAttr, n)
	}
	setAttr(a, "href", "#"+anchorPrefix+n)
}

// headingTargets maps every id (and <a name>) in the page that names a
// heading to that heading: the heading's own, one inside it, and an empty
// anchor just before it, as Word's bookmarks and many sites place them.
func headingTargets(root *html.Node) map[string]*html.Node {
	out := map[string]*html.Node{}
	walkAll(root, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		id := attr(n, "id")
		if id == "" && n.DataAtom == atom.A {
			id = attr(n, "name")
		}
		if id == "" {
			return
		}
		if _, taken := out[id]; taken {
			return
		}
		for p := n; p != nil; p = p.Parent {
			if headingLevel(p) > 0 {
				out[id] = p
				return
			}
		}
		if text(n) == "" {
			next := n.NextSibling
			for next != nil && next.Type == html.TextNode && strings.TrimSpace(next.Data) == "" {
				next = next.NextSibling
			}
			if next != nil && headingLevel(next) > 0 {
				out[id] = next
			}
		}
	})
	return out
}
