package cli_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/policygen/gen/generator/cli"
	"github.com/policygen/gen/generator/internal/testsite"
)

// run runs gen in-process and returns its exit status and output.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Main(cli.Env{
		Stdout: &out,
		Stderr: &errOut,
		Getenv: func(string) string { return "" },
		Clock:  func() time.Time { return time.Date(2024, 4, 10, 12, 0, 0, 0, time.UTC) },
	}, args)
	return code, out.String(), errOut.String()
}

// copySite copies a site into a fresh temporary folder the test may change.
func copySite(t testing.TB, from string) string { return testsite.Copy(t, from) }

// buildSite builds site into a fresh output folder at now and returns it.
func buildSite(t *testing.T, site, now string, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	args := append([]string{"build", "-s", site, "-o", out, "--now", now}, extra...)
	code, _, stderr := run(t, args...)
	if code != 0 {
		t.Fatalf("gen %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return out
}

// tree reads every file below root, keyed by slash path.
func tree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree fails the test for every file that differs between two trees,
// or appears in only one; what says which two they are.
func sameTree(t *testing.T, before, after map[string][]byte, what string) {
	t.Helper()
	if len(before) != len(after) {
		t.Errorf("%s: %d files, then %d", what, len(before), len(after))
	}
	for p := range before {
		if !bytes.Equal(before[p], after[p]) {
			t.Errorf("%s: %s differs", what, p)
		}
	}
}

// page is a parsed HTML page with the queries tests need.
type page struct {
	t    *testing.T
	path string
	root *html.Node
}

func readPage(t *testing.T, out, urlPath string) *page {
	t.Helper()
	file := filepath.Join(out, filepath.FromSlash(urlPath))
	if strings.HasSuffix(urlPath, "/") {
		file = filepath.Join(file, "index.html")
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("page %s: %v", urlPath, err)
	}
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("page %s: %v", urlPath, err)
	}
	return &page{t, urlPath, root}
}

// all returns the elements matching tag (and class, when given).
func (p *page) all(tag, class string) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || hasClass(n, class)) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
	return out
}

func hasClass(n *html.Node, class string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == class {
			return true
		}
	}
	return false
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// text is the visible text of n with whitespace collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// notice returns the text of the page's notice of a kind ("" when absent).
func (p *page) notice(kind string) string {
	var texts []string
	for _, n := range p.all("div", "notice-"+kind) {
		texts = append(texts, text(n))
	}
	return strings.Join(texts, " | ")
}

// links returns the href of every link whose text contains label.
func (p *page) links(label string) []string {
	var out []string
	for _, a := range p.all("a", "") {
		if strings.Contains(text(a), label) {
			out = append(out, attr(a, "href"))
		}
	}
	return out
}

func (p *page) lang() string { return attr(p.all("html", "")[0], "lang") }

func (p *page) mainText() string { return text(p.all("main", "")[0]) }

func (p *page) hasLink(label, href string) bool {
	for _, h := range p.links(label) {
		if h == href {
			return true
		}
	}
	return false
}
