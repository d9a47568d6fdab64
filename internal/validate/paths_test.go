package validate

import (
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/diag"
)

// TestEveryPathHasOneOwner: a check or page that a build would write over
// another, or over a section the build makes, or under a name too long for
// a file system, is refused by check with its file and line.
func TestEveryPathHasOneOwner(t *testing.T) {
	page := "---\ntitle: \"Methodology\"\n---\n\nHow we work.\n"
	withSlug := func(s string) string { return strings.Replace(good, "topics:", "slug: "+s+"\ntopics:", 1) }
	flat := config.Default()
	flat.Permalinks = "/:slug/"
	dated := config.Default()
	dated.Permalinks = "/:year/"
	long := strings.Repeat("x", 300)
	underSources := config.Default()
	underSources.Permalinks = "/sources/:slug/"
	for _, tc := range []struct {
		name  string
		cfg   config.Config
		files map[string]string
		want  []string // file:line:col:code
	}{
		{"a check over a page", flat, map[string]string{"content/checks/methodology.md": good, "content/pages/methodology.md": page},
			[]string{"content/pages/methodology.md:1:0:path-taken"}},
		{"a check over the topics", flat, map[string]string{"content/checks/a.md": withSlug("topics")},
			[]string{"content/checks/a.md:6:1:path-taken"}},
		{"a page over the checks' list", config.Default(), map[string]string{"content/pages/checks.md": page},
			[]string{"content/pages/checks.md:1:0:path-taken"}},
		{"a check over a page of the checks' list", config.Default(), map[string]string{"content/checks/a.md": strings.Replace(good, "topics:", "slug: page\ntopics:", 1)},
			nil},
		{"two checks at one path", dated, map[string]string{"content/checks/a.md": good, "content/checks/b.md": good},
			[]string{"content/checks/b.md:1:0:path-taken"}},
		{"by default, no clash", config.Default(), map[string]string{"content/checks/methodology.md": good, "content/pages/methodology.md": page},
			nil},
		{"a long topic", config.Default(), map[string]string{"content/checks/a.md": strings.Replace(good, "topics: [policing]", "topics: [\""+long+"\"]", 1)},
			[]string{"content/checks/a.md:6:10:bad-slug"}},
		{"a long file name", config.Default(), map[string]string{"content/checks/" + long + ".md": good},
			[]string{"content/checks/" + long + ".md:1:0:bad-slug"}},
		{"a page over the author pages", config.Default(), map[string]string{"content/pages/authors.md": page},
			[]string{"content/pages/authors.md:1:0:path-taken"}},
		{"a check over the author pages", flat, map[string]string{"content/checks/a.md": withSlug("authors")},
			[]string{"content/checks/a.md:6:1:path-taken"}},
		{"a page over the sources", config.Default(), map[string]string{"content/pages/sources.md": page},
			[]string{"content/pages/sources.md:1:0:path-taken"}},
		{"a check over a publisher's page", underSources, map[string]string{"content/checks/a.md": good},
			[]string{"content/checks/a.md:1:0:path-taken"}},
		{"a long publisher", config.Default(), map[string]string{"content/checks/a.md": strings.Replace(good, `publisher: "Court"`, `publisher: "`+long+`"`, 1)},
			[]string{"content/checks/a.md:12:5:bad-slug"}},
		{"a long claimant", config.Default(), map[string]string{"content/checks/a.md": strings.Replace(good, "topics:", "claimant: \""+long+"\"\ntopics:", 1)},
			[]string{"content/checks/a.md:6:1:bad-slug"}},
		{"a long author", config.Default(), map[string]string{"content/checks/a.md": strings.Replace(good, "topics:", "authors: [\""+long+"\"]\ntopics:", 1)},
			[]string{"content/checks/a.md:6:1:bad-slug"}},
	} {
		var got []string
		for _, d := range run(t, &tc.cfg, tc.files) {
			if d.Code == "path-taken" || d.Code == "bad-slug" {
				got = append(got, d.File+":"+found(diag.List{d})[0])
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}
