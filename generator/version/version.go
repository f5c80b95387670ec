// Package version says which gen a binary is: the version, commit and date
// that the release build stamps into it, or, for a binary that `go install
// …@vX` or `go build` made, what the Go toolchain recorded in it.
package version

import (
	"fmt"
	"runtime/debug"

	"golang.org/x/mod/semver"
)

// Info identifies a build of gen. Empty fields are unknown.
type Info struct {
	Version string // a module version, v1.2.3
	Commit  string // the git commit it was built from
	Date    string // that commit's date, RFC 3339
}

// Resolve fills in what stamped, the values the release build gave the
// linker, lacks from the build information the Go toolchain wrote into the
// binary: the module version that go install fetched, and the commit and
// its date when it was built in a git checkout.
func Resolve(stamped Info) Info {
	return resolve(stamped, debug.ReadBuildInfo)
}

func resolve(stamped Info, read func() (*debug.BuildInfo, bool)) Info {
	info := stamped
	bi, ok := read()
	if !ok {
		return info
	}
	if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		info.Version = bi.Main.Version
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if info.Commit == "" {
		info.Commit = settings["vcs.revision"]
		if info.Commit != "" && settings["vcs.modified"] == "true" {
			info.Commit += " (with uncommitted changes)"
		}
	}
	if info.Date == "" {
		info.Date = settings["vcs.time"]
	}
	return info
}

// Released reports whether Version names a release, v1.2.3, rather than a
// development build, a pre-release or a pseudo-version of an untagged commit.
func (i Info) Released() bool {
	return semver.IsValid(i.Version) && semver.Canonical(i.Version) == i.Version && semver.Prerelease(i.Version) == ""
}

// String is what `gen version` prints.
func (i Info) String() string {
	return fmt.Sprintf("gen %s (commit %s, %s)", or(i.Version, "devel"), or(i.Commit, "unknown"), or(i.Date, "date unknown"))
}

func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
