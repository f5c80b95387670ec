// Package content reads a site's content tree — its policy files, where
// package sitedir says they are — and parses every policy file into the
// form the model is built from. It is the only stage that reads policy
// files.
package content

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"sort"

	"github.com/policygen/gen/generator/diag"
	"github.com/policygen/gen/generator/fingerprint"
	"github.com/policygen/gen/generator/frontmatter"
	"github.com/policygen/gen/generator/markdown"
	"github.com/policygen/gen/generator/model"
	"github.com/policygen/gen/generator/sitedir"
)

// Find lists the policy files of the content tree and reports files that
// are in a place the layout does not allow.
func Find(site fs.FS) ([]sitedir.Location, diag.List) {
	var diags diag.List
	var out []sitedir.Location
	refuse := func(p, problem string) { diags.Errorf(p, 0, 0, "%s", problem) }
	err := sitedir.Walk(site, sitedir.Content, sitedir.Ignored, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == sitedir.Content && errors.Is(err, fs.ErrNotExist) {
				diags.Errorf(sitedir.Content, 0, 0, "there is no content folder; policies live at %s", sitedir.Current("<policy>", "<lang>"))
				return nil
			}
			diags.Errorf(p, 0, 0, "cannot read: %v", err)
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			return nil
		}
		loc, problem := sitedir.Locate(p)
		_, policyFile := sitedir.Language(name)
		switch {
		case problem != "" && policyFile:
			diags.Errorf(p, 0, 0, "%s", problem)
		case problem != "":
			diags.Warnf(p, 0, 0, "ignored: %s", problem)
		default:
			out = append(out, loc)
		}
		return nil
	}, refuse)
	if err != nil {
		diags.Errorf(sitedir.Content, 0, 0, "cannot read the content folder: %v", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, diags
}

// Parse reads and parses one policy file. A file with errors is returned
// without a Version, so the model knows what it could not read. memo,
// which may be nil, is the Markdown memo shared by the files of one policy
// in one language.
func Parse(site fs.FS, loc sitedir.Location, md *markdown.Renderer, memo *markdown.Memo) (model.File, diag.List) {
	failed := model.File{Policy: loc.Policy, Lang: loc.Lang, Archived: loc.Archived}
	src, err := fs.ReadFile(site, loc.Path)
	if err != nil {
		var diags diag.List
		diags.Errorf(loc.Path, 0, 0, "cannot read: %v", err)
		return failed, diags
	}
	meta, body, bodyLine, diags := frontmatter.Parse(loc.Path, src)
	if diags.HasErrors() {
		return failed, diags
	}
	rendered, mdDiags := md.RenderMemo(loc.Path, body, bodyLine, memo, !loc.Archived.IsZero())
	diags.Add(mdDiags)
	if mdDiags.HasErrors() {
		return failed, diags
	}
	v := &model.Version{
		Date:           meta.LastUpdated,
		Effective:      meta.Effective,
		Title:          meta.Title,
		Description:    meta.Description,
		Draft:          meta.Draft,
		Translates:     meta.Translates,
		Withdraws:      meta.Withdraws,
		Change:         meta.Change,
		Processors:     meta.Processors,
		SourcePath:     loc.Path,
		SourceSize:     len(src),
		SourceSum:      crc32.Checksum(src, castagnoli),
		BodyOffset:     len(src) - len(body),
		FrontMatterSum: crc32.Checksum(src[:len(src)-len(body)], castagnoli),
		Body:           rendered,
		Fingerprint:    fingerprint.Of(src, rendered.Parts),
	}
	return model.File{Policy: loc.Policy, Lang: loc.Lang, Archived: loc.Archived, Version: v, Lines: meta.Lines, Cols: meta.Cols}, diags
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ReadSource reads a version's file again, for its source.md and its
// redlines, and makes sure it is still the text the version was built
// from: a file saved during a build must not give a page and a source that
// disagree.
func ReadSource(site fs.FS, v *model.Version) ([]byte, error) {
	src, err := fs.ReadFile(site, v.SourcePath)
	if err != nil {
		return nil, err
	}
	if len(src) != v.SourceSize || crc32.Checksum(src, castagnoli) != v.SourceSum {
		return nil, fmt.Errorf("%s changed while the site was being built; build again", v.SourcePath)
	}
	return src, nil
}

// ReadBody reads a version's Markdown body again, checked as ReadSource.
func ReadBody(site fs.FS, v *model.Version) ([]byte, error) {
	src, err := ReadSource(site, v)
	if err != nil {
		return nil, err
	}
	return src[v.BodyOffset:], nil
}
