package tomlpos

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/policygen/gen/generator/diag"
)

// TestBounds feeds Decode the shapes that blew up the TOML decoder, and
// what is just within the bounds: past them the error names the place,
// within them the text decodes.
func TestBounds(t *testing.T) {
	nested := func(n int) string { return "x = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) + "\n" }
	arrays := func(n int) string { return "x = " + strings.Repeat("[", n) + "1" + strings.Repeat("]", n) + "\n" }
	dotted := func(n int) string { return strings.Repeat("a.", n-1) + "a = 1\n" }
	for _, c := range []struct {
		name, src string
		want      string // "" when it decodes
	}{
		{"inline tables 10,000 deep", nested(10_000), "p.md:2:17: arrays and inline tables nest more than 4 deep here, more than gen reads: flatten the value"},
		{"inline tables 4 deep", nested(4), ""},
		{"inline tables 5 deep", nested(5), "p.md:2:17: arrays and inline tables nest more than 4 deep"},
		{"arrays 5 deep", arrays(5), "p.md:2:9: arrays and inline tables nest more than 4 deep"},
		{"arrays of inline tables", "x = [[{a=[{b=1}]}]]\n", "p.md:2:11: arrays and inline tables nest more than 4 deep"},
		{"100,000 dotted parts", dotted(100_000), "p.md:2:1: front matter is 196 KB, more than gen reads (128 KB)"},
		{"50,000 dotted parts", dotted(50_000), "p.md:2:17: this key has more than 8 dotted parts, more than gen reads; keys look like change.summary"},
		{"8 dotted parts", dotted(8), ""},
		{"table header of 9 parts", "title = 1\n[" + strings.TrimSuffix(dotted(9), " = 1\n") + "]\n", "p.md:3:18: this key has more than 8 dotted parts"},
		{"dotted key in an inline table", "x = {" + strings.TrimSuffix(dotted(9), "\n") + "}\n", "p.md:2:22: this key has more than 8 dotted parts"},
		{"long key", "k" + strings.Repeat("e", 200) + " = 1\n", "p.md:2:1: this key is 201 bytes long, more than gen reads (128)"},
		{"long quoted key", `"` + strings.Repeat("e", 129) + "\" = 1\n", "p.md:2:1: this key is 129 bytes long"},
		{"brackets in strings count for nothing", `s = "` + strings.Repeat("[{", 100) + `"` + "\nm = '''" + strings.Repeat("[", 100) + "'''\n# " + strings.Repeat("{", 100) + "\n", ""},
		{"too large", "s = \"" + strings.Repeat("x", MaxSize) + "\"\n", "p.md:2:1: front matter is 129 KB, more than gen reads (128 KB): shorten it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var d diag.List
			_, ok := Decode(&d, "p.md", []byte(c.src), 2, "front matter")
			if c.want == "" {
				if !ok || d.HasErrors() {
					t.Errorf("not decoded: %v", d)
				}
				return
			}
			if ok || len(d) != 1 || !strings.HasPrefix(d[0].String(), c.want) {
				t.Errorf("got %v, want %q", d, c.want)
			}
		})
	}
}

// FuzzBounds checks that whatever the scanner lets through, the decoder
// gives values within the bounds: no key of more parts, no value nested
// deeper.
func FuzzBounds(f *testing.F) {
	f.Add("x = {a={b=[1,[2]]}}\n[t.u]\nv.w = 'x'\n")
	f.Add(`"a.b".c = [{d = """[{"""}]`)
	f.Fuzz(func(t *testing.T, src string) {
		if _, over := scan([]byte(src), 1, 1, 1); over != nil {
			return
		}
		var data map[string]any
		md, err := toml.Decode(src, &data)
		if err != nil {
			return
		}
		for _, k := range md.Keys() {
			if len(k) > 2*MaxKeyParts { // a table's parts and an inline table's
				t.Fatalf("key %q of %q let through", k, src)
			}
		}
		if depth(data) > MaxDepth+1 {
			t.Fatalf("%q nests %d deep", src, depth(data))
		}
	})
}

// depth is how deeply arrays and tables nest in v, the root table counting.
func depth(v any) int {
	most := 0
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			most = max(most, depth(e))
		}
	case []any:
		for _, e := range v {
			most = max(most, depth(e))
		}
	case []map[string]any:
		for _, e := range v {
			most = max(most, depth(e))
		}
	default:
		return 0
	}
	return most + 1
}

// BenchmarkBounds decodes the front matter that blew up the decoder, now
// refused by the scan, and the deepest and longest it lets through.
func BenchmarkBounds(b *testing.B) {
	var processors strings.Builder
	for processors.Len() < MaxSize-200 {
		processors.WriteString("[[processors]]\nname = \"Hosting Co\"\nlocation = \"EU\"\npurpose = \"Hosting\"\n")
	}
	var within strings.Builder
	within.WriteString("x = [")
	for within.Len() < MaxSize-100 {
		within.WriteString(strings.Repeat("{a=", MaxDepth-1) + "1" + strings.Repeat("}", MaxDepth-1) + ",")
	}
	within.WriteString("1]\n")
	for _, c := range []struct{ name, src string }{
		{"refused/inline-tables-10000-deep", "x = " + strings.Repeat("{a=", 10_000) + "1" + strings.Repeat("}", 10_000) + "\n"},
		{"refused/key-of-50000-parts", strings.Repeat("a.", 49_999) + "a = 1\n"},
		{"within/inline-tables-4-deep-128KB", within.String()},
		{"within/processors-128KB", processors.String()},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			for b.Loop() {
				var d diag.List
				Decode(&d, "p.md", []byte(c.src), 2, "front matter")
			}
		})
	}
}
