package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/urls"
)

// TestLede: a check says what it found once. Without a summary, the
// body's first paragraph is the lede and the body goes on after it; with
// one, the body is whole; a summary that repeats the first paragraph is
// that paragraph.
func TestLede(t *testing.T) {
	md := markdown.New(markdown.Options{})
	const body = "We found no record [1].\n\n## Details\n\nMore [1].\n"
	for _, tc := range []struct {
		name, front, body     string
		summary, lede, starts string
	}{
		{"no summary", "", body, "", `We found no record <sup class="cite" id="cite-1-1"><a href="#src-1" aria-label="source 1">[1]</a></sup>.`, `<h2 id="h-details">`},
		{"a summary", "summary: \"Nothing backs it.\"\n", body, "Nothing backs it.", "", `<p>We found no record`},
		{"a summary that repeats the paragraph", "summary: \"We  found no record.\"\n", body, "", `We found no record <sup`, `<h2 id="h-details">`},
		{"a body that opens with a heading", "", "## Details\n\nMore [1].\n", "", "", `<h2 id="h-details">`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\ntitle: T\nclaim: C\nverdict: false\ndate: 2026-01-01\n" + tc.front + "sources:\n  - title: S\n    publisher: P\n---\n" + tc.body
			f := content.Parse("content/checks/t.md", []byte(src), content.KindCheck, md)
			if len(f.Diags) > 0 {
				t.Fatal(f.Diags)
			}
			html, err := f.BodyHTML()
			if err != nil {
				t.Fatal(err)
			}
			summary, lede, rest := lede(&site.Check{Check: f}, html)
			if summary != tc.summary || !strings.HasPrefix(string(lede), tc.lede) || tc.lede == "" && lede != "" {
				t.Errorf("summary %q, lede %q; want %q, %q", summary, lede, tc.summary, tc.lede)
			}
			if !strings.HasPrefix(string(rest), tc.starts) {
				t.Errorf("the body starts %.60q, want %q", rest, tc.starts)
			}
			// Every citation is on the page once: in the lede or the body.
			if n := strings.Count(string(lede)+string(rest), `id="cite-1-1"`); n != 1 {
				t.Errorf("cite-1-1 shown %d times", n)
			}
		})
	}
}

func TestAppearances(t *testing.T) {
	got := appearances([]string{
		"https://www.facebook.com/posts/1",
		"https://m.facebook.com/posts/2",
		"https://facebook.com/posts/3",
		"https://web.archive.org/web/20210118154309/https://www.channelstv.com/2020/10/01/speech/",
		"https://web.archive.org/web/2021/http:/example.org/folded",
		"https://archive.ph/2020.01.01/https://twitter.com/x/status/1",
		"https://archive.ph/AbCd",
		"https://web.archive.org/web/2021/https://web.archive.org/web/2020/https://x.org/",
		"https://EXAMPLE.org:8080/a?b=https://evil.org",
		"not a url",
	})
	var lines []string
	for _, a := range got {
		lines = append(lines, fmt.Sprintf("%s %v", a.Site, a.Archived))
	}
	want := []string{
		"facebook.com false", "m.facebook.com false", "facebook.com (2) false",
		"channelstv.com true", "example.org true", "twitter.com true", "archive.ph false",
		"web.archive.org false", // an archive of an archive names the outer one
		"example.org false", "not a url false",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("sites\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if got[0].Href != "https://www.facebook.com/posts/1" {
		t.Errorf("href %q", got[0].Href)
	}
}

func TestScale(t *testing.T) {
	u, err := urls.New("/", false)
	if err != nil {
		t.Fatal(err)
	}
	verdicts := func(vs ...config.Verdict) []*site.Verdict {
		out := make([]*site.Verdict, len(vs))
		for i, v := range vs {
			out[i] = &site.Verdict{Verdict: v}
		}
		return out
	}
	show := func(sc *Scale) string {
		if sc == nil {
			return "none"
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s %d/%d [%s…%s]", sc.Label, sc.Rating, sc.Max, sc.Worst, sc.Best)
		for _, st := range sc.Steps {
			mark := ""
			if st.Current {
				mark = "*"
			}
			fmt.Fprintf(&b, " %d%s%s", st.Rating, st.Label, mark)
		}
		return b.String()
	}
	def := verdicts(config.DefaultVerdicts()...)
	custom := verdicts(config.Verdict{Key: "bad", Label: "Bad", Rating: 1}, config.Verdict{Key: "poor", Label: "Poor", Rating: 1},
		config.Verdict{Key: "good", Label: "Good", Rating: 5}, config.Verdict{Key: "odd", Label: "Odd"})
	unrated := verdicts(config.Verdict{Key: "a", Label: "A"}, config.Verdict{Key: "b", Label: "B"})
	for _, tc := range []struct {
		name  string
		scale []*site.Verdict
		at    int
		want  string
	}{
		{"mostly false", def, 3, "Mostly false 2/5 [False…True] 1False 2Mostly false* 3Mixed 4Mostly true 5True"},
		{"true", def, 0, "True 5/5 [False…True] 1False 2Mostly false 3Mixed 4Mostly true 5True*"},
		{"off the scale", def, 5, "Misleading 0/5 [False…True] 1False 2Mostly false 3Mixed 4Mostly true 5True"},
		{"gaps, and two at one rating", custom, 1, "Poor 1/5 [Poor…Good] 1Poor* 2 3 4 5Good"},
		{"the first of two", custom, 3, "Odd 0/5 [Bad…Good] 1Bad 2 3 4 5Good"},
		{"nothing rated", unrated, 0, "none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := &views{s: &site.Site{Verdicts: tc.scale}, urls: u}
			sc := v.scale("../../", tc.scale[tc.at])
			if got := show(sc); got != tc.want {
				t.Errorf("scale\n %s\nwant\n %s", got, tc.want)
			}
			if sc != nil && sc.Href != "../../verdicts/" {
				t.Errorf("href %q", sc.Href)
			}
		})
	}
}

func TestLinkable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.org/a?b=1", "https://example.org/a?b=1"},
		{"https://www.facebook.com/p/?type=3&__xts__[0]=68.AR", "https://www.facebook.com/p/?type=3&__xts__%5B0%5D=68.AR"},
		{"https://[::1]:8080/x[1]", "https://[::1]:8080/x%5B1%5D"},
		{"https://example.org/{a}|b^`", "https://example.org/%7Ba%7D%7Cb%5E%60"},
		{"https://example.org", "https://example.org"},
		{"https://example.org/caf%C3%A9", "https://example.org/caf%C3%A9"},
		{"not a url [x]", "not a url [x]"},
	} {
		if got := linkable(tc.in); got != tc.want {
			t.Errorf("linkable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
