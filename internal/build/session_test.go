package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/corpus"
)

// generatedSite makes a corpus of n checks in a new folder.
func generatedSite(t *testing.T, n int, seed int64) string {
	t.Helper()
	src := t.TempDir()
	if err := corpus.Generate(src, n, seed); err != nil {
		t.Fatal(err)
	}
	return src
}

// startSession makes a session on src and builds the whole site.
func startSession(t *testing.T, src string) (*Session, *Result) {
	t.Helper()
	s := NewSession(Options{Source: src, Theme: factpress.DefaultTheme})
	res, err := s.Rebuild(context.Background(), nil)
	if err != nil || res.Failed() {
		t.Fatalf("first build: %v %v", err, res.Diags)
	}
	return s, res
}

func TestSessionRendersOnlyWhatAnEditAffects(t *testing.T) {
	src := generatedSite(t, 200, 5)
	s, first := startSession(t, src)
	ctx := context.Background()
	if first.Stats.Rendered != first.Stats.Files {
		t.Errorf("the first build rendered %d of %d files", first.Stats.Rendered, first.Stats.Files)
	}

	// Edit one check's body: its page changes, and the pages listing it.
	edited := first.Site.Checks[100]
	path := filepath.Join(src, filepath.FromSlash(edited.Check.Path))
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), "\n\n", "\n\nA new first sentence.\n\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	second, err := s.Rebuild(ctx, []string{edited.Check.Path})
	if err != nil || second.Failed() {
		t.Fatalf("rebuild: %v %v", err, second.Diags)
	}
	page := edited.Path + "index.html"
	if s.Out.WrittenBy(page) != 2 {
		t.Errorf("the edited check's page was not rendered again")
	}
	if b, _ := s.Out.Get(page); !strings.Contains(string(b), "A new first sentence.") {
		t.Error("the edited check's page lacks the edit")
	}
	if second.Stats.Rendered > second.Stats.Files/10 {
		t.Errorf("an edit to one check rendered %d of %d files", second.Stats.Rendered, second.Stats.Files)
	}
	// A check that neither is related to the edited one nor lists it.
	unrelated := 0
	for _, c := range second.Site.Checks {
		linked := c.Check.Path == edited.Check.Path
		for _, r := range c.Related {
			linked = linked || r.Check.Path == edited.Check.Path
		}
		if !linked {
			unrelated++
			if got := s.Out.WrittenBy(c.Path + "index.html"); got != 1 {
				t.Errorf("%s, unrelated to the edit, was rendered again", c.Path)
			}
		}
	}
	if unrelated < 150 {
		t.Fatalf("only %d unrelated checks", unrelated)
	}
	t.Logf("one edit: %d of %d files rendered", second.Stats.Rendered, second.Stats.Files)

	// A broken file keeps the last good output and reports the problem.
	os.WriteFile(path, []byte("---\ntitle: [\n"), 0o644)
	third, err := s.Rebuild(ctx, []string{edited.Check.Path})
	if err != nil || !third.Failed() || third.Diags[0].Code != "frontmatter-syntax" {
		t.Fatalf("broken file: %v %v", err, third.Diags)
	}
	if b, _ := s.Out.Get(page); !strings.Contains(string(b), "A new first sentence.") {
		t.Error("a failed rebuild dropped the last good page")
	}
	// Deleting the file removes its page.
	os.Remove(path)
	fourth, err := s.Rebuild(ctx, []string{edited.Check.Path})
	if err != nil || fourth.Failed() {
		t.Fatalf("after delete: %v %v", err, fourth.Diags)
	}
	if _, ok := s.Out.Get(page); ok {
		t.Error("the deleted check's page is still served")
	}
}

func TestSessionKeepsOneSearchIndex(t *testing.T) {
	src := generatedSite(t, 20, 2)
	s, first := startSession(t, src)
	ctx := context.Background()
	path := filepath.Join(src, filepath.FromSlash(first.Site.Checks[0].Check.Path))
	for i := range 3 {
		data, _ := os.ReadFile(path)
		os.WriteFile(path, []byte(strings.Replace(string(data), "title: \"", "title: \"New "+string(rune('A'+i)), 1)), 0o644)
		if _, err := s.Rebuild(ctx, []string{first.Site.Checks[0].Check.Path}); err != nil {
			t.Fatal(err)
		}
	}
	indexes := 0
	for p := range s.Out.files {
		if strings.HasPrefix(p, "assets/search-index.") {
			indexes++
		}
	}
	if indexes != 1 {
		t.Errorf("%d search indexes served after edits, want 1", indexes)
	}
}

