package i18n

import (
	"slices"
	"strings"
	"testing"
)

// The keys the templates and the rest of the generator rely on. Removing or
// renaming one breaks them, so it must be a deliberate change here too.
var requiredKeys = []string{
	"site.skip", "site.languages", "site.notices", "site.policies", "site.footer", "site.subscribe",
	"site.feed_title", "site.processors_feed_title",
	"version.last_updated", "version.effective", "version.takes_effect", "version.planned_effective", "version.status_label", "version.print_trace", "version.contents",
	"version.history", "version.source", "version.pdf", "version.draft", "version.status.in-force",
	"version.status.upcoming", "version.status.archived", "version.changes",
	"version.compare_in_force", "version.permalink", "version.first", "version.fingerprint",
	"processors.heading", "processors.caption", "processors.name", "processors.location",
	"processors.purpose", "processors.country", "processors.transfer", "processors.policy",
	"processors.policy_link",
	"notice.archived", "notice.archived_never", "notice.archived_read_current",
	"notice.archived_compare", "notice.change", "notice.change_summary", "notice.what_changed",
	"notice.see_history", "notice.material", "notice.material_read", "notice.upcoming",
	"notice.upcoming_read", "notice.upcoming_changes", "notice.upcoming_page",
	"notice.upcoming_page_none", "notice.upcoming_replaced", "notice.behind", "notice.behind_read",
	"notice.behind_upcoming", "notice.behind_upcoming_read",
	"history.title", "history.intro", "history.version", "history.in_force_from",
	"history.in_force_until", "history.never_in_force", "history.summary", "history.material", "history.links",
	"history.read", "history.changes", "history.compare", "history.pick_from", "history.pick_to",
	"history.pick_submit", "history.pick_unavailable", "history.pick_legend",
	"redline.title", "redline.between", "redline.inserted", "redline.deleted",
	"redline.added_section", "redline.removed_section", "redline.unchanged",
	"redline.unchanged_one", "redline.counts", "redline.changed_sections", "redline.processors",
	"redline.processor_added", "redline.processor_removed", "redline.processor_changed",
	"redline.metadata", "redline.title_changed", "redline.effective_changed", "redline.no_changes",
	"index.title", "index.intro", "index.in_force_since", "index.elsewhere", "index.upcoming_on",
	"notfound.title", "notfound.text", "notfound.home",
	"redirect.title", "redirect.text",
	// Issue 14: change kinds, withdrawals, objections, the register, the
	// calendar and email notices.
	"notice.archived_withdrawn", "notice.upcoming_withdrawn", "notice.bound", "notice.bound_compare",
	"notice.objection", "notice.objection_how", "history.editorial", "history.withdrawn",
	// Issue 16: readers.
	"notice.archived_bar", "notice.archived_bar_never",
	"redline.compare_title", "redline.skipped_none", "redline.skipped_one", "redline.skipped_many", "redline.earlier", "redline.later",
	"redline.legend", "redline.legend_inserted", "redline.legend_deleted", "redline.legend_unchanged", "redline.previous_change", "redline.next_change",
	"timeline.title_policy", "timeline.title_index", "timeline.desc_policy", "timeline.desc_index", "timeline.segment", "timeline.segment_current",
	"timeline.segment_upcoming", "timeline.material", "timeline.lag", "timeline.now", "timeline.table", "timeline.language", "timeline.policy", "timeline.heading",
	"index.updated_on", "index.changes_on",
	"index.register", "index.calendar",
	"register.title", "register.intro", "register.caption", "register.status_label", "register.added",
	"register.removed", "register.planned", "register.policies", "register.changes", "register.country_code",
	"register.csv", "register.json", "register.status.in-use", "register.status.upcoming", "register.status.removed",
	"calendar.name", "calendar.event", "calendar.read",
	"email.subject", "email.subject_past", "email.intro", "email.intro_past", "email.material",
	"email.read", "email.changes", "email.history",
}

func TestBuiltinLanguages(t *testing.T) {
	want := []string{"da", "de", "en", "fi", "fr", "nb", "sv"}
	if got := builtinLanguages(); !slices.Equal(got, want) {
		t.Errorf("built-in languages = %v, want %v", got, want)
	}
}

func TestKeys(t *testing.T) {
	keys := Keys()
	if !slices.IsSorted(keys) {
		t.Error("Keys() is not sorted")
	}
	for _, k := range requiredKeys {
		if _, found := slices.BinarySearch(keys, k); !found {
			t.Errorf("key %q is missing from en.toml", k)
		}
	}
	if len(keys) != len(requiredKeys) {
		t.Errorf("en.toml has %d keys, requiredKeys lists %d: add the new key to the list", len(keys), len(requiredKeys))
	}
}

// Every table has exactly the reference keys, with the same placeholders, and
// no text that would render as a blank or with stray spaces.
func TestTablesMatchEnglish(t *testing.T) {
	en, _, err := builtinTable(reference)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range builtinLanguages() {
		table, ok, err := builtinTable(lang)
		if err != nil || !ok {
			t.Fatalf("%s: ok=%v err=%v", lang, ok, err)
		}
		for k, ref := range en {
			v, ok := table[k]
			if !ok {
				t.Errorf("%s.toml: missing %q", lang, k)
				continue
			}
			if got, want := placeholders(v), placeholders(ref); !slices.Equal(got, want) {
				t.Errorf("%s.toml: %q has placeholders %v, English has %v", lang, k, got, want)
			}
			if strings.TrimSpace(v) != v || v == "" {
				t.Errorf("%s.toml: %q is empty or has surrounding spaces: %q", lang, k, v)
			}
			if strings.Count(v, "{") != strings.Count(ref, "{") {
				t.Errorf("%s.toml: %q has a different number of braces than English: %q", lang, k, v)
			}
		}
		for k := range table {
			if _, ok := en[k]; !ok {
				t.Errorf("%s.toml: %q is not in en.toml", lang, k)
			}
		}
	}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"no placeholders", nil},
		{"{b} and {a} and {b}", []string{"a", "b"}},
		{"{} {Upper} {with space} {ok_1}", []string{"ok_1"}},
		{"{{date}}", []string{"date"}},
		{"unclosed {date", nil},
	}
	for _, tt := range tests {
		if got := placeholders(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("placeholders(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBuiltinFor(t *testing.T) {
	tables := map[string]map[string]string{"en": {}, "de": {}, "nb": {}}
	tests := map[string]string{
		"de":    "de",
		"de-ch": "de",
		"no":    "nb",
		"nb-no": "nb",
		"no-x":  "nb",
		"pt-br": "",
		"xx":    "",
	}
	for lang, want := range tests {
		if got := builtinFor(lang, tables); got != want {
			t.Errorf("builtinFor(%q) = %q, want %q", lang, got, want)
		}
	}
}
