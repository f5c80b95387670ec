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
	tokens map[tokenKey]tokenInfo
	keys   map[string]uint32
}

// tokenKey is what makes two tokens the same word.
type tokenKey struct {
	text string
	ctx  inlineCtx
	sep  byte
}

// tokenInfo is what a token gets from the vocab.
type tokenInfo struct {
	id   uint32
	text string // one copy of the text for all its tokens
	html string
	word bool
}

func newVocab() *vocab {
	return &vocab{tokens: make(map[tokenKey]tokenInfo), keys: make(map[string]uint32)}
}

// token fills in t's number, escaped text and word flag.
func (v *vocab) token(t *token) {
	k := tokenKey{t.text, t.ctx, t.sep}
	info, ok := v.tokens[k]
	if !ok {
		info = tokenInfo{
			id:   uint32(len(v.tokens)),
			text: t.text,
			html: html.EscapeString(t.text),
			word: strings.IndexFunc(t.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0,
		}
		v.tokens[k] = info
	}
	t.text, t.id, t.html, t.word = info.text, info.id, info.html, info.word
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
	return max(len(v.tokens), len(v.keys))
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
