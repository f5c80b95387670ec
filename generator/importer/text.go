package importer

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/markdown"
)

// fromMarkdown reads a Markdown or plain text file into a page, rendered
// by gen's own Markdown renderer, so the body reads as it will on the
// site. Front matter another tool wrote (YAML between --- lines, TOML
// between +++ lines, as Jekyll, Hugo or gen write them) gives the title
// and dates and is not part of the text.
func fromMarkdown(src Source, diags *diag.List) (*page, error) {
	data, western, err := utf8Text(src.Data)
	if err != nil {
		return nil, err
	}
	if western {
		diags.Warnf(src.Name, 0, 0, "the file is not UTF-8; it was read as Windows-1252 (Western European), the encoding older Windows programs save text in: check its accented letters")
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	p := &page{}
	body, lines := frontMatter(data, p)
	md := markdown.New(markdown.Options{UnsafeHTML: true})
	out, _ := md.Render(src.Name, body, lines)
	var b strings.Builder
	for i, part := range out.Parts {
		if i > 0 {
			b.WriteString("<p>" + placeholderMarker + "</p>")
		}
		b.WriteString(part.String())
	}
	root, err := parseFragment(b.String())
	if err != nil {
		return nil, err
	}
	p.body = root
	return p, nil
}

// utf8Text returns a text file's bytes as UTF-8 without a byte order
// mark: UTF-16 when it starts with one (what Windows' Notepad calls
// "Unicode"), UTF-8 when valid, else Windows-1252, which western
// reports as a guess.
func utf8Text(data []byte) (out []byte, western bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		out, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, false, fmt.Errorf("the file starts as UTF-16 but is not: %v", err)
		}
		return out, false, nil
	case utf8.Valid(data):
		return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), false, nil
	}
	out, err = charmap.Windows1252.NewDecoder().Bytes(data)
	return out, true, err
}

// frontMatter takes the front matter off data, filling in what p can use
// of it, and returns the body and the number of lines before it.
func frontMatter(data []byte, p *page) ([]byte, int) {
	for _, fence := range []string{"---", "+++"} {
		if !bytes.HasPrefix(data, []byte(fence+"\n")) {
			continue
		}
		rest := data[len(fence)+1:]
		end := bytes.Index(rest, []byte("\n"+fence+"\n"))
		var front, body []byte
		switch {
		case bytes.HasPrefix(rest, []byte(fence+"\n")):
			front, body = nil, rest[len(fence)+1:]
		case end >= 0:
			front, body = rest[:end+1], rest[end+len(fence)+2:]
		case bytes.HasSuffix(rest, []byte("\n"+fence)):
			front, body = rest[:len(rest)-len(fence)], nil
		default:
			continue
		}
		if fence == "+++" {
			tomlFront(front, p)
		} else {
			yamlFront(front, p)
		}
		return body, bytes.Count(data[:len(data)-len(body)], []byte("\n"))
	}
	return data, 0
}

// The keys of other tools' front matter that give a version's dates.
var (
	updatedKeys   = []string{"last_updated", "lastmod", "updated", "last_modified", "modified", "date"}
	effectiveKeys = []string{"effective", "effective_date"}
)

func tomlFront(front []byte, p *page) {
	var m map[string]any
	if _, err := toml.Decode(string(front), &m); err != nil {
		return
	}
	if t, ok := m["title"].(string); ok {
		p.title = strings.TrimSpace(t)
	}
	p.updated = firstDate(m, updatedKeys)
	p.effective = firstDate(m, effectiveKeys)
	list, _ := m["processors"].([]map[string]any)
	for _, e := range list {
		s := func(k string) string { v, _ := e[k].(string); return strings.TrimSpace(v) }
		pr := Processor{s("name"), s("location"), s("purpose"), s("country"), s("transfer"), s("url")}
		if pr.Name != "" && pr.Location != "" && pr.Purpose != "" {
			p.processors = append(p.processors, pr)
		}
	}
}

// yamlFront reads the plain "key: value" lines of YAML front matter,
// which is all a title and dates need.
func yamlFront(front []byte, p *page) {
	m := map[string]any{}
	for _, line := range strings.Split(string(front), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(k, " ") || strings.HasPrefix(k, "#") {
			continue
		}
		v = strings.TrimSpace(v)
		if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		switch {
		case len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"':
			if u, err := strconv.Unquote(v); err == nil {
				v = u // YAML's double quotes escape as Go's do, for what titles hold
			} else {
				v = v[1 : len(v)-1]
			}
		case len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'':
			v = strings.ReplaceAll(v[1:len(v)-1], "''", "'")
		}
		m[strings.TrimSpace(k)] = v
	}
	if t, ok := m["title"].(string); ok {
		p.title = t
	}
	p.updated = firstDate(m, updatedKeys)
	p.effective = firstDate(m, effectiveKeys)
}

// firstDate returns the date of the first of keys that m has as a date,
// a date-time (its calendar day) or a string starting with YYYY-MM-DD.
func firstDate(m map[string]any, keys []string) date.Date {
	for _, k := range keys {
		switch v := m[k].(type) {
		case time.Time:
			return date.Of(v) // a TOML local date is midnight in a zone of its own: its day is the date
		case string:
			if len(v) >= 10 {
				if d, err := date.Parse(v[:10]); err == nil {
					return d
				}
			}
		}
	}
	return date.Date{}
}
