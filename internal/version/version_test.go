package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	for _, tc := range []struct {
		info Info
		want string
	}{
		{Info{Version: "(devel)"}, "factpress (devel)"},
		{Info{Version: "v1.2.3", Go: "go1.26.0"}, "factpress v1.2.3 go1.26.0"},
		{
			Info{Version: "(devel)", Go: "go1.26.0", Revision: "abc", Time: "2026-01-19T10:00:00Z", Modified: "false"},
			"factpress (devel) go1.26.0 vcs.revision=abc vcs.time=2026-01-19T10:00:00Z vcs.modified=false",
		},
	} {
		if got := tc.info.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.info, got, tc.want)
		}
	}
	if got := Read().String(); !strings.HasPrefix(got, "factpress ") {
		t.Errorf("Read: %q", got)
	}
}

// TestReadVersion covers each way factpress is built: a release binary, `go
// install` at a tag or a commit, and `go build` in a clone.
func TestReadVersion(t *testing.T) {
	const (
		rev  = "0123456789abcdef0123456789abcdef01234567"
		when = "2026-01-19T10:00:00Z"
	)
	devel := func(settings ...debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/factpress/factpress", Version: "(devel)"}, Settings: settings}
	}
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "fedcba"}, {Key: "vcs.time", Value: "2025-12-31T00:00:00Z"}, {Key: "vcs.modified", Value: "false"}}
	for _, tc := range []struct {
		name  string
		stamp stamp
		info  *debug.BuildInfo
		want  Info
	}{
		{
			"release, built under -buildvcs=false",
			stamp{"v1.2.3", rev, when}, devel(),
			Info{Version: "v1.2.3", Go: "go1.26.0", Revision: rev, Time: when},
		},
		{
			"release, built in a clone with VCS stamping: the stamp wins, modified stays",
			stamp{"v1.2.3", rev, when}, devel(vcs...),
			Info{Version: "v1.2.3", Go: "go1.26.0", Revision: rev, Time: when, Modified: "false"},
		},
		{
			"go install …@v1.2.3",
			stamp{}, &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}},
			Info{Version: "v1.2.3", Go: "go1.26.0"},
		},
		{
			"go install …@main: the pseudo-version names the commit",
			stamp{}, &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.4-0.20260119100000-0123456789ab"}},
			Info{Version: "v1.2.4-0.20260119100000-0123456789ab", Go: "go1.26.0", Revision: "0123456789ab", Time: when},
		},
		{
			"go build in a clone",
			stamp{}, devel(vcs...),
			Info{Version: "(devel)", Go: "go1.26.0", Revision: "fedcba", Time: "2025-12-31T00:00:00Z", Modified: "false"},
		},
		{"no build information", stamp{}, nil, Info{Version: "(devel)"}},
		{"no build information, stamped", stamp{"v1.2.3", rev, when}, nil, Info{Version: "v1.2.3", Revision: rev, Time: when}},
	} {
		if got := read(tc.stamp, tc.info); got != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, got, tc.want)
		}
	}
}

func TestPseudoVersion(t *testing.T) {
	for v, want := range map[string][2]string{
		"v0.0.0-20260119100000-0123456789ab":              {"0123456789ab", "2026-01-19T10:00:00Z"},
		"v1.2.4-0.20260119100000-0123456789ab":            {"0123456789ab", "2026-01-19T10:00:00Z"},
		"v1.2.3-rc.1.0.20260119100000-0123456789ab":       {"0123456789ab", "2026-01-19T10:00:00Z"},
		"v2.0.0-20260119100000-0123456789ab+incompatible": {"0123456789ab", "2026-01-19T10:00:00Z"},
		"v1.2.3":                       {"", ""},
		"v1.2.3-rc.1":                  {"", ""},
		"(devel)":                      {"", ""},
		"v1.2.3-20260119100000-nothex": {"", ""},
	} {
		if rev, at := pseudo(v); rev != want[0] || at != want[1] {
			t.Errorf("pseudo(%q) = %q, %q, want %q, %q", v, rev, at, want[0], want[1])
		}
	}
}
