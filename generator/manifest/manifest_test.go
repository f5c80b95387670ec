package manifest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/policygen/gen/generator/manifest"
	"github.com/policygen/gen/generator/record"
)

const (
	sumA = "a3f0b6b0e0c7d1a9b1f2e3d4c5b6a7980a1b2c3d4e5f60718293a4b5c6d7e8f9"
	sumB = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e"
)

func sample() *manifest.Manifest {
	from := "2024-01-01"
	return &manifest.Manifest{
		Format: manifest.Format, BaseURL: "https://policies.example", AsOf: "2024-04-10",
		Files: []manifest.File{
			{Path: "/en/privacy/2024-01-01/index.html", Size: 10, SHA256: sumB},
			{Path: "/en/privacy/2024-01-01/source.md", Size: 3, SHA256: sumA},
		},
		Versions: []manifest.Version{{
			Policy: "privacy", Language: "en", LastUpdated: "2024-01-01", Effective: "2024-01-01",
			Status: "in-force", InForceFrom: &from, Page: "/en/privacy/2024-01-01/", Source: "/en/privacy/2024-01-01/source.md",
			Fingerprint: record.Fingerprint{ID: sumA[:12], Source: sumA, Text: sumB},
		}},
	}
}

// TestParseReadsWhatMarshalWrites and refuses every manifest outside the
// schema: a verifier must never check less than it reports.
func TestParseReadsWhatMarshalWrites(t *testing.T) {
	good, err := sample().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Parse(good)
	if err != nil {
		t.Fatalf("Parse refuses what Marshal wrote: %v\n%s", err, good)
	}
	again, _ := m.Marshal()
	if !bytes.Equal(again, good) {
		t.Errorf("a manifest read and written again changed:\n%s\n%s", good, again)
	}
	if n := bytes.Count(good, []byte("\n")); n != 12 {
		t.Errorf("%d lines, want one a file and a version:\n%s", n, good)
	}
	for _, c := range []struct{ name, from, to string }{
		{"another format", `"gen-manifest/1"`, `"gen-manifest/2"`},
		{"an unknown field", `"as_of"`, `"extra": 1, "as_of"`},
		{"a path out of the site", `"/en/privacy/2024-01-01/index.html"`, `"/../etc/passwd"`},
		{"a relative path", `"/en/privacy/2024-01-01/index.html"`, `"en/index.html"`},
		{"a backslash", `"/en/privacy/2024-01-01/index.html"`, `"/en\\privacy.html"`},
		{"files out of order", `"/en/privacy/2024-01-01/index.html"`, `"/z.html"`},
		{"a file twice", `"/en/privacy/2024-01-01/index.html"`, `"/en/privacy/2024-01-01/source.md"`},
		{"a sum that is not one", `"sha256":"` + sumB, `"sha256":"` + strings.ToUpper(sumB)},
		{"a negative size", `"size":10`, `"size":-1`},
		{"a short id that is not the sum's", `"id":"` + sumA[:12], `"id":"` + sumB[:12]},
		{"an id longer than the sum", `"id":"` + sumA[:12], `"id":"` + sumA + sumA},
		{"a date that is not one", `"as_of": "2024-04-10"`, `"as_of": "2024-02-30"`},
		{"more after the end", "}\n", "}\n{}"},
	} {
		bad := strings.Replace(string(good), c.from, c.to, 1)
		if bad == string(good) {
			t.Fatalf("%s: the test changes nothing", c.name)
		}
		if _, err := manifest.Parse([]byte(bad)); err == nil {
			t.Errorf("%s: Parse accepts\n%s", c.name, bad)
		}
	}
}

