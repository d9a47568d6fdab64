package weburl

import "testing"

func TestProblem(t *testing.T) {
	for _, tc := range []struct {
		raw string
		ok  bool
	}{
		{"https://example.org/a?b=c#d", true},
		{"http://example.org", true},
		{"javascript:alert(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"/relative/path", false},
		{"example.org/a", false},
		{"https://", false},
		{"https://:80/", false},
		{"https://exa mple.org/", false},
		{"https://example.org/\x01", false},
		{"https://example.org/\u202Etxt.exe", false},
		{"https://example.org/%zz", false},
	} {
		if got := Problem(tc.raw); (got == "") != tc.ok {
			t.Errorf("Problem(%q) = %q, want ok=%v", tc.raw, got, tc.ok)
		}
	}
}
