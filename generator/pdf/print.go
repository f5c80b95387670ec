package pdf

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pageTimeout bounds the printing of one page: a page that has not loaded
// and printed by then will not.
const pageTimeout = 2 * time.Minute

// printer is one headless Chromium with tabs that print side by side,
// each answering its requests from the site's files.
type printer struct {
	cancel   func()
	tabs     []*tab
	producer string // the browser's name and version, for the PDF's Producer
}

// tab is one tab of the printer, printing one page at a time.
type tab struct {
	ctx  context.Context
	site fs.FS
	base *url.URL

	mu     sync.Mutex
	loaded map[string]bool // the site's files the page being printed loaded
}

// startPrinter starts a browser with n tabs.
func startPrinter(ctx context.Context, opts Options, base *url.URL, n int) (*printer, error) {
	exe := opts.Browser
	if exe == "" {
		var err error
		if exe, err = FindBrowser(); err != nil {
			return nil, err
		}
	}
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // as root in CI and containers the sandbox cannot start
		chromedp.DisableGPU,
		// Nothing is fetched from the network: no update or sync requests.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	// The browser lives as long as the printer, not as long as ctx: each
	// print is bounded by ctx on its own.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), flags...)
	// What goes wrong is returned; chromedp's own log of a browser that
	// went away would only repeat it on the terminal.
	first, cancelFirst := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(string, ...any) {}))
	cancels := []func(){cancelFirst, cancelAlloc}
	p := &printer{cancel: func() {
		for _, c := range cancels {
			c()
		}
	}}
	version, err := chromedp.CallBrowser(first, browser.GetVersion, struct{}{})
	if err != nil {
		p.close()
		return nil, startError(exe, err)
	}
	p.producer = version.Product
	for i := range n {
		ctx := first
		if i > 0 {
			// Another tab of the same browser.
			var cancel func()
			ctx, cancel = chromedp.NewContext(first)
			cancels = append([]func(){cancel}, cancels...)
		}
		t := &tab{ctx: ctx, site: opts.Site, base: base}
		requests := chromedp.Events(ctx, fetch.RequestPaused)
		go func() {
			for ev, err := range requests {
				if err != nil {
					return
				}
				t.answer(ev)
			}
		}()
		if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
			p.close()
			return nil, startError(exe, err)
		}
		p.tabs = append(p.tabs, t)
	}
	return p, nil
}

func (p *printer) close() { p.cancel() }

// startError says the browser exe did not start; chromedp's message holds
// the browser's output, lines and all, which the error puts on one line.
func startError(exe string, err error) error {
	return fmt.Errorf("starting %s to print PDFs: %s", exe, strings.Join(strings.Fields(err.Error()), " "))
}

// answer answers a request of the page from the site's files: a file the
// site does not have is a 404, an address outside the site is refused.
func (p *tab) answer(ev fetch.EventRequestPaused) {
	file, ok := siteFile(p.base, ev.Request.URL)
	if !ok {
		_, _ = chromedp.Call(p.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		return
	}
	data, err := fs.ReadFile(p.site, file)
	if err != nil {
		_, _ = chromedp.Call(p.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 404, Body: []byte("not found")})
		return
	}
	p.mu.Lock()
	p.loaded[file] = true
	p.mu.Unlock()
	typ := mime.TypeByExtension(path.Ext(file))
	if typ == "" {
		typ = "application/octet-stream"
	}
	_, _ = chromedp.Call(p.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
		RequestID: ev.RequestID, ResponseCode: 200, Body: data,
		ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: typ}},
	})
}

// print prints one page and returns the PDF and the site's files it
// loaded.
func (p *tab) print(ctx context.Context, pg Page) ([]byte, []string, error) {
	p.mu.Lock()
	p.loaded = map[string]bool{}
	p.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	defer cancel()
	// Stop the tab's work when ctx ends; the tab itself stays for the next page.
	tab, cancelTab := context.WithCancel(p.ctx)
	defer cancelTab()
	stop := context.AfterFunc(ctx, cancelTab)
	defer stop()

	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(pageURL(p.base, pg.Path)),
	}
	if pg.Meta.Language != "" {
		lang, _ := json.Marshal(pg.Meta.Language)
		steps = append(steps, evaluate("document.documentElement.lang = "+string(lang)))
	}
	// Print with the fonts the page asked for, not their fallbacks.
	steps = append(steps, evaluate("document.fonts.ready.then(() => true)", chromedp.EvalAwaitPromise))
	if err := chromedp.Do(tab, steps...); err != nil {
		return nil, nil, ctxErr(ctx, err)
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(), // a layout's @page size wins over A4
		chromedp.PDFMargins(0.8, 0.8, 0.8, 0.8),
		chromedp.PDFHeaderTemplate(`<span></span>`),
		chromedp.PDFFooterTemplate(`<div style="font-size:8pt;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFStream(),
	))
	if err != nil {
		return nil, nil, ctxErr(ctx, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	loaded := make([]string, 0, len(p.loaded))
	for f := range p.loaded {
		loaded = append(loaded, f)
	}
	return pdf, loaded, nil
}

func evaluate(js string, opts ...chromedp.EvaluateOption) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](js, opts...)(ctx, t)
		return err
	})
}

// ctxErr prefers the context's error, which says why the print stopped.
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
