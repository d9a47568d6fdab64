package bidi

import (
	"strings"
	"testing"
)

func TestStripAndProblem(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		names    []string // named in Problem; none when it is clean
	}{
		{"plain text", "plain text", nil},
		{"abc\u202Efed\u202C", "abcfed", []string{"U+202E RIGHT-TO-LEFT OVERRIDE", "U+202C POP DIRECTIONAL FORMATTING"}},
		{"\u2066x\u2069\u2067\u2068\u202A\u202B\u202D", "x", []string{"U+2066 LEFT-TO-RIGHT ISOLATE", "U+2069 POP DIRECTIONAL ISOLATE", "U+2067", "U+2068", "U+202A", "U+202B", "U+202D"}},
		{"\u202E\u202E", "", []string{"U+202E RIGHT-TO-LEFT OVERRIDE"}},
		// Marks only set the direction beside them: kept, and not a problem.
		{"שלום\u200F 1\u200E \u061C", "שלום\u200F 1\u200E \u061C", nil},
	} {
		if got := Strip(tc.in); got != tc.want {
			t.Errorf("Strip(%q) = %q, want %q", tc.in, got, tc.want)
		}
		p := Problem(tc.in)
		if (p == "") != (tc.names == nil) {
			t.Errorf("Problem(%q) = %q", tc.in, p)
		}
		for _, n := range tc.names {
			if !strings.Contains(p, n) {
				t.Errorf("Problem(%q) = %q, should name %s", tc.in, p, n)
			}
		}
		if strings.Count(p, "U+202E") > 1 {
			t.Errorf("Problem(%q) names a character twice: %q", tc.in, p)
		}
	}
}
