package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/testsite"
)

// TestBilingualArchive builds an English and French archive online,
// offline and under a subpath with every link checked: each language has
// its pages under its folder, the translations lead to each other, and a
// page without one leads to the other language's home.
func TestBilingualArchive(t *testing.T) {
	src := testsite.Write(t, testsite.Bilingual())
	res, err := Check(context.Background(), Options{Source: src, Theme: factpress.DefaultTheme, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) != 0 {
		t.Errorf("check: %v", res.Diags)
	}
	for _, variant := range []Options{{}, {Offline: true}, {BaseURL: "https://org.github.io/archive/"}} {
		variant.Source, variant.Destination, variant.CheckLinks = src, filepath.Join(t.TempDir(), "public"), true
		res := buildOK(t, variant)
		if len(res.Diags) != 0 {
			t.Errorf("build: %v", res.Diags)
		}
		dest := variant.Destination
		index := "" // how a link names a folder
		if variant.Offline {
			index = "index.html"
		}
		fr := read(t, dest, "fr/checks/minneapolis-police/index.html")
		en := read(t, dest, "checks/minneapolis-police/index.html")
		for _, want := range []string{`<html lang="fr"`, "Archive bilingue", `href="../../../checks/minneapolis-police/` + index + `" lang="en" hreflang="en">English</a>`, `<span lang="fr" aria-current="true">Français</span>`} {
			if !strings.Contains(fr, want) {
				t.Errorf("%+v: the French check lacks %s", variant, want)
			}
		}
		if !strings.Contains(en, `href="../../fr/checks/minneapolis-police/`+index+`" lang="fr" hreflang="fr">Français</a>`) {
			t.Errorf("%+v: the English check does not lead to its translation", variant)
		}
		if bread := read(t, dest, "checks/bread-prices/index.html"); !strings.Contains(bread, `href="../../fr/checks/prix-du-pain/`+index+`"`) {
			t.Errorf("%+v: translation_key does not link bread-prices to prix-du-pain", variant)
		}
		if river := read(t, dest, "checks/river/index.html"); !strings.Contains(river, `href="../../fr/`+index+`" lang="fr"`) {
			t.Errorf("%+v: a check without a translation should lead to the French home", variant)
		}
		if m := read(t, dest, "fr/methodologie/index.html"); !strings.Contains(m, `href="../../methodology/`+index+`" lang="en"`) {
			t.Errorf("%+v: the French methodology does not lead to the English one", variant)
		}
		for _, f := range []string{"fr/index.html", "fr/checks/index.html", "fr/topics/police/index.html", "fr/search/index.html", "fr/feed.xml", "fr/api/checks.json", "fr/sitemap.xml", "sitemap.xml", "robots.txt"} {
			if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
				t.Errorf("%+v: %v", variant, err)
			}
		}
		if strings.Contains(read(t, dest, "sitemap.xml"), "prix-du-pain/</loc>") {
			t.Errorf("%+v: the English sitemap lists French pages", variant)
		}
		if strings.Contains(read(t, dest, "api/checks.json"), "prix-du-pain") {
			t.Errorf("%+v: the English API lists a French check", variant)
		}
		if variant.BaseURL == "" {
			if strings.Contains(fr, `hreflang="en" href=`) {
				t.Errorf("%+v: hreflang alternates need absolute URLs; base_url names no host", variant)
			}
			continue
		}
		for _, want := range []string{
			`<link rel="alternate" hreflang="en" href="https://org.github.io/archive/checks/minneapolis-police/">`,
			`<link rel="alternate" hreflang="x-default" href="https://org.github.io/archive/checks/minneapolis-police/">`,
			`<link rel="alternate" hreflang="fr" href="https://org.github.io/archive/fr/checks/minneapolis-police/">`,
			`"inLanguage":"fr"`,
		} {
			if !strings.Contains(fr, want) {
				t.Errorf("the French check lacks %s", want)
			}
		}
		sitemap := read(t, dest, "fr/sitemap.xml")
		if !strings.Contains(sitemap, `<loc>https://org.github.io/archive/fr/checks/minneapolis-police/</loc><lastmod>2026-01-17</lastmod><xhtml:link rel="alternate" hreflang="en" href="https://org.github.io/archive/checks/minneapolis-police/"/><xhtml:link rel="alternate" hreflang="fr" href="https://org.github.io/archive/fr/checks/minneapolis-police/"/></url>`) {
			t.Errorf("the French sitemap lacks the alternates of a translated check:\n%s", sitemap)
		}
		if robots := read(t, dest, "robots.txt"); !strings.Contains(robots, "Sitemap: https://org.github.io/archive/sitemap.xml\nSitemap: https://org.github.io/archive/fr/sitemap.xml\n") {
			t.Errorf("robots.txt does not name both sitemaps:\n%s", robots)
		}
	}
}

