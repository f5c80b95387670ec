package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

// repoRoot is the root of this module, where go.mod is.
var repoRoot = filepath.Join("..", "..", "..")

// moduleFile is one file of this checkout, as a module zip holds it.
type moduleFile struct{ rel string }

func (f moduleFile) Path() string                 { return f.rel }
func (f moduleFile) Lstat() (os.FileInfo, error)  { return os.Lstat(filepath.Join(repoRoot, f.rel)) }
func (f moduleFile) Open() (io.ReadCloser, error) { return os.Open(filepath.Join(repoRoot, f.rel)) }

// TestGoInstallFromAModuleProxy serves this checkout as version
// v0.0.1-test of github.com/policygen/gen from a module proxy in a folder,
// and runs the README's install command against it, with a module cache
// of its own: go install …/generator/cmd/gen@v0.0.1-test. The module path
// must be one go install can fetch, and the binary must know its version
// from what the toolchain recorded, with no release build to stamp it.
// The dependencies come from this machine's module cache, as a proxy too,
// so nothing is downloaded.
func TestGoInstallFromAModuleProxy(t *testing.T) {
	const path, vers = "github.com/policygen/gen", "v0.0.1-test"
	ls := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "go.mod", "go.sum", "generator")
	ls.Dir = repoRoot
	out, err := ls.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	var files []zip.File
	for _, rel := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if _, err := os.Stat(filepath.Join(repoRoot, rel)); err == nil { // deleted but not yet committed: left out
			files = append(files, moduleFile{rel})
		}
	}
	proxy := t.TempDir()
	at := filepath.Join(proxy, filepath.FromSlash(path), "@v")
	os.MkdirAll(at, 0o755)
	var z bytes.Buffer
	if err := zip.Create(&z, module.Version{Path: path, Version: vers}, files); err != nil {
		t.Fatal(err)
	}
	gomod, _ := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	for name, data := range map[string][]byte{
		"list":         []byte(vers + "\n"),
		vers + ".info": fmt.Appendf(nil, `{"Version":%q,"Time":"2026-12-01T09:00:00Z"}`, vers),
		vers + ".mod":  gomod,
		vers + ".zip":  z.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(at, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	modcache, err := exec.Command(goTool(), "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	bin := filepath.Join(home, "bin")
	install := exec.Command(goTool(), "install", path+"/generator/cmd/gen@"+vers)
	install.Dir = home
	install.Env = append(os.Environ(),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(filepath.Join(strings.TrimSpace(string(modcache)), "cache", "download")),
		"GOMODCACHE="+filepath.Join(home, "mod"),
		"GOBIN="+bin,
		// The test version is in no checksum database, and the
		// dependencies were verified when they came into this machine's
		// module cache.
		"GOSUMDB=off",
		"GOFLAGS=-modcacherw -trimpath",
		"GOTOOLCHAIN=local",
	)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	installed := filepath.Join(bin, "gen")
	if _, stdout, _ := runBinary(t, installed, home, "version"); stdout != "gen v0.0.1-test (commit unknown, date unknown)\n" {
		t.Errorf("gen version: %q", stdout)
	}
	if code, _, stderr := runBinary(t, installed, home, "init", "demo"); code != 0 {
		t.Fatalf("gen init demo: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runBinary(t, installed, filepath.Join(home, "demo"), "build"); code != 0 {
		t.Errorf("cd demo && gen build: exit %d\n%s", code, stderr)
	}
}

// TestInstallScript lays out a release as GitHub serves one — the archive
// for this system and checksums.txt under download/<tag>/ — in a folder,
// and runs the action's install script against it: it installs gen, and
// it refuses, installing nothing, an archive that does not match its
// checksum, a version that is no release tag, and a release that lacks
// this system's archive.
func TestInstallScript(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("the install script needs %s", tool)
		}
	}
	binary, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	releases := t.TempDir()
	tagged := filepath.Join(releases, "download", stamped)
	os.MkdirAll(tagged, 0o755)
	archive := fmt.Sprintf("gen_%s_%s_%s.tar.gz", strings.TrimPrefix(stamped, "v"), runtime.GOOS, runtime.GOARCH)
	tgz := tarGz(t, map[string][]byte{"gen": binary, "README.md": []byte("gen\n")})
	sum := sha256.Sum256(tgz)
	os.WriteFile(filepath.Join(tagged, archive), tgz, 0o644)
	checksums := fmt.Sprintf("%x  gen_%s_plan9_amd64.tar.gz\n%x  %s\n", sha256.Sum256(nil), strings.TrimPrefix(stamped, "v"), sum, archive)
	os.WriteFile(filepath.Join(tagged, "checksums.txt"), []byte(checksums), 0o644)

	script := filepath.Join(repoRoot, "scripts", "install.sh")
	install := func(version, folder string, env ...string) (int, string) {
		cmd := exec.Command("bash", script, version, folder)
		cmd.Env = append(os.Environ(), append([]string{"GEN_RELEASES=file://" + filepath.ToSlash(releases)}, env...)...)
		out, err := cmd.CombinedOutput()
		if exit, ok := err.(*exec.ExitError); ok {
			return exit.ExitCode(), string(out)
		} else if err != nil {
			t.Fatal(err)
		}
		return 0, string(out)
	}

	folder := filepath.Join(t.TempDir(), "bin")
	if code, out := install(stamped, folder); code != 0 {
		t.Fatalf("install: exit %d\n%s", code, out)
	}
	if _, stdout, _ := runBinary(t, filepath.Join(folder, "gen"), folder, "version"); !strings.HasPrefix(stdout, "gen "+stamped+" ") {
		t.Errorf("the installed gen says %q", stdout)
	}

	for _, tc := range []struct {
		name, version string
		env           []string
		prepare       func()
		want          string
	}{
		{"a tag that is no version", "main", nil, func() {}, `"main" is not a release tag`},
		{"a system the release lacks", stamped, []string{"GEN_ARCH=riscv64"}, func() {}, "no gen release for the processor riscv64"},
		{"an archive that does not match", stamped, nil, func() {
			os.WriteFile(filepath.Join(tagged, archive), append(tgz, 0), 0o644)
		}, "does not match checksums.txt"},
		{"a release without the archive", stamped, nil, func() {
			os.Remove(filepath.Join(tagged, archive))
		}, "cannot download"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.prepare()
			folder := filepath.Join(t.TempDir(), "bin")
			code, out := install(tc.version, folder, tc.env...)
			if code == 0 || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, want a failure saying %q:\n%s", code, tc.want, out)
			}
			if _, err := os.Stat(folder); err == nil {
				t.Errorf("a refused install made %s", folder)
			}
		})
	}
}

func tarGz(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for name, data := range files {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(data))})
		tw.Write(data)
	}
	tw.Close()
	gz.Close()
	return b.Bytes()
}
