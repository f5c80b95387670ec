package docx

import (
	"strconv"
	"strings"
)

// Style ids of the paragraphs the writer makes. The names are Word's
// built-in ones, in English as Word stores them whatever its language, so
// Word shows its own headings (and their outline and navigation pane).
const (
	styleList  = "ListParagraph"
	styleQuote = "Quote"
	styleCode  = "HTMLPreformatted"
	styleLink  = "Hyperlink"
	styleTable = "TableGrid"
)

func headingStyle(level int) string { return "Heading" + strconv.Itoa(level) }

// headingSizes are the heading levels' font sizes in half points.
var headingSizes = [9]string{"32", "28", "26", "24", "22", "22", "22", "22", "22"}

func stylesPart(lang string) ([]byte, error) {
	x := newXMLWriter()
	x.start("w:styles", "xmlns:w", nsW)
	x.in("w:docDefaults", func() {
		x.in("w:rPrDefault", func() {
			x.in("w:rPr", func() {
				x.empty("w:rFonts", "w:ascii", "Calibri", "w:hAnsi", "Calibri", "w:eastAsia", "Calibri", "w:cs", "Calibri")
				x.empty("w:sz", "w:val", "22")
				x.empty("w:szCs", "w:val", "22")
				if lang != "" {
					x.empty("w:lang", "w:val", lang)
				}
			})
		})
		x.in("w:pPrDefault", func() {
			x.in("w:pPr", func() { x.empty("w:spacing", "w:after", "160", "w:line", "259", "w:lineRule", "auto") })
		})
	})

	x.start("w:style", "w:type", "paragraph", "w:default", "1", "w:styleId", "Normal")
	x.empty("w:name", "w:val", "Normal")
	x.empty("w:qFormat")
	x.end()
	for level := 1; level <= 9; level++ {
		size := headingSizes[level-1]
		x.style("paragraph", headingStyle(level), "heading "+strconv.Itoa(level), "9", func() {
			x.in("w:pPr", func() {
				x.empty("w:keepNext")
				x.empty("w:keepLines")
				x.empty("w:spacing", "w:before", "240", "w:after", "80")
				x.empty("w:outlineLvl", "w:val", strconv.Itoa(level-1))
			})
			x.in("w:rPr", func() {
				x.empty("w:b")
				x.empty("w:sz", "w:val", size)
				x.empty("w:szCs", "w:val", size)
			})
		})
	}
	x.style("paragraph", styleList, "List Paragraph", "34", func() {
		x.in("w:pPr", func() {
			x.empty("w:ind", "w:left", "720")
			x.empty("w:contextualSpacing")
		})
	})
	x.style("paragraph", styleQuote, "Quote", "29", func() {
		x.in("w:pPr", func() { x.empty("w:ind", "w:left", "720", "w:right", "720") })
		x.in("w:rPr", func() { x.empty("w:i") })
	})
	x.style("paragraph", styleCode, "HTML Preformatted", "", func() {
		x.in("w:pPr", func() { x.empty("w:spacing", "w:after", "160", "w:line", "240", "w:lineRule", "auto") })
		x.in("w:rPr", func() {
			x.empty("w:rFonts", "w:ascii", "Courier New", "w:hAnsi", "Courier New", "w:cs", "Courier New")
			x.empty("w:sz", "w:val", "20")
		})
	})
	x.style("character", styleLink, "Hyperlink", "99", func() {
		x.in("w:rPr", func() {
			x.empty("w:color", "w:val", "0563C1")
			x.empty("w:u", "w:val", "single")
		})
	})

	x.start("w:style", "w:type", "table", "w:default", "1", "w:styleId", "TableNormal")
	x.empty("w:name", "w:val", "Normal Table")
	x.in("w:tblPr", func() {
		x.empty("w:tblInd", "w:w", "0", "w:type", "dxa")
		x.in("w:tblCellMar", func() {
			x.empty("w:top", "w:w", "0", "w:type", "dxa")
			x.empty("w:left", "w:w", "108", "w:type", "dxa")
			x.empty("w:bottom", "w:w", "0", "w:type", "dxa")
			x.empty("w:right", "w:w", "108", "w:type", "dxa")
		})
	})
	x.end()
	x.style("table", styleTable, "Table Grid", "", func() {
		x.in("w:pPr", func() { x.empty("w:spacing", "w:after", "0", "w:line", "240", "w:lineRule", "auto") })
		x.in("w:tblPr", func() {
			x.in("w:tblBorders", func() {
				for _, side := range []string{"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"} {
					x.empty(side, "w:val", "single", "w:sz", "4", "w:space", "0", "w:color", "auto")
				}
			})
		})
	})
	x.end()
	return x.bytes()
}

// style writes a style other than a default one: based on Normal (Normal
// Table for a table style), with a priority in Word's style gallery when
// given, then fill's properties, in the order the schema wants them.
func (x *xmlWriter) style(kind, id, name, priority string, fill func()) {
	x.start("w:style", "w:type", kind, "w:styleId", id)
	x.empty("w:name", "w:val", name)
	switch kind {
	case "paragraph":
		x.empty("w:basedOn", "w:val", "Normal")
		if strings.HasPrefix(id, "Heading") {
			x.empty("w:next", "w:val", "Normal")
		}
	case "table":
		x.empty("w:basedOn", "w:val", "TableNormal")
	}
	if priority != "" {
		x.empty("w:uiPriority", "w:val", priority)
	}
	if kind == "paragraph" && priority != "" {
		x.empty("w:qFormat") // shown in the Styles gallery
	}
	fill()
	x.end()
}

// bullets are the bullets of the list levels, as Word's defaults cycle.
var bullets = [3]string{"•", "◦", "▪"}

// numbering writes one list definition per list of the document, so each
// list counts from its own start.
func (b *bodyWriter) numbering() ([]byte, error) {
	x := newXMLWriter()
	x.start("w:numbering", "xmlns:w", nsW)
	for i, l := range b.lists {
		x.start("w:abstractNum", "w:abstractNumId", strconv.Itoa(i))
		x.empty("w:multiLevelType", "w:val", "hybridMultilevel")
		for level := 0; level < 9; level++ {
			x.start("w:lvl", "w:ilvl", strconv.Itoa(level))
			x.empty("w:start", "w:val", strconv.Itoa(max(l.start[level], 0)))
			if l.numbered[level] {
				x.empty("w:numFmt", "w:val", "decimal")
				x.empty("w:lvlText", "w:val", "%"+strconv.Itoa(level+1)+".")
			} else {
				x.empty("w:numFmt", "w:val", "bullet")
				x.empty("w:lvlText", "w:val", bullets[level%len(bullets)])
			}
			x.empty("w:lvlJc", "w:val", "left")
			x.start("w:pPr")
			x.empty("w:ind", "w:left", indent(level), "w:hanging", "360")
			x.end()
			x.end()
		}
		x.end()
	}
	for i := range b.lists {
		x.start("w:num", "w:numId", strconv.Itoa(i+1))
		x.empty("w:abstractNumId", "w:val", strconv.Itoa(i))
		x.end()
	}
	x.end()
	return x.bytes()
}

// indent is the left indentation of a list level's text, in twentieths of
// a point.
func indent(level int) string { return strconv.Itoa(720 * (level + 1)) }
