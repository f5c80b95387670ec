package serve

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/policygen/gen/generator/urls"
)

// ServeHTTP answers from the build in memory. Only paths that are keys of
// that map exist, so nothing outside the site can ever be reached; paths
// that try (.., backslashes, NUL) are refused before the lookup anyway.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
		s.write(w, r, state{}, http.StatusOK, "text/javascript; charset=utf-8", reloadJS)
		return
	case urls.PreviewEvents():
		s.events(w, r)
		return
	case urls.PreviewFiles():
		// Named by the build it lists, as every page is by the one it
		// comes from: a reader of the list and then of its files can tell
		// when a build came in between.
		st := s.current()
		s.write(w, r, state{pages: st.pages}, http.StatusOK, "text/plain; charset=utf-8", []byte(strings.Join(st.paths(), "\n")+"\n"))
		return
	}

	st := s.current()
	if st.files == nil {
		s.write(w, r, st, http.StatusInternalServerError, "text/html; charset=utf-8", errorPage(st.errors))
		return
	}
	// An encoded slash decodes to a path the published site does not
	// answer either: a static host looks the escaped name up as it is.
	if !clean(p) || strings.Contains(strings.ToLower(r.URL.EscapedPath()), "%2f") {
		s.notFound(w, r, st)
		return
	}
	name := urls.File(p)
	if ref, ok := st.files[name]; ok {
		b, err := s.store.read(ref)
		if err != nil {
			http.Error(w, "gen serve: "+err.Error(), http.StatusInternalServerError)
			return
		}
		s.write(w, r, st, http.StatusOK, contentType(name, b), b)
		return
	}
	if _, ok := st.files[urls.File(urls.Folder(p))]; ok {
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

// notFound answers with the site's own 404 page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st state) {
	b := []byte("404 page not found\n")
	if ref, ok := st.files[urls.NotFound()]; ok {
		if page, err := s.store.read(ref); err == nil {
			b = page
		}
	}
	s.write(w, r, st, http.StatusNotFound, contentType(urls.NotFound(), b), b)
}

// write sends one response. Pages carry the site's own headers, so the
// preview breaks where the published site would (a script the CSP forbids),
// and a Server-Timing entry naming the build they come from, which the
// reload script reads to know whether it is already up to date.
func (s *Server) write(w http.ResponseWriter, r *http.Request, st state, status int, ctype string, b []byte) {
	h := w.Header()
	for _, kv := range st.headers {
		h.Set(kv[0], kv[1])
	}
	h.Set("Content-Type", ctype)
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
	if name == urls.Headers() {
		return "text/plain; charset=utf-8"
	}
	return http.DetectContentType(b)
}

// siteHeaders reads the "/*" block of the site's _headers file: the headers
// a static host sends with every file. The preview adds connect-src 'self'
// to the Content-Security-Policy for its own event stream, which the
// published site does not have.
func siteHeaders(file []byte) [][2]string {
	var out [][2]string
	in := false
	for _, line := range strings.Split(string(file), "\n") {
		if !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") {
			in = strings.TrimSpace(line) == urls.AllFiles()
			continue
		}
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !in || !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if k == "Content-Security-Policy" && !strings.Contains(v, "connect-src") {
			v += "; connect-src 'self'"
		}
		out = append(out, [2]string{k, v})
	}
	return out
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
