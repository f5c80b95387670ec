package redline

import (
	"fmt"
	"testing"

	"gen/generator/date"
	"gen/generator/model"
)

func TestFrontMatter(t *testing.T) {
	d := func(s string) date.Date {
		v, err := date.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v := func(title, effective string) *model.Version {
		return &model.Version{Title: title, Effective: d(effective), Description: title + " in short"}
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
	for _, tt := range tests {
		if got := fmt.Sprint(FrontMatter(tt.old, tt.new)); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
