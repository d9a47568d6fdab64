package build

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/testsite"
)

var jsonLD = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)

// claimReviewOf reads the ClaimReview of a built check page.
func claimReviewOf(t *testing.T, dest, page string) map[string]any {
	t.Helper()
	m := jsonLD.FindStringSubmatch(read(t, dest, page))
	if m == nil {
		t.Fatalf("%s has no JSON-LD", page)
	}
	var review map[string]any
	if err := json.Unmarshal([]byte(m[1]), &review); err != nil {
		t.Fatalf("%s: %v\n%s", page, err, m[1])
	}
	return review
}

// ClaimReview's itemReviewed.author is a Person or an Organization, as
// claimant_type says (a Person when it says nothing), its firstAppearance
// the first appearance listed, and inLanguage the site's language.
func TestClaimReviewClaimantAndLanguage(t *testing.T) {
	for _, tc := range []struct {
		name, front, lang string
		author            any // itemReviewed.author, nil when there is none
		first             any // itemReviewed.firstAppearance
		appearance        any
	}{
		{"a claimant, no type", "claimant: \"Jane Roe\"\n", "en",
			map[string]any{"@type": "Person", "name": "Jane Roe"}, nil, nil},
		{"a person", "claimant: \"Jane Roe\"\nclaimant_type: person\n", "en",
			map[string]any{"@type": "Person", "name": "Jane Roe"}, nil, nil},
		{"an organization, in Spanish, seen twice", "claimant: \"Ministerio de Salud\"\nclaimant_type: organization\nappearances: [\"https://social.example/1\", \"https://video.example/2\"]\n", "es",
			map[string]any{"@type": "Organization", "name": "Ministerio de Salud"}, "https://social.example/1", []any{"https://social.example/1", "https://video.example/2"}},
		{"no claimant, seen once", "appearances: [\"https://social.example/1\"]\n", "ar",
			nil, "https://social.example/1", []any{"https://social.example/1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			check := strings.Replace(pluralCheck("A?", "false"), "verdict: false\n", "verdict: false\n"+tc.front, 1)
			src := testsite.Write(t, map[string]string{
				"factpress.yaml":      "title: Test\nbase_url: https://example.org/\nlanguage: " + tc.lang + "\n",
				"content/checks/a.md": check,
			})
			dest := filepath.Join(t.TempDir(), "public")
			buildOK(t, Options{Source: src, Destination: dest})
			review := claimReviewOf(t, dest, "checks/a/index.html")
			item, _ := review["itemReviewed"].(map[string]any)
			for _, f := range []struct {
				what      string
				got, want any
			}{
				{"inLanguage", review["inLanguage"], tc.lang},
				{"itemReviewed.author", item["author"], tc.author},
				{"itemReviewed.firstAppearance", item["firstAppearance"], tc.first},
				{"itemReviewed.appearance", item["appearance"], tc.appearance},
			} {
				if !jsonEqual(f.got, f.want) {
					t.Errorf("%s = %v, want %v", f.what, f.got, f.want)
				}
			}
		})
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// The JSON Feed names the organisation as its author and each check's
// authors on its item; its icon is the organisation's logo, else the
// site's favicon, and its favicon the other way round.
func TestJSONFeedAuthorsAndIcon(t *testing.T) {
	const logo = "https://example.org/logo.png"
	type author = map[string]any
	for _, tc := range []struct {
		name    string
		org     string // factpress.yaml's organization block
		favicon string // a file in the site's assets/, or ""
		icon    any
		fav     any
		authors []author
	}{
		{"neither", "organization:\n  name: Org Checks\n", "", nil, nil, []author{{"name": "Org Checks"}}},
		{"no organisation", "", "", nil, nil, []author{{"name": "Test"}}},
		{"a logo", "organization:\n  name: Org Checks\n  url: https://org.example/\n  logo: " + logo + "\n", "", logo, logo,
			[]author{{"name": "Org Checks", "url": "https://org.example/", "avatar": logo}}},
		{"a favicon", "organization:\n  name: Org Checks\n", "favicon.ico", "https://example.org/assets/favicon.ico", "https://example.org/assets/favicon.ico", []author{{"name": "Org Checks"}}},
		{"both", "organization:\n  name: Org Checks\n  logo: " + logo + "\n", "favicon.ico", logo, "https://example.org/assets/favicon.ico",
			[]author{{"name": "Org Checks", "avatar": logo}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"factpress.yaml":      "title: Test\nbase_url: https://example.org/\n" + tc.org,
				"content/checks/a.md": strings.Replace(pluralCheck("A?", "false"), "topics: [a]\n", "topics: [a]\nauthors: [\"Jane Roe\", \"Ali Hassan\"]\n", 1),
				"content/checks/b.md": pluralCheck("B?", "false"),
			}
			if tc.favicon != "" {
				files["assets/"+tc.favicon] = "\x00\x00\x01\x00"
			}
			dest := filepath.Join(t.TempDir(), "public")
			buildOK(t, Options{Source: testsite.Write(t, files), Destination: dest})
			var feed struct {
				Icon    any      `json:"icon"`
				Favicon any      `json:"favicon"`
				Authors []author `json:"authors"`
				Items   []struct {
					URL     string   `json:"url"`
					Authors []author `json:"authors"`
				} `json:"items"`
			}
			if err := json.Unmarshal([]byte(read(t, dest, "feed.json")), &feed); err != nil {
				t.Fatal(err)
			}
			if !jsonEqual(feed.Icon, tc.icon) || !jsonEqual(feed.Favicon, tc.fav) || !jsonEqual(feed.Authors, tc.authors) {
				t.Errorf("icon %v, favicon %v, authors %v; want %v, %v, %v", feed.Icon, feed.Favicon, feed.Authors, tc.icon, tc.fav, tc.authors)
			}
			byURL := map[string][]author{}
			for _, it := range feed.Items {
				byURL[it.URL] = it.Authors
			}
			if got := byURL["https://example.org/checks/a/"]; !jsonEqual(got, []author{{"name": "Jane Roe"}, {"name": "Ali Hassan"}}) {
				t.Errorf("the item of a check with two authors: %v", got)
			}
			if got, ok := byURL["https://example.org/checks/b/"]; !ok || got != nil {
				t.Errorf("the item of a check with no authors: %v, %v (want none: the feed's author stands for it)", got, ok)
			}
		})
	}
}
