package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/slug"
)

func check(name, front string) string {
	return "---\n" + front + "\nsources:\n  - title: T\n    publisher: P\n---\n\nBody [1].\n"
}

func buildSite(t *testing.T, cfg config.Config, files map[string]string) *Site {
	t.Helper()
	md := markdown.New(markdown.Options{})
	var parsed []*content.Check
	for _, name := range []string{"a", "b", "c", "d"} {
		if src, ok := files[name]; ok {
			c := content.Parse("content/checks/"+name+".md", []byte(src), content.KindCheck, md)
			if len(c.Diags) > 0 {
				t.Fatalf("%s: %v", name, c.Diags)
			}
			parsed = append(parsed, c)
		}
	}
	return Build(&cfg, parsed, false, nil)
}

func TestModel(t *testing.T) {
	cfg := config.Default()
	cfg.Repository = "github.com/org/archive"
	s := buildSite(t, cfg, map[string]string{
		"a": check("a", "title: \"Did the mayor ban cars?\"\nclaim: x\nclaimant: \"Mayor Smith\"\nverdict: false\ndate: 2026-01-10\ntopics: [Transport, city]\nrelated:\n  - \"Is the bridge safe?\"\n  - question: \"Who pays?\"\n    check: b"),
		"b": check("b", "title: \"Who pays for the bridge?\"\nclaim: y\nclaimant: \"mayor smith\"\nverdict: true\ndate: 2026-01-12\ntopics: [transport]\nrelated:\n  - \"Did the Mayor ban cars\""),
		"c": check("c", "title: \"Is the river clean?\"\nclaim: z\nverdict: mixed\ndate: 2026-01-11\ntopics: [environment]\ndraft: true"),
	})
	if len(s.Checks) != 2 || s.Checks[0].Slug != "b" {
		t.Fatalf("checks newest first without drafts: %v", s.Checks)
	}
	if got := fmt.Sprintln(len(s.Topics), s.Topics[0].Slug, s.Topics[1].Slug, len(s.Topics[1].Checks)); got != "2 city transport 2\n" {
		t.Errorf("topics: %s", got)
	}
	if len(s.Claimants) != 1 || len(s.Claimants[0].Checks) != 2 {
		t.Errorf("claimants differing in case should merge: %+v", s.Claimants)
	}
	byText := map[string]*Question{}
	for _, q := range s.Questions() {
		byText[q.Text] = q
	}
	if q := byText["Who pays?"]; q == nil || q.Answer == nil || q.Answer.Slug != "b" {
		t.Errorf("explicit answer: %+v", q)
	}
	if q := byText["Did the Mayor ban cars"]; q == nil || q.Answer == nil || q.Answer.Slug != "a" {
		t.Errorf("answer by normalised title: %+v", q)
	}
	q := byText["Is the bridge safe?"]
	if q == nil || q.Answer != nil || !strings.HasPrefix(q.Proposal, "https://github.com/org/archive/new/main?") {
		t.Errorf("open question: %+v", q)
	}
	if q.Slug != "is-the-bridge-safe" || q.Path != "questions/is-the-bridge-safe/" {
		t.Errorf("question slug %q", q.Slug)
	}
	var tally []string
	for _, tl := range s.Claimants[0].Tally {
		if tl.Count > 0 {
			tally = append(tally, fmt.Sprintf("%s=%d", tl.Verdict.Key, tl.Count))
		}
	}
	if strings.Join(tally, " ") != "true=1 false=1" {
		t.Errorf("claimant tally %v", tally)
	}
	if len(s.Related(s.Checks[0])) != 1 || s.Related(s.Checks[0])[0].Slug != "a" {
		t.Errorf("related checks of b: %v", s.Related(s.Checks[0]))
	}
	if s.Latest.Format("2006-01-02") != "2026-01-12" {
		t.Errorf("latest %v", s.Latest)
	}
}

func TestQuestionKey(t *testing.T) {
	for in, want := range map[string]string{
		"Did the Mayor ban cars?":     "did the mayor ban cars",
		"  did   the mayor, ban cars": "did the mayor ban cars",
		"Who's paying — really?":      "whos paying really",
	} {
		if got := slug.Question(in); got != want {
			t.Errorf("slug.Question(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLongQuestionSlug(t *testing.T) {
	s := slug.Page(strings.Repeat("word ", 40))
	if len(s) > 80 || strings.HasSuffix(s, "-") || !strings.HasPrefix(s, "word-word") {
		t.Errorf("slug %q", s)
	}
}
