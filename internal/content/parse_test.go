package content

import (
	"bytes"
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
		if !c.Parsed() {
			return
		}
		// A build renders the body again from the file: it must come out
		// as it did at parse time.
		body, err := c.BodyFrom([]byte(src))
		if err != nil {
			t.Fatalf("BodyFrom the parsed bytes: %v", err)
		}
		again, err := md.HTML(body)
		if err == nil && !bytes.Equal(again, c.Body.HTML) {
			t.Fatalf("body rendered again:\n%s\nat parse:\n%s", again, c.Body.HTML)
		}
	})
}

func TestPeekAgreesWithParse(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: x\nslug: my-slug\ndraft: true\n---\nbody\n",
		"---\nslug: \"quoted\" # c\n---\n",
		"---\nslug: 'single'\ndraft: false\n---\n",
		"\xef\xbb\xbf---\r\nslug: crlf\r\n---\r\n",
		"+++\nslug = \"toml\"\ndraft = true\n+++\n",
		"---\nsources:\n  - slug: nested\n---\n",
		"---\nslug: >\n  folded\n---\n",
		"---\nslug: x\n",
		"no front matter",
	} {
		peeked := Peek("content/checks/f.md", []byte(src), KindCheck)
		parsed := Parse("content/checks/f.md", []byte(src), KindCheck, nil)
		if peeked.URLSlug() != parsed.URLSlug() || peeked.Draft != parsed.Draft || peeked.Parsed() != parsed.Parsed() {
			t.Errorf("%q: peek gives %q draft=%v, parse gives %q draft=%v", src, peeked.URLSlug(), peeked.Draft, parsed.URLSlug(), parsed.Draft)
		}
		if parsed.Slug != "" && peeked.FieldPos("slug") != parsed.FieldPos("slug") {
			t.Errorf("%q: slug at %v, parse says %v", src, peeked.FieldPos("slug"), parsed.FieldPos("slug"))
		}
	}
}

func TestBodyFromRefusesAChangedFile(t *testing.T) {
	data := []byte("\ufeff---\r\ntitle: \"T\"\r\n---\r\n\r\nThe body [1].\r\n")
	c := Parse("content/checks/t.md", data, KindCheck, nil)
	body, err := c.BodyFrom(data)
	if err != nil || string(body) != "\nThe body [1].\n" {
		t.Errorf("body %q, %v", body, err)
	}
	changed := append([]byte{}, data...)
	changed[len(changed)-4] = '2'
	if _, err := c.BodyFrom(changed); err == nil || !strings.Contains(err.Error(), "t.md changed during the build") {
		t.Errorf("a changed file gave %v", err)
	}
}
