package version

import (
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	installed := &debug.BuildInfo{Main: debug.Module{Path: "github.com/policygen/gen", Version: "v1.4.0"}}
	checkout := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-11-30T08:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	for _, tc := range []struct {
		name    string
		stamped Info
		bi      *debug.BuildInfo
		want    string
	}{
		{"release build", Info{"v1.4.0", "89abcdef", "2026-12-01T10:00:00Z"}, checkout, "gen v1.4.0 (commit 89abcdef, 2026-12-01T10:00:00Z)"},
		{"go install …@v1.4.0", Info{}, installed, "gen v1.4.0 (commit unknown, date unknown)"},
		{"go build in a checkout", Info{}, checkout, "gen devel (commit 0123456789abcdef0123456789abcdef01234567 (with uncommitted changes), 2026-11-30T08:00:00Z)"},
		{"no build information", Info{}, nil, "gen devel (commit unknown, date unknown)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := resolve(tc.stamped, func() (*debug.BuildInfo, bool) { return tc.bi, tc.bi != nil }).String()
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestReleased(t *testing.T) {
	for v, want := range map[string]bool{
		"v1.2.3": true, "v0.10.0": true, "": false, "1.2.3": false, "v1.2": false,
		"v1.2.3-rc.1": false, "v0.0.0-20261130080000-0123456789ab": false, "v1.2.3+dirty": false, "v1.x.3": false,
	} {
		if got := (Info{Version: v}).Released(); got != want {
			t.Errorf("%q: Released() = %v, want %v", v, got, want)
		}
	}
}
