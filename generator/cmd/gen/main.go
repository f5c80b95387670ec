// Command gen builds a legal policy site. See `gen --help`.
package main

import (
	"os"
	"runtime/debug"
	"time"
	_ "time/tzdata" // site.toml's timezone must load on hosts without zone files

	"gen/generator/cli"
)

func main() {
	// A build keeps every rendered policy body until its pages are written;
	// a soft memory limit makes the collector reclaim garbage before the
	// heap doubles, which keeps a large site's build under 250 MB at no
	// measurable cost in time. GOMEMLIMIT in the environment still wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(220 << 20)
	}
	os.Exit(cli.Main(cli.Env{
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		Getenv: os.Getenv,
		Clock:  time.Now,
		// A character device is a terminal; a pipe or file gets plain markers.
		Terminal: isTerminal(os.Stdout),
	}, os.Args[1:]))
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
