package docx

import (
	"strconv"
	"strings"
)

// numbering holds a document's list definitions and counts the items of
// each list as the paragraphs are read, so every item gets the label Word
// shows for it.
type numbering struct {
	abstract map[string]map[int]*level // abstractNumId -> level
	nums     map[string]*num           // numId -> list instance
	counts   map[string]map[int]int    // abstractNumId -> level -> last number
	started  map[string]bool           // numIds whose start overrides were applied
}

// level is one level of a list definition.
type level struct {
	start        int
	format, text string
}

// num is a list instance: a definition, with levels it overrides.
type num struct {
	abstract  string
	overrides map[int]*level // whole levels replaced
	starts    map[int]int    // w:startOverride: the instance restarts at
}

func readNumbering(root *node) *numbering {
	nb := &numbering{
		abstract: map[string]map[int]*level{},
		nums:     map[string]*num{},
		counts:   map[string]map[int]int{},
		started:  map[string]bool{},
	}
	list := root.child("numbering")
	if root == nil || list == nil {
		return nb
	}
	for _, n := range list.kids {
		switch {
		case n.is("abstractNum"):
			levels := map[int]*level{}
			for _, l := range n.kids {
				if l.is("lvl") {
					if i, err := strconv.Atoi(l.attr("ilvl")); err == nil && i >= 0 && i < 9 {
						levels[i] = readLevel(l)
					}
				}
			}
			nb.abstract[n.attr("abstractNumId")] = levels
		case n.is("num"):
			in := &num{abstract: n.child("abstractNumId").attr("val"), overrides: map[int]*level{}, starts: map[int]int{}}
			for _, o := range n.kids {
				if !o.is("lvlOverride") {
					continue
				}
				i, err := strconv.Atoi(o.attr("ilvl"))
				if err != nil || i < 0 || i >= 9 {
					continue
				}
				if s := o.child("startOverride"); s != nil {
					in.starts[i] = s.number(1)
				}
				if l := o.child("lvl"); l != nil {
					in.overrides[i] = readLevel(l)
				}
			}
			nb.nums[n.attr("numId")] = in
		}
	}
	return nb
}

func readLevel(l *node) *level {
	return &level{
		start:  l.child("start").number(1),
		format: l.child("numFmt").attr("val"),
		text:   l.child("lvlText").attr("val"),
	}
}

// level returns the definition of level i of list instance in.
func (nb *numbering) level(in *num, i int) *level {
	if l, ok := in.overrides[i]; ok {
		return l
	}
	if l, ok := nb.abstract[in.abstract][i]; ok {
		return l
	}
	return nil
}

// next counts the next item of list numID at level lvl and returns how it
// is labelled, or nil when numID names no list (numId 0 switches a style's
// numbering off).
func (nb *numbering) next(numID string, lvl int) *Numbering {
	in, ok := nb.nums[numID]
	if !ok || lvl < 0 || lvl >= 9 {
		return nil
	}
	def := nb.level(in, lvl)
	if def == nil {
		return nil
	}
	counts := nb.counts[in.abstract]
	if counts == nil {
		counts = map[int]int{}
		nb.counts[in.abstract] = counts
	}
	// "Restart numbering" in Word makes a new instance that overrides the
	// start; instances without one continue the definition's count.
	if !nb.started[numID] {
		nb.started[numID] = true
		for i, s := range in.starts {
			counts[i] = s - 1
		}
	}
	if _, ok := counts[lvl]; !ok {
		counts[lvl] = def.start - 1
	}
	counts[lvl]++
	for i := lvl + 1; i < 9; i++ {
		delete(counts, i) // deeper levels start again under a new item
	}
	item := &Numbering{List: in.abstract, Level: lvl, Number: counts[lvl]}
	if def.format == "bullet" {
		item.Bullet = true
		item.Label = bulletLabel(def.text)
		return item
	}
	item.Label = expand(def.text, func(i int) string {
		l := nb.level(in, i)
		if l == nil {
			return ""
		}
		n, ok := counts[i]
		if !ok {
			n = l.start
		}
		if i < lvl && l.format == "bullet" {
			return ""
		}
		return formatNumber(n, l.format)
	})
	want := strconv.Itoa(lvl + 1)
	item.Plain = (def.format == "decimal" || def.format == "") &&
		(def.text == "%"+want+"." || def.text == "%"+want+")")
	return item
}

// expand replaces %1 to %9 in a level's text by the numbers of those levels.
func expand(text string, number func(level int) string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			b.WriteString(number(int(text[i+1] - '1')))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// bulletLabel shows a bullet's character, which Word often takes from the
// Symbol or Wingdings font's private code points, as the bullet it is.
func bulletLabel(text string) string {
	for _, r := range text {
		if r >= 0xe000 && r <= 0xf8ff || r == 0 {
			return "•"
		}
	}
	if strings.TrimSpace(text) == "" {
		return "•"
	}
	return text
}

// formatNumber writes n in a numbering format.
func formatNumber(n int, f string) string {
	switch f {
	case "none":
		return ""
	case "lowerLetter":
		return letters(n, 'a')
	case "upperLetter":
		return letters(n, 'A')
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperRoman":
		return roman(n)
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n) // decimal, and every format this reader does not spell
}

// letters writes n as Word's letter numbering does: a…z, then aa…zz.
func letters(n int, a rune) string {
	if n <= 0 || n > 26*10 {
		return strconv.Itoa(n) // past "zzzzzzzzzz" only a number is readable
	}
	r := string(a + rune((n-1)%26))
	return strings.Repeat(r, (n-1)/26+1)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
