package model

import (
	"strings"
	"testing"
)

// TestWithdrawnVersionNeverComesIntoForce: the version of 2023-06-01 was
// to take effect on 2023-07-01; the version of 2023-06-15 withdraws it and
// takes effect on 2023-09-01. On no day is the withdrawn one in force.
func TestWithdrawnVersionNeverComesIntoForce(t *testing.T) {
	files := func() []File {
		w := file("en", "2023-06-15", "2023-09-01", true)
		w.Version.Withdraws = day("2023-06-01")
		return []File{file("en", "2023-01-01", "", false), file("en", "2023-06-01", "2023-07-01", false), w}
	}
	for _, tc := range []struct {
		now, statuses, inForce string
	}{
		{"2023-06-20", "in-force upcoming upcoming", "2023-01-01"},
		{"2023-07-01", "in-force upcoming upcoming", "2023-01-01"},
		{"2023-09-01", "archived archived in-force", "2023-06-15"},
	} {
		cfg := config
		cfg.Now = day(tc.now)
		s, diags := Build(cfg, files())
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		ed := s.Policies[0].Editions[0]
		var got []string
		for _, v := range ed.Versions {
			got = append(got, v.Status.String())
		}
		if strings.Join(got, " ") != tc.statuses || ed.InForce.Date.String() != tc.inForce {
			t.Errorf("%s: statuses %v, in force %s; want %s, %s", tc.now, got, ed.InForce.Date, tc.statuses, tc.inForce)
		}
		w := ed.Versions[1]
		if !w.NeverInForce || w.WithdrawnBy != ed.Versions[2] || len(ed.Coming()) > 1 {
			t.Errorf("%s: the withdrawn version: never in force %v, withdrawn by %v, coming %v", tc.now, w.NeverInForce, w.WithdrawnBy, ed.Coming())
		}
		if a := ed.Versions[0]; tc.now == "2023-09-01" && a.Until != day("2023-09-01") {
			t.Errorf("the first version was in force until %s, want 2023-09-01: a withdrawn version supersedes nothing", a.Until)
		}
	}
}

// TestWithdrawsRules: a version withdraws only the one right before it,
// and only before that one took effect; in an archived file, which may
// not be edited, the same is a warning.
func TestWithdrawsRules(t *testing.T) {
	for _, tc := range []struct {
		name, withdraws, effective, want string
		archived                         bool
	}{
		{"not the version before", "2023-01-01", "2023-07-01", "withdraws = 2023-01-01, but the version before this one is of 2023-06-01; a version can withdraw only the one right before it: write withdraws = 2023-06-01, or remove it", false},
		{"a version in force", "2023-06-01", "2023-06-10", "withdraws = 2023-06-01, but that version took effect on 2023-06-10, before this one was written (2023-06-15): a version in force cannot be withdrawn, only replaced; remove withdraws", false},
		{"archived", "2023-06-01", "2023-06-10", "warning: withdraws = 2023-06-01, but that version took effect on 2023-06-10, before this one was written (2023-06-15): a version in force cannot be withdrawn, only replaced; this archived file may not be edited, so it stays as published", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := file("en", "2023-06-15", "2023-09-01", !tc.archived)
			w.Version.Withdraws = day(tc.withdraws)
			w.Lines["withdraws"], w.Cols = 5, map[string]int{"withdraws": 1}
			files := []File{file("en", "2023-01-01", "", false), file("en", "2023-06-01", tc.effective, false), w}
			if tc.archived {
				files = append(files, file("en", "2023-10-01", "", true))
			}
			cfg := config
			cfg.Now = day("2023-06-20")
			_, diags := Build(cfg, files)
			if tc.archived == diags.HasErrors() || !strings.Contains(diags.Error(), ":5:1: "+tc.want) {
				t.Errorf("got\n%v\nwant %q", diags, tc.want)
			}
		})
	}
}

// TestEveryPublishedChangeIsSummarised: every version but the first needs
// a summary; a draft only gets a warning, since it is still being written;
// an archived one too, since it may not be edited.
func TestEveryPublishedChangeIsSummarised(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change *Change
		draft  bool
		want   string
	}{
		{"no [change]", nil, false, "content/p/en.md: no [change]: every version but the first must say what changed"},
		{"an empty summary", &Change{}, false, "content/p/en.md:7:1: [change] has no summary, so readers would get an empty change notice"},
		{"a draft", &Change{}, true, "content/p/en.md:7:1: warning: [change] has no summary"},
		{"editorial with processors changed", &Change{Summary: "Typos.", Kind: Editorial}, false, `content/p/en.md:7:1: kind = "editorial", but this version changes the processors`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cur := file("en", "2023-06-01", "", true)
			cur.Version.Change, cur.Version.Draft = tc.change, tc.draft
			cur.Lines["change"] = 7
			cur.Version.Processors = []Processor{{Name: "New Co", Location: "EU", Purpose: "Hosting"}}
			cfg := config
			cfg.Now, cfg.Drafts = day("2023-06-20"), true
			_, diags := Build(cfg, []File{file("en", "2023-01-01", "", false), cur})
			if tc.draft == diags.HasErrors() || !strings.Contains(diags.Error(), tc.want) {
				t.Errorf("got\n%v\nwant %q", diags, tc.want)
			}
		})
	}
}
