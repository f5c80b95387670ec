package build

import (
	"context"
	"errors"
	"io/fs"
	"strings"

	"github.com/policygen/gen/generator/fingerprint"
	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/pdf"
)

// printPDFs prints every version's page, as written into written, to
// its PDF in w (`gen build --pdf`): the pages' print stylesheet makes the
// paper copy, and the PDF's own information names the version. A page
// printed by an earlier build and unchanged since comes from pdf's cache;
// the day of the build, which the print trace names, does not count as a
// change.
func printPDFs(ctx context.Context, loaded *Loaded, browser string, written fs.FS, w output.Writer) (pdf.Result, error) {
	if written == nil {
		return pdf.Result{}, errors.New("PDFs are printed only into an output folder (gen build --pdf)")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	s, cfg, cat := loaded.Site, loaded.Config, loaded.Catalog
	u := cfg.URLs
	var pages []pdf.Page
	for _, p := range s.Policies {
		for _, ed := range p.Editions {
			for _, v := range ed.Versions {
				permalink := u.Version(ed.Lang, p.Slug, v.Date)
				pages = append(pages, pdf.Page{
					Path: strings.TrimPrefix(u.File(permalink), "/"),
					Out:  u.File(u.PDF(ed.Lang, p.Slug, v.Date)),
					Meta: pdf.Metadata{
						Title:    v.Title + " — " + cat.Date(ed.Lang, v.Date),
						Author:   cfg.Title,
						Subject:  v.Description,
						Language: ed.Lang,
						// The version's own day, never the build's: a
						// PDF printed again is the same document.
						Created:  v.Date.Time(),
						Modified: v.Date.Time(),
						More: map[string]string{
							"LastUpdated":  v.Date.String(),
							"Effective":    v.Effective.String(),
							"Permalink":    u.Absolute(permalink),
							"SourceSHA256": fingerprint.Hex(v.Fingerprint.Source),
						},
					},
					Volatile: []string{cat.Date(ed.Lang, s.Now)},
				})
			}
		}
	}
	return pdf.Print(ctx, pdf.Options{Site: written, BaseURL: u.Base() + "/", Browser: browser, Creator: "gen", Out: w}, pages)
}
