package redline

import (
	"html"
	"strings"
	"unicode"
)

// vocab numbers the distinct tokens and the distinct block and row keys of
// the bodies parsed with one Memo, so that a comparison diffs and counts
// small integers instead of hashing words. It keeps one copy of each
// distinct token, its text escaped once, for all the blocks that have it.
// Numbers are only meaningful within one vocab.
type vocab struct {
	// words are the distinct tokens by text: a text is seen with few
	// markups and separators, so a token is looked up by text (hashing one
	// string) and then found among these.
	words map[string][]*token
	n     int // tokens numbered
	keys  map[string]uint32
}

func newVocab() *vocab {
	return &vocab{words: make(map[string][]*token), keys: make(map[string]uint32)}
}

// tokens returns the vocab's copies of ts, nil for none.
func (v *vocab) tokens(ts []token) []*token {
	if len(ts) == 0 {
		return nil
	}
	out := make([]*token, len(ts))
	for i := range ts {
		out[i] = v.token(&ts[i])
	}
	return out
}

// token returns the vocab's copy of t, numbered.
func (v *vocab) token(t *token) *token {
	forms := v.words[t.text]
	for _, f := range forms {
		if f.sep == t.sep && f.ctx == t.ctx {
			return f
		}
	}
	c := &token{text: t.text, ctx: t.ctx, sep: t.sep, id: uint32(v.n)}
	v.n++
	if len(forms) > 0 {
		c.text, c.html, c.word = forms[0].text, forms[0].html, forms[0].word // one copy of the text
	} else {
		c.html = html.EscapeString(t.text)
		c.word = strings.IndexFunc(t.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
	}
	v.words[c.text] = append(forms, c)
	return c
}

// key returns the number of a block or row key.
func (v *vocab) key(k []byte) uint32 {
	id, ok := v.keys[string(k)]
	if !ok {
		id = uint32(len(v.keys))
		v.keys[string(k)] = id
	}
	return id
}

// size is one more than the largest number given so far.
func (v *vocab) size() int {
	return max(v.n, len(v.keys))
}

// renumber returns copies of blocks numbered by v, to compare Docs parsed
// with different Memos. The blocks themselves are left alone: other Docs
// share them.
func (v *vocab) renumber(bs []*block) []*block {
	out := make([]*block, len(bs))
	for i, b := range bs {
		c := &block{class: b.class, level: b.level, depth: b.depth, ordered: b.ordered, number: b.number, cont: b.cont, id: b.id}
		c.tokens = v.renumbered(b.tokens)
		for _, r := range b.rows {
			cells := make([][]*token, len(r.cells))
			for j, cell := range r.cells {
				cells[j] = v.renumbered(cell)
			}
			c.rows = append(c.rows, row{header: r.header, cells: cells})
		}
		c.finish(v)
		out[i] = c
	}
	return out
}

func (v *vocab) renumbered(ts []*token) []*token {
	if len(ts) == 0 {
		return nil
	}
	out := make([]*token, len(ts))
	for i, t := range ts {
		out[i] = v.token(t)
	}
	return out
}
