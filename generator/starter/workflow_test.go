package starter_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"

	"github.com/policygen/gen/generator/internal/testsite"
	"github.com/policygen/gen/generator/starter"
	"github.com/policygen/gen/generator/version"
)

// repoRoot is this repository, where action.yml and publish.yml live.
var repoRoot = filepath.Join("..", "..")

// lint runs actionlint over the workflow in a repository holding this
// repository's action.yml at its root, so that `uses: ./` is checked
// against the action's inputs. It returns what actionlint reports.
func lint(t *testing.T, workflow string) []string {
	t.Helper()
	repo := t.TempDir()
	action, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755) // where actionlint finds the project
	os.MkdirAll(filepath.Join(repo, ".github", "workflows"), 0o755)
	os.WriteFile(filepath.Join(repo, "action.yml"), action, 0o644)
	file := filepath.Join(repo, ".github", "workflows", "publish.yml")
	if err := os.WriteFile(file, []byte(workflow), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := &actionlint.LinterOptions{WorkingDir: repo}
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		opts.Shellcheck = sc
	} else {
		testsite.Need(t, "no shellcheck on PATH to check the workflow's scripts; .ci/run installs it (apt-get install shellcheck)")
	}
	linter, err := actionlint.NewLinter(io.Discard, opts)
	if err != nil {
		t.Fatal(err)
	}
	errs, err := linter.LintFile(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// generatedWorkflow is the workflow init writes when gen is gen.
func generatedWorkflow(t *testing.T, gen version.Info) string {
	t.Helper()
	files, err := starter.Files(t.TempDir(), starter.Options{Today: today, Gen: gen})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == ".github/workflows/publish.yml" {
			return string(f.Data)
		}
	}
	t.Fatal("init writes no workflow")
	return ""
}

// TestGeneratedWorkflowPassesActionlint lints the workflow init writes,
// for a release of gen and for a development build, with the action it
// uses read from this repository's action.yml. A control that leaves out
// the action's required input proves actionlint reads that file.
func TestGeneratedWorkflowPassesActionlint(t *testing.T) {
	for _, gen := range []version.Info{{Version: "v1.4.0"}, {}} {
		workflow := generatedWorkflow(t, gen)
		ref := "policygen/gen@" + map[bool]string{true: "v1.4.0", false: "main"}[gen.Version != ""]
		if !strings.Contains(workflow, "uses: "+ref+"\n") {
			t.Fatalf("the workflow does not use %s:\n%s", ref, workflow)
		}
		local := strings.ReplaceAll(workflow, "uses: "+ref, "uses: ./")
		if errs := lint(t, local); len(errs) > 0 {
			t.Errorf("gen %q: actionlint:\n%s", gen.Version, strings.Join(errs, "\n"))
		}
		if errs := lint(t, strings.ReplaceAll(local, "version: ", "versoin: ")); len(errs) == 0 {
			t.Errorf("actionlint accepts a misspelt input of the action: it does not read action.yml")
		}
	}
}

// TestThisRepositorysRecipeIsTheGeneratedOne keeps publish.yml, the
// recipe this repository runs on its example site, the same as what init
// writes for a company, but for the one step that gets gen: here it is
// built from the commit under test, there a release is installed.
func TestThisRepositorysRecipeIsTheGeneratedOne(t *testing.T) {
	ours, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "publish.yml"))
	if err != nil {
		t.Fatal(err)
	}
	generated := generatedWorkflow(t, version.Info{Version: "v1.4.0"})
	const install = "      - uses: policygen/gen@v1.4.0\n        with:\n          version: v1.4.0\n"
	const build = "      - uses: actions/setup-go@v5\n        with:\n          go-version-file: go.mod\n      - name: Install gen from this commit\n        run: go install ./generator/cmd/gen\n"
	steps := func(s string) string { _, after, _ := strings.Cut(s, "\nname: publish\n"); return after }
	if got, want := steps(string(ours)), strings.ReplaceAll(steps(generated), install, build); got != want {
		t.Errorf(".github/workflows/publish.yml and the workflow init writes differ beyond installing gen:\n--- publish.yml\n%s\n--- generated, with gen built\n%s", got, want)
	}
	if errs := lint(t, string(ours)); len(errs) > 0 {
		t.Errorf("actionlint on publish.yml:\n%s", strings.Join(errs, "\n"))
	}
}
