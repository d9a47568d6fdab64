package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/testsite"
)

// TestCheckPageParts builds a site whose check has everything the top of
// its page shows: the correction notice that leads to the log, authors
// that lead to their pages (described in factpress.yaml, or not), and
// where the claim appeared, named by site.
func TestCheckPageParts(t *testing.T) {
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	cfg, err := os.ReadFile(filepath.Join(src, "factpress.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "authors:\n  jane-roe:\n    name: \"Jane Roe\"\n    bio: \"Jane covers policing.\"\n    url: \"https://example.org/jane\"\n"...)
	check := `---
title: "Did the city close every precinct?"
claim: "The city closed every police precinct."
claimant: "A local radio host"
claim_date: 2026-01-10
appearances:
  - "https://www.facebook.com/radio/posts/1"
  - "https://web.archive.org/web/20260111000000/https://radio.example.org/show"
verdict: "false"
date: 2026-01-18
topics: [policing]
authors: ["Jane Roe", "Sam Poe"]
sources:
  - title: "Precinct list"
    publisher: "City of Minneapolis"
    url: "https://example.org/precincts"
corrections:
  - date: 2026-01-19
    note: "Fixed the number of precincts."
  - date: 2026-01-21
    note: "Named the radio show."
---

All five precincts are open [1].

More detail.
`
	for name, data := range map[string][]byte{"factpress.yaml": cfg, "content/checks/precincts.md": []byte(check)} {
		if err := os.WriteFile(filepath.Join(src, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: src, Destination: dest})
	page := read(t, dest, "checks/precincts/index.html")
	for _, want := range []string{
		`<p class="correction-notice">This check was corrected 2 times, most recently on January 21, 2026. <a href="#corrections">See the corrections</a></p>`,
		`<h2 id="corrections">`,
		`<a href="../../authors/jane-roe/" rel="author">Jane Roe</a>, <a href="../../authors/sam-poe/" rel="author">Sam Poe</a>`,
		`<a href="https://www.facebook.com/radio/posts/1" rel="nofollow noopener"><bdi>facebook.com</bdi></a>`,
		`<bdi>radio.example.org</bdi></a> <span class="archived">(archived)</span>`,
		`<dt>Claimed on</dt><dd><time datetime="2026-01-10">January 10, 2026</time></dd>`,
		`<figcaption>False: 1 on a scale of 1 to 5</figcaption>`,
		`<h2 id="found">What we found</h2><p>All five precincts are open <sup class="cite" id="cite-1-1">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the check's page lacks %s", want)
		}
	}
	// Once in the page; the head's description is for previews.
	if n := strings.Count(page[strings.Index(page, "<main"):], "All five precincts are open"); n != 1 {
		t.Errorf("the first paragraph is on the page %d times, want once", n)
	}
	jane := read(t, dest, "authors/jane-roe/index.html")
	for _, want := range []string{"<h1>Checks by Jane Roe</h1>", `<p class="lead">Jane covers policing.</p>`, `<a href="https://example.org/jane" rel="nofollow noopener">More about Jane Roe</a>`, `href="../../checks/precincts/"`} {
		if !strings.Contains(jane, want) {
			t.Errorf("Jane Roe's page lacks %s", want)
		}
	}
	sam := read(t, dest, "authors/sam-poe/index.html")
	if !strings.Contains(sam, "<h1>Checks by Sam Poe</h1>") || strings.Contains(sam, "author-link") {
		t.Errorf("Sam Poe's page, who has no description: %.300s", sam[strings.Index(sam, "<main"):])
	}
	if !strings.Contains(read(t, dest, "sitemap.xml"), "/authors/jane-roe/</loc>") {
		t.Error("the sitemap lacks the author's page")
	}
	index := read(t, dest, "authors/index.html")
	index = index[strings.Index(index, "<main"):]
	for _, want := range []string{
		"<h1>Our fact-checkers</h1>",
		`<td><a href="../authors/jane-roe/">Jane Roe</a><br><span class="bio">Jane covers policing.</span></td><td class="num">1</td>`,
		`<td><a href="../authors/sam-poe/">Sam Poe</a></td><td class="num">1</td>`,
		`<p>factpress project · <a href="../authors/">Our fact-checkers</a> · `, // every page's footer
	} {
		if !strings.Contains(index, want) {
			t.Errorf("the authors' index lacks %s", want)
		}
	}
}
