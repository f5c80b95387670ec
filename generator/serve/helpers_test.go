package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"html/template"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/render"
	"github.com/policygen/gen/generator/serve"
	"github.com/policygen/gen/generator/urls"
)

// testSite is the small site the CLI tests build.
const testSite = "../cli/testdata/site"

// now fixes "today" for the test site: a material change is on notice and
// the privacy policy has an upcoming version.
const now = "2024-04-10"

// copySite copies a site into a fresh temporary folder the test may change.
func copySite(t testing.TB, from string) string { return testsite.Copy(t, from) }

// running is a server started by a test, with a client on its event stream.
type running struct {
	srv    *serve.Server
	url    string
	events chan serve.Event
	log    *syncBuffer
	last   serve.Event // the newest event received
}

// start serves site on a free port until the test ends, and waits for the
// first build's event.
func start(t testing.TB, site string) *running {
	t.Helper()
	return startAt(t, site, now)
}

// startAt is start with another "today" ("" for the clock's); configure,
// if given, changes the server before it starts.
func startAt(t testing.TB, site, now string, configure ...func(*serve.Server)) *running {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	srv := serve.New(build.Options{Site: site, Now: now}, ln.Addr().String(), log)
	for _, f := range configure {
		f(srv)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("Serve did not return after its context was cancelled")
		}
	})
	r := &running{srv: srv, url: "http://" + ln.Addr().String(), events: make(chan serve.Event, 100), log: log}
	r.listen(t, ctx)
	r.last = r.next(t, 30*time.Second)
	return r
}

// listen reads the event stream into r.events.
func (r *running) listen(t testing.TB, ctx context.Context) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.url+"/_gen/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("/_gen/events: Content-Type %q", ct)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var ev serve.Event
			if json.Unmarshal([]byte(data), &ev) == nil {
				r.events <- ev
			}
		}
	}()
}

// next waits for the next event.
func (r *running) next(t testing.TB, timeout time.Duration) serve.Event {
	t.Helper()
	select {
	case ev := <-r.events:
		r.last = ev
		return ev
	case <-time.After(timeout):
		t.Fatalf("no build event within %s; server log:\n%s", timeout, r.log)
		return serve.Event{}
	}
}

// get fetches a path and returns status, body and headers.
func (r *running) get(t testing.TB, path string) (int, []byte, http.Header) {
	t.Helper()
	resp, err := http.Get(r.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

// served fetches every file the server lists, with the reload tag removed,
// all of one build. A build published while they are read (an edit's
// events arriving late, as they do under load) gives a listing whose files
// have changed or gone: they are read again.
func (r *running) served(t testing.TB) map[string][]byte {
	t.Helper()
	for range 20 {
		if files, ok := r.servedOnce(t); ok {
			return files
		}
	}
	t.Fatal("a new build came in while the served files were read, 20 times running")
	return nil
}

// servedOnce is served, or false when not every file came from the build
// the listing did.
func (r *running) servedOnce(t testing.TB) (map[string][]byte, bool) {
	t.Helper()
	_, list, h := r.get(t, urls.PreviewFiles())
	build := builtBy(h)
	files := map[string][]byte{}
	for _, p := range strings.Fields(string(list)) {
		status, b, h := r.get(t, p)
		if builtBy(h) != build {
			return nil, false
		}
		if status != http.StatusOK {
			t.Fatalf("%s is listed but answers %d", p, status)
		}
		files[p] = published(b)
	}
	return files, true
}

// published is a served file as a build writes it: without the reload
// script, and with the page's own Content-Security-Policy, which the
// preview's lets connect to its event stream.
func published(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte(serve.ReloadTag), nil)
	return bytes.ReplaceAll(b, []byte(metaPolicy(true)), []byte(metaPolicy(false)))
}

// metaPolicy is a page's <meta> Content-Security-Policy as the layouts
// write it, with html/template's escapes.
func metaPolicy(preview bool) string {
	return `<meta http-equiv="Content-Security-Policy" content="` + template.HTMLEscapeString(render.MetaPolicy(preview, nil)) + `">`
}

// builtBy names the good build a response comes from: serve's
// Server-Timing entry, which the reload script reads.
func builtBy(h http.Header) string { return h.Get("Server-Timing") }

// fresh builds site with drafts, as `gen build --drafts`, and reads the
// output; ok is false when the build has errors.
func fresh(t testing.TB, site string) (files map[string][]byte, ok bool) {
	t.Helper()
	return freshAt(t, site, now)
}

// freshAt is fresh for another day.
func freshAt(t testing.TB, site, now string) (files map[string][]byte, ok bool) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, diags, err := build.Build(build.Options{Site: site, Now: now, Drafts: true}, out)
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		return nil, false
	}
	files = map[string][]byte{}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		files["/"+filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The preview publishes nothing, so it proves nothing: its pages carry
	// the reload script, and it writes no manifest of them.
	delete(files, urls.Manifest())
	return files, true
}

// difference describes how two file sets differ, or is "" when they do not.
func difference(got, want map[string][]byte) string {
	var b strings.Builder
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			b.WriteString("missing " + p + "\n")
		case !bytes.Equal(g, w):
			b.WriteString("differs " + p + "\n")
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			b.WriteString("extra " + p + "\n")
		}
	}
	return b.String()
}

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
