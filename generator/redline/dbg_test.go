package redline

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDbgCorpus(t *testing.T) {
	files, _ := filepath.Glob("/root/.cache/go-build/fuzz/gen/generator/redline/FuzzRoundTrip/*")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.Split(string(b), "\n")
		var args []string
		for _, l := range lines[1:] {
			if strings.HasPrefix(l, "string(") {
				s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(l, "string("), ")"))
				if err != nil {
					t.Fatal(err)
				}
				args = append(args, s)
			}
		}
		start := time.Now()
		Compare([]byte(args[0]), []byte(args[1]), opts)
		if d := time.Since(start); d > 20*time.Millisecond {
			t.Logf("%s: %v (%d, %d bytes)", filepath.Base(f), d, len(args[0]), len(args[1]))
		}
	}
}
