package pdf

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFindBrowser(t *testing.T) {
	none := func(string) (string, error) { return "", exec.ErrNotFound }
	env := map[string]string{"HOME": "/Users/ada", "LocalAppData": `C:\Users\ada\AppData\Local`, "ProgramFiles": `C:\Program Files`}
	getenv := func(k string) string { return env[k] }
	for _, c := range []struct {
		goos, installed, hint string
	}{
		{"linux", "/snap/bin/chromium", "apt-get install chromium"},
		{"darwin", filepath.Join("/Users/ada/Applications", "Chromium.app", "Contents", "MacOS", "Chromium"), "brew install --cask chromium"},
		{"windows", filepath.Join(`C:\Users\ada\AppData\Local`, "Google", "Chrome", "Application", "chrome.exe"), "winget install Google.Chrome"},
	} {
		got, err := findBrowser(c.goos, none, getenv, func(p string) bool { return p == c.installed })
		if err != nil || got != c.installed {
			t.Errorf("%s: found %q, %v; want %q", c.goos, got, err, c.installed)
		}
		_, err = findBrowser(c.goos, none, getenv, func(string) bool { return false })
		if !errors.Is(err, ErrNoBrowser) || !strings.Contains(err.Error(), c.hint) {
			t.Errorf("%s: with no browser: %v, want ErrNoBrowser saying %q", c.goos, err, c.hint)
		}
	}
	onPath := func(n string) (string, error) {
		if n == "google-chrome" {
			return "/usr/bin/google-chrome", nil
		}
		return "", exec.ErrNotFound
	}
	if got, _ := findBrowser("linux", onPath, getenv, func(string) bool { return true }); got != "/usr/bin/google-chrome" {
		t.Errorf("on PATH: %q, want the one on PATH first", got)
	}
}

func TestInfoValues(t *testing.T) {
	for in, want := range map[string]string{
		"Privacy (EU) \\ 2": `(Privacy \(EU\) \\ 2)`,
		"Integritet – å":    "<FEFF0049006E0074006500670072006900740065007400202013002000E5>",
		"":                  "",
	} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %s, want %s", in, got, want)
		}
	}
	stockholm := time.FixedZone("CEST", 2*3600)
	for in, want := range map[time.Time]string{
		time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC):                           "(D:20240510000000Z)",
		time.Date(2024, 5, 10, 9, 30, 0, 0, stockholm):                         "(D:20240510093000+02'00')",
		time.Date(2024, 5, 10, 0, 0, 0, 0, time.FixedZone("", -(3*3600+1800))): "(D:20240510000000-03'30')",
		{}: "",
	} {
		if got := date(in); got != want {
			t.Errorf("date(%v) = %s, want %s", in, got, want)
		}
	}
	if got := name("Valid from/to #1"); got != "Valid#20from#2Fto#20#231" {
		t.Errorf("name: %s", got)
	}
	if _, err := withInfo([]byte("%PDF-1.7\nnot a pdf"), Metadata{}, "", ""); !errors.Is(err, errLayout) {
		t.Errorf("a PDF without a trailer: %v", err)
	}
}
