package cli_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/policygen/gen/generator/manifest"
)

// signingKey makes an Ed25519 key, writes its public half as ssh-keygen
// would (key.pub) and returns the signer and that file.
func signingKey(t *testing.T) (ssh.Signer, string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(t.TempDir(), "key.pub")
	if err := os.WriteFile(pub, ssh.MarshalAuthorizedKey(signer.PublicKey()), 0o644); err != nil {
		t.Fatal(err)
	}
	return signer, pub
}

// sign writes the build's manifest.json.sig with key, as gen build --sign
// and ssh-keygen -Y sign do.
func sign(t *testing.T, out string, key ssh.Signer) {
	t.Helper()
	sig, err := manifest.Sign(mustRead(t, out, "manifest.json"), key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "manifest.json.sig"), sig, 0o644); err != nil {
		t.Fatal(err)
	}
}

// tamper changes a file of a build the way a compromised host or a careless
// upload would, and returns a function that puts it back.
func tamper(t *testing.T, file string, change func([]byte) []byte) (restore func()) {
	t.Helper()
	before := mustReadFile(t, file)
	if err := os.WriteFile(file, change(bytes.Clone(before)), 0o644); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := os.WriteFile(file, before, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkVerify runs gen verify with args and checks its exit status and
// that stderr names every one of the problems it must find.
func checkVerify(t *testing.T, what string, wantCode int, wantErrors []string, args ...string) string {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{"verify"}, args...)...)
	if code != wantCode {
		t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", what, code, wantCode, stdout, stderr)
	}
	for _, want := range wantErrors {
		if !strings.Contains(stderr, want) {
			t.Errorf("%s: stderr does not say %q:\n%s", what, want, stderr)
		}
	}
	return stdout
}

// TestVerifyAFolder checks a signed build with gen verify, then tampers
// with it in every way that must be caught: a page, a lost file, an added
// one, the signature, the manifest, and the content it was built from.
func TestVerifyAFolder(t *testing.T) {
	site := copySite(t, testSite)
	out := buildSite(t, site, "2024-04-10")
	key, pub := signingKey(t)
	sign(t, out, key)
	page := filepath.Join(out, "en", "privacy", "index.html")

	stdout := checkVerify(t, "the build as built", 0, nil, out, "--key", pub, "-s", site)
	for _, want := range []string{"signature  good", "all match", "is exactly what its manifest lists, signed by the key given"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the report does not say %q:\n%s", want, stdout)
		}
	}

	restore := tamper(t, page, func(b []byte) []byte { return bytes.Replace(b, []byte("Privacy policy"), []byte("Privacy POLICY"), 1) })
	checkVerify(t, "a page changed", 1, []string{page + ": differs: sha256"}, out, "--key", pub)
	restore()

	source := filepath.Join(out, "en", "privacy", "2023-01-01", "source.md")
	restore = tamper(t, source, func(b []byte) []byte { return append(b, '\n') })
	checkVerify(t, "a source one byte longer", 1, []string{source + ": differs: longer than"}, out)
	restore()

	feed := filepath.Join(out, "en", "feed.xml")
	restore = tamper(t, feed, func(b []byte) []byte { return b })
	os.Remove(feed)
	checkVerify(t, "a file lost", 1, []string{feed + ": missing"}, out)
	restore()

	planted := filepath.Join(out, "en", "privacy", "2022-01-01", "index.html")
	os.MkdirAll(filepath.Dir(planted), 0o755)
	os.WriteFile(planted, []byte("<p>We sell your data.</p>"), 0o644)
	checkVerify(t, "a page planted", 1, []string{planted + ": not in the manifest"}, out)
	os.RemoveAll(filepath.Dir(planted))

	sigFile := filepath.Join(out, "manifest.json.sig")
	other, _ := signingKey(t)
	restore = tamper(t, sigFile, func([]byte) []byte {
		sig, _ := manifest.Sign(mustRead(t, out, "manifest.json"), other)
		return sig
	})
	checkVerify(t, "signed by another key", 1, []string{sigFile + ": signed by another key"}, out, "--key", pub)
	restore()
	restore = tamper(t, sigFile, func(b []byte) []byte {
		// One character of the signature's base64, inside the signature blob.
		i := bytes.LastIndex(b, []byte("\n-----END")) - 10
		b[i] ^= 'A' ^ 'B'
		return b
	})
	checkVerify(t, "a signature changed", 1, []string{sigFile + ": "}, out, "--key", pub)
	restore()

	// Someone with write access to the host changes a page and lists its new
	// sum in the manifest: every file matches, but the signature does not.
	restore = tamper(t, page, func(b []byte) []byte { return bytes.Replace(b, []byte("Privacy policy"), []byte("Privacy POLICY"), 1) })
	changed := sha256Hex(mustReadFile(t, page))
	restoreManifest := tamper(t, filepath.Join(out, "manifest.json"), func(b []byte) []byte {
		var m manifest.Manifest
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for i := range m.Files {
			if m.Files[i].Path == "/en/privacy/index.html" {
				m.Files[i].SHA256 = changed
			}
		}
		out, _ := m.Marshal()
		return out
	})
	checkVerify(t, "without the key, the forged manifest passes", 0, nil, out)
	checkVerify(t, "a forged manifest", 1, []string{sigFile + ": does not match the manifest"}, out, "--key", pub)
	restoreManifest()
	restore()
	os.Remove(sigFile)
	checkVerify(t, "no signature", 1, []string{sigFile + ": missing"}, out, "--key", pub)
	sign(t, out, key)

	// An archived version edited after it was published: the site is as
	// built, but no longer what the content says.
	archived := filepath.Join(site, "content", "privacy", "archive", "2023-01-01", "en.md")
	restore = tamper(t, archived, func(b []byte) []byte { return bytes.Replace(b, []byte("Names."), []byte("Names and addresses."), 1) })
	checkVerify(t, "the content changed after publication", 1,
		[]string{filepath.ToSlash(archived) + ": has sha256 ", "the text differs from what was published"}, out, "--key", pub, "-s", site)
	restore()
	// A published version deleted from the content, and a new one not yet
	// published.
	lost := filepath.Join(site, "content", "terms", "archive", "2023-06-01", "en.md")
	restore = tamper(t, lost, func(b []byte) []byte { return b })
	os.Remove(lost)
	checkVerify(t, "a published version lost", 1,
		[]string{filepath.Join(out, "manifest.json") + ": terms/en 2023-06-01: published, but the content has no such version"}, out, "-s", site)
	restore()
	unpublished := filepath.Join(site, "content", "cookies", "sv.md")
	os.WriteFile(unpublished, []byte("+++\ntitle = \"Kakor\"\nlast_updated = 2023-05-01\n+++\nText.\n"), 0o644)
	checkVerify(t, "a version not yet published", 1,
		[]string{filepath.ToSlash(unpublished) + ": the version of 2023-05-01 is not published"}, out, "-s", site)
	os.Remove(unpublished)
	checkVerify(t, "the content as published", 0, nil, out, "--key", pub, "-s", site)
}

