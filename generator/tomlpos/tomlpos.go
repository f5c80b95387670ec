// Package tomlpos decodes the TOML of site.toml and of policy front matter
// and says where each key is written, so every problem with a value can be
// reported as path:line:col. The toml package reports positions only for
// syntax errors; this package finds the rest itself.
package tomlpos

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/i18n"
	"github.com/policygen/gen/generator/printable"
	"github.com/policygen/gen/generator/suggest"
)

// The toml package gives a bare local date (2023-08-18) and a bare time of
// day locations of their own, which tell them apart from date-times.
const (
	localDate = "date-local"
	localTime = "time-local"
)

// Table is one decoded TOML table with the positions of its keys. Its
// accessors check the type of a value and report a wrong one, so callers
// read a table the way they would read a struct and get every error.
type Table struct {
	Path  string // the file, for diagnostics
	Name  string // how messages name the table: "front matter", "[change]"
	Data  map[string]any
	Node  *Node
	Diags *diag.List
}

// Decode parses the TOML text src, which starts at line firstLine of the file
// path. The root table is placed on the line before the text (the opening
// "+++" of front matter) or, when the text starts the file, on line 1. A
// syntax error is appended to d and ok is false.
// Text past the bounds of bounds.go is reported as an error there and not
// decoded.
func Decode(d *diag.List, path string, src []byte, firstLine int, name string) (t Table, ok bool) {
	rootLine := max(firstLine-1, 1)
	over := sizeBound(src, name, firstLine)
	var node *Node
	if over == nil {
		node, over = scan(src, firstLine, rootLine, 1)
	}
	if over != nil {
		d.Errorf(path, over.Line, over.Col, "%s", over.Msg)
		return Table{}, false
	}
	var data map[string]any
	if _, err := toml.Decode(string(src), &data); err != nil {
		line, col, msg := syntaxError(src, err)
		if c, m, ok := wrongDate(src, line); ok {
			col, msg = c, m
		}
		d.Errorf(path, line+firstLine-1, col, "%s", msg)
		return Table{}, false
	}
	return Table{
		Path:  path,
		Name:  name,
		Data:  data,
		Node:  node,
		Diags: d,
	}, true
}

// syntaxError turns a toml error into a position within src and a message
// that says what to do.
func syntaxError(src []byte, err error) (line, col int, msg string) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return 1, 1, "invalid TOML: " + err.Error()
	}
	line, col = lineCol(src, pe.Position.Start)
	if pe.Position.Line > 0 && pe.Position.Line != line {
		// Trust the parser's line over an offset that may not match it.
		line, col = pe.Position.Line, max(pe.Position.Col, 1)
	}
	msg = "invalid TOML: " + pe.Message
	if value, ok := strings.CutPrefix(pe.Message, "invalid datetime: "); ok {
		msg = fmt.Sprintf("%s is not a valid date; write a date like 2023-08-18", value)
		if pe.LastKey != "" {
			msg = pe.LastKey + ": " + msg
		}
	}
	return line, col, msg
}

// assignment is a line "key = value", the value without a comment.
var assignment = regexp.MustCompile(`^(\s*[A-Za-z0-9_.-]+\s*=\s*)([^#"']*?)\s*(?:#.*)?$`)

// wrongDate recognises, on line of src, a date written another way than
// TOML's (01/12/2026, 1 December 2026, 2026-12-1), the commonest reason
// front matter does not parse: it returns the column of the value and the
// message that says how to write it.
func wrongDate(src []byte, line int) (col int, msg string, ok bool) {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return 0, "", false
	}
	m := assignment.FindStringSubmatch(strings.TrimSuffix(lines[line-1], "\r"))
	if m == nil || m[2] == "" {
		return 0, "", false
	}
	key := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(m[1]), "="))
	msg, ok = dateAdvice(key, m[2], m[2])
	return len(m[1]) + 1, msg, ok
}

