package build

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/testsite"
)

func newSite(t *testing.T) string {
	t.Helper()
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	return src
}

func TestImportThenFillThenPass(t *testing.T) {
	report := filepath.Join(sampleSite, "..", "shared", "examples", "minneapolis-ice-report.txt")
	if _, err := os.Stat(report); err != nil {
		t.Skip("../shared/examples is not here")
	}
	src := newSite(t)
	// The sample archive already holds this check under another slug; the
	// import gets the slug of the report's question.
	path, warns, err := Import(context.Background(), Options{Source: src}, report, "")
	if err != nil || len(warns) != 0 {
		t.Fatalf("import: %v %v", err, warns)
	}
	rel, _ := filepath.Rel(src, path)
	rel = filepath.ToSlash(rel)
	if rel != "content/checks/did-minneapolis-police-officers-resign-and-work-for-ice.md" {
		t.Errorf("imported to %s", rel)
	}
	data, _ := os.ReadFile(path)
	text := string(data)
	if !strings.Contains(text, "date: 2026-01-17\n") || !strings.Contains(text, `title: "Did Minneapolis police officers resign and work for ICE?"`) {
		t.Errorf("front matter:\n%s", text[:600])
	}
	_, body, _ := strings.Cut(strings.TrimPrefix(text, "---\n"), "\n---\n")
	if n := len(regexp.MustCompile(`\[[1-8]\]`).FindAllString(body, -1)); n < 8 {
		t.Errorf("only %d markers in the body", n)
	}

	res, err := Check(context.Background(), Options{Source: src, Paths: []string{rel}, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var stubLines []int
	for _, d := range res.Diags {
		if d.Code == "source-incomplete" {
			stubLines = append(stubLines, d.Line)
		}
	}
	if !slices.Equal(stubLines, []int{11, 15, 19, 23, 27, 31, 35, 39}) {
		t.Errorf("source-incomplete at lines %v; diags %v", stubLines, res.Diags)
	}

	// A person fills the stubs, the claim and the verdict.
	for i := 1; i <= 8; i++ {
		text = strings.Replace(text, fmt.Sprintf("title: \"TODO: source %d\"\n    publisher: \"\"", i), fmt.Sprintf("title: \"Report %d\"\n    publisher: \"Outlet %d\"", i, i), 1)
	}
	text = regexp.MustCompile(`(?m)^claim: "".*$`).ReplaceAllString(text, `claim: "Many Minneapolis police officers are quitting to join ICE."`)
	text = regexp.MustCompile(`(?m)^verdict: .*$`).ReplaceAllString(text, `verdict: unsupported`)
	text = regexp.MustCompile(`(?m)^topics: .*$`).ReplaceAllString(text, `topics: [policing]`)
	os.WriteFile(path, []byte(text), 0o644)
	res, err = Check(context.Background(), Options{Source: src, Paths: []string{rel}, Today: today})
	if err != nil || len(res.Diags) != 0 {
		t.Errorf("after filling: %v %v", err, res.Diags)
	}
	if _, _, err := Import(context.Background(), Options{Source: src}, report, ""); err == nil {
		t.Error("a second import overwrote the first")
	}
}

func TestNewCheck(t *testing.T) {
	src := newSite(t)
	opts := Options{Source: src, Today: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
	path, err := NewCheck(context.Background(), opts, "Is the river clean?", []string{"environment"})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{`title: "Is the river clean?"`, "date: 2026-03-04", `topics: ["environment"]`, "one of: true, mostly-true, mixed", "yaml-language-server: $schema="} {
		if !strings.Contains(string(data), want) {
			t.Errorf("scaffold lacks %q", want)
		}
	}
	if _, err := NewCheck(context.Background(), opts, "Is the river clean?", nil); err == nil {
		t.Error("new overwrote an existing file")
	}
	// A slug taken by another file's explicit slug is refused too.
	if _, err := NewCheck(context.Background(), opts, "Minneapolis police ICE", nil); err == nil || !strings.Contains(err.Error(), "minneapolis-police-ice") {
		t.Errorf("slug clash not refused: %v", err)
	}
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@e.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@e.org")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestChangedSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	src := newSite(t)
	// An old broken file that is not part of the change, and one that is.
	os.WriteFile(filepath.Join(src, "content/checks/old.md"), []byte("---\ntitle: Old\nslug: old-one\n---\n"), 0o644)
	git(t, src, "init", "-q")
	git(t, src, "add", ".")
	git(t, src, "commit", "-qm", "base")
	os.WriteFile(filepath.Join(src, "content/checks/new.md"), []byte("---\ntitle: \"New?\"\nclaim: \"C.\"\nverdict: false\ndate: 2026-01-17\ntopics: [a]\nslug: old-one\nsources:\n  - title: T\n    publisher: P\n---\n\nText [1].\n"), 0o644)

	changed, err := ChangedSince(src, "HEAD")
	if err != nil || !slices.Equal(changed, []string{"content/checks/new.md"}) {
		t.Fatalf("changed %v %v", changed, err)
	}
	res, err := Check(context.Background(), Options{Source: src, Paths: changed, Today: today, Theme: factpress.DefaultTheme})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.File+" "+d.Code)
	}
	// The clash with the unchanged file is found (archive-wide rule), the
	// unchanged file's own problems are not reported.
	if !slices.Equal(got, []string{"content/checks/new.md duplicate-slug"}) {
		t.Errorf("findings %v", got)
	}
}
