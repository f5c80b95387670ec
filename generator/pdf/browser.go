package pdf

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// ErrNoBrowser is wrapped by the error FindBrowser returns when no
// Chromium or Chrome is installed.
var ErrNoBrowser = errors.New("no Chromium or Google Chrome found to print PDFs with")

// FindBrowser returns the Chromium or Chrome to print with: on PATH by
// its usual names, else where its installer puts it on this system.
func FindBrowser() (string, error) {
	return findBrowser(runtime.GOOS, exec.LookPath, os.Getenv, func(p string) bool {
		fi, err := os.Stat(p)
		return err == nil && !fi.IsDir()
	})
}

func findBrowser(goos string, lookPath func(string) (string, error), getenv func(string) string, exists func(string) bool) (string, error) {
	names, paths := browserLocations(goos, getenv)
	for _, n := range names {
		if p, err := lookPath(n); err == nil {
			return p, nil
		}
	}
	for _, p := range paths {
		if exists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: %s", ErrNoBrowser, installHint(goos))
}

// browserLocations are the commands to look for on PATH, and the files
// the installers write, for goos.
func browserLocations(goos string, getenv func(string) string) (names, paths []string) {
	switch goos {
	case "darwin":
		apps := []string{"/Applications"}
		if home := getenv("HOME"); home != "" {
			apps = append(apps, filepath.Join(home, "Applications"))
		}
		for _, dir := range apps {
			paths = append(paths,
				filepath.Join(dir, "Google Chrome.app", "Contents", "MacOS", "Google Chrome"),
				filepath.Join(dir, "Chromium.app", "Contents", "MacOS", "Chromium"))
		}
		return []string{"chromium", "google-chrome"}, paths
	case "windows":
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			if dir := getenv(env); dir != "" {
				paths = append(paths,
					filepath.Join(dir, "Google", "Chrome", "Application", "chrome.exe"),
					filepath.Join(dir, "Chromium", "Application", "chrome.exe"))
			}
		}
		// Edge is Chromium too, and every Windows has it.
		for _, env := range []string{"ProgramFiles(x86)", "ProgramFiles"} {
			if dir := getenv(env); dir != "" {
				paths = append(paths, filepath.Join(dir, "Microsoft", "Edge", "Application", "msedge.exe"))
			}
		}
		return []string{"chrome", "chromium", "msedge"}, paths
	}
	return []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"},
		[]string{"/snap/bin/chromium", "/usr/lib/chromium/chromium", "/opt/google/chrome/chrome"}
}

// installHint says how to install a browser on goos.
func installHint(goos string) string {
	switch goos {
	case "darwin":
		return "install Google Chrome, or Chromium (brew install --cask chromium)"
	case "windows":
		return "install Google Chrome (winget install Google.Chrome) or Microsoft Edge"
	}
	return "install the chromium package (Debian: apt-get install chromium; Ubuntu: snap install chromium; Fedora: dnf install chromium)"
}
