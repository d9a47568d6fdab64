package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/testsite"
)

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "0 checks"},
		{1, "1 check"},
		{2, "2 checks"},
		{11, "11 checks"},
		{21, "21 checks"},
		{-1, "-1 checks"},
	} {
		if got := count(tc.n, "check", "checks"); got != tc.want {
			t.Errorf("count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// unfinished is what a message with a plural left to the reader looks
// like: "1 checks", "error(s)".
var unfinished = regexp.MustCompile(`\(s\)|\b1 (checks|pages|files|topics|questions|errors|warnings|links|records)\b`)

// The CLI's summaries say "1 check" and "2 checks", never "1 checks" or
// "error(s)", in every command that counts.
func TestMessagesPlural(t *testing.T) {
	second := strings.Replace(strings.Replace(okCheck, `title: "Q?"`, `title: "R?"`, 1), "topics: [a]", "topics: [a, b]", 1)
	for _, tc := range []struct {
		name  string
		files map[string]string
		args  []string
		want  []string // in stdout and stderr together
	}{
		{"build one", map[string]string{"content/checks/a.md": okCheck}, []string{"build"},
			[]string{"Built 1 check, ", ", 1 topic, 0 questions in "}},
		{"build two", map[string]string{"content/checks/a.md": okCheck, "content/checks/b.md": second}, []string{"build"},
			[]string{"Built 2 checks, ", ", 2 topics, 0 questions in "}},
		{"check clean", map[string]string{"content/checks/a.md": okCheck}, []string{"check"},
			[]string{"checked 1 file in ", ": 0 errors, 0 warnings\n"}},
		{"check one error", map[string]string{"content/checks/a.md": strings.Replace(okCheck, "Text [1].", "Text [1] [2].", 1)}, []string{"check"},
			[]string{"checked 1 file in ", ": 1 error, 0 warnings\n"}},
		{"check two errors one warning", map[string]string{
			"content/checks/a.md": strings.Replace(okCheck, "Text [1].", "Text [1] [2].", 1),
			"content/checks/b.md": strings.Replace(strings.Replace(second, "Text [1].", "Text [1] [3].", 1), "topics: [a, b]", "topics: []", 1),
		}, []string{"check"},
			[]string{"checked 2 files in ", ": 2 errors, 1 warning\n"}},
		{"build stopped", map[string]string{"content/checks/a.md": strings.Replace(okCheck, "Text [1].", "Text [1] [2].", 1)}, []string{"build"},
			[]string{"build stopped: 1 error, 0 warnings, 0 broken links; nothing was written"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["factpress.yaml"] = "title: Test\nbase_url: https://example.org/\n"
			dir := testsite.Write(t, tc.files)
			_, out, errOut := runCLI(t, dir, tc.args...)
			all := out + errOut
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("%v: want %q in\n%s", tc.args, w, all)
				}
			}
			if m := unfinished.FindString(all); m != "" {
				t.Errorf("%v says %q:\n%s", tc.args, m, all)
			}
		})
	}
}
