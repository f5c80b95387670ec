package testsite

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/ssh"
)

// SigningKey writes a new Ed25519 key in dir as `ssh-keygen -t ed25519 -N
// ""` does: key, the private key in OpenSSH format without a passphrase (as
// a CI secret holds it), and key.pub beside it. It returns both files.
func SigningKey(t testing.TB, dir string) (key, pub string) {
	t.Helper()
	public, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "publisher")
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := ssh.NewPublicKey(public)
	if err != nil {
		t.Fatal(err)
	}
	key, pub = filepath.Join(dir, "key"), filepath.Join(dir, "key.pub")
	if err := os.WriteFile(key, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pub, ssh.MarshalAuthorizedKey(sshPub), 0o644); err != nil {
		t.Fatal(err)
	}
	return key, pub
}
