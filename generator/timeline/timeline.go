// Package timeline draws a policy's history as a picture: an inline SVG
// with one band per language (or per policy, on a language's index), each
// version a segment from the day it took effect to the day the next one
// did, linked to its page. Upcoming versions are dashed, material changes
// marked, and a translation's lag behind the authoritative text is drawn
// under its band. The SVG has no script and no style attribute (the
// site's CSP forbids them): its look comes from classes the stylesheet
// styles, so it follows dark mode and prints.
package timeline

import (
	"fmt"
	"html"
	"strings"

	"github.com/policygen/gen/generator/date"
)

// Chart is what the picture shows. The caller words every label in the
// reader's language.
type Chart struct {
	ID    string // unique on the page: the title's and description's ids derive from it
	Title string
	Desc  string
	Bands []Band
	// Now is the build's today, marked on the axis; the axis runs from
	// the first effective date to past the latest of Now and the last
	// version to come.
	Now      date.Date
	NowLabel string
}

// Band is one row: a language's versions of a policy, or a policy's.
type Band struct {
	Label    string
	Segments []Segment
	// Lag are the periods in which this translation followed an older
	// text than the authoritative one in force.
	Lag      []Period
	LagLabel string // what a lag period is called, e.g. "Translation behind"
}

// Segment is one version on its band.
type Segment struct {
	From date.Date // the day it took (or takes) effect
	// Until is the day the next version took over; zero for the last one,
	// drawn to the end of the axis.
	Until    date.Date
	Href     string
	Label    string // its accessible name: "Version of 1 March 2023, in force …"
	Upcoming bool
	Material bool
}

// Period is a span of days, Until exclusive (zero: still going).
type Period struct{ From, Until date.Date }

// The drawing's geometry, in the viewBox's units.
const (
	width      = 720
	labelWidth = 150
	bandHeight = 34
	barHeight  = 18
	lagHeight  = 5
	axisHeight = 28
	top        = 8
)

// SVG returns the chart as an inline <svg> element, escaped. A chart with
// no segment is "".
func (c Chart) SVG() string {
	first, last, ok := c.span()
	if !ok {
		return ""
	}
	days := float64(dayNumber(last) - dayNumber(first))
	x := func(d date.Date) float64 {
		return labelWidth + (width-labelWidth-8)*float64(dayNumber(d)-dayNumber(first))/days
	}
	height := top + len(c.Bands)*bandHeight + axisHeight
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="group" aria-labelledby="%s-title" aria-describedby="%s-desc">`, width, height, esc(c.ID), esc(c.ID))
	fmt.Fprintf(&b, "\n<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc))
	for i, band := range c.Bands {
		y := top + i*bandHeight
		fmt.Fprintf(&b, `<g class="band"><text class="band-label" x="0" y="%d">%s</text>`, y+barHeight-4, esc(band.Label))
		for _, s := range band.Segments {
			end := last
			if !s.Until.IsZero() {
				end = s.Until
			}
			x0, x1 := x(s.From), x(end)
			if x1-x0 < 3 {
				x1 = x0 + 3 // a version in force a day or two still shows
			}
			class := "segment"
			if s.Upcoming {
				class += " upcoming"
			}
			if s.Material {
				class += " material"
			}
			fmt.Fprintf(&b, "\n<a href=\"%s\" class=\"%s\"><title>%s</title><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\"/>", esc(s.Href), class, esc(s.Label), x0, y, x1-x0-1, barHeight)
			if s.Material {
				// A mark at the start: the change that made this version.
				fmt.Fprintf(&b, `<path class="material-mark" d="M%.1f %d l5 -7 l5 7 z"/>`, x0, y)
			}
			b.WriteString("</a>")
		}
		for _, p := range band.Lag {
			end := last
			if !p.Until.IsZero() {
				end = p.Until
			}
			fmt.Fprintf(&b, "\n<rect class=\"lag\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>", x(p.From), y+barHeight+2, x(end)-x(p.From), lagHeight, esc(band.LagLabel))
		}
		b.WriteString("</g>\n")
	}
	// The axis: a tick at each new year, and today.
	axisY := top + len(c.Bands)*bandHeight
	fmt.Fprintf(&b, `<g class="axis"><line x1="%d" y1="%d" x2="%d" y2="%d"/>`, labelWidth, axisY, width-8, axisY)
	for year := first.Year + 1; year <= last.Year; year++ {
		d := date.Date{Year: year, Month: 1, Day: 1}
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d"/><text x="%.1f" y="%d">%d</text>`, x(d), axisY, x(d), axisY+5, x(d), axisY+18, year)
	}
	b.WriteString("</g>\n")
	if !c.Now.IsZero() && !c.Now.Before(first) && !c.Now.After(last) {
		fmt.Fprintf(&b, `<g class="now"><line x1="%.1f" y1="%d" x2="%.1f" y2="%d"/><title>%s</title></g>`, x(c.Now), top-4, x(c.Now), axisY, esc(c.NowLabel))
		b.WriteString("\n")
	}
	b.WriteString("</svg>")
	return b.String()
}

// span is the axis: from the first effective date to past the later of
// today and the last effective date, by a tenth, so the version in force
// shows as a bar and not a line.
func (c Chart) span() (first, last date.Date, ok bool) {
	for _, band := range c.Bands {
		for _, s := range band.Segments {
			if !ok || s.From.Before(first) {
				first = s.From
			}
			if !ok || s.From.After(last) {
				last = s.From
			}
			ok = true
		}
	}
	if !ok {
		return first, last, false
	}
	if c.Now.After(last) {
		last = c.Now
	}
	pad := (dayNumber(last) - dayNumber(first)) / 10
	if pad < 30 {
		pad = 30
	}
	return first, last.AddDays(pad), true
}

// dayNumber counts days, for the axis's scale.
func dayNumber(d date.Date) int { return int(d.Time().Unix() / 86400) }

func esc(s string) string { return html.EscapeString(s) }
