package serve_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/policygen/gen/generator/build"
	"github.com/policygen/gen/generator/serve"
)

// TestServesWhatBuildWrites is the invariant: after any sequence of edits,
// creates, renames and deletes, the server serves byte for byte what a
// fresh `gen build --drafts` of the same files writes, apart from the
// reload script, and nothing more. A build with errors leaves the last good
// files on show, with the errors announced.
func TestServesWhatBuildWrites(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 4, 5, 6} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			site := copySite(t, testSite)
			r := start(t, site)
			rng := rand.New(rand.NewPCG(seed, 0))
			good, ok := fresh(t, site)
			if !ok {
				t.Fatal("the test site does not build")
			}
			checkServes(t, r, good, site, "the first build")
			for step := range 30 {
				op := mutate(t, rng, site)
				before := r.last.Build
				ev := r.next(t, 10*time.Second)
				if ev.Build <= before {
					t.Fatalf("step %d (%s): event for build %d after build %d", step, op, ev.Build, before)
				}
				want, ok := fresh(t, site)
				if ok {
					good = want
				}
				what := fmt.Sprintf("step %d (%s)", step, op)
				checkEventually(t, r, good, ok, what)
				t.Log(what)
			}
			// The invariant says little unless the partial renders ran.
			if n := partialBuilds(r.log.String()); n < 5 {
				t.Errorf("only %d of the builds rendered part of the site; the test does not exercise incremental rebuilds:\n%s", n, r.log)
			}
		})
	}
}

// partialBuilds counts the builds the log says rendered only some files.
func partialBuilds(log string) int {
	n := 0
	for _, line := range strings.Split(log, "\n") {
		var redone, total int
		if _, after, ok := strings.Cut(line, ": "); ok && strings.HasPrefix(line, "built in ") {
			if _, err := fmt.Sscanf(after, "%d of %d files", &redone, &total); err == nil && redone < total {
				n++
			}
		}
	}
	return n
}

// checkEventually compares what the server serves with want, waiting for
// further builds while they come: an operation of several steps may give
// several builds.
func checkEventually(t *testing.T, r *running, want map[string][]byte, buildOK bool, what string) {
	t.Helper()
	// Builds that keep coming must not keep the test waiting forever.
	deadline := time.After(30 * time.Second)
	for {
		diff := difference(r.served(t), want)
		announced := len(r.last.Errors) > 0
		if diff == "" && announced != buildOK {
			return
		}
		select {
		case ev := <-r.events:
			r.last = ev
		case <-deadline:
			t.Fatalf("%s: still no match after 30 s of builds (build ok %v, errors announced %v):\n%s\nserver log:\n%s",
				what, buildOK, announced, diff, r.log)
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: served files differ from a fresh build (build ok %v, errors announced %v):\n%s\nserver log:\n%s",
				what, buildOK, announced, diff, r.log)
		}
	}
}

func checkServes(t *testing.T, r *running, want map[string][]byte, site, what string) {
	t.Helper()
	if diff := difference(r.served(t), want); diff != "" {
		t.Fatalf("%s: served files differ from a fresh build of %s:\n%s", what, site, diff)
	}
}

