package docx

import (
	"bytes"
	"encoding/xml"
	"strings"
	"unicode/utf8"
)

// xmlWriter writes one part's XML. Names carry their prefix ("w:p"), as
// Word writes them: encoding/xml's own namespace handling would declare a
// default namespace on every element, which is valid XML but not what
// every word processor reads.
type xmlWriter struct {
	buf  bytes.Buffer
	enc  *xml.Encoder
	open []string
	err  error
}

func newXMLWriter() *xmlWriter {
	w := &xmlWriter{}
	w.buf.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	w.enc = xml.NewEncoder(&w.buf)
	return w
}

func (w *xmlWriter) token(t xml.Token) {
	if w.err == nil {
		w.err = w.enc.EncodeToken(t)
	}
}

// start opens element name with attributes given as name, value pairs.
func (w *xmlWriter) start(name string, attrs ...string) {
	el := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: clean(attrs[i+1])})
	}
	w.token(el)
	w.open = append(w.open, name)
}

// end closes the innermost open element.
func (w *xmlWriter) end() {
	n := len(w.open) - 1
	w.token(xml.EndElement{Name: xml.Name{Local: w.open[n]}})
	w.open = w.open[:n]
}

// empty writes an element with attributes and no content.
func (w *xmlWriter) empty(name string, attrs ...string) {
	w.start(name, attrs...)
	w.end()
}

// in writes an element whose content fill writes.
func (w *xmlWriter) in(name string, fill func()) {
	w.start(name)
	fill()
	w.end()
}

// element writes an element holding only text.
func (w *xmlWriter) element(name, text string, attrs ...string) {
	w.start(name, attrs...)
	w.text(text)
	w.end()
}

func (w *xmlWriter) text(s string) { w.token(xml.CharData(clean(s))) }

// bytes returns the part, or the first error writing it.
func (w *xmlWriter) bytes() ([]byte, error) {
	if w.err == nil {
		w.err = w.enc.Flush()
	}
	return w.buf.Bytes(), w.err
}

// clean drops what XML 1.0 cannot hold (most control characters, broken
// UTF-8), which text pasted from elsewhere sometimes has.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !xmlChar(r) {
			return -1
		}
		return r
	}, s)
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
}
