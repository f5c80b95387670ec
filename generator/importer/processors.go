package importer

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/policygen/gen/generator/i18n"
)

// Processor is one row of a policy's processors table, as front matter's
// [[processors]] holds it.
type Processor struct {
	Name, Location, Purpose, Country, Transfer, URL string
}

// The columns of a processors table.
const (
	colName = iota
	colLocation
	colPurpose
	colCountry
	colTransfer
	colURL
	columns
)

// fieldKeys are the front matter fields of the columns, which i18n names
// the processors table's headings by.
var fieldKeys = [columns]string{"name", "location", "purpose", "country", "transfer", "url"}

// columnWords are what processors tables call their columns, by language.
// A heading is read as the column whose word it holds, the longest one
// winning ("Service provider" is a name, "Service" a purpose). The site's
// own headings (i18n's processors.*) are read too.
var columnWords = map[string][columns][]string{
	"en": {
		{"name", "processor", "sub-processor", "subprocessor", "sub processor", "vendor", "provider", "service provider", "company", "entity", "recipient", "third party", "supplier", "processor name"},
		{"location", "processing location", "data location", "location of processing", "where", "region", "hosting", "hosting location", "server location", "data centre", "data center"},
		{"purpose", "purposes", "service", "services", "function", "description", "activity", "processing activity", "nature of processing", "what they do", "role", "purpose of processing"},
		{"country", "country of establishment", "established in", "headquarters", "jurisdiction", "seat"},
		{"transfer", "transfers", "transfer mechanism", "safeguard", "safeguards", "transfer safeguard", "transfer safeguards", "legal basis for transfer"},
		{"privacy policy", "policy", "link", "links", "website", "url", "more information", "dpa"},
	},
	"sv": {
		{"namn", "leverantör", "personuppgiftsbiträde", "underbiträde", "biträde", "företag", "mottagare", "tjänsteleverantör", "underleverantör"},
		{"plats", "var", "lokalisering", "placering", "behandlingsplats", "var uppgifterna behandlas", "region"},
		{"ändamål", "syfte", "syften", "tjänst", "tjänster", "beskrivning", "uppgift"},
		{"land", "säte", "etablerat i", "etablerad i"},
		{"överföring", "skyddsåtgärd", "skyddsåtgärder", "överföringsmekanism"},
		{"integritetspolicy", "länk", "webbplats", "mer information"},
	},
	"nb": {
		{"navn", "leverandør", "databehandler", "underdatabehandler", "underleverandør", "selskap", "mottaker"},
		{"sted", "plassering", "lokasjon", "behandlingssted", "region"},
		{"formål", "tjeneste", "tjenester", "beskrivelse", "oppgave"},
		{"land", "etablert i"},
		{"overføring", "overføringsgrunnlag", "garantier"},
		{"personvernerklæring", "lenke", "nettsted"},
	},
	"da": {
		{"navn", "leverandør", "databehandler", "underdatabehandler", "underleverandør", "virksomhed", "modtager"},
		{"placering", "sted", "lokation", "behandlingssted", "region"},
		{"formål", "tjeneste", "tjenester", "beskrivelse", "opgave"},
		{"land", "etableret i"},
		{"overførsel", "overførselsgrundlag", "garantier"},
		{"privatlivspolitik", "link", "hjemmeside"},
	},
	"de": {
		{"name", "auftragsverarbeiter", "unterauftragsverarbeiter", "anbieter", "dienstleister", "unternehmen", "empfänger", "subunternehmer", "firma"},
		{"standort", "ort", "verarbeitungsort", "ort der verarbeitung", "speicherort", "serverstandort", "region"},
		{"zweck", "zwecke", "verarbeitungszweck", "leistung", "dienst", "beschreibung", "tätigkeit", "gegenstand"},
		{"land", "sitz", "sitzland"},
		{"übermittlung", "garantien", "übermittlungsgrundlage", "drittlandtransfer", "geeignete garantien"},
		{"datenschutzerklärung", "link", "webseite", "website"},
	},
	"fi": {
		{"nimi", "käsittelijä", "henkilötietojen käsittelijä", "alihankkija", "palveluntarjoaja", "toimittaja", "yritys", "vastaanottaja", "alikäsittelijä"},
		{"sijainti", "käsittelypaikka", "käsittelyn sijainti", "alue"},
		{"tarkoitus", "käyttötarkoitus", "palvelu", "kuvaus", "tehtävä"},
		{"maa", "kotipaikka", "sijaintimaa"},
		{"siirto", "siirtoperuste", "suojatoimet", "suojatoimi"},
		{"tietosuojaseloste", "linkki", "verkkosivusto"},
	},
	"fr": {
		{"nom", "sous-traitant", "sous-traitants", "sous-traitant ultérieur", "prestataire", "fournisseur", "société", "destinataire", "entité"},
		{"localisation", "lieu", "emplacement", "lieu de traitement", "hébergement", "région", "lieu d'hébergement"},
		{"finalité", "finalités", "objet", "service", "services", "description", "activité", "mission"},
		{"pays", "siège", "pays d'établissement"},
		{"transfert", "transferts", "garanties", "mécanisme de transfert", "encadrement"},
		{"politique de confidentialité", "lien", "site", "site web"},
	},
}

