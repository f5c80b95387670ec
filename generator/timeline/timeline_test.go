package timeline

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/policygen/gen/generator/date"
)

func day(s string) date.Date {
	d, err := date.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// node is an SVG element as encoding/xml reads it.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all returns every element named name under n, in document order.
func (n node) all(name string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
		out = append(out, c.all(name)...)
	}
	return out
}

func parse(t *testing.T, svg string) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatalf("the SVG is not well-formed XML: %v\n%s", err, svg)
	}
	return root
}

func example() Chart {
	return Chart{
		ID: "tl", Title: "Privacy policy: its versions over time", Desc: "One band per language.",
		Now: day("2026-11-23"), NowLabel: "Today",
		Bands: []Band{
			{Label: "English", Segments: []Segment{
				{From: day("2023-03-01"), Until: day("2024-06-10"), Href: "/en/privacy/2023-03-01/", Label: "Version of March 1, 2023"},
				{From: day("2024-06-10"), Until: day("2027-01-01"), Href: "/en/privacy/2024-05-10/", Label: "Version of May 10, 2024", Material: true},
				{From: day("2027-01-01"), Href: "/en/privacy/2026-11-16/", Label: "Version of November 16, 2026", Upcoming: true},
			}},
			{Label: "Norwegian <Bokmål> & co", Segments: []Segment{
				{From: day("2023-03-01"), Href: "/nb/privacy/2023-03-01/", Label: "Versjonen fra 1. mars 2023"},
			}, Lag: []Period{{From: day("2024-06-10")}}, LagLabel: "Translation behind"},
		},
	}
}

// TestSVG reads the chart as XML, the way a browser's parser or a
// screen reader does: a title and a description the SVG points to, one
// link per version with its accessible name, upcoming versions and
// material changes marked, the lag under the translation's band, and
// every label escaped.
func TestSVG(t *testing.T) {
	svg := example().SVG()
	root := parse(t, svg)
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root %v, want svg in the SVG namespace", root.XMLName)
	}
	titles := root.all("title")
	if len(titles) == 0 || titles[0].attr("id") != root.attr("aria-labelledby") || titles[0].Text != "Privacy policy: its versions over time" {
		t.Errorf("the SVG is labelled by %q; its first title is %+v", root.attr("aria-labelledby"), titles)
	}
	descs := root.all("desc")
	if len(descs) != 1 || descs[0].attr("id") != root.attr("aria-describedby") || descs[0].Text != "One band per language." {
		t.Errorf("the SVG is described by %q; desc %+v", root.attr("aria-describedby"), descs)
	}
	links := root.all("a")
	if len(links) != 4 {
		t.Fatalf("%d links, want one per version (4)", len(links))
	}
	want := []struct{ href, class, name string }{
		{"/en/privacy/2023-03-01/", "segment", "Version of March 1, 2023"},
		{"/en/privacy/2024-05-10/", "segment material", "Version of May 10, 2024"},
		{"/en/privacy/2026-11-16/", "segment upcoming", "Version of November 16, 2026"},
		{"/nb/privacy/2023-03-01/", "segment", "Versjonen fra 1. mars 2023"},
	}
	var x []float64
	for i, a := range links {
		name := a.all("title")
		if a.attr("href") != want[i].href || a.attr("class") != want[i].class || len(name) != 1 || name[0].Text != want[i].name {
			t.Errorf("link %d: href %q class %q name %+v; want %+v", i, a.attr("href"), a.attr("class"), name, want[i])
		}
		rects := a.all("rect")
		if len(rects) != 1 {
			t.Fatalf("link %d has %d bars", i, len(rects))
		}
		x = append(x, atof(t, rects[0].attr("x")))
	}
	// The English versions follow one another from left to right; the
	// Norwegian one starts where the first English one does.
	if !(x[0] < x[1] && x[1] < x[2]) || x[3] != x[0] {
		t.Errorf("bars start at %v", x)
	}
	if marks := root.all("path"); len(marks) != 1 {
		t.Errorf("%d material marks, want 1", len(marks))
	}
	var lag []node
	for _, r := range root.all("rect") {
		if r.attr("class") == "lag" {
			lag = append(lag, r)
		}
	}
	if len(lag) != 1 || atof(t, lag[0].attr("x")) != x[1] {
		t.Errorf("lag bars %+v, want one from where the second English version starts (%v)", lag, x[1])
	}
	var labels []string
	for _, l := range root.all("text") {
		labels = append(labels, l.Text)
	}
	if !strings.Contains(strings.Join(labels, "|"), "Norwegian <Bokmål> & co") || strings.Contains(svg, "<Bokmål>") {
		t.Errorf("a label is not escaped: %v", labels)
	}
	for _, year := range []string{"2024", "2025", "2026", "2027"} {
		if !strings.Contains(strings.Join(labels, "|"), year) {
			t.Errorf("the axis has no %s: %v", year, labels)
		}
	}
	if strings.Contains(svg, "style=") || strings.Contains(svg, "<script") {
		t.Error("the SVG has a style attribute or a script, which the site's CSP refuses")
	}
}

func TestNoVersionsNoChart(t *testing.T) {
	if svg := (Chart{ID: "tl", Bands: []Band{{Label: "English"}}}).SVG(); svg != "" {
		t.Errorf("a chart of no versions: %q", svg)
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	var f float64
	if _, err := fmt.Sscan(s, &f); err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return f
}