// TestDefaultLanguageInSubdir puts English under /en/ as well, with a root
// page that leads there.
func TestDefaultLanguageInSubdir(t *testing.T) {
	files := testsite.Bilingual()
	files["factpress.yaml"] += "default_language_in_subdir: true\n"
	src := testsite.Write(t, files)
	for _, variant := range []Options{{}, {Offline: true}} {
		variant.Source, variant.Destination, variant.CheckLinks = src, filepath.Join(t.TempDir(), "public"), true
		buildOK(t, variant)
		root := read(t, variant.Destination, "index.html")
		want := `url=en/"`
		if variant.Offline {
			want = `url=en/index.html"`
		}
		if !strings.Contains(root, want) || !strings.Contains(root, `hreflang="fr"`) {
			t.Errorf("%+v: the root page does not lead to the languages:\n%s", variant, root)
		}
		files := []string{"en/checks/minneapolis-police/index.html", "fr/checks/minneapolis-police/index.html", "en/404.html"}
		if !variant.Offline {
			files = append(files, "404.html")
		}
		for _, f := range files {
			if _, err := os.Stat(filepath.Join(variant.Destination, f)); err != nil {
				t.Error(err)
			}
		}
		if _, err := os.Stat(filepath.Join(variant.Destination, "checks")); err == nil {
			t.Error("with default_language_in_subdir nothing of English should be at the root")
		}
	}
}

// TestTranslationFindings: a translation_key that names nothing is
// flagged, and two in one language are an error.
func TestTranslationFindings(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(files map[string]string)
		codes []string
	}{
		{"a key that names nothing", func(f map[string]string) {
			f["content/fr/checks/prix-du-pain.md"] = strings.Replace(f["content/fr/checks/prix-du-pain.md"], "checks/bread-prices", "checks/bread-price", 1)
		}, []string{"translation-unmatched"}},
		{"one key twice in a language", func(f map[string]string) {
			f["content/fr/checks/autre.md"] = testsite.Check("Autre ?", "X", "[x]", "Quoi ?", "translation_key: checks/bread-prices\n")
		}, []string{"translation-duplicate"}},
		{"a key in an archive of one language", func(f map[string]string) {
			f["factpress.yaml"] = "title: \"One language\"\n"
			for p := range f {
				if strings.HasPrefix(p, "content/fr/") {
					delete(f, p)
				}
			}
			f["content/checks/river.md"] = testsite.Check("River?", "X", "[x]", "Quoi ?", "translation_key: rivers\n")
		}, []string{"translation-unmatched"}},
		{"a folder named as a language the site has not", func(f map[string]string) {
			f["content/de/checks/brot.md"] = testsite.Check("Brot?", "X", "[x]", "Was?", "")
			f["content/de/checks/miete.md"] = testsite.Check("Miete?", "X", "[x]", "Was?", "")
			f["content/notes/checks/n.md"] = testsite.Check("Notes?", "X", "[x]", "What?", "")
		}, []string{"language-folder"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := testsite.Bilingual()
			tc.edit(files)
			res, err := Check(context.Background(), Options{Source: testsite.Write(t, files), Today: today})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diags {
				got = append(got, d.Code)
				if d.Line == 0 {
					t.Errorf("%v has no line", d)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.codes, " ") {
				t.Errorf("findings %v, want %v", res.Diags, tc.codes)
			}
		})
	}
}

// TestLanguageSwitcherLeadsToTheTranslation follows the switcher in
// Chromium, from disk, from a French check to its English original and
// back.
func TestLanguageSwitcherLeadsToTheTranslation(t *testing.T) {
	b := browsertest.New(t)
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: testsite.Write(t, testsite.Bilingual()), Destination: dest, Offline: true})
	if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+dest+"/fr/checks/prix-du-pain/index.html")); err != nil {
		t.Fatal(err)
	}
	click(t, b, `nav.languages a[hreflang="en"]`)
	waitLocation(t, b, "/checks/bread-prices/index.html")
	if lang := eval[string](t, b, `document.documentElement.lang`); lang != "en" {
		t.Errorf("the English page's lang is %q", lang)
	}
	click(t, b, `nav.languages a[hreflang="fr"]`)
	waitLocation(t, b, "/fr/checks/prix-du-pain/index.html")
	if h1 := eval[string](t, b, `document.querySelector("h1").textContent`); !strings.Contains(h1, "pain") {
		t.Errorf("the French page's heading is %q", h1)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("the pages reported errors: %v", errs)
	}
}