// mutate changes the site's content the way an author (and an editor)
// would, and says what it did.
func mutate(t *testing.T, rng *rand.Rand, site string) string {
	t.Helper()
	content := filepath.Join(site, "content")
	files := policyFiles(t, content)
	policies := dirs(t, content)
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	write := func(p string, b []byte) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rel := func(p string) string { r, _ := filepath.Rel(site, p); return r }
	const broken = "+++\nbroken =\n"

	// Broken files are mended soon, so most steps build.
	for _, f := range files {
		if b := read(f); bytes.HasPrefix(b, []byte(broken)) && rng.IntN(2) == 0 {
			write(f, append([]byte("+++\n"), b[len(broken):]...))
			return "mend " + rel(f)
		}
	}

	for {
		switch k := rng.IntN(20); {
		case k <= 5 && len(files) > 0: // edit a body
			f := pick(files)
			write(f, append(read(f), fmt.Sprintf("\nParagraph %d added while editing.\n", rng.IntN(1e6))...))
			return "edit " + rel(f)
		case k <= 7 && len(files) > 0: // save as editors do: a temporary, then a rename over the file
			f := pick(files)
			dir := filepath.Dir(f)
			write(filepath.Join(dir, "4913"), nil)
			os.Remove(filepath.Join(dir, "4913"))
			write(filepath.Join(dir, "."+filepath.Base(f)+".swp"), []byte("swap"))
			tmp := filepath.Join(dir, filepath.Base(f)+"~")
			b := bytes.Replace(read(f), []byte("title = \""), fmt.Appendf(nil, "title = \"%d ", rng.IntN(100)), 1)
			write(tmp, b)
			if err := os.Rename(tmp, f); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "."+filepath.Base(f)+".swp"))
			return "atomic save of " + rel(f)
		case k <= 9: // toggle a material change or move an effective date: site-wide notices move
			for _, f := range files {
				b := read(f)
				switch {
				case bytes.Contains(b, []byte("material = true")):
					write(f, bytes.Replace(b, []byte("material = true"), []byte("material = false"), 1))
					return "material off in " + rel(f)
				case bytes.Contains(b, []byte("material = false")):
					write(f, bytes.Replace(b, []byte("material = false"), []byte("material = true"), 1))
					return "material on in " + rel(f)
				case bytes.Contains(b, []byte("effective = 2024-06-01")):
					write(f, bytes.Replace(b, []byte("effective = 2024-06-01"), []byte("effective = 2024-04-09"), 1))
					return "in force now: " + rel(f)
				}
			}
		case k == 10: // a whole new policy with its archive, folders and all at once
			dir := filepath.Join(content, fmt.Sprintf("policy-%d", rng.IntN(1000)))
			if _, err := os.Stat(dir); err == nil {
				continue
			}
			write(filepath.Join(dir, "archive", "2022-02-02", "en.md"), []byte("+++\ntitle = \"Old\"\nlast_updated = 2022-02-02\n+++\nOld text.\n"))
			write(filepath.Join(dir, "en.md"), []byte("+++\ntitle = \"New\"\nlast_updated = 2024-04-01\n[change]\nsummary = \"New text.\"\nmaterial = true\n+++\nNew text.\n"))
			return "create " + rel(dir) + " with an archive"
		case k <= 12: // a new policy, or a new language of one
			src := []byte("+++\ntitle = \"New policy\"\nlast_updated = 2024-02-02\n+++\nA new policy.\n")
			if len(files) > 0 {
				src = read(pick(files))
			}
			dst := filepath.Join(content, fmt.Sprintf("policy-%d", rng.IntN(1000)), "en.md")
			if rng.IntN(2) == 0 && len(policies) > 0 {
				dst = filepath.Join(content, filepath.Base(pick(policies)), "sv.md")
			}
			if _, err := os.Stat(dst); err == nil {
				continue
			}
			write(dst, src)
			return "create " + rel(dst)
		case k == 13 && len(policies) > 1: // rename a policy folder
			from := pick(policies)
			to := filepath.Join(content, fmt.Sprintf("renamed-%d", rng.IntN(1000)))
			if err := os.Rename(from, to); err != nil {
				t.Fatal(err)
			}
			return "rename " + rel(from) + " to " + rel(to)
		case k == 14 && len(policies) > 2: // delete a policy folder
			p := pick(policies)
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			return "delete folder " + rel(p)
		case k == 15 && len(files) > 3: // delete one file
			f := pick(files)
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
			return "delete " + rel(f)
		case k >= 16 && len(files) > 0: // break the front matter, or mend it
			f := pick(files)
			b := read(f)
			if rest, ok := bytes.CutPrefix(b, []byte(broken)); ok {
				write(f, append([]byte("+++\n"), rest...))
				return "mend " + rel(f)
			}
			write(f, append([]byte(broken), bytes.TrimPrefix(b, []byte("+++\n"))...))
			return "break " + rel(f)
		}
	}
}

