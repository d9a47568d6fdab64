package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/markdown"
)

var today = time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)

// good is a valid check; cases edit it line by line so that the expected
// lines are easy to read off.
const good = `---
title: "Did it happen?"
claim: "It happened."
verdict: false
date: 2026-01-17
topics: [policing]
sources:
  - title: "Report"
    publisher: "The Guardian"
    url: "https://example.org/a"
  - title: "Filing"
    publisher: "Court"
---

Body cites [1] and [2].
`

func run(t *testing.T, cfg *config.Config, files map[string]string) diag.List {
	t.Helper()
	md := markdown.New(markdown.Options{})
	var parsed []*content.Check
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		kind := content.KindCheck
		if strings.HasPrefix(name, "content/pages/") {
			kind = content.KindPage
		}
		parsed = append(parsed, content.Parse(name, []byte(files[name]), kind, md))
	}
	if cfg == nil {
		c := config.Default()
		cfg = &c
	}
	return Site(cfg, parsed, Options{Today: today, Drafts: true})
}

// found renders diagnostics as "line:col:code" for comparison.
func found(l diag.List) []string {
	out := make([]string, 0, len(l))
	for _, d := range l {
		out = append(out, fmt.Sprintf("%d:%d:%s", d.Line, d.Column, d.Code))
	}
	return out
}

func TestGoodCheckIsClean(t *testing.T) {
	if got := run(t, nil, map[string]string{"content/checks/a.md": good}); len(got) != 0 {
		t.Fatalf("want no findings, got %v", got)
	}
}

func TestCodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string // line:col:code
	}{
		{"frontmatter-syntax yaml", "---\ntitle: [unclosed\nclaim: x\n---\n", []string{"2:0:frontmatter-syntax"}},
		{"frontmatter-syntax unclosed", "---\ntitle: x\n\nbody\n", []string{"1:0:frontmatter-syntax"}},
		{"frontmatter-syntax empty file", "", []string{"1:0:frontmatter-syntax"}},
		{"frontmatter-syntax lone delimiter", "---\n", []string{"1:0:frontmatter-syntax"}},
		{"frontmatter-syntax duplicate key", strings.Replace(good, "claim:", "title: \"again\"\nclaim:", 1), []string{"3:1:frontmatter-syntax"}},
		{"missing-field absent", strings.Replace(good, "claim: \"It happened.\"\n", "", 1), []string{"1:0:missing-field"}},
		{"missing-field empty", strings.Replace(good, `claim: "It happened."`, `claim: ""`, 1), []string{"3:1:missing-field"}},
		{"unknown-field", strings.Replace(good, "topics:", "soruces: []\ntopics:", 1), []string{"6:1:unknown-field"}},
		{"unknown-field in source", strings.Replace(good, `    url: "https://example.org/a"`, "    url: \"https://example.org/a\"\n    pubisher: x", 1), []string{"11:5:unknown-field"}},
		{"bad-date", strings.Replace(good, "date: 2026-01-17", "date: 2026-1-17", 1), []string{"5:1:bad-date"}},
		{"bad-date updated before date", strings.Replace(good, "date: 2026-01-17", "date: 2026-01-17\nupdated: 2026-01-10", 1), []string{"6:1:bad-date"}},
		{"future-date", strings.Replace(good, "date: 2026-01-17", "date: 2026-03-01", 1), []string{"5:1:future-date"}},
		{"unknown-verdict", strings.Replace(good, "verdict: false", "verdict: flase", 1), []string{"4:1:unknown-verdict"}},
		{"citation-undefined", strings.Replace(good, "and [2].", "and [2] [3].", 1), []string{"15:24:citation-undefined"}},
		{"citation-undefined huge", strings.Replace(good, "and [2].", "and [2] [99999999999999999999].", 1), []string{"15:24:citation-undefined"}},
		{"source-uncited", strings.Replace(good, "and [2].", "only.", 1), []string{"11:5:source-uncited"}},
		{"source-duplicate-id", strings.Replace(strings.Replace(good, `  - title: "Report"`, "  - id: 1\n    title: \"Report\"", 1), `  - title: "Filing"`, "  - id: 1\n    title: \"Filing\"", 1), []string{"12:5:source-duplicate-id", "17:20:citation-undefined"}},
		{"source-duplicate-id some ids", strings.Replace(good, `  - title: "Report"`, "  - id: 1\n    title: \"Report\"", 1), []string{"12:5:source-duplicate-id"}},
		{"source-duplicate-url", strings.Replace(good, `    publisher: "Court"`, "    publisher: \"Court\"\n    url: \"https://example.org/a\"", 1), []string{"13:5:source-duplicate-url"}},
		{"source-bad-url javascript", strings.Replace(good, "https://example.org/a", "javascript:alert(1)", 1), []string{"10:5:source-bad-url"}},
		{"source-bad-url relative", strings.Replace(good, "https://example.org/a", "/a/b", 1), []string{"10:5:source-bad-url"}},
		{"source-bad-url space", strings.Replace(good, "https://example.org/a", "https://exa mple.org/", 1), []string{"10:5:source-bad-url"}},
		{"source-bad-url bidi control", strings.Replace(good, "https://example.org/a", "https://example.org/\u202Eexe.txt", 1), []string{"10:5:source-bad-url"}},
		{"bidi-control title", strings.Replace(good, `"Did it happen?"`, `"Did it \u202Eneppah?"`, 1), []string{"2:1:bidi-control"}},
		{"bidi-control source publisher", strings.Replace(good, `"Court"`, `"\u2067Court"`, 1), []string{"12:5:bidi-control"}},
		{"source-incomplete", strings.Replace(good, `    publisher: "Court"`+"\n", "", 1), []string{"11:5:source-incomplete"}},
		{"source-incomplete placeholder", strings.Replace(good, `"Filing"`, `"TODO: find it"`, 1), []string{"11:5:source-incomplete"}},
		{"source-after-check", strings.Replace(good, `    publisher: "Court"`, "    publisher: \"Court\"\n    date: 2026-01-20", 1), []string{"13:5:source-after-check"}},
		{"related-unknown-check", strings.Replace(good, "topics:", "related:\n  - question: \"Why?\"\n    check: nowhere\ntopics:", 1), []string{"8:5:related-unknown-check"}},
		{"bad-slug", strings.Replace(good, "topics:", "slug: ../../etc\ntopics:", 1), []string{"6:1:bad-slug"}},
		{"bad-slug pattern", strings.Replace(good, "topics:", "slug: Bad_Slug\ntopics:", 1), []string{"6:1:bad-slug"}},
		{"bad-slug topic", strings.Replace(good, "[policing]", `["!!!"]`, 1), []string{"6:10:bad-slug"}},
		{"no-topics", strings.Replace(good, "topics: [policing]\n", "", 1), []string{"1:0:no-topics"}},
		{"claim-long", strings.Replace(good, "It happened.", strings.Repeat("x", 141), 1), []string{"3:1:claim-long"}},
		{"source-bad-id", strings.Replace(good, `  - title: "Report"`, "  - id: -1\n    title: \"Report\"", 1), []string{"8:5:source-bad-id", "12:5:source-duplicate-id", "16:12:citation-undefined"}},
		{"citation-refdef", good + "\n[3]: https://example.org/x\n", []string{"17:1:citation-refdef"}},
		{"bad-encoding", strings.Replace(good, "Body cites", "Body \xff cites", 1), []string{"15:0:bad-encoding"}},
		{"wrong-type", strings.Replace(good, "topics: [policing]", "topics: {a: b}", 1), []string{"6:0:wrong-type", "6:1:no-topics"}},
		{"verdict as YAML boolean", strings.Replace(good, "verdict: false", "verdict: true", 1), nil},
		{"CRLF and BOM keep lines", "\xef\xbb\xbf" + strings.ReplaceAll(strings.Replace(good, "and [2].", "and [2] [7].", 1), "\n", "\r\n"), []string{"15:24:citation-undefined"}},
		{"traps are not citations", strings.Replace(good, "and [2].", "and [2]. [0] [01] [ 2 ] \\[9] `[8]` [x](https://e.org) [3](https://e.org)\n\n    [5] code\n\n```\n[6]\n```", 1), nil},
		{"adjacent markers", strings.Replace(good, "Body cites [1] and [2].", "Body cites [1][2][3].", 1), []string{"15:18:citation-undefined"}},
		{"TOML front matter", "+++\ntitle = \"Did it?\"\nclaim = \"It did.\"\nverdict = \"flase\"\ndate = \"2026-01-17\"\ntopics = [\"a\"]\n\n[[sources]]\ntitle = \"A\"\npublisher = \"B\"\n+++\n\nCites [1].\n", []string{"4:1:unknown-verdict"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := found(run(t, nil, map[string]string{"content/checks/a.md": tc.src}))
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got  %v\nwant %v\n%v", got, want, run(t, nil, map[string]string{"content/checks/a.md": tc.src}))
			}
		})
	}
}

