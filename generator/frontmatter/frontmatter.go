// Package frontmatter reads a policy file: the TOML front matter between
// "+++" lines, checked key by key, and the Markdown body after it.
package frontmatter

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/tomlpos"
)

// Meta is what the front matter of one policy version says.
type Meta struct {
	Title       string
	LastUpdated date.Date
	Effective   date.Date // zero when not given; the loader defaults it
	Description string
	Draft       bool
	Translates  date.Date // zero when not given
	Withdraws   date.Date // zero when not given
	// Change is nil without a [change] table. An empty [change] gives an
	// empty Change, so the loader can ask for the summary.
	Change     *model.Change
	Processors []model.Processor
	// Lines and Cols hold the 1-based file line and column of each
	// top-level key, so later checks (two versions with one date, a
	// translates that names no version…) can point at it.
	Lines, Cols map[string]int
}

// The keys a policy file may use, in the order the messages list them.
var (
	metaKeys      = []string{"title", "last_updated", "effective", "description", "draft", "translates", "withdraws", "change", "processors"}
	changeKeys    = []string{"summary", "kind", "material"}
	processorKeys = []string{"name", "location", "purpose", "country", "transfer", "url"}
)

// Parse splits and decodes the policy file src, named path in diagnostics.
// It reports every problem it finds, each with its line and column. Strings
// are trimmed of surrounding white space, which never matters on a page.
// The file must be UTF-8; if it is not, or the front matter cannot be found
// or parsed, that is the only error.
func Parse(path string, src []byte) (Meta, []byte, int, diag.List) {
	var d diag.List
	src = lineFeeds(src)
	if !utf8.Valid(src) {
		line, col, b := firstInvalid(src)
		d.Errorf(path, line, col, "the file is not valid UTF-8 (byte 0x%02x here); save it with UTF-8 encoding", b)
		return Meta{}, nil, 0, d
	}
	front, body, bodyLine, err := Split(src)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			d.Errorf(path, e.Line, e.Col, "%s", e.Msg)
		} else {
			d.Errorf(path, 1, 1, "%v", err)
		}
		return Meta{}, nil, 0, d
	}
	// The TOML starts on line 2, after the opening "+++".
	t, ok := tomlpos.Decode(&d, path, front, 2, "front matter")
	if !ok {
		return Meta{}, body, bodyLine, d
	}
	return read(t), body, bodyLine, d
}

// read checks and decodes the top-level table of the front matter.
func read(t tomlpos.Table) Meta {
	t.Unknown(metaKeys...)
	m := Meta{Lines: map[string]int{}, Cols: map[string]int{}}
	for _, k := range t.Keys() {
		m.Lines[k], m.Cols[k] = t.KeyPos(k)
	}
	line, col := t.Pos()

	var ok bool
	m.Title, ok = text(t, "title")
	if !t.Has("title") && !t.Misspelt("title", metaKeys) {
		t.Diags.Errorf(t.Path, line, col, `missing title; add title = "…" to the front matter`)
	} else if ok && m.Title == "" {
		t.Errorf("title", `the title is empty; write the policy's title, like title = "Privacy policy"`)
	}

	m.LastUpdated, _ = t.Date("last_updated")
	if !t.Has("last_updated") && !t.Misspelt("last_updated", metaKeys) {
		t.Diags.Errorf(t.Path, line, col, "missing last_updated; add the date of this version, like last_updated = 2023-08-18")
	}
	m.Effective, _ = t.Date("effective")
	if !m.Effective.IsZero() && !m.LastUpdated.IsZero() && m.Effective.Before(m.LastUpdated) {
		t.Errorf("effective", "effective (%s) is before last_updated (%s); a version cannot take effect before it is written: set effective to %s or later",
			m.Effective, m.LastUpdated, m.LastUpdated)
	}
	m.Translates, _ = t.Date("translates")
	m.Withdraws, _ = t.Date("withdraws")
	m.Description, _ = text(t, "description")
	m.Draft, _ = t.Bool("draft")

	if c, ok := t.Table("change", "[change]"); ok {
		c.Unknown(changeKeys...)
		m.Change = &model.Change{}
		m.Change.Summary, _ = text(c, "summary")
		m.Change.Kind = changeKind(c)
	}
	ps, _ := t.Tables("processors", "[[processors]]")
	for _, p := range ps {
		m.Processors = append(m.Processors, processor(p))
	}
	return m
}

// changeKind reads [change]'s kind, and material = true as an older way
// of writing kind = "material". The two may not disagree.
func changeKind(c tomlpos.Table) model.ChangeKind {
	kind := model.Minor
	name, hasKind := text(c, "kind")
	if hasKind {
		var ok bool
		if kind, ok = model.ParseChangeKind(name); !ok {
			c.Errorf("kind", "kind = %q is not a kind of change; write kind = \"editorial\" (typos, formatting, links: no notice), \"minor\" (the default) or \"material\" (announced on every page)", name)
			return model.Minor
		}
	}
	material, hasMaterial := c.Bool("material")
	switch {
	case !hasMaterial:
	case !hasKind && material:
		kind = model.Material
	case hasKind && material != (kind == model.Material):
		c.Errorf("material", "material = %t contradicts kind = %q; keep kind and remove material, which kind replaces", material, name)
	}
	return kind
}

// processor checks and decodes one [[processors]] table.
func processor(p tomlpos.Table) model.Processor {
	p.Unknown(processorKeys...)
	var pr model.Processor
	required := []struct {
		key, meaning string
		field        *string
	}{
		{"name", "the processor's name", &pr.Name},
		{"location", "where the processing takes place", &pr.Location},
		{"purpose", "what the processor does with the data", &pr.Purpose},
	}
	line, col := p.Pos()
	for _, r := range required {
		var ok bool
		*r.field, ok = text(p, r.key)
		// A value of the wrong type is already reported.
		if *r.field == "" && (ok || !p.Has(r.key) && !p.Misspelt(r.key, processorKeys)) {
			p.Diags.Errorf(p.Path, line, col, `processor without %s; add %s = "…" (%s)`, r.key, r.key, r.meaning)
		}
	}
	pr.Country, _ = text(p, "country")
	pr.Transfer, _ = text(p, "transfer")
	pr.URL, _ = p.URL("url")
	return pr
}

// text returns the trimmed string value of key, like tomlpos.Table.String.
func text(t tomlpos.Table, key string) (string, bool) {
	s, ok := t.String(key)
	return strings.TrimSpace(s), ok
}

// lineFeeds returns src with each carriage return that ends a line alone
// (the old Mac way, which some editors and exports still write) made a
// line feed, so that TOML reads the lines and every line number is the one
// an editor shows; a copy, the same length, so offsets stay true. src
// itself, CRLF and all, when it has none.
func lineFeeds(src []byte) []byte {
	i := bytes.IndexByte(src, '\r')
	for i >= 0 && i+1 < len(src) && src[i+1] == '\n' {
		j := bytes.IndexByte(src[i+1:], '\r')
		if j < 0 {
			return src
		}
		i += 1 + j
	}
	if i < 0 {
		return src
	}
	out := bytes.Clone(src)
	for k := i; k < len(out); k++ {
		if out[k] == '\r' && (k+1 == len(out) || out[k+1] != '\n') {
			out[k] = '\n'
		}
	}
	return out
}

// firstInvalid returns the line, byte column and value of the first byte of
// src that is not part of valid UTF-8.
func firstInvalid(src []byte) (line, col int, b byte) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return line, col, src[i]
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += size
		}
		i += size
	}
	return line, col, 0
}
