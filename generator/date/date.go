// Package date holds calendar dates. A policy's dates are days on a calendar,
// not instants: converting them through time.Time in the local zone can shift
// them by a day, so they are kept as year, month and day.
package date

import (
	"fmt"
	"time"
)

// Date is a calendar day. The zero Date is not a valid day and means "none".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Of returns the calendar day t falls on in t's own location. BurntSushi/toml
// decodes a TOML local date as midnight in time.Local, so reading the fields
// in t's location (never converting it) keeps the day the author wrote.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Parse reads a date written as YYYY-MM-DD.
func Parse(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len("2006-01-02") {
		return Date{}, fmt.Errorf("%q is not a date; write it as YYYY-MM-DD", s)
	}
	d := Of(t)
	if !d.InRange() {
		return Date{}, fmt.Errorf("%q is not a date gen can publish: %s", s, Range)
	}
	return d, nil
}

// Range says which years a date may have: every date is written with four
// digits, in file names and addresses, and year 0 is no year of the
// calendar people date policies by.
const Range = "years run from 0001 to 9999"

// InRange reports whether d is a day of a year from 1 to 9999.
func (d Date) InRange() bool { return d.Year >= 1 && d.Year <= 9999 }

// Today returns the current day in loc.
func Today(now time.Time, loc *time.Location) Date { return Of(now.In(loc)) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD, the form used in file names and URLs.
func (d Date) String() string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 0 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	// By hand: every URL of a version holds its date, and a site has
	// thousands of them to format on each build and each preview edit.
	b := [10]byte{
		byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10), '-',
		byte('0' + d.Month/10), byte('0' + d.Month%10), '-',
		byte('0' + d.Day/10), byte('0' + d.Day%10),
	}
	return string(b[:])
}

// Time returns midnight UTC of d, for formatting and feeds.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp(int(d.Month), int(e.Month))
	default:
		return cmp(d.Day, e.Day)
	}
}

// AddDays returns the day n days after d.
func (d Date) AddDays(n int) Date { return Of(d.Time().AddDate(0, 0, n)) }

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
