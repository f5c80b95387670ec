package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// Namespace is the SSH signature namespace of a manifest: a signature made
// for anything else (a git commit, a file signed for another purpose) never
// passes for one. `ssh-keygen -Y sign -n gen-manifest` makes the same.
const Namespace = "gen-manifest"

// Sign signs a manifest's bytes with key, giving the armored signature
// ("-----BEGIN SSH SIGNATURE-----") that /manifest.json.sig holds. SHA-512,
// as ssh-keygen uses by default.
func Sign(manifest []byte, key ssh.Signer) ([]byte, error) {
	sig, err := sshsig.Sign(bytes.NewReader(manifest), key, sshsig.HashSHA512, Namespace)
	if err != nil {
		return nil, err
	}
	return sshsig.Armor(sig), nil
}

// Verify checks that signature is key's signature of the manifest's bytes
// in the manifest namespace.
func Verify(manifest, signature []byte, key ssh.PublicKey) error {
	sig, err := sshsig.Unarmor(signature)
	if err != nil {
		return fmt.Errorf("not an SSH signature: %v", err)
	}
	err = sshsig.Verify(bytes.NewReader(manifest), sig, key, sig.HashAlgorithm, Namespace)
	switch {
	case errors.Is(err, sshsig.ErrPublicKeyMismatch):
		return fmt.Errorf("signed by another key (%s), not %s", ssh.FingerprintSHA256(sig.PublicKey), ssh.FingerprintSHA256(key))
	case errors.Is(err, sshsig.ErrNamespaceMismatch):
		return fmt.Errorf("signed for %q, not as a manifest (%q)", sig.Namespace, Namespace)
	case err != nil:
		return fmt.Errorf("does not match the manifest: %v", err)
	}
	return nil
}

// ReadSigner reads an unencrypted OpenSSH private key, as CI keeps one in
// a secret; a key with a passphrase is refused with a hint.
func ReadSigner(path string) (ssh.Signer, error) {
	b, err := os.ReadFile(path)
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return nil, fmt.Errorf("cannot read %s: %v", path, pathErr.Err)
	}
	if err != nil {
		return nil, err
	}
	key, err := ssh.ParsePrivateKey(b)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		return nil, fmt.Errorf("%s is protected by a passphrase; sign with ssh-keygen -Y sign -n %s instead, or use a key made for signing manifests", path, Namespace)
	}
	if err != nil {
		return nil, fmt.Errorf("%s is not an SSH private key (%v); give the private key file, the one without .pub, as ssh-keygen -t ed25519 -N \"\" writes it", path, err)
	}
	return key, nil
}

// ReadPublicKey reads a public key as ssh-keygen writes it (key.pub), or
// the first key of a file of such lines (authorized_keys).
func ReadPublicKey(path string) (ssh.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	key, _, _, _, err := ssh.ParseAuthorizedKey(b)
	if err != nil {
		return nil, fmt.Errorf("%s holds no SSH public key; give the signer's public key file, a line such as ssh-ed25519 AAAA… (key.pub)", path)
	}
	return key, nil
}
