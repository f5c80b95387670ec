// Command gen builds a legal policy site. See `gen --help`.
package main

import (
	"os"
	"runtime/debug"
	"time"
	_ "time/tzdata" // site.toml's timezone must load on hosts without zone files

	"github.com/policygen/gen/generator/cli"
	genversion "github.com/policygen/gen/generator/version"
)

// The release build stamps these (-ldflags -X, see .goreleaser.yaml);
// other builds leave them empty and version.Resolve asks the toolchain.
var version, commit, date string

func main() {
	// A build keeps every rendered policy body until its pages are written.
	// Collecting a little more often than Go's default keeps the 2,000-
	// version corpus under 250 MB for about the same time; unlike a fixed
	// memory limit, it lets a larger site grow linearly instead of leaving
	// the collector running without pause. GOGC in the environment wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(70)
	}
	os.Exit(cli.Main(cli.Env{
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Clock:  time.Now,
		// A character device is a terminal; a pipe or file gets plain markers.
		Terminal: isTerminal(os.Stdout),
		Version:  genversion.Info{Version: version, Commit: commit, Date: date},
	}, os.Args[1:]))
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
