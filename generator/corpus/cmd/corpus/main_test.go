package main

import (
	"testing"

	"github.com/policygen/gen/generator/corpus"
)

func TestOverride(t *testing.T) {
	large := corpus.Large()
	got, err := override(large, 0, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	want := large
	want.Versions = 20
	if got != want {
		t.Errorf("override(large, 0, 0, 20) = %+v, want %+v", got, want)
	}
	got, err = override(large, 3, 2, 1)
	if err != nil || got.Policies != 3 || got.Languages != 2 || got.Versions != 1 || got.Seed != large.Seed {
		t.Errorf("override(large, 3, 2, 1) = %+v, %v", got, err)
	}
	for _, bad := range [][3]int{{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}, {0, len(corpus.Languages()) + 1, 0}} {
		if _, err := override(large, bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("override(large, %v) succeeded", bad)
		}
	}
}
