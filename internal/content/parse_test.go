package content

import (
	"strings"
	"testing"

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
		"---\n: :\n---\n", "---\ntitle: &a [*a]\n---\n", "---\n" + strings.Repeat("- ", 100) + "\n---\n",
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
		// Front matter alone, as check reads the files it does not report
		// on, must agree with the whole parse on what the archive-wide
		// rules use.
		front := Parse("content/checks/f.md", []byte(src), KindCheck, nil)
		if front.URLSlug() != c.URLSlug() || front.Draft != c.Draft || front.Parsed() != c.Parsed() || front.FieldPos("slug") != c.FieldPos("slug") {
			t.Fatalf("front matter alone gives slug %q draft %v, the whole parse %q %v", front.URLSlug(), front.Draft, c.URLSlug(), c.Draft)
		}
	})
}
