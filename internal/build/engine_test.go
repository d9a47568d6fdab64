package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/corpus"
	"github.com/factpress/factpress/internal/output"
	"github.com/factpress/factpress/internal/testsite"
)

// generatedSite makes a corpus of n checks, with the sample's plain pages,
// in a new folder.
func generatedSite(t testing.TB, n int, seed int64) string {
	t.Helper()
	src := testsite.Copy(t, sampleSite, "content/pages")
	if err := corpus.Generate(src, n, seed); err != nil {
		t.Fatal(err)
	}
	return src
}

// tree reads every file under dir, by '/'-separated path.
func tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.MarkerName {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTrees reports every file that one tree has and the other lacks or
// holds other bytes in.
func sameTrees(t testing.TB, what string, got, want map[string]string) {
	t.Helper()
	bad := 0
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s: %s missing", what, p)
		case g != w:
			t.Errorf("%s: %s differs: %s", what, p, difference(g, w))
		default:
			continue
		}
		if bad++; bad > 10 {
			t.Fatalf("%s: and more", what)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s should not be there", what, p)
		}
	}
}

// TestCachedPartialsChangeNoByte builds a site with the default theme, and
// with a theme in which every layout and partial prints the whole value it
// receives, with the partials' cache and without, five times: every build
// must equal the reference that renders every partial in full.
func TestCachedPartialsChangeNoByte(t *testing.T) {
	for _, dump := range []bool{false, true} {
		src := generatedSite(t, 120, 3)
		if dump {
			testsite.DumpLayouts(t, src)
		}
		build := func(noCache bool) map[string]string {
			dest := filepath.Join(t.TempDir(), "public")
			buildOK(t, Options{Source: src, Destination: dest, NoFragmentCache: noCache, BaseURL: "https://org.github.io/archive/"})
			return tree(t, dest)
		}
		reference := build(true)
		if dump {
			page := reference["checks/index.html"]
			for _, want := range []string{`{&#34;Href&#34;:`, `&#34;Section&#34;:&#34;checks&#34;`, `&#34;Caption&#34;:&#34;Verdicts&#34;`} {
				if !strings.Contains(page, want) {
					t.Fatalf("the dumping theme does not show %s on checks/", want)
				}
			}
		}
		for i := range 5 {
			sameTrees(t, "cached", build(false), reference)
			if t.Failed() {
				t.Fatalf("build %d with dump=%v differs from the reference", i+1, dump)
			}
		}
	}
}