// TestSessionMatchesAFreshBuild edits a corpus step by step, in the body and
// in every field the model is built from, and after each step compares what
// serve holds with a build from scratch, file by file.
func TestSessionMatchesAFreshBuild(t *testing.T) {
	src := generatedSite(t, 120, 3)
	checks, _ := filepath.Glob(filepath.Join(src, "content/checks/*.md"))
	rel := func(abs string) string { r, _ := filepath.Rel(src, abs); return filepath.ToSlash(r) }
	field := func(abs, name string) string {
		data, _ := os.ReadFile(abs)
		line := strings.SplitN(strings.SplitN(string(data), "\n"+name+": ", 2)[1], "\n", 2)[0]
		return strings.Trim(line, `"`)
	}
	title := func(abs string) string { return field(abs, "title") }
	replace := func(abs, old, new string) func(t *testing.T) []string {
		return func(t *testing.T) []string {
			data, err := os.ReadFile(abs)
			if err != nil || !strings.Contains(string(data), old) {
				t.Fatalf("%s lacks %q", abs, old)
			}
			os.WriteFile(abs, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
			return []string{rel(abs)}
		}
	}
	s, first := startSession(t, src)
	ctx := context.Background()
	page := filepath.Join(src, "content/pages/about.md")
	open := ""
	for _, q := range first.Site.Questions {
		if q.Answer == nil && len(q.Closest) > 0 && open == "" {
			open = strings.TrimSuffix(q.Text, "?")
		}
	}
	// A check whose title another asks as a related question, and one
	// whose title no one asks.
	var asked, unasked string
	for _, c := range first.Site.Checks[20:] {
		answers := false
		for _, q := range first.Site.Questions {
			answers = answers || q.Answer == c
		}
		if answers && asked == "" {
			asked = filepath.Join(src, filepath.FromSlash(c.Check.Path))
		}
		if !answers && unasked == "" {
			unasked = filepath.Join(src, filepath.FromSlash(c.Check.Path))
		}
	}
	// inPlace steps change nothing but what a check's own page and its
	// listings show, so the model is updated in place, not built again.
	steps := []struct {
		name    string
		inPlace bool
		edit    func(t *testing.T) []string
	}{
		{"body", true, replace(checks[3], "\n---\n\n", "\n---\n\nA new opening sentence.\n\n")},
		{"body again", true, replace(checks[3], "A new opening", "Another opening")},
		{"two bodies", true, func(t *testing.T) []string {
			return append(replace(checks[5], "\n---\n\n", "\n---\n\nFive.\n\n")(t), replace(checks[6], "\n---\n\n", "\n---\n\nSix.\n\n")(t)...)
		}},
		{"summary", true, replace(checks[7], "\ndate: ", "\nsummary: \"A summary of its own.\"\ndate: ")},
		{"source title", true, replace(checks[8], "    title: \"", "    title: \"Renamed ")},
		{"claim", true, replace(checks[9], "claim: \"", "claim: \"Zebras and ")},
		{"claim again", true, replace(checks[9], "Zebras and ", "Giraffes and ")},
		{"title", true, replace(unasked, "title: \"", "title: \"Really, ")},
		{"title asked as a question", false, replace(asked, "title: \"", "title: \"Really, ")},
		{"claim like another check's", true, replace(checks[25], "claim: \"", "claim: \""+field(checks[40], "claim")+" ")},
		{"claim asking an open question", true, replace(checks[26], "claim: \"", "claim: \""+open+" ")},
		{"topic", false, replace(checks[11], "topics:\n", "topics:\n  - \"zebras\"\n")},
		{"verdict", false, replace(checks[12], "verdict: \"", "verdict: \"misleading\"\nx-old-verdict: \"")},
		{"date", false, replace(checks[13], "\ndate: 20", "\ndate: 2011-01-01\nx-old-date: 20")},
		{"related answered", false, replace(checks[14], "related:\n", "related:\n  - \""+title(checks[20])+"\"\n")},
		{"correction", false, replace(checks[15], "\ndate: ", "\nupdated: 2026-01-02\ncorrections:\n  - date: 2026-01-02\n    note: \"Fixed a figure.\"\ndate: ")},
		{"body after structure", true, replace(checks[15], "\n---\n\n", "\n---\n\nFifteen.\n\n")},
		{"draft", false, replace(checks[16], "\ndate: ", "\ndraft: true\ndate: ")},
		{"new page", false, func(t *testing.T) []string {
			os.MkdirAll(filepath.Dir(page), 0o755)
			os.WriteFile(page, []byte("---\ntitle: \"About\"\n---\n\nWho we are.\n"), 0o644)
			return []string{rel(page)}
		}},
		{"page body", false, replace(page, "Who we are.", "Who we are, really.")},
		{"new check", false, func(t *testing.T) []string {
			data, _ := os.ReadFile(checks[17])
			p := filepath.Join(src, "content/checks/a-copy.md")
			os.WriteFile(p, []byte(strings.Replace(string(data), "title: \"", "title: \"Copy: ", 1)), 0o644)
			return []string{rel(p)}
		}},
		{"deleted check", false, func(t *testing.T) []string {
			os.Remove(checks[18])
			return []string{rel(checks[18])}
		}},
		{"body last", true, replace(checks[19], "\n---\n\n", "\n---\n\nNineteen.\n\n")},
	}
	last := first.Site
	relinked, requeried := 0, 0
	for _, step := range steps {
		changed := step.edit(t)
		res, err := s.Rebuild(ctx, changed)
		if err != nil || res.Failed() {
			t.Fatalf("%s: %v %v", step.name, err, res.Diags)
		}
		if inPlace := res.Site == last; inPlace != step.inPlace {
			t.Errorf("%s: model updated in place: %v, want %v", step.name, inPlace, step.inPlace)
		}
		last = res.Site
		relinked += len(res.Site.Relinked)
		requeried += len(res.Site.Requeried)
		fresh, _ := startSession(t, src)
		for p, want := range fresh.Out.files {
			if got, ok := s.Out.Get(p); !ok {
				t.Errorf("%s: %s is missing", step.name, p)
			} else if !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs from a fresh build", step.name, p)
			}
		}
		for p := range s.Out.files {
			if _, ok := fresh.Out.files[p]; !ok {
				t.Errorf("%s: %s should be gone", step.name, p)
			}
		}
		t.Logf("%s: %d of %d files rendered", step.name, res.Stats.Rendered, res.Stats.Files)
	}

	if relinked == 0 || requeried == 0 {
		t.Errorf("the edits changed the related checks of %d other checks and the closest checks of %d questions; the test needs both", relinked, requeried)
	}

	// A one-off build, which renders bodies with their pages and keeps no
	// caches, writes the same bytes.
	dest := filepath.Join(t.TempDir(), "public")
	if res, err := Build(ctx, Options{Source: src, Destination: dest, Theme: factpress.DefaultTheme}); err != nil || res.Failed() {
		t.Fatal(err, res.Diags)
	}
	built := 0
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		built++
		rel, _ := filepath.Rel(dest, p)
		want, _ := os.ReadFile(p)
		if got, ok := s.Out.Get(filepath.ToSlash(rel)); !ok || !bytes.Equal(got, want) {
			t.Errorf("build and serve differ on %s", rel)
		}
		return nil
	})
	if built != len(s.Out.files) {
		t.Errorf("build wrote %d files, serve holds %d", built, len(s.Out.files))
	}
}