// host serves a build over HTTP as a static host does, and counts what it
// was asked: the requests at once, and who asked.
type host struct {
	files             http.Handler
	mu                sync.Mutex
	inFlight, most, n int
	agents            map[string]bool
}

func (h *host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.inFlight++
	h.n++
	h.most = max(h.most, h.inFlight)
	h.agents[r.UserAgent()] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		h.inFlight--
		h.mu.Unlock()
	}()
	h.files.ServeHTTP(w, r)
}

// TestVerifyTheLiveSite serves a signed build from a local HTTP server and
// checks it with gen verify by its address, politely, then serves it
// tampered with.
func TestVerifyTheLiveSite(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	key, pub := signingKey(t)
	sign(t, out, key)
	h := &host{files: http.FileServer(http.Dir(out)), agents: map[string]bool{}}
	srv := httptest.NewServer(h)
	defer srv.Close()

	stdout := checkVerify(t, "the site as built", 0, nil, srv.URL, "--key", pub, "-s", testSite, "--on", "2024-03-15")
	if !strings.Contains(stdout, "is exactly what its manifest lists, signed by the key given") {
		t.Errorf("the report does not say the site checks out:\n%s", stdout)
	}
	// The version in force on that day, by versions.json: the first, until
	// the second took effect on 1 April.
	if !regexp.MustCompile(`privacy/en +https://policies\.acme\.example/en/privacy/2023-01-01/ +id [0-9a-f]{12}, in force from 2023-01-01, replaced on 2024-04-01`).MatchString(stdout) {
		t.Errorf("the report does not name the version in force on 2024-03-15:\n%s", stdout)
	}
	files := len(tree(t, out)) - 2 // all but the manifest and its signature
	if h.n != files+2 {
		t.Errorf("%d requests for %d files, a manifest and a signature: each is asked for once", h.n, files)
	}
	if h.most > 8 {
		t.Errorf("%d requests at once; gen verify asks up to 8 at a time", h.most)
	}
	for agent := range h.agents {
		if !strings.HasPrefix(agent, "gen-verify/") {
			t.Errorf("a request came as %q, not as gen-verify", agent)
		}
	}

	page := filepath.Join(out, "en", "privacy", "2024-03-01", "index.html")
	restore := tamper(t, page, func(b []byte) []byte { return bytes.Replace(b, []byte("Privacy policy"), []byte("Privacy POLICY"), 1) })
	checkVerify(t, "a page changed", 1, []string{srv.URL + "/en/privacy/2024-03-01/: differs: sha256"}, srv.URL, "--key", pub)
	restore()
	feed := filepath.Join(out, "en", "feed.xml")
	restore = tamper(t, feed, func(b []byte) []byte { return b })
	os.Remove(feed)
	checkVerify(t, "a file lost", 1, []string{srv.URL + "/en/feed.xml: missing"}, srv.URL)
	restore()
	other, _ := signingKey(t)
	sign(t, out, other)
	checkVerify(t, "signed by another key", 1, []string{srv.URL + "/manifest.json.sig: signed by another key"}, srv.URL, "--key", pub)
}

// TestVerifyRefusesWhatItCannotCheck: a target that is neither a folder
// nor an address, a key file that holds no key and a day after the
// manifest's are bad usage; a site without a manifest has nothing that
// could match.
func TestVerifyRefusesWhatItCannotCheck(t *testing.T) {
	out := buildSite(t, testSite, "2024-04-10")
	notKey := filepath.Join(t.TempDir(), "key.pub")
	os.WriteFile(notKey, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\n"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{filepath.Join(out, "nowhere")}, 2, "neither a folder nor an http(s) address"},
		{[]string{"ftp://example.com"}, 2, "neither a folder nor an http(s) address"},
		{[]string{out, "--key", notKey}, 2, "holds no SSH public key"},
		{[]string{out, "--on", "2024-04-11"}, 2, "after 2024-04-10, the day the manifest was made"},
		{[]string{out, "--on", "2024-13-01"}, 2, "--on"},
		{[]string{filepath.Join(out, "en")}, 1, "manifest.json: missing"},
	} {
		code, _, stderr := run(t, append([]string{"verify"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("gen verify %s: exit %d, want %d saying %q:\n%s", strings.Join(c.args, " "), code, c.code, c.want, stderr)
		}
	}
}
