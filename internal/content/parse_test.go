package content

import (
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/bidi"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/markdown"
)

func TestParseFieldsAndPositions(t *testing.T) {
	src := "\n---\ntitle: \"Q?\"\nverdict: true\ndate: 2026-01-17\ntopics: [a, b]\nsources:\n  - id: 2\n    url: https://x.org\nrelated:\n  - \"Plain?\"\n  - question: \"Linked?\"\n    check: other\n---\nBody [2].\n"
	c := Parse("content/checks/x.md", []byte(src), KindCheck, markdown.New(markdown.Options{}))
	if len(c.Diags) != 0 {
		t.Fatalf("diags: %v", c.Diags)
	}
	if c.Verdict != "true" || !c.Date.Valid || c.Date.String() != "2026-01-17" {
		t.Errorf("verdict %q date %v", c.Verdict, c.Date)
	}
	if got := c.FieldPos("title"); got != (Pos{3, 1}) {
		t.Errorf("title at %v, want 3:1 (front matter after a blank line)", got)
	}
	if c.Sources[0].Pos.Line != 8 || c.Sources[0].ID != "2" {
		t.Errorf("source %+v", c.Sources[0])
	}
	if c.Topics[1].Value != "b" || c.Topics[1].Pos != (Pos{6, 13}) {
		t.Errorf("topic b at %v", c.Topics[1].Pos)
	}
	if len(c.Related) != 2 || c.Related[0].Question != "Plain?" || c.Related[1].Check != "other" {
		t.Errorf("related %+v", c.Related)
	}
	if p := c.CitationPositions(); len(p) != 1 || p[0] != (Pos{15, 6}) {
		t.Errorf("citation at %v, want 15:6", p)
	}
	if c.URLSlug() != "x" {
		t.Errorf("slug %q", c.URLSlug())
	}
}

func TestParseTOML(t *testing.T) {
	src := "+++\ntitle = \"Q?\"\ndate = 2026-01-17\n\n[[sources]]\ntitle = \"A\"\nurl = \"https://x.org\"\n\n[[sources]]\ntitle = \"B\"\n+++\nBody [1] [2].\n"
	c := Parse("content/checks/t.md", []byte(src), KindCheck, markdown.New(markdown.Options{}))
	if len(c.Diags) != 0 {
		t.Fatalf("diags: %v", c.Diags)
	}
	if len(c.Sources) != 2 || c.Sources[1].Pos.Line != 9 || c.Sources[0].Fields.At("url").Line != 7 {
		t.Errorf("sources %+v", c.Sources)
	}
	if c.FieldPos("date").Line != 3 || c.Date.String() != "2026-01-17" {
		t.Errorf("date %v at %v", c.Date, c.FieldPos("date"))
	}
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		"", "---\n", "---\ntitle: x\n", "---\ntitle: x\n---\nbody [1]\n",
		"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n[1]\r\n", "+++\ntitle = \"x\"\n+++\n",
		"---\nsources:\n  - id: a\n  - 5\nrelated: [{question: 1}]\n---\n",
		"---\n: :\n---\n", "---\ntitle: \"a\u202eb\"\nauthors: [\"\u2066x\"]\n---\n", "---\ntitle: &a [*a]\n---\n", "---\n" + strings.Repeat("- ", 100) + "\n---\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, src string) {
		c := Parse("content/checks/f.md", []byte(src), KindCheck, md)
		for _, d := range c.Diags {
			if d.Line < 1 {
				t.Fatalf("diagnostic without a line: %+v", d)
			}
		}
		_ = c.CitationPositions()
		texts := []string{c.Title, c.Claim, c.Claimant, c.Summary}
		texts = append(texts, c.Authors...)
		for _, s := range c.Sources {
			texts = append(texts, s.Title, s.Publisher)
		}
		for _, r := range c.Related {
			texts = append(texts, r.Question)
		}
		for _, x := range texts {
			if strings.ContainsFunc(x, bidi.Reorders) {
				t.Fatalf("a text field kept a control that reorders text: %q", x)
			}
		}
		// Front matter alone, as check reads the files it does not report
		// on, must agree with the whole parse on what the archive-wide
		// rules use.
		front := Parse("content/checks/f.md", []byte(src), KindCheck, nil)
		if front.URLSlug() != c.URLSlug() || front.Draft != c.Draft || front.Parsed() != c.Parsed() || front.FieldPos("slug") != c.FieldPos("slug") {
			t.Fatalf("front matter alone gives slug %q draft %v, the whole parse %q %v", front.URLSlug(), front.Draft, c.URLSlug(), c.Draft)
		}
	})
}

