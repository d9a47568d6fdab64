package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/testsite"
)

// listsCheck is a check by claimant citing the publishers named.
func listsCheck(title, claim, claimant, verdict, date string, topics string, publishers ...string) string {
	var src strings.Builder
	for i, p := range publishers {
		fmt.Fprintf(&src, "  - title: \"Report %d\"\n    publisher: \"%s\"\n    url: \"https://example.org/%s/%d\"\n", i+1, p, strings.ToLower(strings.ReplaceAll(p, " ", "")), i+1)
	}
	cites := ""
	for i := range publishers {
		cites += fmt.Sprintf(" [%d]", i+1)
	}
	return "---\ntitle: \"" + title + "\"\nclaim: \"" + claim + "\"\nclaimant: \"" + claimant + "\"\nverdict: " + verdict + "\ndate: " + date + "\ntopics: [" + topics + "]\nsources:\n" + src.String() + "---\n\nText" + cites + ".\n"
}

// TestListsAndIndexes builds an archive and reads its lists as a reader
// would: the sources' index in pages with a page per publisher, claimants
// joined by their aliases, items that give a repeated claim once, topics
// named as written, empty lists that say so and stay out of the sitemap,
// zero rows drawn as zero, and the corrections page saying how to ask
// for one.
func TestListsAndIndexes(t *testing.T) {
	files := map[string]string{
		"factpress.yaml": "title: Lists\nbase_url: https://example.org/\nrepository: github.com/org/archive\npaginate: 2\n" +
			"claimants:\n  buhari:\n    name: \"Muhammadu Buhari\"\n    aliases: [\"President Buhari\", \"Buhari\"]\n",
		"content/checks/a.md":                 listsCheck("Is it true that the dam burst in 2020?", "The dam burst in 2020.", "President Buhari", "false", "2026-01-10", "united-states", "Lead Stories", "Reuters"),
		"content/checks/b.md":                 listsCheck("Did the dam burst?", "The mayor said the dam was fine all year.", "Muhammadu Buhari", "true", "2026-01-11", "\"United States\"", "Lead Stories"),
		"content/checks/c.md":                 listsCheck("Is it true that rain fell?", "Rain fell.", "buhari", "mixed", "2026-01-12", "event-property-claim", "LEAD STORIES"),
		"content/pages/corrections-policy.md": "---\ntitle: How we correct\nslug: corrections-policy\n---\n\nWe fix errors.\n",
	}
	for i := range 10 { // 12 publishers in all: two pages of ten
		files[fmt.Sprintf("content/checks/p%d.md", i)] = listsCheck(fmt.Sprintf("Is it true that item %d holds?", i), fmt.Sprintf("Item %d holds.", i), "Someone", "false", "2026-01-09", "other", fmt.Sprintf("Outlet %d", i))
	}
	src := testsite.Write(t, files)
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: src, Destination: dest})
	main := func(page string) string {
		t.Helper()
		html := strings.ReplaceAll(read(t, dest, page), "\n", "")
		if i, j := strings.Index(html, "<main"), strings.Index(html, "</main>"); i >= 0 && j > i {
			return html[i:j]
		}
		return html
	}
	exists := func(page string) bool {
		_, err := os.Stat(filepath.Join(dest, filepath.FromSlash(page)))
		return err == nil
	}
	// The ClaimReview names the claimant as the page does.
	if page := read(t, dest, "checks/a/index.html"); !strings.Contains(page, `"author":{"@type":"Person","name":"Muhammadu Buhari"}`) || strings.Contains(page, `"name":"President Buhari"`) {
		t.Errorf("checks/a's ClaimReview does not name the claimant as configured: %.200s", page[max(0, strings.Index(page, `"itemReviewed"`)):])
	}
	sitemap := read(t, dest, "sitemap.xml")

	for _, tc := range []struct {
		name string
		page string
		has  []string
		not  []string
	}{
		{"the sources' index links each publisher, most cited first", "sources/index.html",
			// Lead Stories written three ways is one publisher, named as the newest check writes it.
			[]string{`<a href="../sources/lead-stories/">LEAD STORIES</a></td><td class="num">3</td><td class="num">3</td>`, `href="../sources/page/2/"`},
			[]string{"Is it true that", "Reuters"}},
		{"its second page", "sources/page/2/index.html", []string{`<a href="../../../sources/reuters/">Reuters</a>`, "Outlet 9"}, []string{"LEAD STORIES"}},
		{"a publisher's page: its checks and the sources they cite", "sources/lead-stories/index.html",
			[]string{"<h1>Checks citing LEAD STORIES</h1>", "Cited 3 times in our checks.", `Source cited:</span> <a href="https://example.org/leadstories/1" rel="nofollow noopener">Report 1</a>`, `href="../../sources/lead-stories/page/2/"`},
			[]string{"Reuters"}},
		{"the aliases are one claimant, named as configured, its items without the claimant", "claimants/buhari/index.html",
			[]string{"<h1>Claims by Muhammadu Buhari</h1>", "3 checks."},
			[]string{"claimed by"}},
		{"the claimants' index", "claimants/index.html",
			[]string{`<a href="../claimants/buhari/">Muhammadu Buhari</a></td><td class="num">3</td>`},
			[]string{"President Buhari"}},
		{"a check names the claimant as configured", "checks/a/index.html", []string{"Muhammadu Buhari"}, nil},
		{"a repeated claim is not shown, another is", "checks/index.html",
			[]string{`<p class="claim">The mayor said the dam was fine all year.</p>`, "claimed by Muhammadu Buhari"},
			[]string{`<p class="claim">Rain fell.</p>`, `<p class="claim">The dam burst in 2020.</p>`, "claimed by President Buhari"}},
		{"topics as written, or their slug's words capitalised", "topics/index.html",
			[]string{">United States</a>", ">Event Property Claim</a>"}, []string{">united-states<"}},
		{"a verdict with no checks says so", "verdicts/misleading/index.html",
			[]string{`<p class="empty">No check has this verdict yet.</p>`}, []string{"check-list"}},
		{"zero rows have no bar", "index.html",
			[]string{`<tr class="zero"><th scope="row"><a href="verdicts/misleading/">Misleading</a></th><td class="num">0</td><td class="bar-cell"><span class="visually-hidden">`},
			[]string{`width: 0.0%`}},
		{"the corrections page: the policy and how to ask", "corrections/index.html",
			[]string{`<p class="empty">No corrections so far.</p>`, `<a href="../corrections-policy/">How we correct</a>`, `href="https://github.com/org/archive/issues/new?title=Correction&#43;request"`, "Ask for a correction"},
			[]string{"../contact/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := main(tc.page)
			for _, s := range tc.has {
				if !strings.Contains(got, s) {
					t.Errorf("%s lacks %q:\n%.3000s", tc.page, s, got)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(got, s) {
					t.Errorf("%s has %q", tc.page, s)
				}
			}
		})
	}
	for _, page := range []string{"claimants/president-buhari/index.html", "claimants/muhammadu-buhari/index.html", "sources/lead-stories-2/index.html"} {
		if exists(page) {
			t.Errorf("%s was written: its checks belong to another page", page)
		}
	}
	// The sitemap lists every page with something to show, and leaves out
	// the search page and the lists with nothing in them.
	for _, loc := range []string{"sources/", "sources/page/2/", "sources/lead-stories/", "sources/lead-stories/page/2/", "claimants/buhari/", "verdicts/false/", "corrections/", "topics/"} {
		if !strings.Contains(sitemap, "<loc>https://example.org/"+loc+"</loc>") {
			t.Errorf("the sitemap lacks %s", loc)
		}
	}
	for _, loc := range []string{"search/", "verdicts/misleading/", "verdicts/unsupported/"} {
		if strings.Contains(sitemap, "<loc>https://example.org/"+loc+"</loc>") {
			t.Errorf("the sitemap lists %s", loc)
		}
	}
	if n := len(regexp.MustCompile(`<loc>`).FindAllString(sitemap, -1)); n < 20 {
		t.Errorf("the sitemap has %d pages", n)
	}
}