// dateAdvice says how to write the date value reads as, written as
// written: "write the date as 2026-12-01", with both days when it may mean
// either. ok is false when value is no date.
func dateAdvice(key, written, value string) (string, bool) {
	v := strings.ToLower(strings.TrimSpace(value))
	ds, n := i18n.AnyLanguageDates().At(v)
	if len(ds) == 0 || n != len(v) {
		return "", false
	}
	long := func(d date.Date) string { return d.Time().Format("2 January 2006") }
	msg := fmt.Sprintf("%s = %s is not a date as TOML writes one; write the date as %s (year-month-day, without quotes)", key, written, ds[0])
	if len(ds) > 1 {
		msg = fmt.Sprintf("%s = %s is not a date as TOML writes one; write the date as %s (%s), or as %s if you meant %s (year-month-day, without quotes)",
			key, written, ds[0], long(ds[0]), ds[1], long(ds[1]))
	}
	return msg, true
}

func strconvQuote(s string) string { return `"` + s + `"` }

// lineCol returns the 1-based line and byte column of offset in src.
func lineCol(src []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(src))
	before := src[:offset]
	line = 1 + strings.Count(string(before), "\n")
	col = offset - (strings.LastIndexByte(string(before), '\n') + 1) + 1
	return line, col
}

// Pos returns where the table starts: its header, the start of an array
// element, or the root's position. Missing keys are reported there.
func (t Table) Pos() (line, col int) { return t.Node.Pos() }

// KeyPos returns where key is written in the table.
func (t Table) KeyPos(key string) (line, col int) { return t.Node.Key(key).Pos() }

// ValuePos returns where key's value starts.
func (t Table) ValuePos(key string) (line, col int) { return t.Node.Key(key).ValuePos() }

// Has reports whether the table sets key.
func (t Table) Has(key string) bool {
	_, ok := t.Data[key]
	return ok
}

