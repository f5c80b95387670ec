// Package pdf prints built pages to PDF the way a reader's browser prints
// them, with the site's print stylesheet: through a headless Chromium
// (driven by chromedp), so a version's PDF is exactly its page on paper.
//
// The pages are loaded at the site's own address but never from the
// network: every request is answered from the built files, and one for
// another origin is refused, so the PDF's links point at the published
// site and printing needs no server.
//
// Chromium takes the PDF's title and language from the page (<title>,
// <html lang>); the document information (title, author, subject, dates)
// is then set by an incremental update, the PDF's own way of amending a
// file, so the bytes Chromium wrote stay as they are.
//
// Printing takes a second or so a page, so prints are kept in a cache
// keyed by the page's bytes and those of every file it loaded (its
// stylesheet, images, fonts): a page that did not change is not printed
// again.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/policygen/gen/generator/output"
	"github.com/policygen/gen/generator/urls"
)

// Page is a built page to print.
type Page struct {
	// Path is the page's file in Options.Site, slash-separated:
	// "en/privacy/2026-11-16/index.html".
	Path string
	// Out is where the PDF goes in Options.Out: "/en/privacy/2026-11-16/privacy-en-2026-11-16.pdf".
	Out  string
	Meta Metadata
	// Volatile is text of the page that may differ from an earlier print
	// without calling for a new one: the day the site was built, which a
	// version page's print trace names ("Status on 23 November 2026"). A
	// PDF found in the cache then names the day it was printed, which its
	// status held on too, or the rest of the page would have changed.
	Volatile []string
}

// Metadata is what a PDF says about itself (File > Properties).
type Metadata struct {
	Title, Author, Subject, Keywords string
	// Language is the BCP 47 tag of the text; "" keeps the page's own
	// <html lang>.
	Language string
	// Created and Modified are the document's dates; zero ones are left
	// out.
	Created, Modified time.Time
	// More are further entries of the document information ("Effective":
	// "2026-12-16"), which PDF readers list as custom properties.
	More map[string]string
}

// Options says where the pages come from and how to print them.
type Options struct {
	// Site holds the built files.
	Site fs.FS
	// BaseURL is the address the site is published at, with its path
	// ("https://acme.example/legal/"). Pages are loaded from there, so the
	// page's links, and the PDF's, point at the published site.
	BaseURL string
	// Browser is the path of Chromium or Chrome; "" looks where they are
	// installed (see FindBrowser).
	Browser string
	// CacheDir keeps earlier prints; "" is gen/pdf in the user's cache
	// folder (os.UserCacheDir).
	CacheDir string
	// Creator names the program the PDF is made by ("gen v1.4.0").
	Creator string
	// Out receives the PDFs.
	Out output.Writer
}

// Result counts what Print did.
type Result struct {
	Printed int // pages Chromium printed
	Reused  int // pages whose earlier print the cache had
}

// Print writes a PDF of every page. Chromium is started only when a page
// is not in the cache; when none is installed, the error says what to
// install.
func Print(ctx context.Context, opts Options, pages []Page) (Result, error) {
	var res Result
	base, err := baseURL(opts.BaseURL)
	if err != nil {
		return res, err
	}
	if opts.Out == nil {
		return res, errors.New("pdf: no Options.Out to write the PDFs to")
	}
	c := openCache(opts.CacheDir)
	write := func(pg Page, raw []byte, producer string) error {
		out, err := withInfo(raw, pg.Meta, opts.Creator, producer)
		if err != nil {
			return fmt.Errorf("printing %s: %w", pg.Path, err)
		}
		if err := opts.Out.WriteFile(pg.Out, out); err != nil {
			return fmt.Errorf("writing %s: %w", pg.Out, err)
		}
		return nil
	}
	type job struct {
		pg  Page
		key string
	}
	var jobs []job // the pages the cache has no print of
	for _, pg := range pages {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		html, err := fs.ReadFile(opts.Site, pg.Path)
		if err != nil {
			return res, fmt.Errorf("printing %s: %w", pg.Path, err)
		}
		key := pageKey(base.String(), pg.Path, pg.Meta.Language, html, pg.Volatile)
		if raw, producer, ok := c.lookup(key, opts.Site); ok {
			if err := write(pg, raw, producer); err != nil {
				return res, err
			}
			res.Reused++
			continue
		}
		jobs = append(jobs, job{pg, key})
	}
	if len(jobs) > 0 {
		p, err := startPrinter(ctx, opts, base, min(len(jobs), tabs()))
		if err != nil {
			return res, err
		}
		defer p.close()
		// Each tab prints the next page no tab has taken; the first error
		// stops them all.
		ctx, cancel := context.WithCancelCause(ctx)
		defer cancel(nil)
		next := make(chan job)
		var wg sync.WaitGroup
		for _, t := range p.tabs {
			wg.Go(func() {
				for j := range next {
					raw, loaded, err := t.print(ctx, j.pg)
					if err != nil {
						cancel(fmt.Errorf("printing %s: %w", j.pg.Path, err))
						return
					}
					// The page's own bytes are in its key, less their volatile text.
					loaded = slices.DeleteFunc(loaded, func(f string) bool { return f == j.pg.Path })
					c.store(j.key, opts.Site, loaded, p.producer, raw)
					if err := write(j.pg, raw, p.producer); err != nil {
						cancel(err)
						return
					}
				}
			})
		}
	feed:
		for _, j := range jobs {
			select {
			case next <- j:
			case <-ctx.Done():
				break feed
			}
		}
		close(next)
		wg.Wait()
		if err := context.Cause(ctx); err != nil {
			return res, err
		}
		res.Printed = len(jobs)
	}
	c.prune()
	return res, nil
}

// tabs is how many pages are printed at once: Chromium renders each
// tab's page in a process of its own, so about a core each.
func tabs() int { return max(1, min(runtime.GOMAXPROCS(0), 4)) }

// baseURL checks the site's address: pages are loaded from it, so it must
// be an absolute http(s) URL; its path ends in "/".
func baseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("pdf: the base URL %q is not an absolute http or https address", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// pageURL is the address a page is published at: a folder's index.html
// at the folder's address, as static hosts serve it.
func pageURL(base *url.URL, file string) string {
	u := *base
	u.Path = base.Path + strings.TrimPrefix(urls.Page("/"+file), "/")
	return u.String()
}

// siteFile is the file in the site a request for u would get, or false
// for an address outside the site.
func siteFile(base *url.URL, u string) (string, bool) {
	r, err := url.Parse(u)
	if err != nil || r.Scheme != base.Scheme || r.Host != base.Host || !strings.HasPrefix(r.Path, base.Path) {
		return "", false
	}
	p := strings.TrimPrefix(urls.File("/"+strings.TrimPrefix(r.Path, base.Path)), "/")
	p = path.Clean(p)
	if !fs.ValidPath(p) {
		return "", false
	}
	return p, true
}

// writeFile writes a file of the cache whole or not at all.
func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if err := output.ReplaceFile(name, data); err != nil {
		return errors.Join(fmt.Errorf("writing %s", name), err)
	}
	return nil
}
