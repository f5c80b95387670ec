package serve

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/policygen/gen/generator/render"
	"github.com/policygen/gen/generator/urls"
)

// ServeHTTP answers from the build in memory. Only paths that are keys of
// that map exist, so nothing outside the site can ever be reached; paths
// that try (.., backslashes, NUL) are refused before the lookup anyway. A
// request whose Host names another address than the preview's is refused:
// a web page elsewhere could otherwise read the drafts through a name of
// its own that resolves to 127.0.0.1 (DNS rebinding).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts(r.Host) {
		http.Error(w, "gen serve answers only requests for "+s.host+", not for "+r.Host, http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	select {
	case <-s.ready:
	case <-r.Context().Done():
		return
	}
	p := r.URL.Path
	switch p {
	case urls.PreviewScript():
		s.write(w, r, state{}, p, http.StatusOK, "text/javascript; charset=utf-8", reloadJS)
		return
	case urls.PreviewEvents():
		s.events(w, r)
		return
	case urls.PreviewFiles():
		// Named by the build it lists, as every page is by the one it
		// comes from: a reader of the list and then of its files can tell
		// when a build came in between.
		st := s.current()
		s.write(w, r, state{pages: st.pages}, p, http.StatusOK, "text/plain; charset=utf-8", []byte(strings.Join(st.paths(), "\n")+"\n"))
		return
	}

	st := s.current()
	if st.files == nil {
		s.write(w, r, st, p, http.StatusInternalServerError, "text/html; charset=utf-8", errorPage(st.errors))
		return
	}
	// An encoded slash decodes to a path the published site does not
	// answer either: a static host looks the escaped name up as it is.
	if !clean(p) || strings.Contains(strings.ToLower(r.URL.EscapedPath()), "%2f") {
		s.notFound(w, r, st)
		return
	}
	// The preview answers at the site's addresses, under its path as the
	// host will; the root of a preview of a site under a path leads there.
	local, ok := st.urls.Local(p)
	if !ok {
		if p == "/" {
			http.Redirect(w, r, st.urls.Root(), http.StatusFound)
			return
		}
		s.notFound(w, r, st)
		return
	}
	name := urls.File(local)
	if ref, ok := st.files[name]; ok {
		b, err := s.store.read(ref)
		if err != nil {
			http.Error(w, "gen serve: "+err.Error(), http.StatusInternalServerError)
			return
		}
		s.write(w, r, st, p, http.StatusOK, contentType(name, b), b)
		return
	}
	if _, ok := st.files[urls.File(urls.Folder(local))]; ok {
		target := urls.Folder(p)
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	s.notFound(w, r, st)
}

// clean reports whether p is a plain absolute path: no . or .. segments,
// no backslashes (a separator on some systems), no NUL, no empty segments
// but a trailing one.
func clean(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	for i, seg := range strings.Split(p[1:], "/") {
		if seg == "." || seg == ".." || (seg == "" && i != strings.Count(p, "/")-1) {
			return false
		}
	}
	return true
}

// notFound answers with the site's own 404 page, and its headers.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st state) {
	b := []byte("404 page not found\n")
	notFound := st.urls.File(st.urls.NotFound())
	if ref, ok := st.files[notFound]; ok {
		if page, err := s.store.read(ref); err == nil {
			b = page
		}
	}
	s.write(w, r, st, st.urls.NotFound(), http.StatusNotFound, contentType(notFound, b), b)
}

// write sends one response, the file at addr. Pages carry the headers the
// host will send with them (package host), so the preview breaks where the published site
// would (a script the CSP forbids), and a Server-Timing entry naming the
// build they come from, which the reload script reads to know whether it
// is already up to date. The preview's CSP lets its pages connect to the
// preview's own event stream, which the published site does not have.
func (s *Server) write(w http.ResponseWriter, r *http.Request, st state, addr string, status int, ctype string, b []byte) {
	h := w.Header()
	for _, kv := range st.rules.For(addr) {
		v := kv.Value
		if kv.Name == "Content-Security-Policy" {
			v += render.PreviewConnect
		}
		h.Set(kv.Name, v)
	}
	// A type the rules give (a TimeMap's, a calendar's) is the one the
	// host sends; the rest are named by their extension.
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", ctype)
	}
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-store")
	h.Set("Server-Timing", fmt.Sprintf(`gen;desc="%d"`, st.pages))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// contentType names what a file holds, always with its charset for text.
func contentType(name string, b []byte) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json; charset=utf-8"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".ics":
		return "text/calendar; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		if bytes.Contains(b[:min(len(b), 512)], []byte("http://www.w3.org/2005/Atom")) {
			return "application/atom+xml; charset=utf-8"
		}
		return "application/xml; charset=utf-8"
	}
	if !strings.Contains(path.Base(name), ".") || path.Ext(name) == ".conf" {
		return "text/plain; charset=utf-8" // a host's own files: _headers, _redirects, .htaccess
	}
	return http.DetectContentType(b)
}

var errorTemplate = template.Must(template.New("errors").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Build failed · gen serve</title></head>
<body>
<h1>The site does not build</h1>
<p>Fix these and the page reloads by itself:</p>
<pre id="gen-build-errors">{{range .Errors}}{{.}}
{{end}}</pre>
{{.Tag}}</body>
</html>
`))

// errorPage is served for every path while no build has succeeded yet.
func errorPage(errs []string) []byte {
	var b bytes.Buffer
	errorTemplate.Execute(&b, struct {
		Errors []string
		Tag    template.HTML
	}{errs, reloadTag})
	return b.Bytes()
}
