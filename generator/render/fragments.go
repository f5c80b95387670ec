package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// The layouts draw the parts that repeat from page to page through the
// two methods below rather than {{template}} and {{range}}: html/template
// still escapes every value, but a part that is the same on many pages is
// executed once. Each action of a template costs a reflect call or more
// for its escaper, and a build executes millions of them.

// Partial renders the template name, as {{template name .}} would, for
// the parts of a page that are the same on every page of its frame: the
// header, the footer, the notices. A built-in partial is given only the
// Frame, so it is rendered once per frame and its HTML reused on every
// page that shares it; a site's own (from layouts/) is given the whole
// page and rendered for each page, as it may show anything of it.
func (p *Page) Partial(name string) (template.HTML, error) {
	file, builtin := p.layout.builtin[name]
	if !builtin {
		return p.layout.render(name, p)
	}
	f := p.Frame
	key := partialKey{file, name}
	f.mu.Lock()
	defer f.mu.Unlock()
	if h, ok := f.rendered[key]; ok {
		return h, nil
	}
	h, err := p.layout.render(name, f)
	if err != nil {
		return "", err
	}
	if f.rendered == nil {
		f.rendered = map[partialKey]template.HTML{}
	}
	f.rendered[key] = h
	return h, nil
}

// Each renders the template name for every item of items, a slice, and
// joins the results, as {{range items}}{{template name .}}{{end}} would.
// The template is given the item alone, so its HTML for an item is kept
// and reused wherever the page's frame lists the same item again (the
// sections of a policy are listed on each of its comparison pages).
func (p *Page) Each(name string, items any) (template.HTML, error) {
	list := reflect.ValueOf(items)
	if list.Kind() != reflect.Slice {
		return "", fmt.Errorf("Each needs a list, not %s", list.Type())
	}
	elem := list.Type().Elem()
	keep := elem.Kind() != reflect.Interface && elem.Comparable()
	f := p.Frame
	if keep {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.kept == nil {
			f.kept = map[eachKey]template.HTML{}
		}
	}
	parts := make([]string, 0, list.Len())
	for i := range list.Len() {
		item := list.Index(i).Interface()
		key := eachKey{p.layout, name, item}
		var h template.HTML
		ok := false
		if keep {
			h, ok = f.kept[key]
		}
		if !ok {
			var err error
			if h, err = p.layout.render(name, item); err != nil {
				return "", err
			}
			if keep {
				f.kept[key] = h
			}
		}
		parts = append(parts, string(h))
	}
	// Each part was escaped by html/template.
	return template.HTML(strings.Join(parts, "")), nil
}

// eachKey is an item of a list and the template it was rendered with.
type eachKey struct {
	layout *layout
	name   string
	item   any
}
