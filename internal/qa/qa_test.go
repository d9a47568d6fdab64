package qa

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/build"
	"github.com/factpress/factpress/internal/corpus"
	"github.com/factpress/factpress/internal/testsite"
)

// site builds a site folder into a temporary public/ and returns it.
func site(t *testing.T, src string, opts build.Options) string {
	t.Helper()
	opts.Source = src
	opts.Destination = filepath.Join(t.TempDir(), "public")
	opts.Theme = factpress.DefaultTheme
	res, err := build.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed() {
		t.Fatalf("build failed: %v %v", res.Diags, res.Broken)
	}
	return opts.Destination
}

func sampleSite(t *testing.T) string {
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// generated is a new 1,000-check corpus (under a second to make).
func generated(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Generate(dir, 1000, 1); err != nil {
		t.Fatal(err)
	}
	return dir
}

func copySite(t *testing.T, from string) string {
	return testsite.Copy(t, from, "factpress.yaml", "content")
}

// plantLayout overrides one default layout of a site with an edited copy.
func plantLayout(t *testing.T, src, name, old, new string) {
	t.Helper()
	b, err := factpress.DefaultTheme.ReadFile("layouts/" + name)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), old, new, 1)
	if edited == string(b) {
		t.Fatalf("layouts/%s has no %q", name, old)
	}
	os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
	if err := os.WriteFile(filepath.Join(src, "layouts", name), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
}

func htmlCount(t *testing.T, dir string) int {
	n := 0
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			n++
		}
		return nil
	})
	return n
}

func TestHTMLIsValid(t *testing.T) {
	vnu := RequireVNU(t)
	for _, tc := range []struct {
		name string
		src  func(t *testing.T) string
		opts build.Options
	}{
		{"sample", sampleSite, build.Options{}},
		{"sample offline", sampleSite, build.Options{Offline: true}},
		{"1,000 generated checks", generated, build.Options{}},
		{"arabic", languageSite("arabic"), build.Options{}},
		{"spanish", languageSite("spanish"), build.Options{}},
		{"chinese", languageSite("chinese"), build.Options{}},
		{"bilingual", languageSite("bilingual"), build.Options{}},
		// With a host, pages name their translations in <link rel=alternate hreflang>.
		{"bilingual under a host", languageSite("bilingual"), build.Options{BaseURL: "https://org.github.io/archive/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := site(t, tc.src(t), tc.opts)
			errs, err := vnu.Check(dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("vnu: %d pages, %d errors", htmlCount(t, dir), len(errs))
			for i, m := range errs {
				if i == 20 {
					t.Errorf("… and %d more", len(errs)-20)
					break
				}
				t.Error(m)
			}
		})
	}
}

func TestVNUCatchesAnInvalidTag(t *testing.T) {
	vnu := RequireVNU(t)
	src := copySite(t, sampleSite(t))
	plantLayout(t, src, "404.html", `<h1>{{T "not-found"}}</h1>`, `<h1>{{T "not-found"}}</h1><blink>gone</blink>`)
	dir := site(t, src, build.Options{})
	errs, err := vnu.Check(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) == 0 {
		t.Fatal("the planted <blink> went unnoticed")
	}
	for _, m := range errs {
		if !strings.HasSuffix(m.URL, "/404.html") || !strings.Contains(m.Message, "blink") {
			t.Errorf("want only errors about <blink> on 404.html, got %v", m)
		}
	}
}

// languageSite writes one of testsite.Sites: the archives in Arabic,
// Spanish, Chinese, and English and French.
func languageSite(name string) func(t *testing.T) string {
	return func(t *testing.T) string {
		for _, s := range testsite.Sites() {
			if s.Name == name {
				return testsite.Write(t, s.Files)
			}
		}
		t.Fatalf("no test site %q", name)
		return ""
	}
}

// sections are the folders the build writes beside plain pages.
var sections = map[string]bool{"checks": true, "topics": true, "verdicts": true, "claimants": true, "questions": true, "sources": true, "corrections": true, "search": true, "authors": true, "api": true}

// pageTypes lists one page of every kind the build writes into root: a
// site's folder, or a language's folder in it.
func pageTypes(t *testing.T, root string) []string {
	t.Helper()
	pick := func(pattern string) string {
		m, _ := filepath.Glob(filepath.Join(root, pattern))
		if len(m) == 0 {
			t.Fatalf("no page matches %s", pattern)
		}
		return m[0]
	}
	pages := []string{
		pick("index.html"), pick("checks/index.html"), pick("checks/*/index.html"),
		pick("topics/index.html"), pick("topics/*/index.html"), pick("verdicts/index.html"), pick("verdicts/*/index.html"),
		pick("claimants/index.html"), pick("claimants/*/index.html"), pick("questions/index.html"), pick("questions/*/index.html"),
		pick("sources/index.html"), pick("sources/*/index.html"), pick("corrections/index.html"), pick("search/index.html"), pick("authors/index.html"), pick("authors/*/index.html"), pick("404.html"),
	}
	// A plain page: a folder that is no section and no language's.
	folders, _ := filepath.Glob(filepath.Join(root, "*", "index.html"))
	for _, f := range folders {
		name := filepath.Base(filepath.Dir(f))
		if _, err := os.Stat(filepath.Join(root, name, "checks")); !sections[name] && err != nil {
			return append(pages, f)
		}
	}
	t.Fatalf("%s has no plain page", root)
	return nil
}

// TestAccessibility runs axe's WCAG 2.2 A and AA rules, target size
// among them, on every page type of the sample, of a generated archive and
// of the four archives in other languages (both languages' pages of the
// bilingual one), light and dark, on a phone and a desktop screen.
func TestAccessibility(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  func(t *testing.T) string
		// langs are the folders of the site's other languages.
		langs []string
	}{
		{"sample", sampleSite, nil},
		{"1,000 generated checks", generated, nil},
		{"arabic", languageSite("arabic"), nil},
		{"spanish", languageSite("spanish"), nil},
		{"chinese", languageSite("chinese"), nil},
		{"bilingual", languageSite("bilingual"), []string{"fr"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			axe := RequireAxe(t) // a browser for each site, each in its deadline
			src := tc.src(t)
			if tc.name == "1,000 generated checks" {
				// The generated corpus has no plain pages or authors; borrow the sample's.
				src = copySite(t, src)
				copyPages(t, sampleSite(t), src)
				addAuthor(t, src)
			}
			dir := site(t, src, build.Options{Offline: true})
			pages := pageTypes(t, dir)
			for _, lang := range tc.langs {
				pages = append(pages, pageTypes(t, filepath.Join(dir, lang))...)
			}
			checked := 0
			for _, width := range []int{Phone, Desktop} {
				for _, scheme := range []string{"light", "dark"} {
					for _, p := range pages {
						vs, err := axe.CheckAt("file://"+p, scheme, width)
						if err != nil {
							t.Fatalf("%s: %v", p, err)
						}
						checked++
						for _, v := range vs {
							rel, _ := filepath.Rel(dir, p)
							t.Errorf("%s (%s, %d px): %s: %s at %v", rel, scheme, width, v.ID, v.Help, v.Nodes)
						}
					}
				}
			}
			t.Logf("axe: %d pages × 2 colour schemes × 2 widths = %d runs", len(pages), checked)
			if errs := axe.Errors(); len(errs) > 0 {
				t.Errorf("page errors: %v", errs)
			}
		})
	}
}

