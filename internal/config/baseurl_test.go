package config

import (
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/diag"
)

// TestBaseURLNoHost: a base_url that is a path builds, but ClaimReview and
// canonical URLs need a host, so it is one warning at its line; a URL with
// a host, a refused value (already an error) or no base_url at all is none.
func TestBaseURLNoHost(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		line int // 0: no base-url-no-host finding
	}{
		{"init's old default", "title: x\nbase_url: \"/\"\n", 2},
		{"a subpath", "base_url: /archive/\n", 1},
		{"empty", "title: x\nlanguage: en\nbase_url: \"\"\n", 3},
		{"a host", "base_url: https://org.github.io/archive/\n", 0},
		{"a host without a path", "base_url: \"http://localhost:1313\"\n", 0},
		{"refused", "base_url: \"ftp://x/\"\n", 0},
		{"not given", "title: x\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			var found []int
			for _, d := range diags {
				if d.Code != "base-url-no-host" {
					continue
				}
				found = append(found, d.Line)
				if d.Severity != diag.Warning || !strings.Contains(d.Message, "ClaimReview and canonical URLs cannot be absolute") {
					t.Errorf("%v", d)
				}
			}
			switch {
			case tc.line == 0 && len(found) != 0:
				t.Errorf("warned at %v, want no warning", found)
			case tc.line != 0 && (len(found) != 1 || found[0] != tc.line):
				t.Errorf("warned at %v, want once at line %d", found, tc.line)
			}
		})
	}
}
