package model_test

import (
	"testing"
	"testing/iotest"

	"github.com/policygen/gen/generator/model"
)

// TestPartReader reads a part's pieces, empty ones included, as the one
// text they spell, and leaves the pieces as they were.
func TestPartReader(t *testing.T) {
	for _, p := range []model.Part{
		nil,
		{[]byte("<p>Hello</p>\n")},
		{nil, []byte("<h2 id=\""), []byte("who-we-are"), {}, []byte("\">Who we are</h2>\n"), nil},
	} {
		want := string(p.Append(nil))
		if got := p.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
		if p.Len() != len(want) {
			t.Errorf("Len() = %d, want %d", p.Len(), len(want))
		}
		if err := iotest.TestReader(p.Reader(), []byte(want)); err != nil {
			t.Errorf("reading %q: %v", want, err)
		}
		if got := p.String(); got != want {
			t.Errorf("after reading, the part is %q, was %q", got, want)
		}
	}
}
