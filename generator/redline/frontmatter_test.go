package redline

import (
	"fmt"
	"testing"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/model"
)

func TestFrontMatter(t *testing.T) {
	d := func(s string) date.Date {
		v, err := date.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Versions last updated on 2024-03-01, effective as given.
	v := func(title, effective string) *model.Version {
		return &model.Version{Title: title, Date: d("2024-03-01"), Effective: d(effective), Description: title + " in short"}
	}
	// A version whose effective date is its own last_updated, the default.
	plain := func(day string) *model.Version {
		return &model.Version{Title: "Privacy", Date: d(day), Effective: d(day)}
	}
	tests := []struct {
		name     string
		old, new *model.Version
		want     string
	}{
		{"same", v("Privacy", "2024-04-01"), v("Privacy", "2024-04-01"), "[]"},
		{"title", v("Privacy", "2024-04-01"), v("Privacy notice", "2024-04-01"), "[{title Privacy Privacy notice 0000-00-00 0000-00-00}]"},
		{"effective", v("Privacy", "2024-04-01"), v("Privacy", "2024-06-01"), "[{effective 2024-04-01 2024-06-01 2024-04-01 2024-06-01}]"},
		{
			"both, title first", v("Privacy", "2024-04-01"), v("Privacy notice", "2024-06-01"),
			"[{title Privacy Privacy notice 0000-00-00 0000-00-00} {effective 2024-04-01 2024-06-01 2024-04-01 2024-06-01}]",
		},
	}
	tests = append(tests, struct {
		name     string
		old, new *model.Version
		want     string
	}{"effective dates by default only", plain("2023-03-01"), plain("2025-09-15"), "[]"})
	for _, tt := range tests {
		if got := fmt.Sprint(FrontMatter(tt.old, tt.new)); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
