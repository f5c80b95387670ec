package tomlpos

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// doc exercises what the scanner must not be fooled by: strings that look
// like headers and keys, arrays over several lines, dotted and quoted keys.
const doc = `title = "x" # a comment with [brackets]
"quoted key" = 1
'literal' = 2
"esc\u0041ped" = 3
a.b . c = 4
text = """
[not_a_table]
not_a_key = 1 \"""
"""
lit = '''
[[neither]]'''
list = [
  1, # comment ]
  "two]",
  { x = 1 },
]
inline = { p = 1, q.r = { s = 2 } }
when = 1979-05-27 07:32:00Z

[change]
summary = "s"

[[processors]]
name = "A"

[[processors]]
  name = "B"
[processors.extra]
k = 1

[languages.sv.strings]
hello = "hej"
`

func TestScanPositions(t *testing.T) {
	root := Scan([]byte(doc), 10, 9, 1)
	tests := []struct {
		name                string
		node                *Node
		line, col           int
		valueLine, valueCol int
	}{
		{"root", root, 9, 1, 9, 1},
		{"title", root.Key("title"), 10, 1, 10, 9},
		{"quoted", root.Key("quoted key"), 11, 1, 11, 16},
		{"literal", root.Key("literal"), 12, 1, 12, 13},
		{"escaped", root.Key("escAped"), 13, 1, 13, 18},
		{"dotted parent", root.Key("a"), 14, 1, 14, 1},
		{"dotted leaf", root.Key("a").Key("b").Key("c"), 14, 7, 14, 11},
		{"after multiline basic", root.Key("text"), 15, 1, 15, 8},
		{"after multiline literal", root.Key("lit"), 19, 1, 19, 7},
		{"array element 0", root.Key("list").Elem(0), 22, 3, 22, 3},
		{"array element 1", root.Key("list").Elem(1), 23, 3, 23, 3},
		{"inline table in array", root.Key("list").Elem(2).Key("x"), 24, 5, 24, 9},
		{"inline nested", root.Key("inline").Key("q").Key("r").Key("s"), 26, 27, 26, 31},
		{"after date with space", root.Key("change"), 29, 2, 29, 1},
		{"change.summary", root.Key("change").Key("summary"), 30, 1, 30, 11},
		{"processor 0", root.Key("processors").Elem(0), 32, 1, 32, 1},
		{"processor 0 name", root.Key("processors").Elem(0).Key("name"), 33, 1, 33, 8},
		{"processor 1", root.Key("processors").Elem(1), 35, 1, 35, 1},
		{"processor 1 name", root.Key("processors").Elem(1).Key("name"), 36, 3, 36, 10},
		{"table under last element", root.Key("processors").Elem(1).Key("extra").Key("k"), 38, 1, 38, 5},
		{"implicit table", root.Key("languages").Key("sv"), 40, 12, 40, 12},
		{"strings header", root.Key("languages").Key("sv").Key("strings"), 40, 15, 40, 1},
		{"strings key", root.Key("languages").Key("sv").Key("strings").Key("hello"), 41, 1, 41, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.node == nil {
				t.Fatal("not found")
			}
			line, col := tt.node.Pos()
			vline, vcol := tt.node.ValuePos()
			if line != tt.line || col != tt.col || vline != tt.valueLine || vcol != tt.valueCol {
				t.Errorf("key at %d:%d value at %d:%d, want %d:%d and %d:%d",
					line, col, vline, vcol, tt.line, tt.col, tt.valueLine, tt.valueCol)
			}
		})
	}
	if root.Key("not_a_table") != nil || root.Key("not_a_key") != nil || root.Key("neither") != nil {
		t.Error("text inside a multi-line string was taken for keys")
	}
	if got, want := strings.Join(root.Keys(), ","), "title,quoted key,literal,escAped,a,text,lit,list,inline,when,change,processors,languages"; got != want {
		t.Errorf("Keys() = %s, want %s", got, want)
	}
	var data map[string]any
	if _, err := toml.Decode(doc, &data); err != nil {
		t.Fatalf("the test document must be valid TOML: %v", err)
	}
}

func TestScanCRLF(t *testing.T) {
	root := Scan([]byte("a = 1\r\n\r\n[t]\r\nb = \"x\"\r\n"), 1, 1, 1)
	if line, col := root.Key("t").Key("b").ValuePos(); line != 4 || col != 5 {
		t.Errorf("b's value at %d:%d, want 4:5", line, col)
	}
}

func TestNilNode(t *testing.T) {
	var n *Node
	if n.Key("a").Elem(3).Key("b") != nil {
		t.Error("lookups on nil must give nil")
	}
	if l, c := n.Pos(); l != 0 || c != 0 {
		t.Error("nil node has a position")
	}
}

// FuzzScan checks that the scanner never panics and, on TOML the toml
// package accepts, finds every key it reports.
func FuzzScan(f *testing.F) {
	f.Add(doc)
	f.Add("a = [[1], [{b = 2}]]\n[[x.y]]\nz = 1\n[[x.y]]\n")
	f.Add("'a.b'.\"c\" = 1")
	f.Fuzz(func(t *testing.T, src string) {
		root := Scan([]byte(src), 1, 1, 1)
		var data map[string]any
		md, err := toml.Decode(src, &data)
		if err != nil {
			return
		}
		for _, k := range md.Keys() {
			if !findAny(root, k) {
				t.Fatalf("key %q of %q not found", k, src)
			}
		}
	})
}

// findAny reports whether the path of key exists through any array element:
// toml's keys leave out element indices.
func findAny(n *Node, key []string) bool {
	if n == nil {
		return false
	}
	if len(key) == 0 {
		return true
	}
	if findAny(n.Key(key[0]), key[1:]) {
		return true
	}
	for _, e := range n.elems {
		if findAny(e, key) {
			return true
		}
	}
	return false
}