// TestEmptyArchiveLists: an archive without checks says of each list that
// it is empty, and its sitemap holds no list.
func TestEmptyArchiveLists(t *testing.T) {
	src := testsite.Write(t, map[string]string{
		"factpress.yaml":          "title: Empty\nbase_url: https://example.org/\n",
		"content/pages/about.md":  "---\ntitle: About\n---\n\nAbout us.\n",
		"content/checks/.gitkeep": "",
	})
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: src, Destination: dest})
	for page, want := range map[string]string{
		"index.html":               "No checks here yet.",
		"checks/index.html":        "No checks here yet.",
		"topics/index.html":        "No topics yet.",
		"claimants/index.html":     "No claimants yet.",
		"questions/index.html":     "No related questions yet.",
		"sources/index.html":       "No sources cited yet.",
		"verdicts/true/index.html": "No check has this verdict yet.",
		"authors/index.html":       "No authors yet.",
	} {
		if got := read(t, dest, page); !strings.Contains(got, `<p class="empty">`+want+`</p>`) {
			t.Errorf("%s does not say %q", page, want)
		}
	}
	sitemap := read(t, dest, "sitemap.xml")
	for _, loc := range []string{"checks/", "topics/", "claimants/", "questions/", "sources/", "verdicts/true/", "search/", "authors/"} {
		if strings.Contains(sitemap, "<loc>https://example.org/"+loc+"</loc>") {
			t.Errorf("the sitemap lists the empty %s", loc)
		}
	}
	for _, loc := range []string{"", "about/", "verdicts/", "corrections/"} {
		if !strings.Contains(sitemap, "<loc>https://example.org/"+loc+"</loc>") {
			t.Errorf("the sitemap lacks %s", loc)
		}
	}
}
