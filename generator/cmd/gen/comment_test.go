package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"

	"github.com/policygen/gen/generator/internal/testsite"
)

// stepScript is the shell script of the step named name in the workflow's
// job.
func stepScript(t *testing.T, workflow, job, name string) string {
	t.Helper()
	data, err := os.ReadFile(workflow)
	if err != nil {
		t.Fatal(err)
	}
	wf, errs := actionlint.Parse(data)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", workflow, errs)
	}
	j := wf.Jobs[job]
	if j == nil {
		t.Fatalf("%s has no job %s", workflow, job)
	}
	for _, s := range j.Steps {
		if s.Name != nil && s.Name.Value == name {
			if run, ok := s.Exec.(*actionlint.ExecRun); ok {
				return run.Run.Value
			}
		}
	}
	t.Fatalf("%s: job %s has no step %q that runs a script", workflow, job, name)
	return ""
}

// fakeGH stands for GitHub's gh CLI: it answers `gh api` as GitHub's
// REST API would, from a state folder (the pull request's comments),
// filtering with jq as gh --jq does, and keeps each comment it is given.
const fakeGH = `#!/bin/bash
set -eo pipefail
echo "$*" >> "$STATE/calls"
[ "$1" = api ] || exit 2
shift
method=GET
if [ "$1" = --method ]; then method=$2; shift 2; fi
path=$1; shift
case "$method" in
GET)
  [ "$1 $2" = "--paginate --jq" ] || exit 2
  if [ -f "$STATE/posted" ]; then
    printf '[{"id": 1, "user": {"login": "a-reviewer"}, "body": "%s quoted"}, {"id": 42, "user": {"login": "github-actions[bot]"}, "body": "%s\\n..."}]' "$MARKER" "$MARKER"
  else
    echo '[]'
  fi | jq -r "$3"
  ;;
POST|PATCH)
  [ "$1" = -F ] && [ "${2%%=@*}" = body ] || exit 2
  n=$(ls "$STATE" | grep -c '^body-' || true)
  cp "${2#body=@}" "$STATE/body-$n-$method-${path//\//_}"
  [ "$method" = POST ] && touch "$STATE/posted"
  echo '{}'
  ;;
esac
`

// TestPullRequestComment runs the step of the workflow gen init writes
// that comments on a pull request, against a gh that answers as GitHub
// does: the first run posts one comment with the Markdown redline of
// the changed policy, later runs update that comment (not a reviewer's
// that quotes it), and a pull request that no longer changes a policy
// says so in it.
func TestPullRequestComment(t *testing.T) {
	for _, tool := range []string{"bash", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			testsite.Need(t, "no %s on PATH; GitHub's runners have it, and .ci/run installs it (apt-get install %s)", tool, tool)
		}
	}
	work := t.TempDir()
	mustRun(t, work, "init", "demo", "--title", "Demo AB", "--base-url", "https://policies.demo.example")
	demo := filepath.Join(work, "demo")
	en := filepath.Join(demo, "content", "privacy", "en.md")
	b, _ := os.ReadFile(en)
	os.WriteFile(en, []byte(strings.Replace(string(b), "\ndraft = true\n", "\n", 1)), 0o644)
	git(t, demo, "init", "-q", "-b", "main")
	git(t, demo, "add", "-A")
	git(t, demo, "commit", "-q", "-m", "publish")
	git(t, demo, "update-ref", "refs/remotes/origin/main", "HEAD") // as the checkout fetches it

	// The pull request: a new version with a sentence added.
	git(t, demo, "checkout", "-q", "-b", "change")
	mustRun(t, demo, "new-version", "--date", "2030-01-15", "privacy", "en")
	b, _ = os.ReadFile(en)
	changed := strings.Replace(string(b), `summary = ""`, `summary = "We now keep logs for 30 days."`, 1) + "\nWe keep server logs for 30 days.\n"
	os.WriteFile(en, []byte(changed), 0o644)
	git(t, demo, "add", "-A")
	git(t, demo, "commit", "-q", "-m", "a new version")

	script := filepath.Join(t.TempDir(), "step.sh")
	if err := os.WriteFile(script, []byte(stepScript(t, filepath.Join(demo, ".github", "workflows", "publish.yml"), "check", "Post the redlines in the pull request")), 0o644); err != nil {
		t.Fatal(err)
	}
	bin, state := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "gh"), []byte(fakeGH), 0o755); err != nil {
		t.Fatal(err)
	}
	const marker = "<!-- gen diff: the redlines of this pull request -->"
	step := func() {
		t.Helper()
		// As GitHub runs a step's script.
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = demo
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+filepath.Dir(gen)+string(os.PathListSeparator)+os.Getenv("PATH"),
			"GITHUB_BASE_REF=main", "GITHUB_REPOSITORY=demo/policies", "PR=7", "GH_TOKEN=token",
			"RUNNER_TEMP="+t.TempDir(), "STATE="+state, "MARKER="+marker)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("the step failed: %v\n%s", err, out)
		}
	}
	bodies := func() []string {
		entries, _ := filepath.Glob(filepath.Join(state, "body-*"))
		return entries
	}

	step()
	posted := bodies()
	if len(posted) != 1 || !strings.HasSuffix(posted[0], "-POST-repos_demo_policies_issues_7_comments") {
		t.Fatalf("the first run: %v, want one comment posted on pull request 7", posted)
	}
	body, _ := os.ReadFile(posted[0])
	for _, want := range []string{marker + "\n", "### Privacy policy (en): ", " → 2030-01-15\n", "> We now keep logs for 30 days.\n", "<ins>We keep server logs for 30 days.</ins>"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the comment lacks %q:\n%s", want, body)
		}
	}

	step()
	if got := bodies(); len(got) != 2 || !strings.HasSuffix(got[1], "-PATCH-repos_demo_policies_issues_comments_42") {
		t.Fatalf("the second run: %v, want the bot's comment 42 updated", got)
	}

	// The change is taken out of the pull request: the comment says so.
	git(t, demo, "reset", "-q", "--hard", "main")
	step()
	got := bodies()
	if len(got) != 3 || !strings.Contains(got[2], "-PATCH-") {
		t.Fatalf("after the change left: %v, want the comment updated", got)
	}
	if body, _ := os.ReadFile(got[2]); !strings.Contains(string(body), "No policy text changes in this pull request") {
		t.Errorf("the updated comment: %s", body)
	}
	// Nor does a pull request that never changed a policy get a comment.
	os.Remove(filepath.Join(state, "posted"))
	step()
	if n := len(bodies()); n != 3 {
		t.Errorf("a pull request without changes got a comment")
	}
}
