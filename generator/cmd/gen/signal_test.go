//go:build unix

package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/policygen/gen/generator/corpus"
	gendate "github.com/policygen/gen/generator/date"
	"github.com/policygen/gen/generator/starter"
)

// TestSignalsLeaveTheOldOrTheNewBuild stops real gen build processes that
// replace one build of a small corpus with another, at random moments,
// with SIGINT, SIGTERM and SIGKILL. After each, public/ is the old build
// or the new one, never anything else. SIGINT and SIGTERM leave nothing of
// gen's beside it; SIGKILL cannot be caught, and what it leaves the next
// build removes. git status never shows a leftover, through the .gitignore
// that gen init writes.
func TestSignalsLeaveTheOldOrTheNewBuild(t *testing.T) {
	site := t.TempDir()
	if err := corpus.Write(site, corpus.Small()); err != nil {
		t.Fatal(err)
	}
	files, err := starter.Files(site, starter.Options{Today: gendate.Date{Year: 2026, Month: 12, Day: 2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == ".gitignore" {
			os.WriteFile(filepath.Join(site, ".gitignore"), f.Data, 0o644)
		}
	}
	git(t, site, "init", "-q", "-b", "main")
	git(t, site, "add", "-A")
	git(t, site, "commit", "-q", "-m", "corpus")

	const oldDay, newDay = "2026-11-23", "2027-01-05"
	public := filepath.Join(site, "public")
	elsewhere := filepath.Join(t.TempDir(), "public")
	mustRun(t, site, "build", "--now", newDay, "-o", elsewhere)
	newBuild := tree(t, elsewhere)
	start := time.Now()
	mustRun(t, site, "build", "--now", oldDay)
	took := time.Since(start)
	oldBuild := tree(t, public)
	if sameTree(oldBuild, newBuild) {
		t.Fatal("the two builds are the same; the test could not tell them apart")
	}

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 1))
	t.Logf("seed %d; one build takes %v", seed, took)
	signals := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL}
	var stoppedMidway, finished int
	for i := range 21 {
		sig := signals[i%len(signals)]
		cmd := exec.Command(gen, "build", "--now", newDay)
		cmd.Dir = site
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			// Anywhere in the command's life, start-up and loading included.
			time.Sleep(time.Duration(rng.Int64N(int64(took))))
		} else {
			// While the new build is being written, when there is the most to lose.
			for deadline := time.Now().Add(10 * took); len(ours(t, site)) == 0 && time.Now().Before(deadline); {
				time.Sleep(100 * time.Microsecond)
			}
			time.Sleep(time.Duration(rng.Int64N(int64(took / 4))))
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()

		got := tree(t, public)
		isNew := sameTree(got, newBuild)
		if !isNew && !sameTree(got, oldBuild) {
			t.Fatalf("round %d, %v: public/ is neither the old build nor the new one (%d files)", i, sig, len(got))
		}
		left := ours(t, site)
		code := cmd.ProcessState.ExitCode()
		switch {
		case err == nil:
			finished++
		case sig != syscall.SIGKILL && code == 130:
			stoppedMidway++
			if isNew || !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("round %d, %v: exit 130 but public/ is the new build, or no word of it:\n%s", i, sig, stderr.String())
			}
		case code == -1: // killed by the signal before gen's handler was set, or SIGKILL
			if sig == syscall.SIGKILL && len(left) > 0 {
				stoppedMidway++
			}
		default:
			t.Errorf("round %d, %v: exit %d:\n%s", i, sig, code, stderr.String())
		}
		if sig != syscall.SIGKILL && len(left) > 0 {
			t.Errorf("round %d, %v: left beside public/: %v", i, sig, left)
		}
		if st := git(t, site, "status", "--porcelain"); st != "" {
			t.Errorf("round %d, %v: git status shows\n%s", i, sig, st)
		}
		// The old build again, for the next round: it also clears what a
		// SIGKILL left.
		mustRun(t, site, "build", "--now", oldDay)
		if left := ours(t, site); len(left) > 0 {
			t.Errorf("round %d: the next build left %v", i, left)
		}
	}
	t.Logf("%d builds stopped midway, %d finished before the signal", stoppedMidway, finished)
	if stoppedMidway == 0 {
		t.Errorf("no signal arrived while a build was writing, so nothing was tested; try again (seed %d)", seed)
	}
}

// ours lists what builds leave beside public/: .public.new-…, .old-…, .del-….
func ours(t *testing.T, site string) []string {
	t.Helper()
	entries, err := os.ReadDir(site)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public.") {
			names = append(names, e.Name())
		}
	}
	return names
}