// columnReader recognises the columns of processors tables in one
// language (and English).
type columnReader struct {
	words [columns][]string
}

func newColumnReader(lang string, cat *i18n.Catalog) *columnReader {
	base, _, _ := strings.Cut(lang, "-")
	r := &columnReader{}
	for _, l := range []string{base, "en"} {
		for col, ws := range columnWords[l] {
			for _, w := range ws {
				r.words[col] = append(r.words[col], normalize(w))
			}
		}
	}
	if cat != nil {
		for col, key := range fieldKeys {
			for _, l := range []string{lang, "en"} {
				r.words[col] = append(r.words[col], normalize(cat.T(l, i18n.ProcessorField(key))))
			}
		}
	}
	return r
}

// column reads a table heading as a column, or returns -1.
func (r *columnReader) column(heading string) int {
	h := normalize(strings.Map(func(c rune) rune {
		if unicode.IsPunct(c) && c != '-' && c != '\'' {
			return ' '
		}
		return c
	}, heading))
	best, size := -1, 0
	for col, ws := range r.words {
		for _, w := range ws {
			if len(w) > size && containsWords(h, w) {
				best, size = col, len(w)
			}
		}
	}
	return best
}

// containsWords reports whether phrase occurs in s as whole words.
func containsWords(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		if (start == 0 || s[start-1] == ' ') && (end == len(s) || s[end] == ' ') {
			return true
		}
		i = start + 1
	}
}

// columns maps a table's headings to columns, or says why the table is
// not a processors table.
func (r *columnReader) columns(headings []string) ([]int, error) {
	cols := make([]int, len(headings))
	seen := map[int]bool{}
	for i, h := range headings {
		col := r.column(h)
		if col < 0 {
			return nil, fmt.Errorf("its column %q is not one of a processor's fields", h)
		}
		if seen[col] {
			return nil, fmt.Errorf("two of its columns are the processor's %s", fieldKeys[col])
		}
		seen[col] = true
		cols[i] = col
	}
	if !seen[colLocation] && seen[colCountry] {
		// A list of processors by country: the country is where they process.
		for i := range cols {
			if cols[i] == colCountry {
				cols[i] = colLocation
			}
		}
		seen[colLocation] = true
	}
	for _, need := range []int{colName, colPurpose, colLocation} {
		if !seen[need] {
			return nil, fmt.Errorf("it has no column for the processor's %s", fieldKeys[need])
		}
	}
	return cols, nil
}

