package redline

import (
	"html"
	"slices"
	"strings"
	"unicode"
)

// vocab numbers the distinct tokens and the distinct block and row keys of
// the bodies parsed with one Memo, so that a comparison diffs and counts
// small integers instead of hashing words, and escapes each distinct word
// once. Numbers are only meaningful within one vocab.
type vocab struct {
	words  map[string]*vocabWord // by text
	tokens int                   // tokens numbered
	keys   map[string]uint32
}

// vocabWord is one text and the tokens that have it: a word is seen with
// few markups and separators, so they are looked up by text (hashing one
// string) and then found among these.
type vocabWord struct {
	text, html string
	word       bool
	forms      []tokenForm
}

// tokenForm is the rest of what makes two tokens the same word.
type tokenForm struct {
	ctx inlineCtx
	sep byte
	id  uint32
}

func newVocab() *vocab {
	return &vocab{words: make(map[string]*vocabWord), keys: make(map[string]uint32)}
}

// token fills in t's number, escaped text and word flag.
func (v *vocab) token(t *token) {
	w, ok := v.words[t.text]
	if !ok {
		w = &vocabWord{
			text: t.text,
			html: html.EscapeString(t.text),
			word: strings.IndexFunc(t.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0,
		}
		v.words[t.text] = w
	}
	t.text, t.html, t.word = w.text, w.html, w.word // one copy of the text for all its tokens
	for _, f := range w.forms {
		if f.sep == t.sep && f.ctx == t.ctx {
			t.id = f.id
			return
		}
	}
	t.id = uint32(v.tokens)
	v.tokens++
	w.forms = append(w.forms, tokenForm{t.ctx, t.sep, t.id})
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
	return max(v.tokens, len(v.keys))
}

// renumber returns copies of blocks numbered by v, to compare Docs parsed
// with different Memos. The blocks themselves are left alone: other Docs
// share them.
func (v *vocab) renumber(bs []*block) []*block {
	out := make([]*block, len(bs))
	for i, b := range bs {
		c := &block{class: b.class, level: b.level, depth: b.depth, ordered: b.ordered, number: b.number, cont: b.cont, id: b.id}
		c.tokens = slices.Clone(b.tokens)
		for _, r := range b.rows {
			cells := make([][]token, len(r.cells))
			for j, cell := range r.cells {
				cells[j] = slices.Clone(cell)
			}
			c.rows = append(c.rows, row{header: r.header, cells: cells})
		}
		c.finish(v)
		out[i] = c
	}
	return out
}
