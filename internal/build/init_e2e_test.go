package build

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress/internal/linkcheck"
	"github.com/factpress/factpress/internal/scaffold"
)

// The values GitHub gives the workflows in the end-to-end test: the
// archive's repository is github.com/org/archive, so Pages serves it under
// https://org.github.io/archive (configure-pages' base_url has no slash at
// the end), and pull requests are made against main.
const (
	e2eRepository = "github.com/org/archive"
	e2ePagesHost  = "https://org.github.io"
	e2ePagesURL   = e2ePagesHost + "/archive"
)

// workflowRunner runs the `run:` steps of a workflow's jobs in order, with
// bash, as GitHub's runner does: in the checked-out workspace, with the
// workflow's, job's and step's env, GITHUB_PATH, GITHUB_ENV and GITHUB_OUTPUT
// honoured between steps. A `uses:` step is GitHub's and is only recorded;
// the steps that stand for them are the test's business (the workspace is
// a clone, as checkout makes; configure-pages' output is in exprs).
type workflowRunner struct {
	t         *testing.T
	workspace string
	env       map[string]string // the runner's environment
	path      []string          // the runner's PATH, without what steps add
	// exprs are the values of the ${{ }} expressions the workflow may use;
	// conds are its if: conditions and their values. Any other is a
	// failure, so that the test sees every value a step depends on.
	exprs map[string]string
	conds map[string]bool
	// replace gives the script to run instead of a step's, when it has one.
	replace func(s workflowStep, env map[string]string) (string, bool)
}

var workflowExpr = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// expand replaces the expressions in v with their values.
func (r *workflowRunner) expand(v string, env map[string]string) string {
	r.t.Helper()
	return workflowExpr.ReplaceAllStringFunc(v, func(m string) string {
		e := workflowExpr.FindStringSubmatch(m)[1]
		if name, ok := strings.CutPrefix(e, "env."); ok {
			if val, ok := env[name]; ok {
				return val
			}
		}
		val, ok := r.exprs[e]
		if !ok {
			r.t.Fatalf("the workflow uses ${{ %s }}, which this test gives no value", e)
		}
		return val
	})
}

// ran is what running a job did: the actions it uses, the outputs of its
// run steps, and the error of the step that failed.
type ran struct {
	uses    []string
	steps   []workflowStep // the uses: steps, with their with:
	outputs []string
	err     error
}