func TestBidiControlsLeftOutAndReported(t *testing.T) {
	const rlo, pdf, lri = "\u202E", "\u202C", "\u2066"
	for _, tc := range []struct {
		name  string
		front string // the front matter's lines; the file's line 2 is its first
		value func(c *Check) string
		want  string // the value the model holds
		pos   Pos
		char  string // named in the warning
	}{
		{"title", "title: \"Is " + rlo + "txt.exe" + pdf + " safe?\"\n", func(c *Check) string { return c.Title }, "Is txt.exe safe?", Pos{2, 1}, "U+202E RIGHT-TO-LEFT OVERRIDE"},
		{"claimant", "title: T\nclaimant: " + lri + "Mayor\n", func(c *Check) string { return c.Claimant }, "Mayor", Pos{3, 1}, "U+2066 LEFT-TO-RIGHT ISOLATE"},
		{"claim", "claim: \"a" + rlo + "b\"\n", func(c *Check) string { return c.Claim }, "ab", Pos{2, 1}, "U+202E"},
		{"summary", "summary: \"a" + rlo + "b\"\n", func(c *Check) string { return c.Summary }, "ab", Pos{2, 1}, "U+202E"},
		{"topic", "topics: [a, \"po" + rlo + "licing\"]\n", func(c *Check) string { return c.Topics[1].Value }, "policing", Pos{2, 13}, "U+202E"},
		{"author", "authors:\n  - Jane\n  - \"Jo" + rlo + "hn\"\n", func(c *Check) string { return c.Authors[1] }, "John", Pos{4, 5}, "U+202E"},
		{"source title", "sources:\n  - url: https://x.org\n    title: \"R" + rlo + "eport\"\n", func(c *Check) string { return c.Sources[0].Title }, "Report", Pos{4, 5}, "U+202E"},
		{"source publisher", "sources:\n  - title: R\n    publisher: \"" + rlo + "Court\"\n", func(c *Check) string { return c.Sources[0].Publisher }, "Court", Pos{4, 5}, "U+202E"},
		{"related plain", "related:\n  - \"Why" + rlo + "?\"\n", func(c *Check) string { return c.Related[0].Question }, "Why?", Pos{3, 5}, "U+202E"},
		{"related question", "related:\n  - check: x\n    question: \"Why" + rlo + "?\"\n", func(c *Check) string { return c.Related[0].Question }, "Why?", Pos{4, 5}, "U+202E"},
		{"correction note", "corrections:\n  - date: 2026-01-20\n    note: \"Fixed" + rlo + "\"\n", func(c *Check) string { return c.Corrections[0].Note }, "Fixed", Pos{4, 5}, "U+202E"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := Parse("content/checks/x.md", []byte("---\n"+tc.front+"---\nBody.\n"), KindCheck, nil)
			if got := tc.value(c); got != tc.want {
				t.Errorf("value %q, want %q", got, tc.want)
			}
			if len(c.Diags) != 1 {
				t.Fatalf("want one warning, got %v", c.Diags)
			}
			d := c.Diags[0]
			if d.Code != "bidi-control" || d.Severity != diag.Warning || (Pos{d.Line, d.Column}) != tc.pos || !strings.Contains(d.Message, tc.char) {
				t.Errorf("got %+v, want bidi-control at %v naming %s", d, tc.pos, tc.char)
			}
		})
	}
}

func TestBidiMarksKept(t *testing.T) {
	// A right-to-left mark only sets the direction beside it; Hebrew and
	// Arabic titles need it, so it stays and is no finding.
	title := "מה קרה ב-2026\u200F?"
	c := Parse("content/checks/x.md", []byte("---\ntitle: \""+title+"\"\n---\n"), KindCheck, nil)
	if c.Title != title || len(c.Diags) != 0 {
		t.Errorf("title %q, diags %v", c.Title, c.Diags)
	}
}

// TestSumOfIsTheParsesSum: a parse cache tells a file unchanged by SumOf,
// so it must be the Sum that parsing the same bytes gives, however saved.
func TestSumOfIsTheParsesSum(t *testing.T) {
	text := "---\ntitle: T\nclaim: C\n---\n\nBody [1].\n"
	for _, data := range []string{text, "\ufeff" + text, strings.ReplaceAll(text, "\n", "\r\n"), ""} {
		if got, want := SumOf([]byte(data)), Parse("a.md", []byte(data), KindCheck, nil).Sum; got != want {
			t.Errorf("%q: SumOf %x, parse %x", data, got[:4], want[:4])
		}
	}
	if SumOf([]byte(text)) == SumOf([]byte(text+"more")) {
		t.Error("two texts, one sum")
	}
}
