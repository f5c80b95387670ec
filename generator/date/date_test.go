package date

import (
	"fmt"
	"testing"
	"time"
)

// TestOfKeepsTheCalendarDay reads a midnight in zones far from UTC, as
// BurntSushi/toml hands a bare TOML date over: the day must not move.
func TestOfKeepsTheCalendarDay(t *testing.T) {
	for _, offset := range []int{14, 12, 1, 0, -1, -10, -12} {
		zone := time.FixedZone("date-local", offset*3600)
		got := Of(time.Date(2023, 8, 18, 0, 0, 0, 0, zone))
		if got != (Date{2023, time.August, 18}) {
			t.Errorf("UTC%+d: %v", offset, got)
		}
	}
}

func TestParse(t *testing.T) {
	for in, ok := range map[string]bool{
		"2023-08-18": true, "2024-02-29": true,
		"2023-02-29": false, "2023-13-01": false, "2023-8-18": false, "18.08.2023": false,
		"2023-08-18T00:00:00Z": false, "": false, " 2023-08-18": false,
		// Years run from 0001 to 9999: no year 0 (time.Parse takes it).
		"0001-01-01": true, "9999-12-31": true, "0000-12-31": false,
	} {
		d, err := Parse(in)
		if (err == nil) != ok {
			t.Errorf("Parse(%q) = %v, %v", in, d, err)
		}
		if ok && d.String() != in {
			t.Errorf("Parse(%q).String() = %q", in, d)
		}
	}
}

func TestCompareAndAddDays(t *testing.T) {
	a, b := Date{2023, 12, 31}, Date{2024, 1, 1}
	if !a.Before(b) || !b.After(a) || a.Compare(a) != 0 || a.AddDays(1) != b || b.AddDays(-1) != a {
		t.Errorf("ordering across a year boundary is wrong")
	}
	if (Date{2024, 2, 28}).AddDays(30) != (Date{2024, 3, 29}) {
		t.Errorf("AddDays across a leap day is wrong")
	}
}

// TestStringMatchesSprintf checks the hand-made formatting against the
// obvious one, over the dates a site has and the odd ones it might.
func TestStringMatchesSprintf(t *testing.T) {
	for _, d := range []Date{
		{2026, time.November, 23}, {1, time.January, 1}, {0, time.January, 1}, {9999, time.December, 31},
		{10000, time.January, 1}, {-1, time.March, 4}, {2024, time.February, 29}, {2026, 0, 0}, {2026, 13, 100},
	} {
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day); got != want {
			t.Errorf("%#v.String() = %q, want %q", d, got, want)
		}
	}
}