// TestCachedPartialSeesOnlyItsValue: a header that asks for the page's
// title, which the value it is given does not have, fails the build with
// the layout's file and line instead of printing another page's title.
func TestCachedPartialSeesOnlyItsValue(t *testing.T) {
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	header := "{{define \"site-header\"}}<header>\n<h1>{{.Title}}</h1>\n</header>{{end}}\n"
	if err := os.MkdirAll(filepath.Join(src, "layouts/partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "layouts/partials/site-header.html"), []byte(header), 0o644)
	_, err := Build(context.Background(), Options{Source: src, Theme: factpress.DefaultTheme, Today: today})
	if err == nil || !strings.Contains(err.Error(), "layouts/partials/site-header.html:2:") || !strings.Contains(err.Error(), "can't evaluate field Title in type render.Chrome") {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); !os.IsNotExist(err) {
		t.Error("a failed build wrote public/")
	}
}

// TestCheckPathSeesWhatCheckSees: the files check does not report on are
// read by the same parser, so a slug written in a way a line scanner would
// miss still counts.
func TestCheckPathSeesWhatCheckSees(t *testing.T) {
	src := testsite.Copy(t, sampleSite, "factpress.yaml")
	check := func(slugLine string) string {
		return "---\ntitle: \"T?\"\nclaim: c\nverdict: \"false\"\ndate: 2026-01-01\ntopics: [x]\n" + slugLine + "sources:\n  - title: S\n    publisher: P\n---\n\nBody [1].\n"
	}
	os.MkdirAll(filepath.Join(src, "content/checks"), 0o755)
	os.WriteFile(filepath.Join(src, "content/checks/a.md"), []byte(check("\"slug\": same\n")), 0o644)
	os.WriteFile(filepath.Join(src, "content/checks/same.md"), []byte(check("")), 0o644)
	for _, paths := range [][]string{nil, {"content/checks/same.md"}, {"content/checks/a.md"}} {
		res, err := Check(context.Background(), Options{Source: src, Paths: paths, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, d := range res.Diags {
			if d.Code == "duplicate-slug" {
				found++
			}
		}
		if want := max(1, 2*btoi(paths == nil)); found != want {
			t.Errorf("check %v: %d duplicate-slug findings, want %d: %v", paths, found, want, res.Diags)
		}
	}
}

// TestCleanCheckMeansBuildable: what check accepts, build can write; what
// build could not write (one page over another, a name too long for a file
// system), check refuses with its file and line, and build writes nothing.
func TestCleanCheckMeansBuildable(t *testing.T) {
	for _, tc := range []struct {
		name, config, file, edit, with string
		code, on                       string // the finding, and the file it is on
	}{
		{"a check over a page", "permalinks: \"/:slug/\"\n", "content/checks/methodology.md", "", "", "path-taken", "content/pages/methodology.md"},
		{"a check over the topics", "permalinks: \"/:slug/\"\n", "content/checks/topics.md", "", "", "path-taken", "content/checks/topics.md"},
		{"a long topic", "", "content/checks/long.md", "topics: [immigration", "topics: [\"" + strings.Repeat("a", 300) + "\", immigration", "bad-slug", "content/checks/long.md"},
	} {
		src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
		cfg, _ := os.ReadFile(filepath.Join(src, "factpress.yaml"))
		os.WriteFile(filepath.Join(src, "factpress.yaml"), append(cfg, tc.config...), 0o644)
		data, err := os.ReadFile(filepath.Join(src, "content/checks/minneapolis-police-ice.md"))
		if err != nil {
			t.Fatal(err)
		}
		body := strings.Replace(string(data), "minneapolis-police-ice", "x", -1)
		if tc.edit != "" {
			if !strings.Contains(body, tc.edit) {
				t.Fatalf("the sample has no %q", tc.edit)
			}
			body = strings.Replace(body, tc.edit, tc.with, 1)
		}
		os.WriteFile(filepath.Join(src, tc.file), []byte(body), 0o644)
		checked, err := Check(context.Background(), Options{Source: src, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		built, err := Build(context.Background(), Options{Source: src, Theme: factpress.DefaultTheme, Today: today})
		if err != nil {
			t.Fatalf("%s: build: %v", tc.name, err)
		}
		for what, res := range map[string]*Result{"check": checked, "build": built} {
			found := false
			for _, d := range res.Diags {
				found = found || d.Code == tc.code && d.File == tc.on && d.Line > 0
			}
			if !found || !res.Failed() {
				t.Errorf("%s: %s gave %v, want %s on %s", tc.name, what, res.Diags, tc.code, tc.on)
			}
		}
		if _, err := os.Stat(filepath.Join(src, "public")); !os.IsNotExist(err) {
			t.Errorf("%s: the build wrote public/", tc.name)
		}
	}
}

// TestCheckPathReportsWhatStopsTheBuild: a config error stops every build,
// so check reports it whatever paths it was given.
func TestCheckPathReportsWhatStopsTheBuild(t *testing.T) {
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	cfg, _ := os.ReadFile(filepath.Join(src, "factpress.yaml"))
	os.WriteFile(filepath.Join(src, "factpress.yaml"), []byte(strings.Replace(string(cfg), "organization:\n", "organization:\n  url: \"javascript:alert(1)\"\n", 1)), 0o644)
	res, err := Check(context.Background(), Options{Source: src, Today: today, Paths: []string{"content/checks/minneapolis-police-ice.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Failed() || res.Diags[0].File != "factpress.yaml" || res.Diags[0].Code != "bad-url" {
		t.Errorf("check of one file under a config that stops the build: %v", res.Diags)
	}
}
