package build

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/slug"
)

// scriptSites are archives whose names are written in other scripts than
// Latin, or with accents: file names, topics, claimants, questions.
var scriptSites = map[string]map[string]string{
	"arabic": {
		"content/checks/لقاح-آمن.md": check("هل اللقاح آمن؟", "وزارة الصحة", "[صحة, لقاحات]", "هل تسبب اللقاحات العقم؟"),
		"content/checks/أسعار.md":    check("هل ارتفعت أسعار الخبز؟", "حساب على فيسبوك", "[اقتصاد]", "ما سعر الخبز في القاهرة؟"),
	},
	"spanish": {
		"content/checks/policía.md": check("¿Renunció la policía de Bogotá?", "José Pérez", "[economía, policía]", "¿Cuántos policías renunciaron en 2026?"),
		"content/checks/niños.md":   check("¿Cerraron las escuelas de niños?", "Ministerio de Educación", "[educación]", "¿Qué dice la Señora Núñez?"),
	},
	"chinese": {
		"content/checks/疫苗.md": check("疫苗安全吗？", "卫生部", "[健康, 疫苗]", "疫苗会导致不孕吗？"),
		"content/checks/房价.md": check("房价下跌了吗？", "微博用户", "[经济]", "北京的房价是多少？"),
	},
}

func check(title, claimant, topics, question string) string {
	return "---\ntitle: \"" + title + "\"\nclaim: \"" + title + "\"\nclaimant: \"" + claimant + "\"\nverdict: \"false\"\ndate: 2026-01-17\ntopics: " + topics +
		"\nrelated:\n  - \"" + question + "\"\nsources:\n  - title: \"T\"\n    publisher: \"P\"\n    url: \"https://example.org/a\"\n---\n\nText [1].\n"
}

// TestNamesInEveryScript builds each site online, offline and under a
// subpath with every link checked, and finds every claimant, topic and
// question of the front matter on its check's page and in its index:
// nothing is dropped for the script it is written in.
func TestNamesInEveryScript(t *testing.T) {
	for name, files := range scriptSites {
		src := t.TempDir()
		os.WriteFile(filepath.Join(src, "factpress.yaml"), []byte("title: \""+name+"\"\n"), 0o644)
		if name == "spanish" {
			testKeptDiacritics(t, src, files)
		}
		for p, body := range files {
			os.MkdirAll(filepath.Dir(filepath.Join(src, p)), 0o755)
			os.WriteFile(filepath.Join(src, p), []byte(body), 0o644)
		}
		for _, variant := range []Options{{}, {Offline: true}, {BaseURL: "https://org.github.io/archive/"}} {
			variant.Source, variant.Destination, variant.CheckLinks = src, filepath.Join(t.TempDir(), "public"), true
			res := buildOK(t, variant)
			if len(res.Diags) != 0 {
				t.Errorf("%s: findings %v", name, res.Diags)
			}
			if len(res.Site.Checks) != len(files) {
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
func testKeptDiacritics(t *testing.T, src string, files map[string]string) {
	t.Helper()
	for _, tc := range []struct {
		config string
		want   []string
	}{
		{"", []string{"checks/policia/index.html", "topics/economia/index.html", "claimants/jose-perez/index.html"}},
		{"keep_diacritics: true\n", []string{"checks/policía/index.html", "topics/economía/index.html", "claimants/josé-pérez/index.html"}},
	} {
		site := t.TempDir()
		os.WriteFile(filepath.Join(site, "factpress.yaml"), []byte("title: \"kept\"\n"+tc.config), 0o644)
		for p, body := range files {
			os.MkdirAll(filepath.Dir(filepath.Join(site, p)), 0o755)
			os.WriteFile(filepath.Join(site, p), []byte(body), 0o644)
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
