package manifest_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/manifest"
)

// keyFiles makes an Ed25519 key in dir as ssh-keygen would (see
// testsite.SigningKey) and returns it read back, and its file.
func keyFiles(t *testing.T, dir string) (ssh.Signer, string) {
	t.Helper()
	file, _ := testsite.SigningKey(t, dir)
	signer, err := manifest.ReadSigner(file)
	if err != nil {
		t.Fatal(err)
	}
	return signer, file
}

func sshKeygen(t *testing.T, dir string, stdin []byte, args ...string) ([]byte, error) {
	t.Helper()
	path, err := exec.LookPath("ssh-keygen")
	if err != nil {
		testsite.Need(t, "no ssh-keygen on PATH; .ci/run installs it (apt-get install openssh-client)")
	}
	cmd := exec.Command(path, args...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(stdin)
	return cmd.CombinedOutput()
}

// TestSignaturesAreOpenSSHs signs a manifest in Go and checks it with
// OpenSSH's ssh-keygen -Y verify, signs one with ssh-keygen -Y sign and
// checks it in Go, and makes sure each refuses what the other must.
func TestSignaturesAreOpenSSHs(t *testing.T) {
	dir := t.TempDir()
	signer, keyFile := keyFiles(t, dir)
	pub, err := manifest.ReadPublicKey(keyFile + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("{\n  \"format\": \"gen-manifest/1\"\n}\n")
	tampered := bytes.Replace(data, []byte("1"), []byte("2"), 1)
	allowed := filepath.Join(dir, "allowed_signers")
	os.WriteFile(allowed, []byte(`publisher namespaces="gen-manifest" `+string(ssh.MarshalAuthorizedKey(pub))), 0o644)
	verify := func(sig string, msg []byte) ([]byte, error) {
		return sshKeygen(t, dir, msg, "-Y", "verify", "-f", allowed, "-I", "publisher", "-n", "gen-manifest", "-s", sig)
	}

	sig, err := manifest.Sign(data, signer)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "go.sig"), sig, 0o644)
	if out, err := verify("go.sig", data); err != nil {
		t.Errorf("ssh-keygen -Y verify refuses gen's signature: %v\n%s\n%s", err, out, sig)
	}
	if out, err := verify("go.sig", tampered); err == nil {
		t.Errorf("ssh-keygen -Y verify accepts gen's signature of another manifest:\n%s", out)
	}
	if err := manifest.Verify(data, sig, pub); err != nil {
		t.Errorf("gen refuses its own signature: %v", err)
	}
	if err := manifest.Verify(tampered, sig, pub); err == nil {
		t.Error("gen accepts its signature of another manifest")
	}

	os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644)
	if out, err := sshKeygen(t, dir, nil, "-Y", "sign", "-f", keyFile, "-n", "gen-manifest", "manifest.json"); err != nil {
		t.Fatalf("ssh-keygen -Y sign: %v\n%s", err, out)
	}
	openssh, err := os.ReadFile(filepath.Join(dir, "manifest.json.sig"))
	if err != nil {
		t.Fatal(err)
	}
	if err := manifest.Verify(data, openssh, pub); err != nil {
		t.Errorf("gen refuses ssh-keygen's signature: %v\n%s", err, openssh)
	}
	if err := manifest.Verify(tampered, openssh, pub); err == nil {
		t.Error("gen accepts ssh-keygen's signature of another manifest")
	}

	// A signature the same key made for something else is no manifest's.
	os.WriteFile(filepath.Join(dir, "letter.txt"), data, 0o644)
	if out, err := sshKeygen(t, dir, nil, "-Y", "sign", "-f", keyFile, "-n", "file", "letter.txt"); err != nil {
		t.Fatalf("ssh-keygen -Y sign: %v\n%s", err, out)
	}
	other, _ := os.ReadFile(filepath.Join(dir, "letter.txt.sig"))
	if err := manifest.Verify(data, other, pub); err == nil || !strings.Contains(err.Error(), `signed for "file"`) {
		t.Errorf("a signature in namespace file: %v, want it refused as not a manifest's", err)
	}
}

// TestKeyFiles reads keys as users hold them and refuses what is not one.
func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	_, keyFile := keyFiles(t, dir)
	if _, err := manifest.ReadPublicKey(keyFile); err == nil {
		t.Error("a private key was read as the public key to check with")
	}
	if _, err := manifest.ReadSigner(keyFile + ".pub"); err == nil {
		t.Error("a public key was read as a key to sign with")
	}
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	block, _ := ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte("secret"))
	locked := filepath.Join(dir, "locked")
	os.WriteFile(locked, pem.EncodeToMemory(block), 0o600)
	if _, err := manifest.ReadSigner(locked); err == nil || !strings.Contains(err.Error(), "passphrase") {
		t.Errorf("a key with a passphrase: %v, want a hint about it", err)
	}
}
