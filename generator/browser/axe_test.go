package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/policygen/gen/generator/internal/testsite"
)

var (
	axeOnce   sync.Once
	axeSource string
	axeErr    error
)

// axe returns axe-core's script, installed by .ci/run into .ci/web.
func axe(t *testing.T) string {
	t.Helper()
	path := filepath.Join(webTools, "axe-core", "axe.min.js")
	axeOnce.Do(func() {
		b, err := os.ReadFile(path)
		axeSource, axeErr = string(b), err
	})
	if axeErr != nil {
		testsite.Need(t, "no axe-core (%v); run: cd .ci/web && npm ci", axeErr)
	}
	return axeSource
}

// axeRules are the WCAG 2.0, 2.1 and 2.2 level A and AA rules.
const axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
  resultTypes: ["violations"]
}).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.map(function (n) {
      return {target: n.target.join(" "), summary: n.failureSummary || ""};
    })};
  });
})`

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %s\n      %s", n.Target, strings.ReplaceAll(n.Summary, "\n", "\n      "))
	}
	return b.String()
}

// accessibilityViolations injects axe-core into the loaded page, through
// the DevTools protocol, which the page's CSP does not restrict, and runs
// the WCAG A and AA rules.
func accessibilityViolations(ctx context.Context, source string) ([]axeViolation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](source+"\n;true")); err != nil {
			return nil, fmt.Errorf("injecting axe-core: %w", err)
		}
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
}
