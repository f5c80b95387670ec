// Package testdocx writes small Word documents for tests: the
// WordprocessingML a test gives, packaged the way Word packages it, with
// the styles and numbering a document written in Swedish Word has.
// Tests spell the document's XML themselves, so what they check the
// reader against does not come from the reader.
package testdocx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"sort"
	"strings"
)

// Doc is a document to write.
type Doc struct {
	Body      string            // the children of w:body: paragraphs and tables
	Styles    string            // more w:style elements
	Numbering string            // more w:abstractNum and w:num elements, before the built-in w:num ones
	Links     map[string]string // relationship id -> external address, for w:hyperlink r:id
	Footnotes string            // w:footnote elements with ids from 1
	Comments  string            // w:comment elements
	Title     string            // the core property
}

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// builtinStyles are named as Word stores them (in English) with the ids
// Swedish Word gives them, so a reader that matched ids would miss them.
const builtinStyles = `
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Rubrik3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Liststycke"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Punktlista"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Innehll1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="character" w:styleId="Stark"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Hyperlnk"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>`

// builtinNumbering: numId 1 is a bulleted list (Symbol-font bullets, as
// Word writes them), numId 2 a legal numbering 1. / 1.1. / (a).
const builtinNumbering = `
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="` + "\uf0b7" + `"/><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>`

const builtinNums = `
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`

// Bytes writes the document as a .docx file.
func (d Doc) Bytes() []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	put := func(name, content string) {
		w, err := z.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write([]byte(content))
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`)
	put("docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>`+html.EscapeString(d.Title)+`</dc:title></cp:coreProperties>`)

	var rels strings.Builder
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
`)
	ids := make([]string, 0, len(d.Links))
	for id := range d.Links {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(&rels, `<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="%s" TargetMode="External"/>`+"\n",
			html.EscapeString(id), html.EscapeString(d.Links[id]))
	}
	rels.WriteString(`</Relationships>`)
	put("word/_rels/document.xml.rels", rels.String())
	put("word/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles `+ns+`>`+builtinStyles+d.Styles+`</w:styles>`)
	put("word/numbering.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering `+ns+`>`+builtinNumbering+d.Numbering+builtinNums+`</w:numbering>`)
	put("word/footnotes.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes `+ns+`>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`+d.Footnotes+`</w:footnotes>`)
	put("word/comments.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments `+ns+`>`+d.Comments+`</w:comments>`)
	put("word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document `+ns+`><w:body>`+d.Body+
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`)
	if err := z.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// P is a paragraph of style (a style id, "" for Normal) holding runs.
func P(style string, runs ...string) string {
	ppr := ""
	if style != "" {
		ppr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
	}
	return `<w:p>` + ppr + strings.Join(runs, "") + `</w:p>`
}

// Item is a paragraph of list numID at level lvl.
func Item(numID, lvl int, runs ...string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:pStyle w:val="Liststycke"/><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr>%s</w:p>`,
		lvl, numID, strings.Join(runs, ""))
}

// R is a run of plain text.
func R(text string) string { return run("", text) }

// B is a run of bold text.
func B(text string) string { return run(`<w:b/>`, text) }

// I is a run of italic text.
func I(text string) string { return run(`<w:i/>`, text) }

func run(props, text string) string {
	if props != "" {
		props = `<w:rPr>` + props + `</w:rPr>`
	}
	return `<w:r>` + props + `<w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r>`
}

// Link is a hyperlink through relationship id (see Doc.Links).
func Link(id, text string) string {
	return `<w:hyperlink r:id="` + id + `"><w:r><w:rPr><w:rStyle w:val="Hyperlnk"/></w:rPr><w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r></w:hyperlink>`
}

// Table is a table whose first row repeats as a header.
func Table(rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="Tabellrutnt"/></w:tblPr>`)
	for i, row := range rows {
		b.WriteString(`<w:tr>`)
		if i == 0 {
			b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for _, cell := range row {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>` + P("", R(cell)) + `</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}
