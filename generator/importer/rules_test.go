package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/policygen/gen/generator/i18n"
)

func TestProcessorColumns(t *testing.T) {
	cat, _ := i18n.New([]string{"en", "sv", "nb", "da", "de", "fi", "fr"}, nil)
	const (
		n = colName
		l = colLocation
		p = colPurpose
		c = colCountry
		x = colTransfer
		u = colURL
	)
	for _, tt := range []struct {
		lang     string
		headings []string
		want     []int // nil: not a processors table
	}{
		{"en", []string{"Sub-processor", "Purpose", "Location"}, []int{n, p, l}},
		{"en", []string{"Name", "Service", "Country", "Transfer mechanism", "Privacy policy"}, []int{n, p, l, x, u}}, // country alone is the location
		{"en", []string{"Service provider", "Purpose of processing", "Processing location", "Country of establishment"}, []int{n, p, l, c}},
		{"en", []string{"Vendor", "What they do", "Where"}, []int{n, p, l}},
		{"en", []string{"Name", "Purpose"}, nil},                                // no location
		{"en", []string{"Cookie", "Purpose", "Duration"}, nil},                  // a cookie table
		{"en", []string{"Name", "Purpose", "Location", "Data categories"}, nil}, // its words would be lost
		{"en", []string{"Name", "Company", "Purpose", "Location"}, nil},         // two name columns
		{"sv", []string{"Personuppgiftsbiträde", "Ändamål", "Var uppgifterna behandlas"}, []int{n, p, l}},
		{"sv", []string{"Leverantör", "Syfte", "Land"}, []int{n, p, l}},
		{"nb", []string{"Databehandler", "Formål", "Sted"}, []int{n, p, l}},
		{"da", []string{"Underdatabehandler", "Formål", "Placering"}, []int{n, p, l}},
		{"de", []string{"Auftragsverarbeiter", "Zweck", "Standort", "Garantien"}, []int{n, p, l, x}},
		{"de", []string{"Unterauftragsverarbeiter", "Verarbeitungszweck", "Sitz"}, []int{n, p, l}},
		{"fi", []string{"Käsittelijä", "Käyttötarkoitus", "Sijainti"}, []int{n, p, l}},
		{"fr", []string{"Sous-traitant", "Finalité", "Localisation", "Pays"}, []int{n, p, l, c}},
		{"fr", []string{"Prestataire", "Objet", "Lieu d'hébergement"}, []int{n, p, l}},
		// English headings in a policy of another language.
		{"fr", []string{"Processor", "Purpose", "Location"}, []int{n, p, l}},
	} {
		got, err := newColumnReader(tt.lang, cat).columns(tt.headings)
		if tt.want == nil {
			if err == nil {
				t.Errorf("%s %q read as a processors table: %v", tt.lang, tt.headings, got)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %q: %v (%v), want %v", tt.lang, tt.headings, got, err, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	for _, s := range []string{`Plain`, `Say "yes"`, "two\nlines", `back\slash`, "tab\there", "ctrl\x01"} {
		q := quote(s)
		var back map[string]string
		if _, err := toml.Decode("v = "+q+"\n", &back); err != nil || back["v"] != s || strings.Contains(q, "\n") {
			t.Errorf("quote(%q) = %s, which reads back as %q (%v)", s, q, back["v"], err)
		}
	}
}
