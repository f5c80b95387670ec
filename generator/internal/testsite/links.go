package testsite

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Link is one link as http-link-header gives it: one per relation type.
type Link struct {
	URI      string `json:"uri"`
	Rel      string `json:"rel"`
	Type     string `json:"type"`
	From     string `json:"from"`
	Until    string `json:"until"`
	Datetime string `json:"datetime"`
}

// ParseLinks parses each text (a TimeMap, a Link header's value) with
// http-link-header, the npm package most Link header readers use (RFC 8288,
// whose syntax a link-format TimeMap shares), which .ci/run installs in the
// repository's .ci/web with the other web tools. It throws on what is not
// link syntax, which fails the test.
func ParseLinks(t testing.TB, repo string, texts []string) [][]Link {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		Need(t, "no node on PATH")
	}
	parser, err := filepath.Abs(filepath.Join(repo, ".ci", "web", "node_modules", "http-link-header"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(parser); err != nil {
		Need(t, "http-link-header is not installed: (cd .ci/web && npm ci --ignore-scripts)")
	}
	script := `const L = require(process.argv[1]);
let input = ""; process.stdin.on("data", d => input += d).on("end", () =>
  console.log(JSON.stringify(JSON.parse(input).map(s => L.parse(s).refs))));`
	in, _ := json.Marshal(texts)
	cmd := exec.Command(node, "-e", script, parser)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("http-link-header refuses a link: %v\n%s", err, exit.Stderr)
		}
		t.Fatal(err)
	}
	var parsed [][]Link
	if err := json.Unmarshal(out, &parsed); err != nil {
		t.Fatal(err)
	}
	return parsed
}
