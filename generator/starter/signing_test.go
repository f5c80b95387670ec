package starter_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"

	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/version"
)

// fakeGen is a gen that records how the recipe ran it: its arguments, and
// the key file it was given to sign with, with its permissions, as the
// step left it while gen ran.
const fakeGen = `#!/bin/sh
printf '%s\n' "$*" > "$RECORD/args"
while [ $# -gt 0 ]; do
  if [ "$1" = --sign ]; then
    cp "$2" "$RECORD/key"
    ls -l "$2" | cut -c1-10 > "$RECORD/mode"
  fi
  shift
done
exit "${GEN_EXIT:-0}"
`

// TestRecipeSignsWithTheRepositorysKey runs the publish job's build step
// as a runner does (bash -eo pipefail), with a gen that records its
// arguments: with a GEN_SIGNING_KEY secret the manifest is signed with a
// key file only the runner's user reads, removed afterwards even when the
// build fails; without one the build goes on unsigned and says so. The job
// may mint the attestation's certificate and attests the manifest.
func TestRecipeSignsWithTheRepositorysKey(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		testsite.Need(t, "no bash on PATH to run the recipe's script")
	}
	wf, errs := actionlint.Parse([]byte(generatedWorkflow(t, version.Info{Version: "v1.4.0"})))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	job := wf.Jobs["publish"]
	if job == nil {
		t.Fatal("the workflow has no publish job")
	}
	for _, scope := range []string{"id-token", "attestations"} {
		if p := job.Permissions.Scopes[scope]; p == nil || p.Value.Value != "write" {
			t.Errorf("the publish job may not write %s", scope)
		}
	}
	var script string
	attests := false
	for _, step := range job.Steps {
		switch x := step.Exec.(type) {
		case *actionlint.ExecRun:
			if step.Env != nil && step.Env.Vars["gen_signing_key"] != nil {
				if v := step.Env.Vars["gen_signing_key"].Value.Value; v != "${{ secrets.GEN_SIGNING_KEY }}" {
					t.Errorf("GEN_SIGNING_KEY is %q, not the repository secret", v)
				}
				script = x.Run.Value
			}
		case *actionlint.ExecAction:
			if strings.HasPrefix(x.Uses.Value, "actions/attest-build-provenance@") {
				in := x.Inputs["subject-path"]
				attests = in != nil && in.Value.Value == "public/manifest.json"
			}
		}
	}
	if !attests {
		t.Error("the publish job does not attest public/manifest.json")
	}
	if script == "" {
		t.Fatal("no step of the publish job takes GEN_SIGNING_KEY")
	}

	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "gen"), []byte(fakeGen), 0o755); err != nil {
		t.Fatal(err)
	}
	stepFile := filepath.Join(t.TempDir(), "step.sh")
	os.WriteFile(stepFile, []byte(script), 0o644)
	const secret = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----"
	runStep := func(key, exit string) (record, temp, out string, err error) {
		record, temp = t.TempDir(), t.TempDir()
		cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", stepFile)
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"GEN_SIGNING_KEY="+key, "RUNNER_TEMP="+temp, "RECORD="+record, "GEN_EXIT="+exit)
		b, err := cmd.CombinedOutput()
		return record, temp, string(b), err
	}
	read := func(dir, name string) string { b, _ := os.ReadFile(filepath.Join(dir, name)); return string(b) }
	left := func(dir string) []string {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}

	record, temp, out, err := runStep(secret, "0")
	if err != nil {
		t.Fatalf("with a key: %v\n%s", err, out)
	}
	args := strings.Fields(read(record, "args"))
	if len(args) != 4 || args[0] != "build" || args[1] != "--pdf" || args[2] != "--sign" || filepath.Dir(args[3]) != temp {
		t.Errorf("with a key, gen ran as %q, want build --pdf --sign and a file in RUNNER_TEMP", args)
	}
	if got := read(record, "key"); got != secret+"\n" {
		t.Errorf("the key file held %q, want the secret", got)
	}
	if got := strings.TrimSpace(read(record, "mode")); got != "-rw-------" {
		t.Errorf("the key file was %s while gen ran; only the runner's user may read it", got)
	}
	if names := left(temp); len(names) > 0 {
		t.Errorf("the key is left in RUNNER_TEMP: %v", names)
	}

	_, temp, out, err = runStep(secret, "1")
	if err == nil {
		t.Errorf("a failed build passes the step:\n%s", out)
	}
	if names := left(temp); len(names) > 0 {
		t.Errorf("after a failed build the key is left in RUNNER_TEMP: %v", names)
	}

	record, _, out, err = runStep("", "0")
	if err != nil {
		t.Fatalf("without a key: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(read(record, "args")); got != "build --pdf" {
		t.Errorf("without a key, gen ran as %q, want build --pdf", got)
	}
	if !strings.Contains(out, "::notice::") || !strings.Contains(out, "unsigned") {
		t.Errorf("without a key the step does not say the manifest is unsigned:\n%s", out)
	}
}
