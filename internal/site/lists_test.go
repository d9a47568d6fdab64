package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/config"
)

func TestClaimantAliases(t *testing.T) {
	for _, tc := range []struct {
		name      string
		claimants map[string]config.Claimant
		want      []string // slug path name [checks]
	}{
		{"no aliases: one page per slug", nil, []string{
			`buhari claimants/buhari/ "Buhari" [d]`,
			`muhammadu-buhari claimants/muhammadu-buhari/ "Muhammadu Buhari" [a b]`,
			`president-buhari claimants/president-buhari/ "President Buhari" [c]`,
		}},
		{"aliases join them under the configured name", map[string]config.Claimant{
			"buhari": {Name: "Muhammadu Buhari", Aliases: []string{"President Buhari", "muhammadu buhari"}},
		}, []string{`buhari claimants/buhari/ "Muhammadu Buhari" [d a b c]`}},
		{"an alias matched after case and punctuation", map[string]config.Claimant{
			"mb": {Name: "M. Buhari", Aliases: []string{"PRESIDENT-BUHARI!"}},
		}, []string{
			`buhari claimants/buhari/ "Buhari" [d]`,
			`mb claimants/mb/ "M. Buhari" [c]`,
			`muhammadu-buhari claimants/muhammadu-buhari/ "Muhammadu Buhari" [a b]`,
		}},
		{"no name: the newest check's spelling", map[string]config.Claimant{
			"Muhammadu Buhari": {Aliases: []string{"Buhari"}},
		}, []string{
			`muhammadu-buhari claimants/muhammadu-buhari/ "Buhari" [d a b]`,
			`president-buhari claimants/president-buhari/ "President Buhari" [c]`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Default()
			cfg.Claimants = tc.claimants
			s := buildSite(t, cfg, map[string]string{
				"a": check("a", "title: A\nclaim: x\nclaimant: \"Muhammadu Buhari\"\nverdict: false\ndate: 2026-01-12"),
				"b": check("b", "title: B\nclaim: y\nclaimant: \"muhammadu  buhari\"\nverdict: true\ndate: 2026-01-11"),
				"c": check("c", "title: C\nclaim: z\nclaimant: \"President Buhari\"\nverdict: true\ndate: 2026-01-10"),
				"d": check("d", "title: D\nclaim: w\nclaimant: \"Buhari\"\nverdict: true\ndate: 2026-01-13"),
			})
			var got []string
			for _, cl := range s.Claimants {
				var slugs []string
				for _, c := range cl.Checks {
					slugs = append(slugs, c.Slug)
					if c.Claimant != cl {
						t.Errorf("%s's claimant is %q, not %q", c.Slug, c.Claimant.Name, cl.Name)
					}
				}
				got = append(got, fmt.Sprintf("%s %s %q %v", cl.Slug, cl.Path, cl.Name, slugs))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("claimants\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestPublishers(t *testing.T) {
	src := func(pub, url string) string {
		return "  - title: T\n    publisher: \"" + pub + "\"\n    url: \"" + url + "\"\n"
	}
	file := func(date, sources string) string {
		return "---\ntitle: T\nclaim: x\nverdict: false\ndate: " + date + "\nsources:\n" + sources + "---\n\nBody [1].\n"
	}
	s := buildSite(t, config.Default(), map[string]string{
		"a": file("2026-01-10", src("Lead Stories", "https://leadstories.com/1")+src("Reuters", "https://reuters.com/1")+src("lead-stories", "https://leadstories.com/2")),
		"b": file("2026-01-11", src("LEAD STORIES", "https://leadstories.com/3")+"  - title: U\n    url: \"https://www.example.org/x\"\n"+src("—", "")),
		"c": file("2026-01-12", src("Reuters", "https://reuters.com/2")),
	})
	var got []string
	for _, p := range s.Publishers {
		var slugs []string
		for _, c := range p.Checks {
			var cited []string
			for _, src := range p.SourcesOf(c) {
				cited = append(cited, src.URL)
			}
			slugs = append(slugs, c.Slug+fmt.Sprint(cited))
		}
		got = append(got, fmt.Sprintf("%q %s %q %d %v", p.Name, p.Slug, p.Path, p.Citations, slugs))
	}
	want := []string{
		// Names of one slug are one publisher, named as the newest check writes it.
		`"LEAD STORIES" lead-stories "sources/lead-stories/" 3 [b[https://leadstories.com/3] a[https://leadstories.com/1 https://leadstories.com/2]]`,
		`"Reuters" reuters "sources/reuters/" 2 [c[https://reuters.com/2] a[https://reuters.com/1]]`,
		`"example.org" example-org "sources/example-org/" 1 [b[https://www.example.org/x]]`,
		// A name that makes no slug is listed, without a page.
		`"—"  "" 1 [b[]]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("publishers\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tl := s.Publishers[0].Tally; tl[4].Verdict.Key != "false" || tl[4].Count != 2 || tl[4].Percent != 100 {
		t.Errorf("lead-stories' tally %+v", tl)
	}
}

func TestTopicTitles(t *testing.T) {
	cfg := config.Default()
	cfg.Topics = map[string]config.Topic{"health": {Title: "Public health"}, "covid": {Description: "Only described."}}
	s := buildSite(t, cfg, map[string]string{
		"a": check("a", "title: A\nclaim: x\nverdict: false\ndate: 2026-01-10\ntopics: [\"United  States\", health, covid, नई-दिल्ली]"),
		"b": check("b", "title: B\nclaim: y\nverdict: true\ndate: 2026-01-12\ntopics: [united-states, Health, event-property-claim, covid]"),
		"c": check("c", "title: C\nclaim: z\nverdict: true\ndate: 2026-01-11\ntopics: [\"UNITED STATES\", covid-19]"),
	})
	var got []string
	for _, tp := range s.Topics {
		got = append(got, tp.Slug+"="+tp.Title)
	}
	want := []string{
		"covid=Covid",       // described only: the slug, capitalised
		"covid-19=Covid 19", // only ever written as the slug
		"event-property-claim=Event Property Claim", // likewise
		"health=Public health",                      // the config's title
		"united-states=UNITED STATES",               // the newest spelling that is not the slug
		"नई-दिल्ली=नई दिल्ली",                       // no case: as written, the hyphen a space
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("topics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
