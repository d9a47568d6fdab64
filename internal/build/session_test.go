package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/corpus"
)

func TestSessionRendersOnlyWhatAnEditAffects(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Generate(src, 200, 5); err != nil {
		t.Fatal(err)
	}
	s := NewSession(Options{Source: src, Theme: factpress.DefaultTheme})
	ctx := context.Background()
	first, err := s.Rebuild(ctx, nil)
	if err != nil || first.Failed() {
		t.Fatalf("first build: %v %v", err, first.Diags)
	}
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
	src := t.TempDir()
	if err := corpus.Generate(src, 20, 2); err != nil {
		t.Fatal(err)
	}
	s := NewSession(Options{Source: src, Theme: factpress.DefaultTheme})
	ctx := context.Background()
	first, err := s.Rebuild(ctx, nil)
	if err != nil || first.Failed() {
		t.Fatal(err, first.Diags)
	}
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