func (r *workflowRunner) runJob(w workflow, j workflowJob) ran {
	r.t.Helper()
	var res ran
	env := map[string]string{}
	for _, m := range []map[string]string{w.Env, j.Env} {
		for k, v := range m {
			env[k] = r.expand(v, env)
		}
	}
	var added []string // GITHUB_PATH, latest first
	for i, s := range j.Steps {
		if s.Uses != "" {
			res.uses = append(res.uses, s.Uses)
			res.steps = append(res.steps, s)
			continue
		}
		if s.If != "" {
			v, ok := r.conds[s.If]
			if !ok {
				r.t.Fatalf("step %q: if: %s is not a condition this test knows", s.Name, s.If)
			}
			if !v {
				continue
			}
		}
		if s.Shell != "" && s.Shell != "bash" {
			r.t.Fatalf("step %q runs in %s", s.Name, s.Shell)
		}
		stepEnv := mergeEnv(r.env, env)
		for k, v := range s.Env {
			stepEnv[k] = r.expand(v, stepEnv)
		}
		script := s.Run
		if alt, ok := r.replace(s, stepEnv); ok {
			script = alt
		}
		files := map[string]string{}
		for _, f := range []string{"GITHUB_PATH", "GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"} {
			files[f] = filepath.Join(r.env["RUNNER_TEMP"], fmt.Sprintf("%s-%d-%s", j.Name, i, f))
			if err := os.WriteFile(files[f], nil, 0o644); err != nil {
				r.t.Fatal(err)
			}
			stepEnv[f] = files[f]
		}
		scriptFile := filepath.Join(r.env["RUNNER_TEMP"], fmt.Sprintf("%s-%d.sh", j.Name, i))
		if err := os.WriteFile(scriptFile, []byte(script), 0o644); err != nil {
			r.t.Fatal(err)
		}
		stepEnv["PATH"] = strings.Join(append(slices.Clone(added), r.path...), string(os.PathListSeparator))
		// GitHub's runner runs a step without a shell as `bash -e {0}`.
		cmd := exec.Command("bash", "-e", scriptFile)
		cmd.Path = r.env["BASH"]
		cmd.Dir = r.workspace
		for k, v := range stepEnv {
			if k != "BASH" {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
		}
		out, err := cmd.CombinedOutput()
		res.outputs = append(res.outputs, string(out))
		if err != nil {
			res.err = fmt.Errorf("step %q: %v\n%s", firstNonEmpty(s.Name, s.Run), err, out)
			return res
		}
		for _, line := range readLines(r.t, files["GITHUB_PATH"]) {
			added = append([]string{line}, added...)
		}
		for _, line := range readLines(r.t, files["GITHUB_ENV"]) {
			k, v, ok := strings.Cut(line, "=")
			if !ok || strings.Contains(line, "<<") {
				r.t.Fatalf("GITHUB_ENV line %q is not NAME=value", line)
			}
			env[k] = v
		}
		for _, line := range readLines(r.t, files["GITHUB_OUTPUT"]) {
			k, v, ok := strings.Cut(line, "=")
			if !ok || s.ID == "" {
				r.t.Fatalf("GITHUB_OUTPUT line %q of step %q", line, s.Name)
			}
			r.exprs["steps."+s.ID+".outputs."+k] = v
		}
	}
	return res
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func mergeEnv(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if sc.Text() != "" {
			out = append(out, sc.Text())
		}
	}
	return out
}

// TestInitToPagesEndToEnd: `factpress init` into a folder outside this
// repository, pushed to a repository of its own; then every run: step of
// the workflows init wrote, in order, as GitHub would run them: the check
// workflow on a pull request that adds a good check and on one that adds a
// broken check, and the pages workflow on main, which must leave a Pages
// artifact whose every link holds under the subpath GitHub Pages serves it
// at. The go install step puts a factpress built here on PATH instead.
func TestInitToPagesEndToEnd(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not on PATH")
	}
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not on PATH")
	}
	root, err := filepath.Abs(sampleSite)
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	if rel, err := filepath.Rel(root, work); err == nil && !strings.HasPrefix(rel, "..") {
		t.Fatalf("the temporary folder %s is inside this repository", work)
	}
	bin := filepath.Join(work, "bin", "factpress")
	build := exec.Command("go", "build", "-o", bin, "./cmd/factpress")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	home := filepath.Join(work, "home")
	runnerTemp := filepath.Join(work, "runner-temp")
	for _, d := range []string{home, runnerTemp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Git sees only this test's repositories and settings.
	gitEnv := map[string]string{
		"HOME": home, "GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CEILING_DIRECTORIES": work,
		"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
	}
	run := func(dir string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=" + filepath.Dir(gitBin) + string(os.PathListSeparator) + "/usr/bin:/bin"}
		for k, v := range gitEnv {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	git := func(dir string, args ...string) string {
		t.Helper()
		return run(dir, gitBin, append([]string{"-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	}

	// init, with stdin not a terminal: no question, the flags and defaults.
	archive := filepath.Join(work, "archive")
	out := run(work, bin, "init", archive, "--title", "Org's fact checks", "--organization", "Org", "--repository", e2eRepository)
	if strings.Contains(out, "]: ") {
		t.Errorf("init asked a question without a terminal:\n%s", out)
	}
	cfg := read(t, archive, "factpress.yaml")
	if !strings.Contains(cfg, `base_url: "`+e2ePagesURL+`/"`) {
		t.Errorf("factpress.yaml does not name the Pages address:\n%s", cfg)
	}
	fields := strings.Fields(run(work, bin, "version"))
	if len(fields) < 2 {
		t.Fatalf("factpress version: %q", fields)
	}
	version := scaffold.InstallVersion(fields[1])

	origin := filepath.Join(work, "origin.git")
	git(work, "init", "-q", "--bare", origin)
	git(archive, "init", "-q")
	git(archive, "add", ".")
	git(archive, "commit", "-q", "-m", "A new fact-check archive")
	git(archive, "remote", "add", "origin", origin)
	git(archive, "push", "-q", "origin", "main")

	day := time.Now().UTC().Format(time.DateOnly)
	good := "---\ntitle: \"Did the council close the library?\"\nclaim: \"The council closed the central library.\"\nclaimant: \"A local newsletter\"\nverdict: false\ndate: " + day + "\ntopics: [examples]\nsources:\n  - title: \"Library opening hours\"\n    publisher: \"City council\"\n    url: \"https://example.org/library\"\n    archive: \"https://web.archive.org/web/2026/https://example.org/library\"\n---\n\nThe library is open every day [1].\n"
	broken := strings.Replace(good, "every day [1].", "every day [1], as it was [2].", 1)
	for _, pr := range []struct{ branch, file, body string }{
		{"good-check", "content/checks/library.md", good},
		{"broken-check", "content/checks/library-broken.md", broken},
	} {
		git(archive, "checkout", "-q", "-b", pr.branch, "main")
		if err := os.WriteFile(filepath.Join(archive, filepath.FromSlash(pr.file)), []byte(pr.body), 0o644); err != nil {
			t.Fatal(err)
		}
		git(archive, "add", pr.file)
		git(archive, "commit", "-q", "-m", "Propose "+pr.file)
		git(archive, "push", "-q", "origin", pr.branch)
	}

	// checkout: a clone of the repository at the ref the event names, with
	// its whole history, as fetch-depth: 0 gives.
	checkout := func(name, ref string) string {
		ws := filepath.Join(work, "ws-"+name)
		git(work, "clone", "-q", origin, ws)
		git(ws, "checkout", "-q", ref)
		return ws
	}
	runner := func(ws string, exprs map[string]string) *workflowRunner {
		return &workflowRunner{
			t:         t,
			workspace: ws,
			env: mergeEnv(gitEnv, map[string]string{
				"BASH": bash, "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": ws,
				"GITHUB_REPOSITORY": strings.TrimPrefix(e2eRepository, "github.com/"), "RUNNER_OS": "Linux", "RUNNER_TEMP": runnerTemp,
			}),
			// No Go, and no factpress: only what the steps put on PATH.
			path:  []string{filepath.Dir(gitBin), filepath.Dir(bash), "/usr/bin", "/bin"},
			exprs: exprs,
			conds: map[string]bool{
				"env.FACTPRESS_VERSION != 'latest'": version != "latest",
				// A runner's first run: nothing in the cache.
				"steps.factpress-cache.outputs.cache-hit != 'true'": true,
			},
			replace: func(s workflowStep, env map[string]string) (string, bool) {
				if !strings.Contains(s.Run, "go install") {
					return "", false
				}
				if s.Run != `GOBIN="$HOME/go/bin" go install "github.com/factpress/factpress/cmd/factpress@$FACTPRESS_VERSION"` || env["FACTPRESS_VERSION"] != version {
					t.Errorf("the install step does not install factpress %s into ~/go/bin: %q with FACTPRESS_VERSION=%q", version, s.Run, env["FACTPRESS_VERSION"])
				}
				return fmt.Sprintf("mkdir -p \"$HOME/go/bin\"\ncp %q \"$HOME/go/bin/factpress\"\n", bin), true
			},
		}
	}
	wantUses := func(what string, got ran, want ...string) {
		t.Helper()
		if !slices.Equal(got.uses, want) {
			t.Errorf("%s uses %q, want %q", what, got.uses, want)
		}
		for _, s := range got.steps {
			if strings.HasPrefix(s.Uses, "actions/cache@") && s.With["path"] != "~/go/bin/factpress" {
				t.Errorf("%s caches %v, not the ~/go/bin/factpress the install step writes", what, s.With["path"])
			}
		}
	}
	installUses := []string{"actions/checkout@v4", "actions/cache@v4", "actions/setup-go@v5"}

	// check.yml, on the two pull requests.
	check := parseWorkflow(t, filepath.Join(archive, ".github", "workflows", "check.yml"))
	if on, _ := check.triggered("pull_request"); !on || len(check.Jobs) != 1 {
		t.Fatalf("check.yml: not one job on pull_request: %+v", check.Jobs)
	}
	for _, pr := range []struct {
		branch string
		fails  string // the annotation the failed check step prints, or ""
	}{
		{"good-check", ""},
		{"broken-check", "::error file=content/checks/library-broken.md,line=15,"},
	} {
		ws := checkout(pr.branch, pr.branch)
		res := runner(ws, map[string]string{"github.base_ref": "main"}).runJob(check, check.Jobs[0])
		wantUses("check.yml", res, installUses...)
		if len(res.steps) == 0 || fmt.Sprint(res.steps[0].With["fetch-depth"]) != "0" {
			t.Error("check.yml checks out without the history --changed-since needs (fetch-depth: 0)")
		}
		last := res.outputs[len(res.outputs)-1]
		switch {
		case pr.fails == "" && res.err != nil:
			t.Errorf("check.yml on %s: %v", pr.branch, res.err)
		case pr.fails != "" && (res.err == nil || !strings.Contains(last, pr.fails) || !strings.Contains(last, "title=citation-undefined::")):
			t.Errorf("check.yml on %s: want a failed check annotated %s…, got %v\n%s", pr.branch, pr.fails, res.err, last)
		case len(res.outputs) != 4:
			t.Errorf("check.yml ran %d run steps, want install, PATH, version and check: %q", len(res.outputs), res.outputs)
		case !strings.HasPrefix(res.outputs[2], "factpress "):
			t.Errorf("factpress version printed %q", res.outputs[2])
		}
	}

	// pages.yml, on main.
	git(archive, "checkout", "-q", "main")
	git(archive, "merge", "-q", "good-check")
	git(archive, "push", "-q", "origin", "main")
	pages := parseWorkflow(t, filepath.Join(archive, ".github", "workflows", "pages.yml"))
	if on, _ := pages.triggered("push"); !on || pages.Permissions["pages"] != "write" || pages.Permissions["id-token"] != "write" {
		t.Errorf("pages.yml does not run on push with the permissions deploy-pages needs: %v", pages.Permissions)
	}
	if len(pages.Jobs) != 2 || pages.Jobs[0].Name != "build" || pages.Jobs[1].Name != "deploy" || fmt.Sprint(pages.Jobs[1].Needs) != "build" {
		t.Fatalf("pages.yml: want a build job and a deploy job that needs it: %+v", pages.Jobs)
	}
	ws := checkout("pages", "main")
	r := runner(ws, map[string]string{"steps.pages.outputs.base_url": e2ePagesURL})
	res := r.runJob(pages, pages.Jobs[0])
	if res.err != nil {
		t.Fatalf("pages.yml: %v", res.err)
	}
	wantUses("pages.yml build", res, append(installUses, "actions/configure-pages@v5", "actions/upload-pages-artifact@v3")...)
	if s, _ := runStep(pages, "factpress build"); s.Run != `factpress build --check-links --base-url "$BASE_URL/"` || s.Env["BASE_URL"] != "${{ steps.pages.outputs.base_url }}" {
		t.Errorf("pages.yml does not build with --check-links at configure-pages' base_url: %+v", s)
	}
	if len(res.outputs) != 4 || !strings.Contains(res.outputs[3], "Built 2 checks") {
		t.Errorf("pages.yml ran %d run steps, want install, PATH, version and a build of 2 checks: %q", len(res.outputs), res.outputs)
	}
	deploy := r.runJob(pages, pages.Jobs[1])
	wantUses("pages.yml deploy", deploy, "actions/deploy-pages@v4")

	// What upload-pages-artifact uploads: every link holds under the subpath,
	// and ClaimReview and canonical URLs are absolute under it.
	artifact, _ := res.steps[len(res.steps)-1].With["path"].(string)
	if artifact != "public" {
		t.Fatalf("upload-pages-artifact uploads %q, not public", artifact)
	}
	public := filepath.Join(ws, artifact)
	brokenLinks, pagesChecked, err := linkcheck.CheckDir(public, linkcheck.Options{BasePath: "/archive/", Host: e2ePagesHost})
	if err != nil || len(brokenLinks) != 0 || pagesChecked < 20 {
		t.Errorf("the Pages artifact: %d pages, %v, broken: %s", pagesChecked, err, linkcheck.Summary(brokenLinks))
	}
	if page := read(t, public, "checks/library/index.html"); !strings.Contains(page, `<link rel="canonical" href="`+e2ePagesURL+`/checks/library/">`) || !strings.Contains(page, `"url":"`+e2ePagesURL+`/checks/library/"`) {
		t.Error("the check's canonical URL or ClaimReview url is not absolute under the Pages address")
	}
	filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("the artifact holds a symlink, which Pages refuses: %s", p)
		}
		return err
	})
	// What the build left in the workspace is ignored, so that no one
	// commits it.
	if status := git(ws, "status", "--porcelain", "--untracked-files=all"); status != "" {
		t.Errorf("the build left files .gitignore does not cover:\n%s", status)
	}
}