// policyFiles lists the Markdown files below content, sorted.
func policyFiles(t *testing.T, content string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// dirs lists the folders directly inside dir, sorted.
func dirs(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// TestListingNamesItsBuild: /_gen/files names the build it lists as each
// page names the build it comes from, so a reader of the list and then of
// its files (the invariant test's) sees a build that came in between
// rather than a listed page that answers 404.
func TestListingNamesItsBuild(t *testing.T) {
	site := copySite(t, testSite)
	r := start(t, site)
	_, list, h := r.get(t, "/_gen/files")
	listed := h.Get("Server-Timing")
	if !strings.Contains(string(list), "/en/cookies/index.html\n") {
		t.Fatalf("the listing lacks /en/cookies/index.html:\n%s", list)
	}
	if _, _, h := r.get(t, "/en/cookies/index.html"); h.Get("Server-Timing") != listed {
		t.Errorf("a page of the build listed is named %q, the listing %q", h.Get("Server-Timing"), listed)
	}

	if err := os.RemoveAll(filepath.Join(site, "content", "cookies")); err != nil {
		t.Fatal(err)
	}
	r.next(t, 10*time.Second)
	status, _, h := r.get(t, "/en/cookies/index.html")
	if status != http.StatusNotFound || h.Get("Server-Timing") == listed {
		t.Errorf("after the policy was deleted its page answers %d from build %q, the listing's was %q", status, h.Get("Server-Timing"), listed)
	}
	if _, list, h := r.get(t, "/_gen/files"); h.Get("Server-Timing") == listed || strings.Contains(string(list), "/en/cookies/") {
		t.Errorf("the listing after the deletion is named %q (before: %q) and lists:\n%s", h.Get("Server-Timing"), listed, list)
	}
}

// TestContentTypes checks what each kind of file is served as, the 404
// page, and the redirect from a folder without its slash.
func TestContentTypes(t *testing.T) {
	r := start(t, copySite(t, testSite))
	for _, c := range []struct {
		path, ctype string
		status      int
	}{
		{"/en/privacy/", "text/html; charset=utf-8", 200},
		{"/style.css", "text/css; charset=utf-8", 200},
		{"/compare.js", "text/javascript; charset=utf-8", 200},
		{"/_gen/reload.js", "text/javascript; charset=utf-8", 200},
		{"/sitemap.xml", "application/xml; charset=utf-8", 200},
		{"/en/feed.xml", "application/atom+xml; charset=utf-8", 200},
		{"/policies.json", "application/json; charset=utf-8", 200},
		{"/en/privacy/2024-04-05/source.md", "text/markdown; charset=utf-8", 200},
		{"/en/privacy/timemap.link", "application/link-format", 200},
		{"/robots.txt", "text/plain; charset=utf-8", 200},
		{"/no/such/page/", "text/html; charset=utf-8", 404},
	} {
		status, body, h := r.get(t, c.path)
		if status != c.status || h.Get("Content-Type") != c.ctype {
			t.Errorf("%s: %d %q, want %d %q", c.path, status, h.Get("Content-Type"), c.status, c.ctype)
		}
		if c.status == 404 {
			_, want, _ := r.get(t, "/404.html")
			if !bytes.Equal(body, want) {
				t.Errorf("%s: the body is not the site's 404 page", c.path)
			}
		}
	}
	// The pages carry the reload script; the site's own CSP still allows it.
	_, page, h := r.get(t, "/en/privacy/")
	if !bytes.Contains(page, []byte(serve.ReloadTag+"</body>")) {
		t.Errorf("/en/privacy/ lacks the reload script before </body>")
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(r.url + "/en/privacy?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/en/privacy/?x=1" {
		t.Errorf("/en/privacy: %d to %q, want 301 to /en/privacy/?x=1", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestNoPathEscapes sends paths that try to leave the site, raw on the
// wire so no client cleans them first; none may answer with a file.
func TestNoPathEscapes(t *testing.T) {
	site := copySite(t, testSite)
	r := start(t, site)
	secret := "top secret outside the site"
	os.WriteFile(filepath.Join(filepath.Dir(site), "secret.txt"), []byte(secret), 0o644)
	for _, p := range []string{
		"/../site.toml", "/..%2fsite.toml", "/%2e%2e/site.toml", "/%2e%2e%2fsecret.txt",
		"/en/..%2f..%2fsite.toml", "/en/%2e%2e%2f%2e%2e%2fsecret.txt", "/..\\site.toml",
		"/en%5c..%5c..%5csite.toml", "/./style.css", "/en//privacy/", "/%00", "/content/privacy/en.md",
		"/site.toml", "/static/robots.txt",
		// An encoded slash names no file: a static host answers 404.
		"/en%2fprivacy/", "/en%2Fprivacy%2Fhistory/",
	} {
		status, body := rawGet(t, r.url, p)
		if status != 404 && status != 400 {
			t.Errorf("GET %s: status %d, want 404 or 400", p, status)
		}
		if strings.Contains(body, secret) || strings.Contains(body, "base_url") || strings.Contains(body, "last_updated =") {
			t.Errorf("GET %s: answered with a file from outside the site", p)
		}
	}
}

// rawGet sends a request line exactly as given.
func rawGet(t *testing.T, base, path string) (int, string) {
	t.Helper()
	return rawGetFor(t, base, path, strings.TrimPrefix(base, "http://"))
}

// rawGetFor sends a request line exactly as given, for host.
func rawGetFor(t *testing.T, base, path, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	var buf bytes.Buffer
	buf.ReadFrom(conn)
	var status int
	fmt.Sscanf(buf.String(), "HTTP/1.1 %d", &status)
	return status, buf.String()
}

// TestPortInUse gives a one-line error with a hint, not a stack of them.
func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	err = serve.New(build.Options{Site: testSite, Now: now}, addr, &syncBuffer{}).Run(context.Background())
	if err == nil {
		t.Fatal("Run succeeded on a port in use")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, addr+" is in use") || !strings.Contains(msg, "--addr 127.0.0.1:") {
		t.Errorf("error %q: want one line naming %s and suggesting --addr", msg, addr)
	}
}

// TestErrorsThenFix breaks a file and mends it: the errors are announced
// and logged while the last good pages stay, and go once the file is fixed.
// A site that never built serves a page listing its errors.
func TestErrorsThenFix(t *testing.T) {
	site := copySite(t, testSite)
	r := start(t, site)
	f := filepath.Join(site, "content", "cookies", "en.md")
	good, _ := os.ReadFile(f)
	_, before, _ := r.get(t, "/en/cookies/")

	os.WriteFile(f, bytes.Replace(good, []byte("title ="), []byte("titel ="), 1), 0o644)
	ev := r.next(t, 10*time.Second)
	if !slices.ContainsFunc(ev.Errors, func(e string) bool { return strings.HasPrefix(e, "content/cookies/en.md:2:1: unknown key") }) {
		t.Errorf("errors %q: want content/cookies/en.md:2:1: unknown key …", ev.Errors)
	}
	if !strings.Contains(r.log.String(), "content/cookies/en.md:2:1: ") {
		t.Errorf("the terminal did not get the error:\n%s", r.log)
	}
	if status, during, _ := r.get(t, "/en/cookies/"); status != 200 || !bytes.Equal(during, before) {
		t.Errorf("during the error: %d, last good page kept: %v", status, bytes.Equal(during, before))
	}

	os.WriteFile(f, good, 0o644)
	ev = r.next(t, 10*time.Second)
	if len(ev.Errors) != 0 || ev.Pages != 2 {
		t.Errorf("after the fix: %+v, want no errors and the second good build", ev)
	}

	broken := copySite(t, testSite)
	os.WriteFile(filepath.Join(broken, "content", "cookies", "en.md"), []byte("+++\ntitle = 1\n+++\n"), 0o644)
	r = start(t, broken)
	status, page, _ := r.get(t, "/en/cookies/")
	if status != http.StatusInternalServerError || !bytes.Contains(page, []byte("content/cookies/en.md:")) || !bytes.Contains(page, []byte(serve.ReloadTag)) {
		t.Errorf("a site that never built: %d\n%s", status, page)
	}
}

// TestBrokenLinkFailsAsTheBuildDoes writes a link to a page the site does
// not have: the preview announces the build's error at its position and
// keeps the last good pages, as `gen build` would refuse to publish.
func TestBrokenLinkFailsAsTheBuildDoes(t *testing.T) {
	site := copySite(t, testSite)
	r := start(t, site)
	f := filepath.Join(site, "content", "cookies", "en.md")
	good, _ := os.ReadFile(f)
	_, before, _ := r.get(t, "/en/cookies/")

	os.WriteFile(f, append(bytes.Clone(good), "\nSee [privacy](/en/privaci/).\n"...), 0o644)
	ev := r.next(t, 10*time.Second)
	if !slices.ContainsFunc(ev.Errors, func(e string) bool {
		return strings.HasPrefix(e, "content/cookies/en.md:") && strings.Contains(e, "broken link: /en/privaci/")
	}) {
		t.Errorf("errors %q: want the broken link at its position", ev.Errors)
	}
	if _, now, _ := r.get(t, "/en/cookies/"); !bytes.Equal(now, before) {
		t.Errorf("the page with the broken link was published anyway")
	}
}

// TestMidnightBringsTheUpcomingVersionIntoForce leaves the preview running
// over the night before the test site's privacy policy comes into force
// (2024-06-01 in Europe/Stockholm, the site's time zone), with no edit: at
// midnight the preview must show what a build of the new day writes.
func TestMidnightBringsTheUpcomingVersionIntoForce(t *testing.T) {
	site := copySite(t, testSite)
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	var clock atomic.Int64 // Unix nanoseconds
	clock.Store(time.Date(2024, 5, 31, 23, 59, 0, 0, stockholm).UnixNano())
	r := startAt(t, site, "", func(s *serve.Server) {
		serve.SetClock(s, func() time.Time { return time.Unix(0, clock.Load()) }, 20*time.Millisecond)
	})
	before, ok := freshAt(t, site, "2024-05-31")
	if !ok {
		t.Fatal("the test site does not build")
	}
	checkEventually(t, r, before, true, "the evening before")

	// In UTC it is still 31 May: the site's time zone decides the day.
	clock.Store(time.Date(2024, 6, 1, 0, 0, 1, 0, stockholm).UnixNano())
	after, _ := freshAt(t, site, "2024-06-01")
	if difference(before, after) == "" {
		t.Fatal("the test site looks the same on both days; the test proves nothing")
	}
	r.next(t, 10*time.Second)
	checkEventually(t, r, after, true, "just after midnight")
	if !strings.Contains(r.log.String(), "a new day") {
		t.Errorf("the log does not say why it rebuilt:\n%s", r.log)
	}

	// A site with errors at midnight is built for the new day once, not
	// again at every look at the clock until it is fixed.
	file := filepath.Join(site, "content", "cookies", "en.md")
	good, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(good, []byte("title ="), []byte("titel ="), 1), 0o644)
	checkEventually(t, r, after, false, "the site broken")
	clock.Store(time.Date(2024, 6, 2, 0, 0, 1, 0, stockholm).UnixNano())
	r.next(t, 10*time.Second)
	time.Sleep(300 * time.Millisecond) // fifteen looks at the clock
	if n := strings.Count(r.log.String(), "a new day"); n != 2 {
		t.Errorf("%d new-day builds, want 2 (one per midnight):\n%s", n, r.log)
	}
	os.WriteFile(file, good, 0o644)
	fixed, _ := freshAt(t, site, "2024-06-02")
	checkEventually(t, r, fixed, true, "fixed on the next day")
}

// TestOnlyItsOwnHost refuses a request whose Host is not the preview's:
// a page of another site whose name an attacker points at 127.0.0.1 (DNS
// rebinding) must not read the drafts. The names of the loopback address
// the preview listens on, with its port, are its own.
func TestOnlyItsOwnHost(t *testing.T) {
	r := start(t, copySite(t, testSite))
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(r.url, "http://"))
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port} {
		if status, _ := rawGetFor(t, r.url, "/en/privacy/", host); status != http.StatusOK {
			t.Errorf("Host %s: status %d, want 200", host, status)
		}
	}
	for _, host := range []string{"attacker.example:" + port, "attacker.example", "127.0.0.1:1", "localhost", "127.0.0.1.attacker.example:" + port, ""} {
		status, body := rawGetFor(t, r.url, "/en/privacy/", host)
		if status != http.StatusForbidden {
			t.Errorf("Host %q: status %d, want 403", host, status)
		}
		if strings.Contains(body, "Privacy") {
			t.Errorf("Host %q: the page was sent", host)
		}
	}
}

// TestPreviewUnderAPath previews a site whose base_url has a path at that
// path, as its host will publish it: every file a fresh build writes is
// there, byte for byte; the root of the preview leads to the site, and
// nothing is served from the root of the host.
func TestPreviewUnderAPath(t *testing.T) {
	site := copySite(t, testSite)
	toml := filepath.Join(site, "site.toml")
	b, _ := os.ReadFile(toml)
	os.WriteFile(toml, bytes.Replace(b, []byte(`base_url = "https://policies.acme.example/"`), []byte(`base_url = "https://acme.example/legal/policies/"`), 1), 0o644)
	r := start(t, site)
	want, ok := fresh(t, site)
	if !ok {
		t.Fatal("the site does not build")
	}
	for p, w := range want {
		status, got, _ := r.get(t, "/legal/policies"+p)
		if status != http.StatusOK || !bytes.Equal(published(got), w) {
			t.Errorf("/legal/policies%s: status %d, or not what the build wrote", p, status)
		}
	}
	if status, _, _ := r.get(t, "/en/privacy/"); status != http.StatusNotFound {
		t.Errorf("/en/privacy/, outside the site's path: status %d, want 404", status)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for from, to := range map[string]string{"/": "/legal/policies/", "/legal/policies/en/privacy": "/legal/policies/en/privacy/"} {
		resp, err := client.Get(r.url + from)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); loc != to {
			t.Errorf("%s leads to %q, want %q", from, loc, to)
		}
	}
	status, page, h := r.get(t, "/legal/policies/no-such-page/")
	if status != http.StatusNotFound || !bytes.Equal(published(page), want["/404.html"]) || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("an unknown page: status %d, CSP %q, or not the site's 404 page", status, h.Get("Content-Security-Policy"))
	}
	if _, _, h := r.get(t, "/legal/policies/en/privacy/embed.html"); h.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("the embed is not open to other sites: %v", h)
	}
	if _, _, h := r.get(t, "/legal/policies/en/privacy/"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a page is open to other sites")
	}
	if !strings.Contains(r.log.String(), "/legal/policies/") {
		t.Errorf("the log does not say where the site is:\n%s", r.log)
	}
}
