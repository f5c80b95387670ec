package docx

import (
	"strconv"
	"strings"
)

// styles are a document's paragraph and character styles by id.
type styles struct {
	byID     map[string]*style
	defaultP string // the id of the default paragraph style (Normal)
}

// style is one style with what it inherits resolved on demand.
type style struct {
	id, name, basedOn string
	outline           int // outline level + 1 from w:outlineLvl, 0 for none
	numID, numLevel   string
	bold, italic      *bool
}

func readStyles(root *node) *styles {
	s := &styles{byID: map[string]*style{}}
	if root == nil {
		return s
	}
	list := root.child("styles")
	if list == nil {
		return s
	}
	for _, n := range list.kids {
		if !n.is("style") {
			continue
		}
		st := &style{
			id:      n.attr("styleId"),
			name:    n.child("name").attr("val"),
			basedOn: n.child("basedOn").attr("val"),
		}
		ppr := n.child("pPr")
		if o := ppr.child("outlineLvl"); o != nil {
			if lvl := o.number(-1); lvl >= 0 && lvl < 9 {
				st.outline = lvl + 1
			}
		}
		if num := ppr.child("numPr"); num != nil {
			st.numID = num.child("numId").attr("val")
			st.numLevel = num.child("ilvl").attr("val")
		}
		rpr := n.child("rPr")
		if b := rpr.child("b"); b != nil {
			v := b.on()
			st.bold = &v
		}
		if i := rpr.child("i"); i != nil {
			v := i.on()
			st.italic = &v
		}
		if d := n.attr("default"); n.attr("type") == "paragraph" && (d == "1" || d == "true" || d == "on") {
			s.defaultP = st.id
		}
		s.byID[st.id] = st
	}
	return s
}

// chain returns the style id and the styles it is based on, nearest first,
// stopping at a loop.
func (s *styles) chain(id string) []*style {
	var out []*style
	seen := map[string]bool{}
	for id != "" && !seen[id] && len(out) < 32 {
		seen[id] = true
		st, ok := s.byID[id]
		if !ok {
			break
		}
		out = append(out, st)
		id = st.basedOn
	}
	return out
}

// name returns the style's name, or its id when it has none.
func (s *styles) name(id string) string {
	if st, ok := s.byID[id]; ok && st.name != "" {
		return st.name
	}
	return id
}

// heading returns the heading level of paragraph style id: "heading 1"
// to "heading 9" by name (Word stores built-in names in English whatever
// the language of its menus), else an outline level set in the style or
// one it is based on. 0 means body text.
func (s *styles) heading(id string) int {
	for _, st := range s.chain(id) {
		if lvl := headingName(st.name); lvl > 0 {
			return lvl
		}
		if st.outline > 0 {
			return st.outline
		}
	}
	return 0
}

// headingName reads "heading 2" (in any case, with or without the space)
// as 2.
func headingName(name string) int {
	n := strings.ReplaceAll(strings.ToLower(name), " ", "")
	if rest, ok := strings.CutPrefix(n, "heading"); ok && len(rest) == 1 {
		if lvl, err := strconv.Atoi(rest); err == nil && lvl >= 1 {
			return lvl
		}
	}
	return 0
}

// is reports whether style id, or one it is based on, has the name.
func (s *styles) is(id, name string) bool {
	for _, st := range s.chain(id) {
		if strings.EqualFold(st.name, name) {
			return true
		}
	}
	return false
}

// isContents reports a style of a table of contents' entries ("toc 1")
// or its heading ("TOC Heading").
func (s *styles) isContents(id string) bool {
	name := strings.ToLower(s.name(id))
	return strings.HasPrefix(name, "toc ") || name == "toc heading"
}

// numbering returns the list a paragraph style numbers its paragraphs
// with, as "" when it has none.
func (s *styles) numbering(id string) (numID, level string) {
	for _, st := range s.chain(id) {
		if st.numID != "" {
			return st.numID, st.numLevel
		}
	}
	return "", ""
}

// emphasis returns whether character or paragraph style id makes its text
// bold and italic.
func (s *styles) emphasis(id string) (bold, italic bool) {
	var b, i *bool
	for _, st := range s.chain(id) {
		if b == nil {
			b = st.bold
		}
		if i == nil {
			i = st.italic
		}
	}
	return b != nil && *b, i != nil && *i
}