// addAuthor names an author in the first check of a generated archive.
func addAuthor(t *testing.T, src string) {
	t.Helper()
	checks, _ := filepath.Glob(filepath.Join(src, "content/checks/*.md"))
	if len(checks) == 0 {
		t.Fatal("no checks")
	}
	b, err := os.ReadFile(checks[0])
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "---\n", "---\nauthors: [\"Ana Lee\"]\n", 1)
	if err := os.WriteFile(checks[0], []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyPages(t *testing.T, from, to string) {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join(from, "content/pages/*.md"))
	os.MkdirAll(filepath.Join(to, "content/pages"), 0o755)
	for _, p := range pages {
		b, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(to, "content/pages", filepath.Base(p)), b, 0o644)
	}
}

func TestAxeCatchesAnUnlabelledControl(t *testing.T) {
	axe := RequireAxe(t)
	src := copySite(t, sampleSite(t))
	plantLayout(t, src, "404.html", `<h1>{{T "not-found"}}</h1>`, `<h1>{{T "not-found"}}</h1><input type="text" name="q">`)
	dir := site(t, src, build.Options{Offline: true})
	vs, err := axe.Check("file://"+filepath.Join(dir, "404.html"), "light")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].ID != "label" {
		t.Errorf("want the label violation, got %+v", vs)
	}
}

// TestAxeCatchesASmallTarget: two links of 16 by 16 pixels side by side,
// on a phone, break WCAG 2.2's target size, and the gate says so.
func TestAxeCatchesASmallTarget(t *testing.T) {
	axe := RequireAxe(t)
	src := copySite(t, sampleSite(t))
	plantLayout(t, src, "404.html", `<h1>{{T "not-found"}}</h1>`, `<h1>{{T "not-found"}}</h1><p><a href="#a" style="display:inline-block;inline-size:16px;block-size:16px;margin:0">1</a><a href="#b" style="display:inline-block;inline-size:16px;block-size:16px;margin:0">2</a></p>`)
	dir := site(t, src, build.Options{Offline: true})
	vs, err := axe.CheckAt("file://"+filepath.Join(dir, "404.html"), "light", Phone)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].ID != "target-size" || len(vs[0].Nodes) != 2 {
		t.Errorf("want the target-size violation at both links, got %+v", vs)
	}
}

// TestTargetsOnAPhone: on a phone, the citation markers, the back-links,
// the pager, the language switcher and the search boxes are at least 24
// by 24 CSS pixels, in the sample and in the archives in other languages.
func TestTargetsOnAPhone(t *testing.T) {
	const targets = "sup.cite a, .backlinks a, .pager a, .pager [aria-current], .languages a, .languages [aria-current], .site-search input, .site-search button, .search-row input, .search-row button"
	axe := RequireAxe(t)
	sample := site(t, sampleSite(t), build.Options{Offline: true})
	gen := site(t, generated(t), build.Options{Offline: true})
	bilingual := site(t, languageSite("bilingual")(t), build.Options{Offline: true})
	arabic := site(t, languageSite("arabic")(t), build.Options{Offline: true})
	chinese := site(t, languageSite("chinese")(t), build.Options{Offline: true})
	pages := []string{
		filepath.Join(sample, "checks/minneapolis-police-ice/index.html"), filepath.Join(sample, "404.html"),
		filepath.Join(gen, "checks/index.html"), filepath.Join(gen, "checks/page/2/index.html"),
		filepath.Join(bilingual, "fr/checks/prix-du-pain/index.html"), filepath.Join(bilingual, "index.html"),
		pageTypes(t, arabic)[2], pageTypes(t, chinese)[2],
	}
	counted := 0
	for _, width := range []int{Phone, Desktop} {
		for _, p := range pages {
			small, err := axe.SmallTargets("file://"+p, targets, width)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for _, s := range small {
				t.Errorf("%s at %d px: %s", p, width, s)
			}
			counted++
		}
	}
	t.Logf("%d pages measured", counted)
}
