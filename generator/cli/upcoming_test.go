package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpcomingVersionOvertakenBeforeItsDay has a version (2024-02-01) due
// to take effect on 1 July that a newer one (2024-03-01, effective 1 June)
// overtakes: on 1 July the newest version whose day has come is the newer
// one, so the older never takes effect. No page may announce it as
// coming, its own page must say it will not apply and which does, and once
// its day has passed no page may give a date it took effect. The versions
// still coming are announced in the order they take effect.
func TestUpcomingVersionOvertakenBeforeItsDay(t *testing.T) {
	site := t.TempDir()
	write(t, site, "site.toml", "title = \"T\"\nbase_url = \"https://t.example\"\ndefault_language = \"en\"\n[languages.en]\nname = \"English\"\n")
	version := func(date, effective string) string {
		return fmt.Sprintf("+++\ntitle = \"Policy\"\nlast_updated = %s\neffective = %s\n\n[change]\nsummary = \"Version of %s\"\n+++\nText of %s.\n", date, effective, date, date)
	}
	write(t, site, "content/p/archive/2024-01-01/en.md", version("2024-01-01", "2024-01-01"))
	write(t, site, "content/p/archive/2024-02-01/en.md", version("2024-02-01", "2024-07-01"))
	write(t, site, "content/p/archive/2024-03-01/en.md", version("2024-03-01", "2024-06-01"))
	write(t, site, "content/p/en.md", version("2024-04-01", "2024-08-01"))

	out := buildSite(t, site, "2024-05-01")
	inForce := readPage(t, out, "/en/p/")
	notices := inForce.notice("upcoming")
	june, august := strings.Index(notices, "June 1, 2024"), strings.Index(notices, "August 1, 2024")
	if strings.Contains(notices, "July 1, 2024") || june < 0 || august < june {
		t.Errorf("the page in force announces %q; want June 1 then August 1, and never July 1", notices)
	}
	if inForce.hasLink("Read the new version", "/en/p/2024-02-01/") {
		t.Errorf("the page in force links the overtaken version as the new one")
	}
	overtaken := readPage(t, out, "/en/p/2024-02-01/")
	if got := overtaken.notice("upcoming"); !strings.Contains(got, "will not take effect") || !strings.Contains(got, "March 1, 2024") ||
		!overtaken.hasLink("Read the new version", "/en/p/2024-03-01/") || strings.Contains(got, "takes effect on") {
		t.Errorf("the overtaken version's page says %q, links %v", got, overtaken.links("Read"))
	}
	if got := overtaken.mainText(); strings.Contains(got, "Takes effect") || !strings.Contains(got, "Planned to take effect") {
		t.Errorf("the overtaken version's dates read as if it will apply:\n%s", got)
	}
	if got := readPage(t, out, "/en/").mainText(); strings.Contains(got, "July 1, 2024") || !strings.Contains(got, "June 1, 2024") {
		t.Errorf("the index announces the wrong day:\n%s", got)
	}
	// The status is the SPEC's: newer than the version in force.
	var record struct {
		Versions []struct {
			LastUpdated string  `json:"last_updated"`
			Status      string  `json:"status"`
			InForceFrom *string `json:"in_force_from"`
		} `json:"versions"`
	}
	b, err := os.ReadFile(filepath.Join(out, "en/p/versions.json"))
	if err != nil || json.Unmarshal(b, &record) != nil {
		t.Fatalf("versions.json: %v\n%s", err, b)
	}
	for _, v := range record.Versions {
		if v.LastUpdated == "2024-02-01" && (v.Status != "upcoming" || v.InForceFrom != nil) {
			t.Errorf("versions.json: %+v", v)
		}
	}

	out = buildSite(t, site, "2024-07-15")
	after := readPage(t, out, "/en/p/2024-02-01/")
	if got := after.mainText(); strings.Contains(got, "Effective") || !strings.Contains(got, "replaced before it came into force") {
		t.Errorf("after its day, the overtaken version's page reads:\n%s", got)
	}
	history := readPage(t, out, "/en/p/history/")
	for _, row := range history.all("tr", "status-archived") {
		if got := text(row); strings.Contains(got, "July 1, 2024") && !strings.Contains(got, "Never in force") {
			t.Errorf("the history row of the overtaken version reads %q", got)
		}
		if got := text(row); strings.Contains(got, "Takes effect") {
			t.Errorf("an archived row says it takes effect: %q", got)
		}
	}
	if !strings.Contains(history.mainText(), "Never in force") {
		t.Errorf("the history does not say which version was never in force:\n%s", history.mainText())
	}
}