// FuzzParse: whatever a site serves as its manifest, Parse never panics,
// and what it accepts it writes back to a manifest it reads the same.
func FuzzParse(f *testing.F) {
	good, _ := sample().Marshal()
	f.Add(good)
	f.Add([]byte(`{"format":"gen-manifest/1","as_of":"2024-01-01","files":[],"versions":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := manifest.Parse(b)
		if err != nil {
			return
		}
		out, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		back, err := manifest.Parse(out)
		if err != nil {
			t.Fatalf("Parse refuses what it accepted, written again: %v\n%s", err, out)
		}
		again, _ := back.Marshal()
		if !bytes.Equal(again, out) {
			t.Fatalf("not stable:\n%s\n%s", out, again)
		}
	})
}

// TestSiteIsReadPolitely: a busy server is asked again after a pause, as
// often as allowed; a missing file is not asked for twice; every request
// says who asks; no more requests are open at once than allowed.
func TestSiteIsReadPolitely(t *testing.T) {
	var mu sync.Mutex
	asked := map[string]int{}
	agents := map[string]bool{}
	inFlight, most := 0, 0
	var overlap sync.Once
	overlapped := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Path]++
		n := asked[r.URL.Path]
		agents[r.UserAgent()] = true
		inFlight++
		most = max(most, inFlight)
		if inFlight == 2 {
			overlap.Do(func() { close(overlapped) })
		}
		mu.Unlock()
		defer func() { mu.Lock(); inFlight--; mu.Unlock() }()
		if strings.HasPrefix(r.URL.Path, "/files/") {
			// Hold the first request until another comes, so that the
			// bound is seen whatever the scheduler does; a reader that
			// asks one at a time is still seen, after a while.
			select {
			case <-overlapped:
			case <-time.After(5 * time.Second):
			}
		}
		switch {
		case r.URL.Path == "/busy.html" && n <= 2:
			w.WriteHeader(http.StatusServiceUnavailable)
		case r.URL.Path == "/limited.html" && n == 1:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		case r.URL.Path == "/dropped.html" && n == 1:
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		case r.URL.Path == "/down.html":
			w.WriteHeader(http.StatusBadGateway)
		case r.URL.Path == "/gone.html", r.URL.Path == "/forbidden.html":
			code := map[string]int{"/gone.html": http.StatusNotFound, "/forbidden.html": http.StatusForbidden}[r.URL.Path]
			w.WriteHeader(code)
		default:
			w.Write([]byte("ok " + r.URL.Path))
		}
	}))
	defer srv.Close()
	site, err := manifest.NewSite(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	site.Backoff, site.MaxWait, site.Retries = time.Millisecond, time.Millisecond, 3
	ctx := context.Background()

	for _, path := range []string{"/busy.html", "/limited.html", "/dropped.html"} {
		if b, err := site.Read(ctx, path, 100); err != nil || string(b) != "ok "+path {
			t.Errorf("%s: %q, %v; want it read after the server recovers", path, b, err)
		}
	}
	if _, err := site.Read(ctx, "/down.html", 100); err == nil || !strings.Contains(err.Error(), "502") {
		t.Errorf("a server that stays down: %v", err)
	}
	if _, err := site.Read(ctx, "/gone.html", 100); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("404: %v, want fs.ErrNotExist", err)
	}
	if _, err := site.Read(ctx, "/forbidden.html", 100); err == nil || errors.Is(err, fs.ErrNotExist) {
		t.Errorf("403: %v, want an error that is not 'missing'", err)
	}
	if b, _ := site.Read(ctx, "/en/privacy/index.html", 100); string(b) != "ok /en/privacy/" {
		t.Errorf("a page is read at its folder's address, as visitors ask: got %q", b)
	}
	want := map[string]int{"/busy.html": 3, "/limited.html": 2, "/dropped.html": 2, "/down.html": 4, "/gone.html": 1, "/forbidden.html": 1}
	for path, n := range want {
		if asked[path] != n {
			t.Errorf("%s asked %d times, want %d", path, asked[path], n)
		}
	}

	m := &manifest.Manifest{Format: manifest.Format, AsOf: "2024-01-01"}
	for i := range 40 {
		m.Files = append(m.Files, manifest.File{Path: fmt.Sprintf("/files/%02d.txt", i)})
	}
	manifest.CheckFiles(ctx, site, m, manifest.CheckOptions{Concurrency: 3})
	if most > 3 || most < 2 {
		t.Errorf("%d requests at once, want at most 3 (and more than one)", most)
	}
	for agent := range agents {
		if !strings.HasPrefix(agent, "gen-verify/") {
			t.Errorf("asked as %q", agent)
		}
	}
}
