package redline

import (
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// op is one step of an edit script.
type op int8

const (
	opEqual op = iota
	opDelete
	opInsert
)

// Work bounds. They are counted in compared token pairs rather than time so
// that the same input always gives the same redline (builds are
// deterministic); past them the redline gets coarser, never wrong.
const (
	// maxPairWork is the largest len(old)*len(new) diffed word by word in one
	// block; a bigger block is shown as deleted and re-inserted.
	maxPairWork = 2_000_000
	// maxTotalWork bounds the word diffs of one comparison.
	maxTotalWork = 8_000_000
	// maxAlignWork bounds the block alignment; beyond it blocks are only
	// matched at the start and end of the two bodies.
	maxAlignWork = 4_000_000
	// safetyTimeout only guards against inputs the bounds above do not
	// foresee; with them a 35 KB policy is diffed in milliseconds.
	safetyTimeout = 2 * time.Second
)

// differ runs the diffs of one comparison and keeps its work budget.
type differ struct {
	dmp    *diffmatchpatch.DiffMatchPatch
	budget int
	// starved is set when a diff was coarsened because the budget ran out,
	// so that result depends on the comparison and is not remembered.
	starved bool
	// Scratch indexed by the number of a token or key (see vocab), reused
	// by the many small diffs of one comparison: an entry is set in the
	// current pass when its seen equals pass, so a new pass needs no clearing.
	seen []uint32
	val  []int32
	pass uint32
	next rune // the next rune to hand out in this pass, see runeOf
}

// newDiffer returns a differ for items numbered below size.
func newDiffer(size int) *differ {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = safetyTimeout
	return &differ{dmp: dmp, budget: maxTotalWork, seen: make([]uint32, size), val: make([]int32, size)}
}

// newPass forgets the values of the previous pass.
func (d *differ) newPass() {
	d.pass++
	if d.pass == 0 { // wrapped around: old marks could look current
		clear(d.seen)
		d.pass = 1
	}
}

// edit is a run of one op: n items of the old side (opDelete, opEqual) and/or
// of the new side (opInsert, opEqual).
type edit struct {
	op op
	n  int
}

// firstRune is the rune of the first distinct item of a diff.
const firstRune = 0x100

// startRunes starts mapping the items of one diff to runes; see runeOf.
func (d *differ) startRunes() {
	d.newPass()
	d.next = firstRune
}

// runeOf maps item number id to a rune: each distinct item to its own, in
// order of first appearance so the mapping is deterministic and depends
// only on the diff. Runes count up from U+0100 (clear of the ASCII
// whitespace and punctuation the library's cleanup scores) and skip the
// surrogate range, which is not valid in UTF-8 strings: the library's
// string conversions would turn those runes into U+FFFD, merging items.
func (d *differ) runeOf(id uint32) rune {
	if d.seen[id] != d.pass {
		d.seen[id] = d.pass
		d.val[id] = d.next
		d.next++
		if d.next == 0xD800 {
			d.next = 0xE000
		}
	}
	return d.val[id]
}

// runesOK reports whether every item of the diff got a rune of its own:
// false when there were more distinct items than runes.
func (d *differ) runesOK() bool {
	return d.next <= unicode.MaxRune+1
}

// diffRunes returns an edit script turning ra into rb, the items of a diff
// mapped to runes, or nil when the library's script is not usable.
// semantic asks for DiffCleanupSemantic, which merges small equalities
// between edits into them, so a reworded clause reads as one replacement.
func (d *differ) diffRunes(ra, rb []rune, semantic bool) []edit {
	diffs := d.dmp.DiffMainRunes(ra, rb, false)
	if !spells(diffs, ra, rb) {
		// Not expected; but the renderer slices tokens by this script, and
		// a wrong one must give a coarse redline, not a panic.
		return nil
	}
	if semantic {
		cleaned := d.dmp.DiffCleanupSemantic(append([]diffmatchpatch.Diff(nil), diffs...))
		// The cleanup works on strings and mixes byte and rune offsets in
		// places (DiffCleanupSemanticLossless, DiffCommonOverlap); every rune
		// here is multi-byte, so a cleaned script is only kept if it still
		// spells both sides, else the exact uncleaned one is used.
		if spells(cleaned, ra, rb) {
			diffs = cleaned
		}
	}
	out := make([]edit, 0, len(diffs))
	for _, df := range diffs {
		n := utf8.RuneCountInString(df.Text)
		if n == 0 {
			continue
		}
		var o op
		switch df.Type {
		case diffmatchpatch.DiffDelete:
			o = opDelete
		case diffmatchpatch.DiffInsert:
			o = opInsert
		default:
			o = opEqual
		}
		out = append(out, edit{o, n})
	}
	return out
}

// diffKeys returns an edit script turning the keys a into b.
func (d *differ) diffKeys(a, b []uint32) []edit {
	d.startRunes()
	ra, rb := make([]rune, len(a)), make([]rune, len(b))
	for i, k := range a {
		ra[i] = d.runeOf(k)
	}
	for i, k := range b {
		rb[i] = d.runeOf(k)
	}
	if !d.runesOK() {
		return coarse(a, b)
	}
	if script := d.diffRunes(ra, rb, false); script != nil {
		return script
	}
	return coarse(a, b)
}

// spells reports whether diffs turn a into b.
func spells(diffs []diffmatchpatch.Diff, a, b []rune) bool {
	i, j := 0, 0
	for _, df := range diffs {
		if !utf8.ValidString(df.Text) {
			return false
		}
		for _, r := range df.Text {
			if df.Type != diffmatchpatch.DiffInsert {
				if i >= len(a) || a[i] != r {
					return false
				}
				i++
			}
			if df.Type != diffmatchpatch.DiffDelete {
				if j >= len(b) || b[j] != r {
					return false
				}
				j++
			}
		}
	}
	return i == len(a) && j == len(b)
}

// coarse is the edit script used past the work bounds: common prefix and
// suffix kept, everything between replaced.
func coarse[K comparable](a, b []K) []edit {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var out []edit
	add := func(o op, n int) {
		if n > 0 {
			out = append(out, edit{o, n})
		}
	}
	add(opEqual, p)
	add(opDelete, len(a)-p-s)
	add(opInsert, len(b)-p-s)
	add(opEqual, s)
	return out
}

// words diffs two token sequences word by word.
func (d *differ) words(a, b []*token) []edit {
	work := len(a) * len(b)
	if work > maxPairWork {
		return coarse(a, b)
	}
	if work > d.budget {
		d.starved = true
		return coarse(a, b)
	}
	d.budget -= work
	d.startRunes()
	ra, rb := make([]rune, len(a)), make([]rune, len(b))
	for i, t := range a {
		ra[i] = d.runeOf(t.id)
	}
	for i, t := range b {
		rb[i] = d.runeOf(t.id)
	}
	if !d.runesOK() {
		return coarse(a, b)
	}
	if script := d.diffRunes(ra, rb, true); script != nil {
		return script
	}
	return coarse(a, b)
}

// pair is one aligned unit: an old item, a new item, or both.
type pair struct {
	kind     BlockKind
	old, new int // indexes; -1 when absent
}

// pairWindow is how far ahead among inserted items a deleted item looks for
// its rewritten counterpart; it keeps pairing linear on complete rewrites.
const pairWindow = 8

// similarEnough is the share of common words above which a deleted and an
// inserted item are shown as one modified item rather than removed + added.
const similarEnough = 0.4

// align aligns two sequences of items by key, then pairs deleted and
// inserted items that are similar (same class, enough words in common) as
// modified. compatible and the words functions describe the items.
func (d *differ) align(a, b []uint32, compatible func(i, j int) bool, wordsA, wordsB func(int) []*token) []pair {
	var script []edit
	if len(a)*len(b) > maxAlignWork {
		script = coarse(a, b)
	} else {
		script = d.diffKeys(a, b)
	}
	var out []pair
	i, j := 0, 0
	var dels, ins []int
	flush := func() {
		k := 0
		for _, di := range dels {
			found := -1
			for c := k; c < len(ins) && c < k+pairWindow; c++ {
				if compatible(di, ins[c]) && d.similarity(wordsA(di), wordsB(ins[c])) >= similarEnough {
					found = c
					break
				}
			}
			if found < 0 {
				out = append(out, pair{Removed, di, -1})
				continue
			}
			for ; k < found; k++ {
				out = append(out, pair{Added, -1, ins[k]})
			}
			out = append(out, pair{Modified, di, ins[found]})
			k = found + 1
		}
		for ; k < len(ins); k++ {
			out = append(out, pair{Added, -1, ins[k]})
		}
		dels, ins = dels[:0], ins[:0]
	}
	for _, e := range script {
		switch e.op {
		case opEqual:
			flush()
			for x := 0; x < e.n; x++ {
				out = append(out, pair{Unchanged, i, j})
				i++
				j++
			}
		case opDelete:
			for x := 0; x < e.n; x++ {
				dels = append(dels, i)
				i++
			}
		case opInsert:
			for x := 0; x < e.n; x++ {
				ins = append(ins, j)
				j++
			}
		}
	}
	flush()
	return out
}

// similarity is the Dice coefficient of two bags of words.
func (d *differ) similarity(a, b []*token) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	short := min(len(a), len(b))
	if 2*float64(short)/float64(len(a)+len(b)) < similarEnough {
		return 0 // too different in length to reach the threshold
	}
	d.newPass()
	for _, t := range a {
		if d.seen[t.id] != d.pass {
			d.seen[t.id] = d.pass
			d.val[t.id] = 0
		}
		d.val[t.id]++
	}
	common := 0
	for _, t := range b {
		if d.seen[t.id] == d.pass && d.val[t.id] > 0 {
			d.val[t.id]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}