// processors turns the tables of the body that list processors into the
// front matter's processors and the {{< processors >}} placeholder where
// the first one stood, so the site renders the table and tracks every
// processor's changes. Tables that only look like one are kept as they
// are, with a warning saying why.
func (c *conversion) processors() {
	var placed bool
	for _, t := range find(c.page.body, is(atom.Table)) {
		rows := tableRows(t)
		if len(rows) < 2 {
			continue
		}
		headings := make([]string, len(rows[0]))
		for i, cell := range rows[0] {
			headings[i] = text(cell)
		}
		cols, err := c.columns.columns(headings)
		if err != nil {
			if likelyProcessors(c.columns, headings) {
				c.diags.Warnf(c.src.Name, 0, 0, "the table headed %q was kept as a table, not made the processors list: %v", strings.Join(headings, " | "), err)
			}
			continue
		}
		found, err := readProcessors(rows[1:], cols)
		if err != nil {
			c.diags.Warnf(c.src.Name, 0, 0, "the table headed %q was kept as a table, not made the processors list: %v", strings.Join(headings, " | "), err)
			continue
		}
		c.page.processors = append(c.page.processors, found...)
		if placed {
			remove(t)
			c.diags.Warnf(c.src.Name, 0, 0, "the processors of the table headed %q joined those of the first processors table, where the site shows them all", strings.Join(headings, " | "))
			continue
		}
		placed = true
		marker := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
		marker.AppendChild(&html.Node{Type: html.TextNode, Data: placeholderMarker})
		t.Parent.InsertBefore(marker, t)
		remove(t)
	}
}

// likelyProcessors reports headings that name a processor and most of
// the rest, so that a table nearly recognised is explained.
func likelyProcessors(r *columnReader, headings []string) bool {
	known := 0
	name := false
	for _, h := range headings {
		switch r.column(h) {
		case -1:
		case colName:
			name = true
			known++
		default:
			known++
		}
	}
	return name && known >= 2
}

// tableRows returns the cells of a table's rows, its own and not those of
// tables nested in it.
func tableRows(t *html.Node) [][]*html.Node {
	var rows [][]*html.Node
	for _, tr := range find(t, is(atom.Tr, atom.Table)) {
		if tr.DataAtom != atom.Tr {
			continue
		}
		var cells []*html.Node
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
				cells = append(cells, c)
			}
		}
		rows = append(rows, cells)
	}
	return rows
}

// readProcessors reads the rows of a processors table.
func readProcessors(rows [][]*html.Node, cols []int) ([]Processor, error) {
	var out []Processor
	for i, row := range rows {
		if len(row) != len(cols) {
			return nil, fmt.Errorf("its row %d has %d cells, not one per column", i+1, len(row))
		}
		var f [columns]string
		link := ""
		for j, cell := range row {
			f[cols[j]] = text(cell)
			if l := firstLink(cell); l != "" && (link == "" || cols[j] == colURL) {
				link = l
			}
		}
		if f[colURL] != "" || link != "" {
			f[colURL] = processorURL(f[colURL], link)
		}
		if f[colName] == "" && f[colPurpose] == "" && f[colLocation] == "" {
			continue // an empty row
		}
		for _, need := range []int{colName, colLocation, colPurpose} {
			if f[need] == "" {
				return nil, fmt.Errorf("its row %d (%s) has no %s", i+1, or(f[colName], "no name"), fieldKeys[need])
			}
		}
		out = append(out, Processor{f[colName], f[colLocation], f[colPurpose], f[colCountry], f[colTransfer], f[colURL]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("it lists no processor")
	}
	return out, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// firstLink returns the address of the first web link in n, or "".
func firstLink(n *html.Node) string {
	for _, a := range find(n, is(atom.A)) {
		if h := attr(a, "href"); strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://") {
			return h
		}
	}
	return ""
}

// processorURL is the address of a processor's policy: the link in its
// row, else a cell that is itself an address.
func processorURL(cell, link string) string {
	if link != "" {
		return link
	}
	if u, err := url.Parse(cell); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return cell
	}
	if strings.HasPrefix(cell, "www.") && !strings.ContainsAny(cell, " ") {
		return "https://" + cell
	}
	return ""
}
