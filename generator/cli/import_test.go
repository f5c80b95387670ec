package cli_test

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"

	. "github.com/policygen/gen/generator/internal/testdocx"
)

// importSite makes an empty site in English, Swedish, German and French,
// as gen init would, for policies to be imported into.
func importSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	put(t, site, "site.toml", `title = "Acme"
base_url = "https://policies.acme.example/"
default_language = "en"

[languages.en]
name = "English"
[languages.sv]
name = "Svenska"
[languages.de]
name = "Deutsch"
[languages.fr]
name = "Français"
`)
	return site
}

// put writes a file below dir and returns its path.
func put(t *testing.T, dir, rel, content string) string {
	t.Helper()
	write(t, dir, rel, content)
	return filepath.Join(dir, filepath.FromSlash(rel))
}

// importOK runs gen import and fails the test unless it succeeds; then
// gen check must pass on the site as the import left it.
func importOK(t *testing.T, site string, args ...string) (stdout, stderr string) {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{"import", "-s", site}, args...)...)
	if code != 0 {
		t.Fatalf("gen import %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	if code, out, errs := run(t, "check", "-s", site, "--now", "2026-11-23"); code != 0 {
		t.Fatalf("gen check after the import: exit %d\n%s%s", code, out, errs)
	}
	return stdout, stderr
}

// body is the policy's text on its page, without the site around it.
func body(p *page) *nethtml.Node {
	p.t.Helper()
	b := p.all("div", "body")
	if len(b) != 1 {
		p.t.Fatalf("%s: %d policy bodies", p.path, len(b))
	}
	return b[0]
}

// headings lists the body's headings as "h2 Text".
func headings(p *page) []string {
	var out []string
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
			out = append(out, n.Data+" "+text(n))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(body(p))
	return out
}

