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
	path, err := NewCheck(context.Background(), opts, "Is the river clean?", []string{"environment"}, "")
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{`title: "Is the river clean?"`, "date: 2026-03-04", `topics: ["environment"]`, "one of: true, mostly-true, mixed", "yaml-language-server: $schema="} {
		if !strings.Contains(string(data), want) {
			t.Errorf("scaffold lacks %q", want)
		}
	}
	if _, err := NewCheck(context.Background(), opts, "Is the river clean?", nil, ""); err == nil {
		t.Error("new overwrote an existing file")
	}
	// A slug taken by another file's explicit slug is refused too.
	if _, err := NewCheck(context.Background(), opts, "Minneapolis police ICE", nil, ""); err == nil || !strings.Contains(err.Error(), "minneapolis-police-ice") {
		t.Errorf("slug clash not refused: %v", err)
	}
}

// In a bilingual archive, --lang puts the check in its language's folder,
// where it may share its original's slug; a language the site has not is
// refused.
func TestNewCheckInALanguage(t *testing.T) {
	src := testsite.Write(t, testsite.Bilingual())
	opts := Options{Source: src, Today: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
	path, err := NewCheck(context.Background(), opts, "Bread prices", nil, "fr")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(src, "content", "fr", "checks", "bread-prices.md"); path != want {
		t.Errorf("new --lang fr wrote %s, want %s", path, want)
	}
	if _, err := NewCheck(context.Background(), opts, "Bread prices", nil, ""); err == nil || !strings.Contains(err.Error(), "bread-prices") {
		t.Errorf("the default language's clash: %v", err)
	}
	if _, err := NewCheck(context.Background(), opts, "Le pain", nil, "de"); err == nil || !strings.Contains(err.Error(), "not one of the site's languages (en, fr)") {
		t.Errorf("--lang de in an English and French archive: %v", err)
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

	changes, err := ChangedSince(src, "HEAD")
	if err != nil || !slices.Equal(changes.Files, []string{"content/checks/new.md"}) || len(changes.Deleted) != 0 {
		t.Fatalf("changed %+v %v", changes, err)
	}
	res, err := CheckChanges(context.Background(), Options{Source: src, Today: today, Theme: factpress.DefaultTheme}, changes)
	if err != nil {
		t.Fatal(err)
	}
	// The clash with the unchanged file is found on both files (archive-wide
	// rule, and the change caused it); the unchanged file's own problems are
	// not reported.
	if got := findings(res); !slices.Equal(got, []string{"content/checks/new.md duplicate-slug", "content/checks/old.md duplicate-slug"}) {
		t.Errorf("findings %v", got)
	}
}

func findings(res *Result) []string {
	got := []string{}
	for _, d := range res.Diags {
		got = append(got, d.File+" "+d.Code)
	}
	return got
}

// TestChangedSinceFindsWhatTheFullCheckFinds: whatever a change does to the
// archive, the gate reports what the full check reports on the changed
// files, and on the others the archive-wide findings that the change
// caused, nothing else.
func TestChangedSinceFindsWhatTheFullCheckFinds(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	const good = "---\ntitle: \"%s?\"\nclaim: \"C.\"\nverdict: false\ndate: 2026-01-17\ntopics: [a]\n%ssources:\n  - title: T\n    publisher: P\n---\n\nText [1].\n"
	links := "related:\n  - question: \"Target?\"\n    check: target\n"
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, src string)
		ref    string
		want   []string
	}{
		{"delete a check another links to", func(t *testing.T, src string) {
			os.Remove(filepath.Join(src, "content/checks/target.md"))
		}, "HEAD", []string{"content/checks/linker.md related-unknown-check"}},
		{"delete it in a commit", func(t *testing.T, src string) {
			git(t, src, "rm", "-q", "content/checks/target.md")
			git(t, src, "commit", "-qm", "delete")
		}, "HEAD~1", []string{"content/checks/linker.md related-unknown-check"}},
		{"rename it", func(t *testing.T, src string) {
			git(t, src, "mv", "content/checks/target.md", "content/checks/renamed.md")
		}, "HEAD", []string{"content/checks/linker.md related-unknown-check"}},
		{"move it under a hidden folder", func(t *testing.T, src string) {
			os.MkdirAll(filepath.Join(src, "content/.attic"), 0o755)
			os.Rename(filepath.Join(src, "content/checks/target.md"), filepath.Join(src, "content/.attic/target.md"))
		}, "HEAD", []string{"content/checks/linker.md related-unknown-check"}},
		{"give it another slug", func(t *testing.T, src string) {
			os.WriteFile(filepath.Join(src, "content/checks/target.md"), fmt.Appendf(nil, good, "Target", "slug: moved\n"), 0o644)
		}, "HEAD", []string{"content/checks/linker.md related-unknown-check"}},
		{"break its front matter", func(t *testing.T, src string) {
			os.WriteFile(filepath.Join(src, "content/checks/target.md"), []byte("---\ntitle: [\n---\n"), 0o644)
		}, "HEAD", []string{"content/checks/linker.md related-unknown-check", "content/checks/target.md frontmatter-syntax"}},
		{"delete the check that links", func(t *testing.T, src string) {
			os.Remove(filepath.Join(src, "content/checks/linker.md"))
		}, "HEAD", []string{}},
		{"delete and add back another with its slug", func(t *testing.T, src string) {
			os.Remove(filepath.Join(src, "content/checks/target.md"))
			os.WriteFile(filepath.Join(src, "content/checks/other.md"), fmt.Appendf(nil, good, "Other", "slug: target\n"), 0o644)
		}, "HEAD", []string{}},
		{"take an unchanged file's slug", func(t *testing.T, src string) {
			os.WriteFile(filepath.Join(src, "content/checks/target.md"), fmt.Appendf(nil, good, "Target", "slug: old-one\n"), 0o644)
		}, "HEAD", []string{"content/checks/linker.md related-unknown-check", "content/checks/old.md duplicate-slug", "content/checks/target.md duplicate-slug"}},
		{"a verdict scale that every check fails", func(t *testing.T, src string) {
			data, _ := os.ReadFile(filepath.Join(src, "factpress.yaml"))
			os.WriteFile(filepath.Join(src, "factpress.yaml"), append(data, "verdicts:\n  - key: sound\n    label: Sound\n"...), 0o644)
		}, "HEAD", nil}, // nil: as the full check
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := newSite(t)
			os.WriteFile(filepath.Join(src, "content/checks/target.md"), fmt.Appendf(nil, good, "Target", ""), 0o644)
			os.WriteFile(filepath.Join(src, "content/checks/linker.md"), fmt.Appendf(nil, good, "Linker", links), 0o644)
			// An unchanged file with problems of its own and an archive-wide
			// finding of its own, which no change here is to blame for.
			os.WriteFile(filepath.Join(src, "content/checks/old.md"), []byte("---\ntitle: Old\nslug: old-one\n"+strings.ReplaceAll(links, "target", "nowhere")+"---\n"), 0o644)
			git(t, src, "init", "-q")
			git(t, src, "add", ".")
			git(t, src, "commit", "-qm", "base")
			tc.change(t, src)

			opts := Options{Source: src, Today: today, Theme: factpress.DefaultTheme}
			full, err := Check(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			changes, err := ChangedSince(src, tc.ref)
			if err != nil {
				t.Fatal(err)
			}
			if changes.Empty() {
				t.Fatalf("no change seen: %+v", changes)
			}
			res, err := CheckChanges(context.Background(), opts, changes)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if want == nil {
				want = findings(full)
			}
			if got := findings(res); !slices.Equal(got, want) {
				t.Errorf("findings %v, want %v", got, want)
			}
			// Reported as the full check reports them, word for word.
			for _, d := range res.Diags {
				if !slices.Contains(full.Diags, d) {
					t.Errorf("%v is not a finding of the full check", d)
				}
			}
		})
	}
}

// TestChangedSinceWithoutTheRef: one line that says what is wrong, not
// git's usage.
func TestChangedSinceWithoutTheRef(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := newSite(t)
	git(t, repo, "init", "-q")
	git(t, repo, "add", ".")
	git(t, repo, "commit", "-qm", "base")
	plain := newSite(t)
	// So that git does not find a repository around the temporary folder.
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(plain))
	for _, tc := range []struct {
		name, src, ref, want string
	}{
		{"a ref that does not exist", repo, "no-such-branch", "no commit named no-such-branch"},
		{"a ref that looks like an option", repo, "--output=x", "no commit named --output=x"},
		{"a folder that is not a repository", plain, "main", plain + " is not in a git repository"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ChangedSince(tc.src, tc.ref)
			if err == nil || err.Error() != tc.want {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
