package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/factpress/factpress/internal/linkcheck"
	"github.com/factpress/factpress/internal/qa"
	"github.com/factpress/factpress/internal/testsite"
)

// headingsCheck is a check whose body has headings named like the sections
// of the layout and a citation inside link text.
const headingsCheck = `---
title: "Did the body's headings break the page?"
claim: "Headings named like the page's sections are harmless."
verdict: "true"
date: 2026-01-17
topics: [policing]
sources:
  - title: "Report"
    publisher: "The Guardian"
    url: "https://example.org/report"
related:
  - "What else do headings break?"
corrections:
  - date: 2026-01-18
    note: "Added a heading."
---

## Main

A finding, [see [1]](https://example.org), and again [1].

## Sources

## Related

## Questions

## Corrections
`

// buildHeadingsSite builds a site of that one check and returns the output
// folder and the check page's HTML.
func buildHeadingsSite(t *testing.T) (string, string) {
	t.Helper()
	src := testsite.Copy(t, sampleSite, "factpress.yaml")
	file := filepath.Join(src, "content", "checks", "headings.md")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(headingsCheck), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: src, Destination: dest})
	return dest, read(t, dest, "checks/headings/index.html")
}

// pageShape is what the HTML of a page says about its ids and links.
type pageShape struct {
	ids         map[string]int
	nestedLinks int
}

func shapeOf(doc string) pageShape {
	s := pageShape{ids: map[string]int{}}
	lx := html.NewLexer(parse.NewInputString(doc))
	depth := 0
	for {
		tt, _ := lx.Next()
		switch tt {
		case html.ErrorToken:
			return s
		case html.StartTagToken:
			if strings.EqualFold(string(lx.Text()), "a") {
				depth++
				if depth > 1 {
					s.nestedLinks++
				}
			}
		case html.EndTagToken:
			if strings.EqualFold(string(lx.Text()), "a") && depth > 0 {
				depth--
			}
		case html.AttributeToken:
			if strings.EqualFold(string(lx.Text()), "id") {
				s.ids[strings.Trim(string(lx.AttrVal()), `"'`)]++
			}
		}
	}
}

func TestBodyHeadingsAndLinkTextCitations(t *testing.T) {
	dest, page := buildHeadingsSite(t)
	s := shapeOf(page)
	for id, n := range s.ids {
		if n != 1 {
			t.Errorf("id %q is on the page %d times", id, n)
		}
	}
	for _, id := range []string{
		"main", "sources", "questions", "corrections", "src-1", "cite-1-1", "cite-1-2",
		"h-main", "h-sources", "h-related", "h-questions", "h-corrections",
	} {
		if s.ids[id] == 0 {
			t.Errorf("no id %q on the page", id)
		}
	}
	if s.nestedLinks != 0 {
		t.Errorf("%d links inside links", s.nestedLinks)
	}
	// The source's back-links land on both citations, the one in link text too.
	broken, _, err := linkcheck.CheckDir(dest, linkcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("broken link: %v", b)
	}
	for _, want := range []string{`href="#cite-1-1"`, `href="#cite-1-2"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the source list has no back-link %s", want)
		}
	}
}

func TestBodyHeadingsPageIsValidHTML(t *testing.T) {
	vnu := qa.RequireVNU(t)
	dest, _ := buildHeadingsSite(t)
	errs, err := vnu.Check(filepath.Join(dest, "checks", "headings", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Error(e)
	}
}
