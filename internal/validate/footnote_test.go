package validate

import (
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/diag"
)

func TestFootnoteSyntax(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"marker", strings.Replace(good, "and [2].", "and [2] [^3].", 1), []string{"15:24:footnote-syntax"}},
		{"instead of a citation", strings.Replace(good, "and [2].", "and [^2].", 1), []string{"11:5:source-uncited", "15:20:footnote-syntax"}},
		{"after non-ASCII text", good + "\nÉtude «citée» [^1]\n", []string{"17:15:footnote-syntax"}},
		{"definition", good + "\n[^1]: The Guardian\n", []string{"17:1:footnote-syntax"}},
		{"CRLF and BOM keep lines", "\xef\xbb\xbf" + strings.ReplaceAll(strings.Replace(good, "and [2].", "and [2] [^3].", 1), "\n", "\r\n"), []string{"15:24:footnote-syntax"}},
		{"in code", strings.Replace(good, "and [2].", "and [2]. `[^3]`\n\n```\n[^4]\n```", 1), nil},
		{"a link", strings.Replace(good, "and [2].", "and [2]. [^3](https://example.org/x)", 1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := run(t, nil, map[string]string{"content/checks/a.md": tc.src})
			got := found(l)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %v\nwant %v\n%v", got, tc.want, l)
			}
			for _, d := range l {
				if d.Code == "footnote-syntax" && (d.Severity != diag.Warning || !strings.Contains(d.Message, "not [^")) {
					t.Errorf("footnote-syntax should be a warning saying how to cite: %v", d)
				}
			}
		})
	}
}
