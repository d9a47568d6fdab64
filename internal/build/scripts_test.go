package build

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/slug"
	"github.com/factpress/factpress/internal/testsite"
)

// TestNamesInEveryScript checks the Arabic, Spanish and Chinese sites
// with no finding, builds each online, offline and under a subpath with
// every link checked, and finds every claimant, topic and question of the
// front matter on its check's page and in its index: nothing is dropped
// for the script it is written in.
func TestNamesInEveryScript(t *testing.T) {
	for _, s := range testsite.Sites() {
		name, files := s.Name, s.Files
		if name == "bilingual" {
			continue // TestBilingualArchive's
		}
		src := testsite.Write(t, files)
		if name == "spanish" {
			testKeptDiacritics(t, files)
		}
		checked, err := Check(context.Background(), Options{Source: src, Theme: factpress.DefaultTheme, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		if len(checked.Diags) != 0 {
			t.Errorf("%s: check found %v", name, checked.Diags)
		}
		checks := 0
		for p := range files {
			if strings.HasPrefix(p, "content/checks/") {
				checks++
			}
		}
		for _, variant := range []Options{{}, {Offline: true}, {BaseURL: "https://org.github.io/archive/"}} {
			variant.Source, variant.Destination, variant.CheckLinks = src, filepath.Join(t.TempDir(), "public"), true
			res := buildOK(t, variant)
			diags := res.Diags
			if name == "chinese" {
				diags = withoutCardFont(t, diags)
			}
			if len(diags) != 0 {
				t.Errorf("%s: findings %v", name, diags)
			}
			if len(res.Site.Checks) != checks {
				t.Fatalf("%s: %d checks published", name, len(res.Site.Checks))
			}
			for _, c := range res.Site.Checks {
				page := read(t, variant.Destination, c.Path+"index.html")
				if c.Claimant == nil || !strings.Contains(page, html.EscapeString(c.Check.Claimant)) {
					t.Errorf("%s: claimant %q missing from %s", name, c.Check.Claimant, c.Path)
				} else if claimants := read(t, variant.Destination, "claimants/index.html"); !strings.Contains(claimants, html.EscapeString(c.Check.Claimant)) {
					t.Errorf("%s: claimant %q missing from /claimants/", name, c.Check.Claimant)
				}
				topics := read(t, variant.Destination, "topics/index.html")
				for _, tp := range c.Check.Topics {
					if !strings.Contains(page, html.EscapeString(tp.Value)) || !strings.Contains(topics, html.EscapeString(tp.Value)) {
						t.Errorf("%s: topic %q missing from %s or /topics/", name, tp.Value, c.Path)
					}
					if _, err := os.Stat(filepath.Join(variant.Destination, "topics", slug.Normalize(tp.Value), "index.html")); err != nil {
						t.Errorf("%s: topic %q has no page: %v", name, tp.Value, err)
					}
				}
				questions := read(t, variant.Destination, "questions/index.html")
				for _, q := range c.Check.Related {
					if !strings.Contains(page, html.EscapeString(q.Question)) || !strings.Contains(questions, html.EscapeString(q.Question)) {
						t.Errorf("%s: question %q missing from %s or /questions/", name, q.Question, c.Path)
					}
				}
			}
			if variant.BaseURL != "" {
				sitemap := read(t, variant.Destination, "sitemap.xml")
				for _, line := range strings.Split(sitemap, "<loc>")[1:] {
					loc, _, _ := strings.Cut(line, "</loc>")
					for _, r := range loc {
						if r >= 0x80 {
							t.Errorf("%s: the sitemap's %q is not ASCII", name, loc)
							break
						}
					}
				}
			}
		}
	}
}

// testKeptDiacritics builds the Spanish site folding diacritics, as by
// default, and keeping them, as keep_diacritics asks.
func testKeptDiacritics(t *testing.T, files map[string]string) {
	t.Helper()
	for _, tc := range []struct {
		config string
		want   []string
	}{
		{"", []string{"checks/policia/index.html", "topics/economia/index.html", "claimants/jose-perez/index.html"}},
		{"keep_diacritics: true\n", []string{"checks/policía/index.html", "topics/economía/index.html", "claimants/josé-pérez/index.html"}},
	} {
		site := testsite.Write(t, files)
		if err := os.WriteFile(filepath.Join(site, "factpress.yaml"), []byte(files["factpress.yaml"]+tc.config), 0o644); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		res := buildOK(t, Options{Source: site, Destination: dest, CheckLinks: true})
		if len(res.Diags) != 0 {
			t.Errorf("keep_diacritics %q: %v", tc.config, res.Diags)
		}
		for _, f := range tc.want {
			if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
				t.Errorf("keep_diacritics %q: %v", tc.config, err)
			}
		}
	}
}
