package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/slug"
)

func TestVariantKey(t *testing.T) {
	for in, want := range map[string]string{
		"Muhammadu Buhari":           "muhammadu-buhari",
		"President Muhammadu Buhari": "muhammadu-buhari",
		"Sen. Van Wanggaard":         "van-wanggaard",
		"Mr. Dr. Michael Ale":        "michael-ale",
		"GOV. ROY COOPER":            "roy-cooper",
		"President":                  "president", // a title alone is a name
		"Vice President Mike Pence":  "vice-president-mike-pence",
		"Presidential Task Force":    "presidential-task-force",
		"!!":                         "",
	} {
		if got := variantKeyOf(slug.Of(in, false)); got != want {
			t.Errorf("variantKeyOf(slug.Of(%q)) = %q, want %q", in, got, want)
		}
	}
}

func TestClaimantVariants(t *testing.T) {
	checkBy := func(claimant string) string {
		return strings.Replace(good, "topics:", "claimant: \""+claimant+"\"\ntopics:", 1)
	}
	withClaimants := func(cl map[string]config.Claimant) config.Config {
		c := config.Default()
		c.Claimants = cl
		return c
	}
	for _, tc := range []struct {
		name      string
		cfg       config.Config
		claimants map[string]string // file → claimant
		want      []string          // file:line:col, and the kind of difference
	}{
		{"one spelling", config.Default(), map[string]string{"a": "Joe Biden", "b": "Joe Biden", "c": "Joe  Biden"}, nil},
		{"case", config.Default(), map[string]string{"a": "NBC News", "b": "NBC NEWS", "c": "NBC News"},
			[]string{"b:6:1 case"}},
		{"punctuation", config.Default(), map[string]string{"a": "Ridin' With Biden", "b": "Ridin With Biden"},
			[]string{"b:6:1 case or punctuation"}},
		{"an honorific, at the less used spelling", config.Default(), map[string]string{"a": "President Buhari", "b": "Buhari", "c": "Buhari", "d": "Sen. Buhari", "e": "Sen Buhari"},
			[]string{"a:6:1 an honorific", "d:6:1 an honorific", "e:6:1 an honorific"}},
		{"different people", config.Default(), map[string]string{"a": "Joe Biden", "b": "Hunter Biden", "c": "President Joe Biden Jr"}, nil},
		{"joined by an alias", withClaimants(map[string]config.Claimant{"buhari": {Name: "Muhammadu Buhari", Aliases: []string{"President Muhammadu Buhari"}}}),
			map[string]string{"a": "President Muhammadu Buhari", "b": "Muhammadu Buhari"}, nil},
		{"joined by the key and the name", withClaimants(map[string]config.Claimant{"nbc news": {Name: "NBC News"}}),
			map[string]string{"a": "NBC NEWS", "b": "NBC News"}, nil},
		{"an alias of another claimant joins nothing", withClaimants(map[string]config.Claimant{"x": {Aliases: []string{"Dr Jane Roe"}}}),
			map[string]string{"a": "Jane Roe", "b": "Jane Roe", "c": "Dr Jane Roe"}, []string{"c:6:1 an honorific"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for f, cl := range tc.claimants {
				files["content/checks/"+f+".md"] = checkBy(cl)
			}
			var got []string
			for _, d := range run(t, &tc.cfg, files) {
				if d.Code != "claimant-variant" {
					continue
				}
				kind := d.Message[strings.Index(d.Message, " only in ")+len(" only in ") : strings.Index(d.Message, ";")]
				got = append(got, fmt.Sprintf("%s:%d:%d %s", strings.TrimSuffix(strings.TrimPrefix(d.File, "content/checks/"), ".md"), d.Line, d.Column, kind))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
