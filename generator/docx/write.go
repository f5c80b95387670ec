package docx

import (
	"archive/zip"
	"io"
	"time"

	"golang.org/x/text/language"
)

// The namespaces and types the writer uses, in the transitional form
// every word processor reads.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRels    = "http://schemas.openxmlformats.org/package/2006/relationships"
	relType   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	typeMain  = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	typeCore  = "application/vnd.openxmlformats-package.core-properties+xml"
	typeRels  = "application/vnd.openxmlformats-package.relationships+xml"
	nsCore    = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
	nsTypes   = "http://schemas.openxmlformats.org/package/2006/content-types"
	relCore   = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	w3cdtf    = "2006-01-02T15:04:05Z"
	zipFormat = zip.Deflate
)

// zipTime is every part's modification time, so that the same redline
// gives the same bytes whenever it is written.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// part is one file of the package and how to write it.
type part struct {
	name  string
	bytes func() ([]byte, error)
}

// Write writes r as a Word document (.docx). The same Redline always gives
// the same bytes.
func Write(w io.Writer, r *Redline) error {
	lang := wordLanguage(r.Language)
	body := newBodyWriter(r)
	document, err := body.document()
	if err != nil {
		return err
	}
	parts := []part{
		{"[Content_Types].xml", func() ([]byte, error) { return contentTypes(len(body.lists) > 0) }},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", func() ([]byte, error) { return coreProperties(r, lang) }},
		{"word/document.xml", func() ([]byte, error) { return document, nil }},
		{"word/_rels/document.xml.rels", body.relationships},
		{"word/styles.xml", func() ([]byte, error) { return stylesPart(lang) }},
		{"word/settings.xml", settingsPart},
	}
	if len(body.lists) > 0 {
		parts = append(parts, part{"word/numbering.xml", body.numbering})
	}
	z := zip.NewWriter(w)
	for _, p := range parts {
		data, err := p.bytes()
		if err != nil {
			return err
		}
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zipFormat, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
	}
	return z.Close()
}

// wordLanguage writes a BCP 47 tag as Word does ("pt-BR" for "pt-br"); ""
// stays "", and a tag that is none is left out.
func wordLanguage(tag string) string {
	if tag == "" {
		return ""
	}
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	return t.String()
}

func contentTypes(numbering bool) ([]byte, error) {
	x := newXMLWriter()
	x.start("Types", "xmlns", nsTypes)
	x.empty("Default", "Extension", "rels", "ContentType", typeRels)
	x.empty("Default", "Extension", "xml", "ContentType", "application/xml")
	x.empty("Override", "PartName", "/word/document.xml", "ContentType", typeMain+"document.main+xml")
	x.empty("Override", "PartName", "/word/styles.xml", "ContentType", typeMain+"styles+xml")
	x.empty("Override", "PartName", "/word/settings.xml", "ContentType", typeMain+"settings+xml")
	if numbering {
		x.empty("Override", "PartName", "/word/numbering.xml", "ContentType", typeMain+"numbering+xml")
	}
	x.empty("Override", "PartName", "/docProps/core.xml", "ContentType", typeCore)
	x.end()
	return x.bytes()
}

func packageRels() ([]byte, error) {
	x := newXMLWriter()
	x.start("Relationships", "xmlns", nsRels)
	x.empty("Relationship", "Id", "rId1", "Type", relType+"officeDocument", "Target", "word/document.xml")
	x.empty("Relationship", "Id", "rId2", "Type", relCore, "Target", "docProps/core.xml")
	x.end()
	return x.bytes()
}

// coreProperties are what File > Info shows: title, author, language and
// the date of the changes.
func coreProperties(r *Redline, lang string) ([]byte, error) {
	x := newXMLWriter()
	x.start("cp:coreProperties", "xmlns:cp", nsCore, "xmlns:dc", "http://purl.org/dc/elements/1.1/",
		"xmlns:dcterms", "http://purl.org/dc/terms/", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
	if r.Title != "" {
		x.element("dc:title", r.Title)
	}
	if r.Author != "" {
		x.element("dc:creator", r.Author)
		x.element("cp:lastModifiedBy", r.Author)
	}
	if lang != "" {
		x.element("dc:language", lang)
	}
	if !r.Date.IsZero() {
		d := r.Date.UTC().Format(w3cdtf)
		x.element("dcterms:created", d, "xsi:type", "dcterms:W3CDTF")
		x.element("dcterms:modified", d, "xsi:type", "dcterms:W3CDTF")
	}
	x.end()
	return x.bytes()
}

// settingsPart turns Track Changes on, so that the reviewer's own edits
// are revisions too, and keeps Word out of compatibility mode.
func settingsPart() ([]byte, error) {
	x := newXMLWriter()
	x.start("w:settings", "xmlns:w", nsW)
	x.empty("w:trackRevisions")
	x.empty("w:defaultTabStop", "w:val", "720")
	x.empty("w:characterSpacingControl", "w:val", "doNotCompress")
	x.start("w:compat")
	x.empty("w:compatSetting", "w:name", "compatibilityMode", "w:uri", "http://schemas.microsoft.com/office/word", "w:val", "15")
	x.end()
	x.end()
	return x.bytes()
}
