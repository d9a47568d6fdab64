package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/testsite"
)

// TestMain gives the commands run here a parse cache of their own, not the
// user's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "factpress-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("FACTPRESS_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func runCLI(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

const okCheck = "---\ntitle: \"Q?\"\nclaim: \"C.\"\nverdict: false\ndate: 2026-01-17\ntopics: [a]\nsources:\n  - title: \"T\"\n    publisher: \"P\"\n---\n\nText [1].\n"

func TestCheckExitCodesAndFormats(t *testing.T) {
	dir := testsite.Write(t, map[string]string{
		"factpress.yaml":          "title: Test\n",
		"content/checks/good.md":  okCheck,
		"content/checks/bad.md":   strings.Replace(okCheck, "Text [1].", "Text [1] [2].", 1),
		"content/checks/draft.md": strings.Replace(okCheck, "topics: [a]", "topics: []\ndraft: true", 1),
	})

	code, out, _ := runCLI(t, dir, "check", "--format", "json")
	if code != exitFound {
		t.Errorf("exit %d, want 1", code)
	}
	var diags []map[string]any
	if err := json.Unmarshal([]byte(out), &diags); err != nil {
		t.Fatalf("json output: %v\n%s", err, out)
	}
	codes := map[string]bool{}
	for _, d := range diags {
		codes[d["file"].(string)+" "+d["code"].(string)] = true
	}
	if !codes["content/checks/bad.md citation-undefined"] || !codes["content/checks/draft.md no-topics"] {
		t.Errorf("findings: %v", codes)
	}

	code, out, _ = runCLI(t, "", "check", "content/checks/good.md", "--format", "json")
	if code != exitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("check of the good file: exit %d, %q", code, out)
	}

	code, out, _ = runCLI(t, "", "check", "--format=github", "content/checks/bad.md")
	if code != exitFound || !strings.HasPrefix(out, "::error file=content/checks/bad.md,line=12,col=10,title=citation-undefined::") {
		t.Errorf("github format: exit %d, %q", code, out)
	}

	code, out, _ = runCLI(t, "", "check", "--strict", "content/checks/draft.md")
	if code != exitFound || !strings.Contains(out, "error[no-topics]") {
		t.Errorf("--strict: exit %d, %q", code, out)
	}

	if code, _, _ = runCLI(t, "", "check", "--format", "xml"); code != exitUsage {
		t.Errorf("bad format: exit %d, want 2", code)
	}
}

func TestBuildExitCodes(t *testing.T) {
	dir := testsite.Write(t, map[string]string{
		"factpress.yaml":         "title: Test\n",
		"content/checks/good.md": okCheck,
		"content/checks/d.md":    "---\ntitle: broken\ndraft: true\nverdict: nope\n---\n",
	})
	code, out, errOut := runCLI(t, dir, "build")
	if code != exitOK || !strings.Contains(out, "Built 1 check, ") {
		t.Fatalf("build: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/checks/good/index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/checks/d/index.html")); err == nil {
		t.Error("a draft was published without --drafts")
	}
	code, _, errOut = runCLI(t, "", "build", "--drafts")
	if code != exitFound || !strings.Contains(errOut, "unknown-verdict") || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("build --drafts with a broken draft: exit %d\n%s", code, errOut)
	}
	code, out, _ = runCLI(t, "", "build", "--quiet")
	if code != exitOK || out != "" {
		t.Errorf("--quiet printed %q", out)
	}
}

func TestConfigErrorsExit2(t *testing.T) {
	dir := testsite.Write(t, map[string]string{"factpress.yaml": "title: x\npaginate: [1]\n", "content/checks/a.md": okCheck})
	code, _, errOut := runCLI(t, dir, "build")
	if code != exitUsage || !strings.Contains(errOut, "factpress.yaml:2:") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	empty := t.TempDir()
	if code, _, errOut = runCLI(t, empty, "check"); code != exitUsage || !strings.Contains(errOut, "factpress.yaml") {
		t.Errorf("missing config: exit %d, %q", code, errOut)
	}
	if code, _, _ = runCLI(t, "", "frobnicate"); code != exitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
}

func TestInitThenBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := runCLI(t, "", "init", dir); code != exitOK {
		t.Fatalf("init: %d %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "", "init", dir); code != exitUsage {
		t.Error("init overwrote an existing site")
	}
	if code, out, errOut := runCLI(t, dir, "build"); code != exitOK || !strings.Contains(errOut, "warning[example-check]") {
		t.Fatalf("build of a new site: %d\n%s\n%s", code, out, errOut)
	}
	// Until they are replaced, check warns of the example and the trust
	// pages, which are init's placeholders, and passes.
	code, out, errOut := runCLI(t, "", "check")
	if code != exitOK || strings.Count(out, "warning[placeholder-page]") != 4 ||
		!strings.Contains(out, "content/checks/example-check.md:3:1: warning[example-check]") ||
		!strings.Contains(out, "content/pages/methodology.md:2:1: warning[placeholder-page]") ||
		!strings.Contains(errOut, ": 0 errors, 6 warnings") {
		t.Errorf("check of a new site: %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "", "version"); code != exitOK || !strings.HasPrefix(out, "factpress ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestCheckChangedSince: the gate fails a deletion that breaks a link, and
// says in one line why it cannot run outside a repository or without the ref.
func TestCheckChangedSince(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := testsite.Write(t, map[string]string{
		"factpress.yaml":           "title: Test\n",
		"content/checks/target.md": okCheck,
		"content/checks/linker.md": strings.Replace(okCheck, "sources:", "related:\n  - question: \"Target?\"\n    check: target\nsources:", 1),
	})
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@e.org", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@e.org")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	oneLine := func(what string, code int, errOut, want string) {
		t.Helper()
		if code != exitUsage || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "factpress check: --changed-since ") || !strings.HasSuffix(errOut, want+"\n") {
			t.Errorf("%s: exit %d, %q", what, code, errOut)
		}
	}
	code, _, errOut := runCLI(t, dir, "check", "--changed-since", "main")
	oneLine("outside a repository", code, errOut, " is not in a git repository")

	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "base")
	code, _, errOut = runCLI(t, "", "check", "--changed-since", "no-such-branch")
	oneLine("a ref that does not exist", code, errOut, "no commit named no-such-branch")

	if code, _, errOut = runCLI(t, "", "check", "--changed-since", "HEAD"); code != exitOK || !strings.Contains(errOut, "no content changed") {
		t.Errorf("no change: exit %d, %q", code, errOut)
	}
	os.Remove(filepath.Join(dir, "content/checks/target.md"))
	code, out, _ := runCLI(t, "", "check", "--changed-since", "HEAD", "--format", "json")
	var diags []map[string]any
	if err := json.Unmarshal([]byte(out), &diags); err != nil {
		t.Fatalf("json output: %v\n%s", err, out)
	}
	if code != exitFound || len(diags) != 1 || diags[0]["file"] != "content/checks/linker.md" || diags[0]["code"] != "related-unknown-check" {
		t.Errorf("a deleted check that another links to: exit %d, %v", code, diags)
	}
}

// TestInterruptedBuildSaysSo: a build stopped by Ctrl-C or SIGTERM says it
// was interrupted, in words, and leaves the previous output as it was.
func TestInterruptedBuildSaysSo(t *testing.T) {
	dir := testsite.Write(t, map[string]string{"factpress.yaml": "title: Test\n", "content/checks/good.md": okCheck})
	if code, _, stderr := runCLI(t, dir, "build"); code != exitOK {
		t.Fatalf("first build: %d %s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "public/index.html"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"build"}, &stdout, &stderr)
	if code == exitOK || !strings.Contains(stderr.String(), "interrupted") || strings.Contains(stderr.String(), "context canceled") {
		t.Errorf("an interrupted build: exit %d, %q", code, stderr.String())
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "public/index.html")); !bytes.Equal(before, after) || len(after) == 0 {
		t.Error("an interrupted build changed public/")
	}
}
