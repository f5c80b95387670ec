package render

import (
	"text/template/parse"

	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/i18n"
)

// unknownStrings reports every UI string a layout asks for by name that
// the string tables do not have — {{.T "notice.chnage"}} — at its place in
// the layout, before anything renders: the page would show the key itself.
// A key given by a value is checked when it renders (Frame.T).
func (l *layouts) unknownStrings() diag.List {
	var diags diag.List
	seen := map[string]bool{} // places, as templates are shared by the sets
	for _, pl := range pageLayouts {
		for _, t := range l.pages[pl.file].t.Templates() {
			if t.Tree == nil {
				continue
			}
			eachString(t.Tree.Root, func(n parse.Node, key string) {
				msg := i18n.Unknown(key)
				at, _ := t.Tree.ErrorContext(n)
				if msg == "" || seen[at] {
					return
				}
				seen[at] = true
				file, line, col := l.position(at)
				diags.Errorf(file, line, col, "%s", msg)
			})
		}
	}
	return diags
}