// TestSessionFollowsALayoutThatLinksTheSearchIndex: a site whose home page
// loads the search index, whose name changes with every edit, gets its
// home page rendered again after an edit that does not list on it.
func TestSessionFollowsALayoutThatLinksTheSearchIndex(t *testing.T) {
	src := generatedSite(t, 60, 4)
	home, err := fs.ReadFile(factpress.DefaultTheme, "layouts/home.html")
	if err != nil {
		t.Fatal(err)
	}
	home = bytes.Replace(home, []byte("{{define \"main\"}}"), []byte("{{define \"main\"}}<script src=\"{{.Asset \"search-index.js\"}}\"></script>"), 1)
	os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
	if err := os.WriteFile(filepath.Join(src, "layouts/home.html"), home, 0o644); err != nil {
		t.Fatal(err)
	}
	s, first := startSession(t, src)
	ctx := context.Background()
	last := first.Site.Checks[len(first.Site.Checks)-1] // the oldest: not on the home page
	path := filepath.Join(src, filepath.FromSlash(last.Check.Path))
	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(data), "claim: \"", "claim: \"Zebras ", 1)), 0o644)
	res, err := s.Rebuild(ctx, []string{last.Check.Path})
	if err != nil || res.Failed() || res.Site != first.Site {
		t.Fatalf("edit: %v %v, in place: %v", err, res.Diags, res.Site == first.Site)
	}
	got, _ := s.Out.Get("index.html")
	var index string
	for p := range s.Out.files {
		if strings.HasPrefix(p, "assets/search-index.") {
			index = p
		}
	}
	if index == "" || !strings.Contains(string(got), index) {
		t.Errorf("the home page does not load the current search index %q", index)
	}
}