// within returns the elements named tag below n.
func within(n *nethtml.Node, tag string) []*nethtml.Node {
	var out []*nethtml.Node
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// ownText is the text of a list item without the lists nested in it.
func ownText(n *nethtml.Node) string {
	var b strings.Builder
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && (n.Data == "ul" || n.Data == "ol") {
			return
		}
		if n.Type == nethtml.TextNode {
			b.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// tableRows returns each row of the n-th table in the body as its cells'
// texts joined by " | ".
func tableRows(p *page, n int) []string {
	p.t.Helper()
	tables := within(body(p), "table")
	if len(tables) <= n {
		p.t.Fatalf("%s: %d tables, want table %d", p.path, len(tables), n+1)
	}
	var rows []string
	for _, tr := range within(tables[n], "tr") {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == nethtml.ElementNode && (c.Data == "td" || c.Data == "th") {
				cells = append(cells, text(c))
			}
		}
		rows = append(rows, strings.Join(cells, " | "))
	}
	return rows
}

var wordPattern = regexp.MustCompile(`[\pL\pN]+`)

// missingWords returns the words of source that the page's article does
// not have.
func missingWords(p *page, source string) []string {
	article := p.all("article", "")
	if len(article) != 1 {
		p.t.Fatalf("%s: no article", p.path)
	}
	have := map[string]bool{}
	for _, w := range wordPattern.FindAllString(text(article[0]), -1) {
		have[w] = true
	}
	var missing []string
	for _, w := range wordPattern.FindAllString(source, -1) {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	return missing
}

// wordText is the text a Word document's XML shows: its w:t elements
// (deleted text is w:delText, field instructions w:instrText, so neither
// counts), found in the XML as the test wrote it, not by the reader.
func wordText(xml ...string) string {
	var b strings.Builder
	for _, x := range xml {
		for _, m := range regexp.MustCompile(`<w:t(?: [^>]*)?>([^<]*)</w:t>`).FindAllStringSubmatch(x, -1) {
			b.WriteString(html.UnescapeString(m[1]) + " ")
		}
	}
	return b.String()
}

func heading(style string, numbered bool, bookmark, text string) string {
	ppr := `<w:pStyle w:val="` + style + `"/>`
	if numbered {
		ppr += `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>`
	}
	mark := ""
	if bookmark != "" {
		mark = `<w:bookmarkStart w:id="9" w:name="` + bookmark + `"/><w:bookmarkEnd w:id="9"/>`
	}
	return `<w:p><w:pPr>` + ppr + `</w:pPr>` + mark + R(text) + `</w:p>`
}

func TestImportWord(t *testing.T) {
	site := importSite(t)
	doc := Doc{
		Title: "Template 4",
		Links: map[string]string{"rIdICO": "https://ico.org.uk/make-a-complaint/"},
		// A list numbered 1. with (a) under it, as contracts number.
		Numbering: `<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>` +
			`<w:num w:numId="8"><w:abstractNumId w:val="8"/></w:num>`,
		Footnotes: `<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>` + R(" Regulation (EU) 2016/679, the GDPR.") + `</w:p></w:footnote>`,
		Comments:  `<w:comment w:id="5" w:author="Counsel"><w:p>` + R("Confidential remark") + `</w:p></w:comment>`,
		Body: P("Rubrik", R("Privacy Policy")) +
			P("", I("Last updated: 15 July 2021")) +
			heading("Rubrik1", true, "_Toc1", "Who we are") +
			P("", R("Acme Ltd is the "), B("controller"), R(" of your "), I("personal data"), R(". Read about "),
				`<w:hyperlink w:anchor="_Toc3"><w:r><w:rPr><w:rStyle w:val="Hyperlnk"/></w:rPr><w:t>your rights</w:t></w:r></w:hyperlink>`,
				R(" or complain to the "), Link("rIdICO", "Information Commissioner"), R(".")) +
			heading("Rubrik2", false, "", "What we collect") +
			Item(1, 0, R("Your name and e-mail address")) + Item(1, 1, R("as you typed them")) + Item(1, 0, R("Payment details")) +
			P("", R("We keep server logs for "), `<w:del w:id="1" w:author="A"><w:r><w:delText>ninety</w:delText></w:r></w:del>`,
				`<w:ins w:id="2" w:author="A"><w:r><w:t>thirty</w:t></w:r></w:ins>`, `<w:commentRangeStart w:id="5"/>`, R(" days."),
				`<w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r>`) +
			Item(8, 0, R("We collect data")) + Item(8, 1, R("when you sign up;")) + Item(8, 1, R("when you pay.")) + Item(8, 0, R("We share data")) +
			heading("Rubrik1", true, "", "Who processes your data") +
			Table([]string{"Sub-processor", "Purpose", "Location"}, []string{"Stripe, Inc.", "Card payments", "United States"}, []string{"Hetzner Online GmbH", "Hosting", "Germany"}) +
			heading("Rubrik1", true, "_Toc3", "Your rights") +
			Table([]string{"Right", "How to use it"}, []string{"Access", "Write to dpo@acme.example"}) +
			P("", R("Under the data protection law"), `<w:r><w:footnoteReference w:id="1"/></w:r>`, R(" you may object.")),
	}
	src := filepath.Join(t.TempDir(), "Privacy Policy (final).docx")
	if err := os.WriteFile(src, doc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr := importOK(t, site, "privacy", "en", src)
	for _, want := range []string{"2 tracked changes were accepted", "1 comment was left out"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("warnings do not say %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "wrote "+filepath.ToSlash(filepath.Join(site, "content/privacy/en.md"))+" (version of 2021-07-15") {
		t.Errorf("stdout does not name the file written:\n%s", stdout)
	}

	out := buildSite(t, site, "2026-11-23")
	p := readPage(t, out, "/en/privacy/")
	if h1 := p.all("h1", ""); len(h1) != 1 || text(h1[0]) != "Privacy Policy" {
		t.Errorf("title: %v", h1)
	}
	if times := p.all("time", ""); len(times) == 0 || attr(times[0], "datetime") != "2021-07-15" {
		t.Errorf("the page is not dated 2021-07-15")
	}
	want := []string{"h2 1. Who we are", "h3 What we collect", "h2 2. Who processes your data", "h2 3. Your rights"}
	if got := headings(p); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	b := body(p)
	var items []string
	for _, li := range within(b, "li") {
		items = append(items, ownText(li))
	}
	for _, want := range []string{"Your name and e-mail address", "as you typed them", "Payment details", "We collect data (a) when you sign up; (b) when you pay.", "We share data"} {
		if !contains(items, want) {
			t.Errorf("no list item %q in %q", want, items)
		}
	}
	for _, ul := range within(b, "ul") {
		if ownText(ul) == "Your name and e-mail address Payment details" && len(within(ul, "ul")) != 1 {
			t.Errorf("the nested bullet is not a nested list")
		}
	}
	if !p.hasLink("Information Commissioner", "https://ico.org.uk/make-a-complaint/") {
		t.Errorf("external link lost: %v", p.links("Information Commissioner"))
	}
	rights := p.links("your rights")
	if len(rights) != 1 || !strings.HasPrefix(rights[0], "#") || !hasID(b, rights[0][1:]) || !strings.Contains(rights[0], "your-rights") {
		t.Errorf("the link to the bookmark on Your rights goes to %v, not to that heading", rights)
	}
	if rows := tableRows(p, 0); len(rows) != 3 || rows[1] != "Stripe, Inc. | United States | Card payments | – | – | –" || rows[2] != "Hetzner Online GmbH | Germany | Hosting | – | – | –" {
		t.Errorf("processors table: %q", rows)
	}
	if len(p.all("table", "processors")) != 1 {
		t.Errorf("the sub-processor table is not the site's processors table")
	}
	if rows := tableRows(p, 1); len(rows) != 2 || rows[0] != "Right | How to use it" || rows[1] != "Access | Write to dpo@acme.example" {
		t.Errorf("table: %q", rows)
	}
	main := text(b)
	for _, absent := range []string{"ninety", "Confidential remark", "Template 4"} {
		if strings.Contains(main, absent) {
			t.Errorf("the page shows %q", absent)
		}
	}
	if !strings.Contains(main, "Under the data protection law [1] you may object.") || !strings.Contains(main, "[1] Regulation (EU) 2016/679, the GDPR.") {
		t.Errorf("footnote lost: %s", main)
	}
	// The processors table's headings are the site's own ("Processor",
	// "Where data is processed"), in every language of the site.
	source := strings.Replace(wordText(doc.Body, doc.Footnotes), "Sub-processor Purpose Location", "", 1)
	if missing := missingWords(p, source); len(missing) > 0 {
		t.Errorf("words of the document missing from the page: %q", missing)
	}
	if strings.Contains(main, "Last updated: 15 July 2021") {
		t.Errorf("the date line is still in the body")
	}
}

func hasID(n *nethtml.Node, id string) bool {
	if n.Type == nethtml.ElementNode && attr(n, "id") == id {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasID(c, id) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// swedishPage is a policy page as a browser saves it, in Windows-1252 as
// older sites still serve: the site's menu, a cookie banner and a footer
// around the policy, sections starting at <h3> and skipping <h4>.
const swedishPage = `<!DOCTYPE html>
<html lang="sv"><head><meta charset="windows-1252"><title>Integritetspolicy – Acme AB</title>
<script>window.track = 1</script><style>main { color: red }</style></head>
<body>
<header><nav><a href="/">Startsidan</a> <a href="/priser">Priser</a></nav></header>
<div class="cookie-consent-banner">Vi använder kakor <button>Godkänn</button></div>
<main>
<article>
<h1>Integritetspolicy</h1>
<p><a href="/"><img src="/logo.png" alt=""></a></p>
<p>Senast uppdaterad: 15 juli 2021</p>
<p>Gäller från den 1 augusti 2021</p>
<h3 id="vem">Vem ansvarar för dina personuppgifter?</h3>
<p>Acme AB är personuppgiftsansvarig. Läs om <a href="#rattigheter">dina rättigheter</a>, ändra
<a href="/konto/installningar">dina inställningar</a> eller läs <a href="villkor">villkoren</a>.</p>
<h5>Kontakt</h5>
<ol><li>Skriv till oss</li><li>Ring oss på <a href="tel:+46812345">08-123 45</a></li></ol>
<h3>Vilka behandlar uppgifterna?</h3>
<table><thead><tr><th>Personuppgiftsbiträde</th><th>Ändamål</th><th>Land</th></tr></thead>
<tbody><tr><td>Fortnox AB</td><td>Bokföring och fakturor</td><td>Sverige</td></tr>
<tr><td><a href="https://www.hubspot.com/privacy">HubSpot Inc.</a></td><td>Utskick av nyhetsbrev</td><td>USA</td></tr></tbody></table>
<h3 id="rattigheter">Dina rättigheter</h3>
<p>Du har rätt att få en kopia av dina uppgifter.<script>alert(1)</script></p>
<p>Skriv till Acme AB<br>Box 123</p>
</article>
</main>
<footer><p>© Acme AB, Storgatan 1</p></footer>
</body></html>`

func TestImportHTML(t *testing.T) {
	site := importSite(t)
	encoded, err := charmap.Windows1252.NewEncoder().String(swedishPage)
	if err != nil {
		t.Fatal(err)
	}
	src := put(t, t.TempDir(), "integritet.html", encoded)
	_, stderr := importOK(t, site, "privacy", "sv", src, "--link-base", "https://acme.example/sv/integritet")
	if !strings.Contains(stderr, "1 picture was left out") {
		t.Errorf("no warning for the picture left out:\n%s", stderr)
	}

	out := buildSite(t, site, "2026-11-23")
	p := readPage(t, out, "/sv/privacy/")
	if h1 := p.all("h1", ""); len(h1) != 1 || text(h1[0]) != "Integritetspolicy" {
		t.Errorf("title: %v", h1)
	}
	var dates []string
	for _, tm := range p.all("time", "") {
		dates = append(dates, attr(tm, "datetime"))
	}
	if len(dates) < 2 || dates[0] != "2021-07-15" || dates[1] != "2021-08-01" {
		t.Errorf("dates on the page %v, want last updated 2021-07-15, effective 2021-08-01", dates)
	}
	want := []string{"h2 Vem ansvarar för dina personuppgifter?", "h3 Kontakt", "h2 Vilka behandlar uppgifterna?", "h2 Dina rättigheter"}
	if got := headings(p); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for label, href := range map[string]string{
		"dina inställningar": "https://acme.example/konto/installningar",
		"villkoren":          "https://acme.example/sv/villkor",
		"08-123 45":          "tel:+46812345",
		"dina rättigheter":   "#dina-rattigheter",
	} {
		if !p.hasLink(label, href) {
			t.Errorf("link %q goes to %v, want %s", label, p.links(label), href)
		}
	}
	if len(within(body(p), "br")) != 1 {
		t.Errorf("the line break in the address is lost")
	}
	if !hasID(body(p), "dina-rattigheter") {
		t.Errorf("no heading with the id the link goes to")
	}
	if rows := tableRows(p, 0); len(rows) != 3 || rows[1] != "Fortnox AB | Sverige | Bokföring och fakturor | – | – | –" ||
		rows[2] != "HubSpot Inc. | USA | Utskick av nyhetsbrev | – | – | Integritetspolicy (HubSpot Inc.)" {
		t.Errorf("processors: %q", rows)
	}
	if !p.hasLink("Integritetspolicy för HubSpot Inc.", "https://www.hubspot.com/privacy") {
		t.Errorf("the processor's link became no policy address")
	}
	var items []string
	for _, li := range within(body(p), "li") {
		items = append(items, ownText(li))
	}
	if strings.Join(items, " / ") != "Skriv till oss / Ring oss på 08-123 45" {
		t.Errorf("list items %q", items)
	}
	main := p.mainText()
	for _, absent := range []string{"Startsidan", "Priser", "kakor", "Godkänn", "Storgatan", "alert", "window.track", "Senast uppdaterad: 15 juli 2021"} {
		if strings.Contains(main, absent) {
			t.Errorf("the page shows %q", absent)
		}
	}
	doc, _ := nethtml.Parse(strings.NewReader(swedishPage))
	var article *nethtml.Node
	var walk func(n *nethtml.Node)
	walk = func(n *nethtml.Node) {
		if n.Type == nethtml.ElementNode && n.Data == "script" {
			n.Parent.RemoveChild(n)
			return
		}
		if n.Type == nethtml.ElementNode && n.Data == "article" {
			article = n
		}
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			walk(c)
			c = next
		}
	}
	walk(doc)
	// The processors table's headings are the site's own.
	source := strings.Replace(text(article), "Personuppgiftsbiträde Ändamål Land", "", 1)
	if missing := missingWords(p, source); len(missing) > 0 {
		t.Errorf("words of the page's article missing from the policy: %q", missing)
	}
}

func TestImportSeveralVersions(t *testing.T) {
	site := importSite(t)
	dir := t.TempDir()
	first := put(t, dir, "privacy-2020-01-10.md", "# Privacy policy\n\nWe collect little.\n\n### Logs\n\nWe keep logs for a year.\n")
	second := put(t, dir, "privacy-2021-03-01.txt", "Privacy policy\n==============\n\nWe collect little.\n\nLogs\n----\n\nWe keep logs for a month.\n")
	third := put(t, dir, "current.md", "---\ntitle: \"Privacy \\\"policy\\\"\"\ndate: 2022-05-05\nlayout: page\n---\nWe collect little.\n\n## Logs\n\nWe keep logs for a week.\n\n## Newsletter\n\nWe send one.\n")
	stdout, _ := importOK(t, site, "privacy", "en", third, first, second)
	for _, want := range []string{
		"content/privacy/archive/2020-01-10/en.md (version of 2020-01-10, from " + filepath.ToSlash(first),
		"content/privacy/archive/2021-03-01/en.md (version of 2021-03-01",
		"content/privacy/en.md (version of 2022-05-05",
		"Replace the [change] summary gen import wrote in",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout does not say %q:\n%s", want, stdout)
		}
	}
	current, err := os.ReadFile(filepath.Join(site, "content/privacy/en.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(current), `summary = "Imported from current.md."`) || strings.Contains(string(current), dir) {
		t.Errorf("the current file's [change] does not name its source by file name:\n%s", current)
	}
	first2020, _ := os.ReadFile(filepath.Join(site, "content/privacy/archive/2020-01-10/en.md"))
	if strings.Contains(string(first2020), "[change]") {
		t.Errorf("the first version has a [change]:\n%s", first2020)
	}

	out := buildSite(t, site, "2026-11-23")
	p := readPage(t, out, "/en/privacy/")
	if h1 := text(p.all("h1", "")[0]); h1 != `Privacy "policy"` {
		t.Errorf("title %q", h1)
	}
	if got := strings.Join(headings(p), ", "); got != "h2 Logs, h2 Newsletter" {
		t.Errorf("current headings: %s", got)
	}
	for date, want := range map[string]string{"2020-01-10": "We keep logs for a year.", "2021-03-01": "We keep logs for a month."} {
		old := readPage(t, out, "/en/privacy/"+date+"/")
		if !strings.Contains(text(body(old)), want) {
			t.Errorf("version %s: %s", date, text(body(old)))
		}
		if got := strings.Join(headings(old), ", "); got != "h2 Logs" {
			t.Errorf("version %s headings: %s", date, got)
		}
	}
	for day, file := range map[string]string{"": third, "2020-01-10/": first, "2021-03-01/": second} {
		b, _ := os.ReadFile(file)
		source := string(b)
		if _, rest, ok := strings.Cut(source, "\n---\n"); ok {
			source = rest // front matter is not text
		}
		if missing := missingWords(readPage(t, out, "/en/privacy/"+day), source); len(missing) > 0 {
			t.Errorf("%s: words missing from the page: %q", filepath.Base(file), missing)
		}
	}
	history := readPage(t, out, "/en/privacy/history/")
	if !strings.Contains(history.mainText(), "Imported from privacy-2021-03-01.txt.") {
		t.Errorf("history lacks the imported change summary: %s", history.mainText())
	}
	readPage(t, out, "/en/privacy/2021-03-01/changes/")
}

// gitAt runs git in dir as of day, so commits carry that date.
func gitAt(t *testing.T, dir, day string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	stamp := day + "T12:00:00+00:00"
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_DATE="+stamp, "GIT_COMMITTER_DATE="+stamp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestImportGitHistory(t *testing.T) {
	site := importSite(t)
	repo := t.TempDir()
	gitAt(t, repo, "2020-01-01", "init", "-q", "-b", "main")
	commit := func(day, file, content string) {
		put(t, repo, file, content)
		gitAt(t, repo, day, "add", "-A")
		gitAt(t, repo, day, "commit", "-q", "-m", "edit")
	}
	commit("2020-01-10", "privacy.md", "# Privacy\n\nLast updated: 2020-01-10\n\nWe colect little.\n")
	commit("2020-01-12", "privacy.md", "# Privacy\n\nLast updated: 2020-01-10\n\nWe collect little.\n") // a typo fixed, the date kept
	commit("2020-01-20", "README.md", "unrelated\n")
	commit("2021-06-02", "privacy.md", "# Privacy\n\nLast updated: 1 June 2021\n\nWe collect little.\n\nWe added a newsletter.\n")
	gitAt(t, repo, "2022-02-02", "mv", "privacy.md", "legal-privacy.md")
	commit("2022-02-02", "legal-privacy.md", "# Privacy\n\nWe collect little.\n\nWe added a newsletter.\n\nWe dropped analytics.\n")

	importOK(t, site, "privacy", "en", "--git", repo, "legal-privacy.md")
	out := buildSite(t, site, "2026-11-23")
	history := readPage(t, out, "/en/privacy/history/")
	for day, want := range map[string]string{
		"2020-01-10": "We collect little.",
		"2021-06-01": "We added a newsletter.",
		"2022-02-02": "We dropped analytics.",
	} {
		p := readPage(t, out, "/en/privacy/"+day+"/")
		if got := text(body(p)); !strings.Contains(got, want) || strings.Contains(got, "colect") || strings.Contains(got, "Last updated") {
			t.Errorf("version %s: %q", day, got)
		}
		if !history.hasLink("", "/en/privacy/"+day+"/") {
			t.Errorf("history does not link the version of %s", day)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(site, "content/privacy/archive"))
	if len(entries) != 2 {
		t.Errorf("%d archived versions, want 2 (one per distinct date)", len(entries))
	}
	current, _ := os.ReadFile(filepath.Join(site, "content/privacy/en.md"))
	if !regexp.MustCompile(`summary = "Imported from legal-privacy.md as committed on 2022-02-02 \([0-9a-f]+\)."`).Match(current) {
		t.Errorf("the current version's summary does not name the revision:\n%s", current)
	}
}

func TestImportRefusals(t *testing.T) {
	site := importSite(t)
	dir := t.TempDir()
	good := put(t, dir, "privacy.md", "# Privacy\n\nLast updated: 2024-05-10\n\nWe collect little.\n")

	// --dry-run shows the file and writes nothing.
	before := tree(t, site)
	code, stdout, stderr := run(t, "import", "-s", site, "privacy", "en", good, "--dry-run")
	if code != 0 || !strings.Contains(stdout, "would write") || !strings.Contains(stdout, `title = "Privacy"`) || !strings.Contains(stdout, "last_updated = 2024-05-10") {
		t.Errorf("--dry-run: exit %d\n%s%s", code, stdout, stderr)
	}
	sameTree(t, before, tree(t, site), "site before and after --dry-run")

	importOK(t, site, "privacy", "en", good)
	// Never overwrite: the same import again is refused, nothing changes.
	before = tree(t, site)
	code, _, stderr = run(t, "import", "-s", site, "privacy", "en", good)
	if code != 1 || !strings.Contains(stderr, "never replaces a file") {
		t.Errorf("second import: exit %d\n%s", code, stderr)
	}
	sameTree(t, before, tree(t, site), "site before and after a refused import")

	// An older version joins the archive of the existing policy, whose
	// current version then needs a [change] like every version but the
	// first.
	edit(t, site, "content/privacy/en.md", func(s string) string {
		open := strings.Index(s, "+++\n") + len("+++\n")
		return s[:open] + strings.Replace(s[open:], "+++\n", "[change]\nsummary = \"We collect less.\"\n+++\n", 1)
	})
	older := put(t, dir, "old.md", "# Privacy\n\nUpdated on 3 March 2023\n\nWe collected more.\n")
	importOK(t, site, "privacy", "en", older)
	if _, err := os.Stat(filepath.Join(site, "content/privacy/archive/2023-03-03/en.md")); err != nil {
		t.Errorf("the older version was not archived: %v", err)
	}

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"relative links", []string{"terms", "en", put(t, dir, "t.html", `<main><h1>Terms</h1><p>Last updated: 2024-01-01</p><p>See <a href="/account">your account</a>.</p></main>`)}, 1, "give --link-base"},
		{"no date", []string{"terms", "en", put(t, dir, "undated.md", "# Terms\n\nText.\n")}, 1, "undated.md: no date found"},
		{"no title", []string{"terms", "en", put(t, dir, "notitle-2024-01-01.txt", "Just text.\n")}, 1, "give the policy's title with --title"},
		{"unknown language", []string{"terms", "fi", good}, 1, "fi is not one of the site's languages"},
		{"pdf", []string{"terms", "en", put(t, dir, "t.pdf", "%PDF-1.4")}, 1, "is a PDF"},
		{"a .doc saved as .docx", []string{"terms", "en", put(t, dir, "old.docx", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest")}, 1, "save it as .docx"},
		{"--date with two sources", []string{"terms", "en", good, older, "--date", "2024-01-01"}, 2, "--date and --effective date one SOURCE"},
		{"--git with two files", []string{"terms", "en", "--git", dir, "a.md", "b.md"}, 2, "takes one FILE"},
		{"not a repository", []string{"terms", "en", "--git", dir, "a.md"}, 1, "not a git repository"},
		{"a policy name with a path", []string{"../x", "en", good}, 2, "is not a policy name"},
		{"a bad link base", []string{"terms", "en", good, "--link-base", "acme.example"}, 2, "is not a web address"},
		{"--effective before --date", []string{"terms", "en", good, "--date", "2024-06-01", "--effective", "2024-05-01"}, 1, "--effective: 2024-05-01 is before the version's date 2024-06-01"},
		{"two sources of one day", []string{"terms", "en", put(t, dir, "a-2024-01-01.md", "# T\n\nA.\n"), put(t, dir, "b-2024-01-01.md", "# T\n\nB.\n")}, 1, "a policy has one version per day"},
	} {
		before := tree(t, site)
		code, stdout, stderr := run(t, append([]string{"import", "-s", site}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d (want %d), stderr does not say %q:\n%s%s", tc.name, code, tc.code, tc.want, stdout, stderr)
		}
		sameTree(t, before, tree(t, site), "site before and after "+tc.name)
	}

	// A title with quotes and a line break still makes valid front matter;
	// --date and --effective override the dates the text states.
	importOK(t, site, "terms", "en", good, "--title", "Terms \"of\" use\nand\\more", "--date", "2024-06-01", "--effective", "2024-07-01")
	out := buildSite(t, site, "2026-11-23")
	terms := readPage(t, out, "/en/terms/")
	if h1 := text(terms.all("h1", "")[0]); h1 != `Terms "of" use and\more` {
		t.Errorf("title %q", h1)
	}
	if last, eff := terms.versionDates(); last != "2024-06-01" || eff != "2024-07-01" {
		t.Errorf("dates %s, %s, want 2024-06-01, 2024-07-01", last, eff)
	}
}

// TestImportedLinksToGenPage imports an HTML page that gen itself
// published: its own "Last updated" and processors headings read back.
func TestImportGenPage(t *testing.T) {
	site := importSite(t)
	src := put(t, t.TempDir(), "page.html", `<html><body><main><article><header><h1>Datenschutz</h1>
<dl><div><dt>Zuletzt aktualisiert</dt><dd><time datetime="2024-03-01">1. März 2024</time></dd></div></dl></header>
<div class="body"><h2>Auftragsverarbeiter</h2><table><thead><tr><th>Auftragsverarbeiter</th><th>Ort der Verarbeitung</th><th>Zweck</th></tr></thead>
<tbody><tr><td>SAP SE</td><td>EU</td><td>Buchhaltung</td></tr></tbody></table></div></article></main></body></html>`)
	importOK(t, site, "privacy", "de", src)
	p := readPage(t, buildSite(t, site, "2026-11-23"), "/de/privacy/")
	if rows := tableRows(p, 0); len(rows) != 2 || !strings.HasPrefix(rows[1], "SAP SE | EU | Buchhaltung") {
		t.Errorf("processors %q", rows)
	}
	if times := p.all("time", ""); len(times) == 0 || attr(times[0], "datetime") != "2024-03-01" {
		t.Errorf("not dated 2024-03-01")
	}
}

// TestImportWhichPartOfThePage imports pages without <main>: the body
// less its header, footer and side bar, or what --select names.
func TestImportWhichPartOfThePage(t *testing.T) {
	page := `<html><head><title>Terms | Acme</title><link rel="canonical" href="https://acme.example/legal/terms"></head><body>
<header><h1>Terms of service</h1><nav>Menu</nav></header>
<aside>Related articles</aside>
<div id="terms"><p>Last updated: 2023-04-01</p><h2>Use</h2><p>Use it <a href="fair">fairly</a>.</p></div>
<div id="other"><p>Newsletter sign-up</p></div>
<footer>Footer text</footer></body></html>`
	for _, tc := range []struct {
		name   string
		args   []string
		absent []string
	}{
		{"body", nil, []string{"Menu", "Related articles", "Footer text"}},
		{"--select", []string{"--select", "#terms"}, []string{"Menu", "Related articles", "Footer text", "Newsletter"}},
	} {
		site := importSite(t)
		src := put(t, t.TempDir(), "terms.html", page)
		importOK(t, site, append([]string{"terms", "en", src}, tc.args...)...)
		p := readPage(t, buildSite(t, site, "2026-11-23"), "/en/terms/")
		if h1 := text(p.all("h1", "")[0]); h1 != "Terms of service" {
			t.Errorf("%s: title %q", tc.name, h1)
		}
		if got := strings.Join(headings(p), ", "); got != "h2 Use" {
			t.Errorf("%s: headings %s", tc.name, got)
		}
		if !p.hasLink("fairly", "https://acme.example/legal/fair") {
			t.Errorf("%s: the relative link is not made absolute against the canonical address: %v", tc.name, p.links("fairly"))
		}
		for _, a := range tc.absent {
			if strings.Contains(text(body(p)), a) {
				t.Errorf("%s: the policy shows %q", tc.name, a)
			}
		}
	}
	site := importSite(t)
	src := put(t, t.TempDir(), "terms.html", page)
	if code, _, stderr := run(t, "import", "-s", site, "terms", "en", src, "--select", "#nothing"); code != 1 || !strings.Contains(stderr, "--select #nothing matches nothing") {
		t.Errorf("a selector matching nothing: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, "import", "-s", site, "terms", "en", src, "--select", "div[["); code != 1 || !strings.Contains(stderr, "is not a CSS selector") {
		t.Errorf("a selector that is not one: exit %d\n%s", code, stderr)
	}
}
