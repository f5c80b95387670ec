package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The namespaces of WordprocessingML and of relationship ids, in the
// transitional form Word writes and the strict form it can save too.
var (
	wordNS = map[string]bool{
		"http://schemas.openxmlformats.org/wordprocessingml/2006/main": true,
		"http://purl.oclc.org/ooxml/wordprocessingml/main":             true,
	}
	relNS = map[string]bool{
		"http://schemas.openxmlformats.org/officeDocument/2006/relationships": true,
		"http://purl.oclc.org/ooxml/officeDocument/relationships":             true,
	}
)

// maxDepth bounds how deeply elements may nest: real documents stay far
// below it, and a crafted one must not exhaust the stack.
const maxDepth = 256

// node is an XML element with its children; text is kept only for the
// elements whose character data Word means as text.
type node struct {
	space, local string
	attrs        []xml.Attr
	kids         []*node
	text         string
}

// textElements hold text: w:t, w:delText and w:instrText, and the text of
// math (m:t) and of core properties (dc:title).
var textElements = map[string]bool{"t": true, "delText": true, "instrText": true, "title": true}

// parseXML reads a part into a tree.
func parseXML(data []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false // Word's own output is strict; repaired files may not be
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) > maxDepth {
				return nil, fmt.Errorf("elements nest more than %d deep", maxDepth)
			}
			n := &node{space: t.Name.Space, local: t.Name.Local, attrs: t.Attr}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if textElements[top.local] {
				top.text += string(t)
			}
		}
	}
	return root, nil
}

// is reports whether n is the WordprocessingML element local.
func (n *node) is(local string) bool { return n.local == local && wordNS[n.space] }

// child returns n's first WordprocessingML child named local, or nil.
func (n *node) child(local string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.is(local) {
			return k
		}
	}
	return nil
}

// path follows children named by locals, returning nil where one is missing.
func (n *node) path(locals ...string) *node {
	for _, l := range locals {
		n = n.child(l)
	}
	return n
}

// attr returns n's WordprocessingML attribute local (w:val, w:name…).
// Unqualified attributes count too: some writers leave out the prefix.
func (n *node) attr(local string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == local && (wordNS[a.Name.Space] || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

// relAttr returns n's relationship attribute local (r:id).
func (n *node) relAttr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local && relNS[a.Name.Space] {
			return a.Value
		}
	}
	return ""
}

// plainAttr returns the attribute local in no namespace, as relationship
// and content-type parts write them.
func (n *node) plainAttr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// on reads a toggle property such as w:b: present and not switched off.
func (n *node) on() bool {
	if n == nil {
		return false
	}
	switch strings.ToLower(n.attr("val")) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// number reads the integer w:val of n, or def when n is missing or its
// value is not a number.
func (n *node) number(def int) int {
	if n == nil {
		return def
	}
	v, err := strconv.Atoi(strings.TrimSpace(n.attr("val")))
	if err != nil {
		return def
	}
	return v
}

// find returns the first descendant of n for which match holds, or nil.
func (n *node) find(match func(*node) bool) *node {
	for _, k := range n.kids {
		if match(k) {
			return k
		}
		if f := k.find(match); f != nil {
			return f
		}
	}
	return nil
}
