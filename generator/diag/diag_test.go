package diag

import (
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	for _, c := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Error, "content/privacy/en.md", 3, 7, "unknown key"}, "content/privacy/en.md:3:7: unknown key"},
		{Diagnostic{Error, "content/privacy/en.md", 3, 0, "bad"}, "content/privacy/en.md:3: bad"},
		{Diagnostic{Error, "site.toml", 0, 5, "bad"}, "site.toml: bad"}, // a column without a line says nothing
		{Diagnostic{Warning, "content/x.md", 0, 0, "ignored"}, "content/x.md: warning: ignored"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// TestList collects everything, tells errors from warnings, and sorts by
// file and position, keeping the order of what shares a position.
func TestList(t *testing.T) {
	var l List
	if l.HasErrors() {
		t.Error("an empty list has errors")
	}
	l.Warnf("b.md", 2, 1, "second %s", "warning")
	l.Errorf("b.md", 1, 4, "error %d", 1)
	var other List
	other.Errorf("a.md", 9, 1, "first")
	other.Warnf("b.md", 1, 4, "same place, later")
	l.Add(other)
	if !l.HasErrors() || len(l.Errors()) != 2 || len(l.Warnings()) != 2 {
		t.Fatalf("errors %v, warnings %v", l.Errors(), l.Warnings())
	}
	l.Sort()
	want := "a.md:9:1: first\nb.md:1:4: error 1\nb.md:1:4: warning: same place, later\nb.md:2:1: warning: second warning"
	if got := l.Error(); got != want {
		t.Errorf("sorted:\n%s\nwant:\n%s", got, want)
	}
	if w := l.Warnings(); w.HasErrors() || !strings.Contains(w.Error(), "second warning") {
		t.Errorf("warnings %v", w)
	}
}
