package version

import (
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
