// Command gen builds a legal policy site. See `gen --help`.
package main

import (
	"os"
	"time"
	_ "time/tzdata" // site.toml's timezone must load on hosts without zone files

	"gen/generator/cli"
)

func main() {
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