// TestFailedFieldsAreNotUsed: a field that failed its rule is left out of
// the rules after it, so that one mistake is one finding.
func TestFailedFieldsAreNotUsed(t *testing.T) {
	updatedBefore := strings.Replace(good, "date: 2026-01-17", "date: 2026-01-17\nupdated: 2026-01-10", 1)
	sourceDated := func(src, date string) string {
		return strings.Replace(src, `    publisher: "Court"`, "    publisher: \"Court\"\n    date: "+date, 1)
	}
	for _, tc := range []struct {
		name    string
		src     string
		archive bool // require_archive
		want    []string
	}{
		{"updated before date, source between them", sourceDated(updatedBefore, "2026-01-15"), false, []string{"6:1:bad-date"}},
		{"updated before date, source after date", sourceDated(updatedBefore, "2026-01-20"), false, []string{"6:1:bad-date", "14:5:source-after-check"}},
		{"updated unparseable, source after date", sourceDated(strings.Replace(good, "date: 2026-01-17", "date: 2026-01-17\nupdated: 2026-1-30", 1), "2026-01-20"), false, []string{"6:1:bad-date", "14:5:source-after-check"}},
		{"updated valid, source between", sourceDated(strings.Replace(good, "date: 2026-01-17", "date: 2026-01-17\nupdated: 2026-01-30", 1), "2026-01-20"), false, nil},
		{"bad source date", sourceDated(good, "2026-13-01"), false, []string{"13:5:bad-date"}},
		{"bad url needs no archive", strings.Replace(good, "https://example.org/a", "javascript:alert(1)", 1), true, []string{"10:5:source-bad-url"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Default()
			cfg.RequireArchive = tc.archive
			got := found(run(t, &cfg, map[string]string{"content/checks/a.md": tc.src}))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestSuggestions(t *testing.T) {
	got := run(t, nil, map[string]string{"content/checks/a.md": strings.Replace(good, "verdict: false", "verdict: flase", 1)})
	if len(got) != 1 || !strings.Contains(got[0].Message, `did you mean "false"`) {
		t.Errorf("unknown-verdict should suggest false: %v", got)
	}
	got = run(t, nil, map[string]string{"content/checks/a.md": strings.Replace(good, "topics:", "soruces: []\ntopics:", 1)})
	if len(got) != 1 || !strings.Contains(got[0].Message, `did you mean "sources"`) {
		t.Errorf("unknown-field should suggest sources: %v", got)
	}
}

func TestDuplicateSlugNamesBothFiles(t *testing.T) {
	got := run(t, nil, map[string]string{
		"content/checks/a.md": strings.Replace(good, "topics:", "slug: same\ntopics:", 1),
		"content/checks/b.md": strings.Replace(good, "topics:", "slug: same\ntopics:", 1),
	})
	if len(got) != 2 {
		t.Fatalf("want one finding per file, got %v", got)
	}
	for _, d := range got {
		other := "content/checks/b.md"
		if d.File == other {
			other = "content/checks/a.md"
		}
		if d.Code != "duplicate-slug" || d.Line != 6 || !strings.Contains(d.Message, other) {
			t.Errorf("unexpected %+v", d)
		}
	}
}

func TestDuplicateSlugOnePerFileAmongThree(t *testing.T) {
	files := map[string]string{}
	for _, name := range []string{"a", "b", "c"} {
		files["content/checks/"+name+".md"] = strings.Replace(good, "topics:", "slug: same\ntopics:", 1)
	}
	got := run(t, nil, files)
	if len(got) != 3 {
		t.Fatalf("want one finding per file, got %v", got)
	}
	if !strings.Contains(got[0].Message, "content/checks/b.md and content/checks/c.md") {
		t.Errorf("the finding should name both other files: %s", got[0].Message)
	}
}

func TestRequireArchive(t *testing.T) {
	cfg := config.Default()
	cfg.RequireArchive = true
	got := found(run(t, &cfg, map[string]string{"content/checks/a.md": good}))
	if !slices.Equal(got, []string{"8:5:source-no-archive"}) {
		t.Errorf("got %v", got)
	}
}

func TestDraftsLeftOutOfBuild(t *testing.T) {
	md := markdown.New(markdown.Options{})
	draft := content.Parse("content/checks/d.md", []byte(strings.Replace(good, "verdict: false", "verdict: nope\ndraft: true", 1)), content.KindCheck, md)
	linking := content.Parse("content/checks/a.md", []byte(strings.Replace(good, "topics:", "related:\n  - question: \"Q?\"\n    check: d\ntopics:", 1)), content.KindCheck, md)
	cfg := config.Default()
	got := found(Site(&cfg, []*content.Check{linking, draft}, Options{Today: today}))
	if !slices.Equal(got, []string{"8:5:related-unknown-check"}) {
		t.Errorf("build without drafts: got %v", got)
	}
	got = found(Site(&cfg, []*content.Check{linking, draft}, Options{Today: today, Drafts: true}))
	if !slices.Equal(got, []string{"4:1:unknown-verdict"}) {
		t.Errorf("check with drafts: got %v", got)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"flase", "false", 1}, {"ture", "true", 1}, {"mixd", "mixed", 1}, {"abc", "abc", 0}, {"", "ab", 2}} {
		if got := distance(tc.a, tc.b); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