// Keys returns the table's keys in the order they are written.
func (t Table) Keys() []string {
	keys := make([]string, 0, len(t.Data))
	for _, k := range t.Node.Keys() {
		if t.Has(k) {
			keys = append(keys, k)
		}
	}
	// Keys the scanner did not place still get checked, after the others.
	var rest []string
	for k := range t.Data {
		if !slices.Contains(keys, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}

// Errorf reports an error at key's value.
func (t Table) Errorf(key, format string, args ...any) {
	line, col := t.ValuePos(key)
	t.Diags.Errorf(t.Path, line, col, format, args...)
}

// String returns the string value of key; ok is false when key is absent or
// not a string, which is reported. A control character in it, which only
// an escape (\u001b) can write in TOML, would reach pages, feeds and
// terminals: it is replaced as a page shows it, with a warning.
func (t Table) String(key string) (s string, ok bool) {
	s, ok = get[string](t, key, "a string in quotes")
	if i := printable.ControlAt(s); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		line, col := t.ValuePos(key)
		t.Diags.Warnf(t.Path, line, col, "%s holds the control character U+%04X, which a page cannot show: it is shown as %q; remove it", key, r, printable.Replacement)
		s = printable.Page(s)
	}
	return s, ok
}

// Bool returns the boolean value of key, like String.
func (t Table) Bool(key string) (b bool, ok bool) { return get[bool](t, key, "true or false") }

// Int returns the integer value of key, like String.
func (t Table) Int(key string) (n int64, ok bool) { return get[int64](t, key, "a whole number") }

// get returns key's value as a T, reporting any other type as not want.
func get[T any](t Table, key, want string) (T, bool) {
	v, present := t.Data[key]
	if !present {
		var zero T
		return zero, false
	}
	x, ok := v.(T)
	if !ok {
		t.wrongType(key, want, v)
	}
	return x, ok
}

// Strings calls each for every string of key's list, with its index, and
// reports the elements that are not strings and a value that is no list,
// like String. It returns whether key is a list.
func (t Table) Strings(key string, each func(i int, s string)) bool {
	v, present := t.Data[key]
	if !present {
		return false
	}
	elems, isList := v.([]any)
	if !isList {
		t.wrongType(key, `a list of strings, like ["a", "b"]`, v)
		return false
	}
	for i, e := range elems {
		if s, isString := e.(string); isString {
			each(i, s)
		} else {
			t.ElemErrorf(key, i, "each element of %s must be a string in quotes, not %s", key, describe(e))
		}
	}
	return true
}

// ElemErrorf reports an error at the i-th element of key's list.
func (t Table) ElemErrorf(key string, i int, format string, args ...any) {
	line, col := t.Node.Key(key).Elem(i).ValuePos()
	if line == 0 {
		line, col = t.ValuePos(key)
	}
	t.Diags.Errorf(t.Path, line, col, format, args...)
}

// URL returns the value of key, which must be an absolute http or https
// address, like String.
func (t Table) URL(key string) (u string, ok bool) {
	if u, ok = t.String(key); !ok {
		return "", false
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		t.Errorf(key, `%s must be an absolute http or https address, like %s = "https://example.com/", not %q`, key, key, u)
		return "", false
	}
	return u, true
}

// Date returns the calendar day of key, which must be a bare TOML date
// (2023-08-18): a date-time or a quoted date is reported with the fix.
func (t Table) Date(key string) (d date.Date, ok bool) {
	v, present := t.Data[key]
	if !present {
		return date.Date{}, false
	}
	switch v := v.(type) {
	case time.Time:
		// Read the day in v's own location: converting it could move the day.
		d = date.Of(v)
		switch v.Location().String() {
		case localDate:
			if !d.InRange() {
				t.Errorf(key, "%s = %s is not a date gen can publish: %s", key, d, date.Range)
				return date.Date{}, false
			}
			return d, true
		case localTime:
			t.Errorf(key, "%s must be a date like %s = 2023-08-18, not a time of day", key, key)
			return date.Date{}, false
		}
		t.Errorf(key, "%s must be a date without a time; write a date without time, like %s = %s", key, key, d)
	case string:
		if d, err := date.Parse(v); err == nil {
			t.Errorf(key, "%s must be a date, not a string; remove the quotes: %s = %s", key, key, d)
		} else if msg, ok := dateAdvice(key, strconvQuote(v), v); ok {
			t.Errorf(key, "%s", msg)
		} else {
			t.wrongType(key, "a date like 2023-08-18", v)
		}
	default:
		t.wrongType(key, "a date like 2023-08-18", v)
	}
	return date.Date{}, false
}

// Table returns the table value of key, named name in messages, like String.
func (t Table) Table(key, name string) (sub Table, ok bool) {
	v, present := t.Data[key]
	if !present {
		return Table{}, false
	}
	data, ok := v.(map[string]any)
	if !ok {
		t.wrongType(key, "a table", v)
		return Table{}, false
	}
	return Table{Path: t.Path, Name: name, Data: data, Node: t.Node.Key(key), Diags: t.Diags}, true
}

// Tables returns the elements of an array of tables ([[key]] or
// key = [{…}, …]), each named name in messages, like String. An element that
// is not a table is reported and left out.
func (t Table) Tables(key, name string) (subs []Table, ok bool) {
	v, present := t.Data[key]
	if !present {
		return nil, false
	}
	node := t.Node.Key(key)
	switch elems := v.(type) {
	case []map[string]any:
		for i, data := range elems {
			subs = append(subs, Table{Path: t.Path, Name: name, Data: data, Node: node.Elem(i), Diags: t.Diags})
		}
	case []any:
		for i, e := range elems {
			data, isTable := e.(map[string]any)
			if !isTable {
				line, col := node.Elem(i).ValuePos()
				t.Diags.Errorf(t.Path, line, col, "each element of %s must be a table, not %s", key, describe(e))
				continue
			}
			subs = append(subs, Table{Path: t.Path, Name: name, Data: data, Node: node.Elem(i), Diags: t.Diags})
		}
	default:
		t.wrongType(key, fmt.Sprintf("a list of tables, each written [[%s]]", key), v)
		return nil, false
	}
	return subs, true
}

// Unknown reports every key of the table that is not one of known, with the
// closest known key as a suggestion.
func (t Table) Unknown(known ...string) {
	for _, k := range t.Keys() {
		if !slices.Contains(known, k) {
			line, col := t.KeyPos(k)
			t.Diags.Errorf(t.Path, line, col, "%s", UnknownKey(k, t.Name, known))
		}
	}
}

// Misspelt reports whether the table has an unknown key (one not in
// known) that Unknown takes for a typo of key: then "missing key" would
// only say again what the suggestion says.
func (t Table) Misspelt(key string, known []string) bool {
	for k := range t.Data {
		if !slices.Contains(known, k) && suggest.Closest(k, known) == key {
			return true
		}
	}
	return false
}

func (t Table) wrongType(key, want string, v any) {
	t.Errorf(key, "%s must be %s, not %s", key, want, describe(v))
}

// describe names a decoded value for an error message.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return fmt.Sprintf("the string %q", v)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case time.Time:
		return "a date or time"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	}
	return fmt.Sprintf("a %T", v)
}
