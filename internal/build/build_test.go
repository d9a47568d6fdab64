package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/corpus"
	"github.com/factpress/factpress/internal/testsite"
)

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// sampleSite is the repository's own sample archive.
const sampleSite = "../.."

func buildOK(t *testing.T, opts Options) *Result {
	t.Helper()
	opts.Theme = factpress.DefaultTheme
	if opts.Today.IsZero() {
		opts.Today = today
	}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if res.Failed() {
		t.Fatalf("build found errors: %v %v", res.Diags, res.Broken)
	}
	return res
}

func TestSampleArchiveBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res := buildOK(t, Options{Source: sampleSite, Destination: dest})
	// Its base_url is a path, so that make build gives a site to open
	// from anywhere: that, and only that, is warned of.
	if len(res.Diags) != 1 || res.Diags[0].Code != "base-url-no-host" {
		t.Errorf("the sample archive should be clean, got %v", res.Diags)
	}
	if res := buildOK(t, Options{Source: sampleSite, Destination: filepath.Join(t.TempDir(), "p"), BaseURL: "https://org.github.io/archive/"}); len(res.Diags) != 0 {
		t.Errorf("built for an address with a host, the sample should be clean, got %v", res.Diags)
	}
	for _, f := range []string{
		"index.html", "checks/index.html", "checks/minneapolis-police-ice/index.html",
		"topics/index.html", "topics/immigration/index.html", "verdicts/index.html", "verdicts/unsupported/index.html",
		"questions/index.html", "claimants/index.html", "sources/index.html", "corrections/index.html",
		"methodology/index.html", "corrections-policy/index.html", "funding/index.html", "contact/index.html",
		"feed.xml", "feed.json", "sitemap.xml", "robots.txt", "404.html", "api/checks.json",
	} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	page := read(t, dest, "checks/minneapolis-police-ice/index.html")
	for _, want := range []string{
		`id="src-8"`, `href="#src-1"`, `id="cite-1-1"`, `href="#cite-5-3"`, ">Unsupported<",
		`href="../../questions/`, `href="../../methodology/"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("check page lacks %s", want)
		}
	}
	if !strings.Contains(page, `href="https://github.com/factpress/factpress/edit/main/content/checks/minneapolis-police-ice.md"`) {
		t.Error("the check page has no edit link to its file")
	}
	questions, _ := filepath.Glob(filepath.Join(dest, "questions/*/index.html"))
	if len(questions) != 3 {
		t.Fatalf("want the report's 3 related questions as pages, got %d", len(questions))
	}
	if q := read(t, filepath.Dir(questions[0]), "index.html"); !strings.Contains(q, "https://github.com/factpress/factpress/new/main?filename=content%2Fchecks%2F") {
		t.Error("an open question has no propose-a-check link")
	}
}

func TestClaimReviewJSONLD(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: sampleSite, Destination: dest, BaseURL: "https://org.github.io/archive/"})
	page := read(t, dest, "checks/minneapolis-police-ice/index.html")
	blocks := regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(blocks) != 1 {
		t.Fatalf("want exactly one JSON-LD block, got %d", len(blocks))
	}
	var review map[string]any
	if err := json.Unmarshal([]byte(blocks[0][1]), &review); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, blocks[0][1])
	}
	for _, key := range []string{"claimReviewed", "reviewRating", "author", "datePublished", "itemReviewed", "url"} {
		if review[key] == nil || review[key] == "" {
			t.Errorf("ClaimReview lacks %s", key)
		}
	}
	if review["@type"] != "ClaimReview" || review["url"] != "https://org.github.io/archive/checks/minneapolis-police-ice/" {
		t.Errorf("type/url wrong: %v %v", review["@type"], review["url"])
	}
	rating, _ := review["reviewRating"].(map[string]any)
	if rating["alternateName"] != "Unsupported" {
		t.Errorf("reviewRating.alternateName = %v", rating["alternateName"])
	}
	if !strings.Contains(page, `<link rel="canonical" href="https://org.github.io/archive/checks/minneapolis-police-ice/">`) {
		t.Error("canonical URL is not under the base_url subpath")
	}
}

func TestBuildsAreByteIdentical(t *testing.T) {
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	buildOK(t, Options{Source: sampleSite, Destination: a})
	buildOK(t, Options{Source: sampleSite, Destination: b})
	sameTrees(t, "two builds", tree(t, a), tree(t, b))
}

func TestFailedBuildLeavesPublicUntouched(t *testing.T) {
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	dest := filepath.Join(src, "public")
	buildOK(t, Options{Source: src, Destination: dest})
	before := tree(t, dest)

	bad := filepath.Join(src, "content/checks/broken.md")
	if err := os.WriteFile(bad, []byte("---\ntitle: \"Broken\"\nclaim: \"x\"\nverdict: flase\ndate: 2026-01-01\nsources:\n  - url: https://example.org\n---\n\nCites [2].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Source: src, Destination: dest, Theme: factpress.DefaultTheme, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Failed() {
		t.Fatal("a build with errors succeeded")
	}
	sameTrees(t, "public/ after a failed build", tree(t, dest), before)
	left, _ := filepath.Glob(filepath.Join(src, ".*"))
	for _, l := range left {
		if b := filepath.Base(l); b != ".public.factpress-previous" && b != ".public.factpress-lock" {
			t.Errorf("left beside the output: %s", l)
		}
	}
}

func TestBadInputNeverPanics(t *testing.T) {
	src := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("factpress.yaml", "title: Bad\nsoruce: x\n")
	write("content/checks/empty.md", "")
	write("content/checks/lone.md", "---\n")
	write("content/checks/yaml.md", "---\ntitle: \"x\nclaim: y\n---\n")
	write("content/checks/notmap.md", "---\n- a\n- b\n---\n")
	write("content/checks/binary.md", "---\ntitle: \xff\xfe\n---\n")
	write("content/checks/huge.md", "---\ntitle: \"Huge?\"\nclaim: \"x\"\nverdict: false\ndate: 2026-01-01\ntopics: [a]\nsources:\n  - url: https://example.org\n---\n\n"+strings.Repeat("Words and [1] and [99999999999999999999999] and `[2]`. ", 90_000))
	write("content/checks/types.md", "---\ntitle: [1, 2]\nclaim: {a: b}\nverdict: [x]\ndate: [2026]\nsources: \"none\"\nrelated: 5\ncorrections: [x]\ntopics: {}\n---\n")
	write("content/pages/p.md", "---\ntitle: About\nslug: checks\n---\n")
	res, err := Check(context.Background(), Options{Source: src, Theme: factpress.DefaultTheme, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"factpress.yaml":           "unknown-field",
		"content/checks/empty.md":  "frontmatter-syntax",
		"content/checks/lone.md":   "frontmatter-syntax",
		"content/checks/yaml.md":   "frontmatter-syntax",
		"content/checks/notmap.md": "frontmatter-syntax",
		"content/checks/binary.md": "bad-encoding",
		"content/checks/huge.md":   "citation-undefined",
		"content/checks/types.md":  "wrong-type",
		"content/pages/p.md":       "path-taken",
	}
	for file, code := range want {
		ok := false
		for _, d := range res.Diags {
			if d.File == file && d.Code == code && d.Line > 0 {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: no %s finding", file, code)
		}
	}
	if res.Diags.Errors() == 0 {
		t.Error("bad input passed")
	}
}

func TestConfigErrorNamesFileAndLine(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "factpress.yaml"), []byte("title: x\npaginate: many\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Check(context.Background(), Options{Source: src})
	var ce *ConfigError
	if err == nil || !strings.Contains(err.Error(), "factpress.yaml:2:") || !asConfigError(err, &ce) {
		t.Errorf("want a config error at factpress.yaml:2, got %v", err)
	}
}

func asConfigError(err error, target **ConfigError) bool {
	ce, ok := err.(*ConfigError)
	*target = ce
	return ok
}

// TestRealSample builds the 200 real claims kept beside the project, when
// they are there; they are never copied into it (CC BY-NC).
func TestRealSample(t *testing.T) {
	src := filepath.Join(sampleSite, "..", "shared", "corpus", "real-sample")
	if _, err := os.Stat(filepath.Join(src, "factpress.yaml")); err != nil {
		t.Skip("../shared/corpus/real-sample is not here")
	}
	dest := filepath.Join(t.TempDir(), "public")
	res := buildOK(t, Options{Source: src, Destination: dest})
	if n := len(res.Site.Checks); n != 200 {
		t.Errorf("built %d checks, want 200", n)
	}
	var api []map[string]any
	if err := json.Unmarshal([]byte(read(t, dest, "api/checks.json")), &api); err != nil || len(api) != 200 {
		t.Errorf("api/checks.json: %d entries, %v", len(api), err)
	}
	if !strings.Contains(read(t, dest, "sitemap.xml"), "<loc>https://example.org/archive/checks/") {
		t.Error("sitemap URLs are not absolute under base_url")
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGeneratedCorpusIsClean keeps the corpus generator and the validator in
// step: a generated archive has no errors and builds.
func TestGeneratedCorpusIsClean(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 300, 3); err != nil {
		t.Fatal(err)
	}
	res := buildOK(t, Options{Source: src, Destination: filepath.Join(t.TempDir(), "public"), CheckLinks: true})
	for _, d := range res.Diags {
		// The generator gives a person a role drawn anew for each claim
		// ("Dr. Ravi Kerrigan", "Senator Ravi Kerrigan"): the spellings
		// claimant-variant is there to point out.
		if d.Code != "future-date" && d.Code != "claimant-variant" {
			t.Errorf("unexpected finding: %v", d)
		}
	}
}

// TestDestinationCannotSwallowTheSite guards against the one way a build
// could lose data: replacing a folder that holds the site's own files.
func TestDestinationCannotSwallowTheSite(t *testing.T) {
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	for _, dest := range []string{src, filepath.Dir(src), filepath.Join(src, "content"), filepath.Join(src, "content", "out")} {
		_, err := Build(context.Background(), Options{Source: src, Destination: dest, Theme: factpress.DefaultTheme})
		if err == nil {
			t.Errorf("building into %s was allowed", dest)
		}
		if _, err := os.Stat(filepath.Join(src, "content", "checks", "minneapolis-police-ice.md")); err != nil {
			t.Fatalf("the site lost its content after building into %s", dest)
		}
	}
	os.WriteFile(filepath.Join(src, "notes.txt"), []byte("notes"), 0o644)
	os.MkdirAll(filepath.Join(src, ".git"), 0o755)
	for _, dest := range []string{"notes.txt", ".git", "factpress.yaml", "content/checks/minneapolis-police-ice.md"} {
		_, err := Build(context.Background(), Options{Source: src, Destination: filepath.Join(src, dest), Theme: factpress.DefaultTheme, Today: today})
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("building into %s: %v, want a refusal", dest, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(src, "notes.txt")); string(b) != "notes" {
		t.Error("notes.txt was replaced")
	}
	buildOK(t, Options{Source: src, Destination: filepath.Join(src, "public")})
}

// TestBuildIntoAPreviousOutput: after each edit, a build into the same
// destination writes only what changed, and leaves exactly what a clean
// build writes.
func TestBuildIntoAPreviousOutput(t *testing.T) {
	src := generatedSite(t, 60, 11)
	dest := filepath.Join(t.TempDir(), "public")
	checks, _ := filepath.Glob(filepath.Join(src, "content/checks/*.md"))
	edits := []func(){
		func() {},
		func() { appendTo(t, checks[0], "\nAn added closing sentence.\n") },
		func() { appendTo(t, checks[1], "\nAnother one.\n") },
		func() { os.Remove(checks[2]) },
		func() {},
		func() {}, // the tree brought up to date is two builds old
	}
	for i, edit := range edits {
		edit()
		res := buildOK(t, Options{Source: src, Destination: dest})
		clean := filepath.Join(t.TempDir(), "clean")
		buildOK(t, Options{Source: src, Destination: clean})
		sameTrees(t, fmt.Sprintf("build %d against a clean build", i+1), tree(t, dest), tree(t, clean))
		if i >= 2 && res.Written > res.Stats.Files/5 {
			t.Errorf("build %d wrote %d of %d files after a one-check edit", i+1, res.Written, res.Stats.Files)
		}
		if i == len(edits)-1 && res.Written != 0 {
			t.Errorf("a build with nothing changed wrote %d files", res.Written)
		}
	}
}

func appendTo(t *testing.T, file, text string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(data, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}
