package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/config"
)

func TestAuthors(t *testing.T) {
	cfg := config.Default()
	cfg.Authors = map[string]config.Author{
		"jane-roe": {Name: "Dr Jane Roe", Bio: "Covers health.", URL: "https://example.org/jane"},
		"Ana Díaz": {Bio: "Written as a name, not a slug."},
		"nobody":   {Name: "Writes nothing"},
		"salma":    {Name: "سلمى حداد"},
		"jd":       {Name: "Jane Roe"}, // a name that is another entry's key is that entry's
	}
	s := buildSite(t, cfg, map[string]string{
		"a": check("a", "title: A\nclaim: x\nverdict: false\ndate: 2026-01-10\nauthors: [\"Jane Roe\", \"Ana Díaz\"]"),
		"b": check("b", "title: B\nclaim: y\nverdict: true\ndate: 2026-01-12\nauthors: [jane-roe, \"JANE ROE\", \"John  Doe \"]"),
		"c": check("c", "title: C\nclaim: z\nverdict: true\ndate: 2026-01-11\nauthors: [\"سلمى  حداد\", salma]"),
	})
	var got []string
	for _, a := range s.Authors {
		var slugs []string
		for _, c := range a.Checks {
			slugs = append(slugs, c.Slug)
		}
		got = append(got, fmt.Sprintf("%s %s %q %q %q %v", a.Slug, a.Path, a.Name, a.Bio, a.URL, slugs))
	}
	want := []string{
		`ana-diaz authors/ana-diaz/ "Ana Díaz" "Written as a name, not a slug." "" [a]`,
		`jane-roe authors/jane-roe/ "Dr Jane Roe" "Covers health." "https://example.org/jane" [b a]`,
		`john-doe authors/john-doe/ "John Doe" "" "" [b]`,
		`salma authors/salma/ "سلمى حداد" "" "" [c]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("authors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	byslug := map[string]*Check{}
	for _, c := range s.Checks {
		byslug[c.Slug] = c
	}
	// One author written twice in a check is one writer of it.
	if w := byslug["b"].Writers; len(w) != 2 || w[0].Slug != "jane-roe" || w[1].Slug != "john-doe" {
		t.Errorf("b's writers %+v", w)
	}
	if w := byslug["c"].Writers; len(w) != 1 || w[0].Slug != "salma" {
		t.Errorf("c's writers %+v", w)
	}
	if tl := s.Authors[1].Tally; tl[0].Verdict.Key != "true" || tl[0].Count != 1 || tl[4].Count != 1 {
		t.Errorf("jane-roe's tally %+v", tl)
	}
}
