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

// pageTypes lists one page of every kind the build writes.
func pageTypes(t *testing.T, dir string) []string {
	t.Helper()
	pick := func(pattern string) string {
		m, _ := filepath.Glob(filepath.Join(dir, pattern))
		if len(m) == 0 {
			t.Fatalf("no page matches %s", pattern)
		}
		return m[0]
	}
	return []string{
		pick("index.html"), pick("checks/index.html"), pick("checks/*/index.html"),
		pick("topics/index.html"), pick("topics/*/index.html"), pick("verdicts/index.html"), pick("verdicts/*/index.html"),
		pick("claimants/index.html"), pick("claimants/*/index.html"), pick("questions/index.html"), pick("questions/*/index.html"),
		pick("sources/index.html"), pick("corrections/index.html"), pick("search/index.html"), pick("methodology/index.html"), pick("404.html"),
	}
}

func TestAccessibility(t *testing.T) {
	axe := RequireAxe(t)
	for _, tc := range []struct {
		name string
		src  func(t *testing.T) string
	}{
		{"sample", sampleSite},
		{"1,000 generated checks", generated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src(t)
			if tc.name != "sample" {
				// The generated corpus has no plain pages; borrow the sample's.
				src = copySite(t, src)
				copyPages(t, sampleSite(t), src)
			}
			dir := site(t, src, build.Options{Offline: true})
			pages := pageTypes(t, dir)
			checked := 0
			for _, scheme := range []string{"light", "dark"} {
				for _, p := range pages {
					vs, err := axe.Check("file://"+p, scheme)
					if err != nil {
						t.Fatalf("%s: %v", p, err)
					}
					checked++
					for _, v := range vs {
						rel, _ := filepath.Rel(dir, p)
						t.Errorf("%s (%s): %s: %s at %v", rel, scheme, v.ID, v.Help, v.Nodes)
					}
				}
			}
			t.Logf("axe: %d page types × 2 colour schemes = %d runs", len(pages), checked)
			if errs := axe.Errors(); len(errs) > 0 {
				t.Errorf("page errors: %v", errs)
			}
		})
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
