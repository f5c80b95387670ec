package cli_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/policygen/gen/generator/internal/testsite"
)

// TestBuildSigns builds with --sign, checks the signature with OpenSSH and
// with gen verify, and makes sure one byte changed in a page fails it.
func TestBuildSigns(t *testing.T) {
	site := copySite(t, testSite)
	key, pub := testsite.SigningKey(t, t.TempDir())
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10", "--sign", key)
	if code != 0 {
		t.Fatalf("gen build --sign: exit %d\n%s", code, stderr)
	}
	unsigned := buildSite(t, site, "2024-04-10")
	if _, err := os.Stat(filepath.Join(unsigned, "manifest.json.sig")); err == nil {
		t.Error("a build without --sign has a manifest.json.sig")
	}
	if a, b := mustRead(t, out, "manifest.json"), mustRead(t, unsigned, "manifest.json"); !bytes.Equal(a, b) {
		t.Error("signing changed the manifest; it must be the same bytes, with the signature beside it")
	}
	// The summary counts every file written, the signature too.
	n := len(tree(t, out))
	if want := fmt.Sprintf(" %d files in ", n); !strings.Contains(stdout, want) {
		t.Errorf("the summary does not count %d files:\n%s", n, stdout)
	}

	// OpenSSH, as a third party with only the public key checks it.
	sshKeygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		testsite.Need(t, "no ssh-keygen on PATH; .ci/run installs it (apt-get install openssh-client)")
	}
	allowed := filepath.Join(t.TempDir(), "allowed_signers")
	os.WriteFile(allowed, append([]byte(`publisher namespaces="gen-manifest" `), mustReadFile(t, pub)...), 0o644)
	cmd := exec.Command(sshKeygen, "-Y", "verify", "-f", allowed, "-I", "publisher", "-n", "gen-manifest", "-s", filepath.Join(out, "manifest.json.sig"))
	cmd.Stdin = bytes.NewReader(mustRead(t, out, "manifest.json"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("ssh-keygen -Y verify refuses the signature gen build wrote: %v\n%s", err, b)
	}

	stdout = checkVerify(t, "the signed build", 0, nil, out, "--key", pub)
	if !strings.Contains(stdout, "signature  good") {
		t.Errorf("gen verify does not call the signature good:\n%s", stdout)
	}
	page := filepath.Join(out, "en", "privacy", "index.html")
	tamper(t, page, func(b []byte) []byte {
		i := bytes.Index(b, []byte("</main>")) - 1
		b[i]++
		return b
	})
	checkVerify(t, "one byte of a page changed", 1, []string{page + ": differs: sha256"}, out, "--key", pub)
}

// TestSignRefusesABadKey: a key that cannot sign is a mistake on the
// command line, told before anything is built, and the last build stays.
func TestSignRefusesABadKey(t *testing.T) {
	site := copySite(t, testSite)
	out := buildSite(t, site, "2024-04-10")
	before := tree(t, out)
	dir := t.TempDir()
	_, pub := testsite.SigningKey(t, dir)
	block, err := ssh.MarshalPrivateKeyWithPassphrase(ed25519.NewKeyFromSeed(make([]byte, 32)), "", []byte("secret"))
	if err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked")
	os.WriteFile(locked, pem.EncodeToMemory(block), 0o600)
	garbage := filepath.Join(dir, "garbage")
	os.WriteFile(garbage, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n"), 0o600)
	// A broken site too: the key is refused before the content is read.
	os.WriteFile(filepath.Join(site, "content", "privacy", "en.md"), []byte("+++\ntitle = \n+++\n"), 0o644)
	for _, tc := range []struct{ what, key, want string }{
		{"no such file", filepath.Join(dir, "missing"), "--sign: cannot read " + filepath.Join(dir, "missing") + ": "},
		{"the public key", pub, "--sign: " + pub + " is not an SSH private key (ssh: no key found); give the private key file"},
		{"a key with a passphrase", locked, "--sign: " + locked + " is protected by a passphrase"},
		{"not a key", garbage, "--sign: " + garbage + " is not an SSH private key"},
	} {
		code, _, stderr := run(t, "build", "-s", site, "-o", out, "--now", "2024-04-10", "--sign", tc.key)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2\n%s", tc.what, code, stderr)
		}
		if !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "en.md") {
			t.Errorf("%s: stderr should say %q and nothing of the content:\n%s", tc.what, tc.want, stderr)
		}
		sameTree(t, before, tree(t, out), tc.what)
	}
}
