package build

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/factpress/factpress/internal/testsite"
)

func pluralCheck(title, verdict string) string {
	return "---\ntitle: \"" + title + "\"\nclaim: \"C.\"\nverdict: " + verdict + "\ndate: 2026-01-17\ntopics: [a]\nsources:\n  - title: \"T\"\n    publisher: \"P\"\n---\n\nText [1].\n"
}

// The pages count in the plural forms of the site's language, CLDR's:
// none, one, two and many checks of a verdict, in all eight tables.
func TestPagesCountInTheLanguagesPlurals(t *testing.T) {
	// What the verdicts page says of the verdicts with 0, 1 and 2 checks.
	for _, tc := range []struct {
		lang           string
		zero, one, two string
	}{
		{"en", "0 checks", "1 check", "2 checks"},
		{"es", "0 verificaciones", "1 verificación", "2 verificaciones"},
		{"fr", "0 vérification", "1 vérification", "2 vérifications"}, // French counts 0 as one
		{"pt", "0 checagem", "1 checagem", "2 checagens"},             // and so does Brazilian Portuguese
		{"de", "0 Faktenchecks", "1 Faktencheck", "2 Faktenchecks"},
		{"ar", "لا تحققات", "تحقق واحد", "تحققان"},
		{"hi", "0 जाँच", "1 जाँच", "2 जाँचें"}, // Hindi counts 0 as one
		{"id", "0 cek fakta", "1 cek fakta", "2 cek fakta"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			src := testsite.Write(t, map[string]string{
				"factpress.yaml":      "title: Test\nbase_url: https://example.org/\nlanguage: " + tc.lang + "\n",
				"content/checks/a.md": pluralCheck("A?", "false"),
				"content/checks/b.md": pluralCheck("B?", "false"),
				"content/checks/c.md": pluralCheck("C?", "true"),
			})
			dest := filepath.Join(t.TempDir(), "public")
			buildOK(t, Options{Source: src, Destination: dest})
			page := read(t, dest, "verdicts/index.html")
			counts := map[string]string{}
			for _, m := range verdictCount.FindAllStringSubmatch(page, -1) {
				counts[m[1]] = m[2]
			}
			for key, want := range map[string]string{"false": tc.two, "true": tc.one, "mixed": tc.zero} {
				if got := counts[key]; got != want {
					t.Errorf("verdict %s: %q, want %q", key, got, want)
				}
			}
			if m := regexp.MustCompile(`\b1 checks\b|\(s\)`).FindString(page); m != "" {
				t.Errorf("the page says %q", m)
			}
		})
	}
}

// verdictCount finds a verdict row of the verdicts page: its link's last
// segment and the count after it.
var verdictCount = regexp.MustCompile(`href="[^"]*verdicts/([a-z-]+)/"[^>]*>.*?</a> <span class="count">([^<]*)</span>`)
