package build

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/scaffold"
)

// knownActions are official actions, at major versions that exist.
var knownActions = []string{
	"actions/checkout@v4",
	"actions/setup-go@v5",
	"actions/configure-pages@v5",
	"actions/upload-pages-artifact@v3",
	"actions/deploy-pages@v4",
	"actions/cache@v4",
}

type workflowStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	With  map[string]any    `yaml:"with"`
	Env   map[string]string `yaml:"env"`
}

type workflowJob struct {
	Name  string            // its key under jobs:
	Needs any               `yaml:"needs"`
	Env   map[string]string `yaml:"env"`
	Steps []workflowStep    `yaml:"steps"`
}

type workflow struct {
	On          any               `yaml:"on"`
	Env         map[string]string `yaml:"env"`
	Permissions map[string]string `yaml:"permissions"`
	RawJobs     yaml.Node         `yaml:"jobs"`
	Jobs        []workflowJob     `yaml:"-"` // in the file's order
}

// triggered reports whether on: names event, and gives its settings
// (paths, branches…), nil when it has none.
func (w workflow) triggered(event string) (bool, map[string]any) {
	switch on := w.On.(type) {
	case string:
		return on == event, nil
	case []any:
		return slices.Contains(on, any(event)), nil
	case map[string]any:
		v, ok := on[event]
		settings, _ := v.(map[string]any)
		return ok, settings
	}
	return false, nil
}

// job is the job named name, or a zero job.
func (w workflow) job(name string) workflowJob {
	for _, j := range w.Jobs {
		if j.Name == name {
			return j
		}
	}
	return workflowJob{}
}

// parseWorkflow reads the workflow at path, its jobs in order.
func parseWorkflow(t *testing.T, path string) workflow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s is not valid YAML: %v", path, err)
	}
	for i := 0; i+1 < len(w.RawJobs.Content); i += 2 {
		var j workflowJob
		if err := w.RawJobs.Content[i+1].Decode(&j); err != nil {
			t.Fatalf("%s: job %s: %v", path, w.RawJobs.Content[i].Value, err)
		}
		j.Name = w.RawJobs.Content[i].Value
		w.Jobs = append(w.Jobs, j)
	}
	if w.On == nil || len(w.Jobs) == 0 {
		t.Fatalf("%s has no trigger or no jobs", path)
	}
	return w
}

// loadWorkflow reads one of this repository's workflows, and gives its run
// steps' scripts as one text.
func loadWorkflow(t *testing.T, name string) (workflow, string) {
	t.Helper()
	w := parseWorkflow(t, filepath.Join(sampleSite, ".github", "workflows", name))
	var runs []string
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			if s.Uses != "" && !slices.Contains(knownActions, s.Uses) {
				t.Errorf("%s: job %s uses %q, not a known action", name, j.Name, s.Uses)
			}
			runs = append(runs, s.Run)
		}
	}
	return w, strings.Join(runs, "\n")
}

// initArchive is a new archive, as `factpress init` makes it.
func initArchive(t *testing.T, site scaffold.Site) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive")
	if _, err := scaffold.Create(dir, site, today); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runStep is the step of w that runs a command holding want, and the job it
// is in.
func runStep(w workflow, want string) (workflowStep, string) {
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			if strings.Contains(s.Run, want) {
				return s, j.Name
			}
		}
	}
	return workflowStep{}, ""
}

// TestWorkflows: this repository checks its content pull requests, tests
// its code pull requests, and publishes main under the Pages subpath.
func TestWorkflows(t *testing.T) {
	check, _ := loadWorkflow(t, "check.yml")
	if s, _ := runStep(check, `factpress check --changed-since "origin/$BASE_REF" --format github`); s.Env["BASE_REF"] != "${{ github.base_ref }}" {
		t.Errorf("check.yml does not run factpress check against the base branch with GitHub annotations: %+v", s)
	}
	if ok, _ := check.triggered("pull_request"); !ok {
		t.Error("check.yml does not run on pull requests")
	}
	pages, _ := loadWorkflow(t, "pages.yml")
	if s, _ := runStep(pages, `factpress build --check-links --base-url "$BASE_URL/"`); s.Env["BASE_URL"] != "${{ steps.pages.outputs.base_url }}" {
		t.Errorf("pages.yml does not build under the Pages subpath: %+v", s)
	}
	if pages.Permissions["pages"] != "write" || pages.Permissions["id-token"] != "write" {
		t.Errorf("pages.yml lacks the permissions deploy-pages needs: %v", pages.Permissions)
	}
	for name, w := range map[string]workflow{"check.yml": check, "pages.yml": pages} {
		if s, _ := runStep(w, "go install ./cmd/factpress"); s.Run == "" {
			t.Errorf("%s does not install factpress from this repository's source", name)
		}
		if _, run := loadWorkflow(t, name); strings.Contains(run, "go run") {
			t.Errorf("%s runs go run, not the installed factpress", name)
		}
	}

	test, _ := loadWorkflow(t, "test.yml")
	if s, job := runStep(test, "make test"); s.Run != "make test" || job == "" {
		t.Errorf("test.yml does not run make test: %+v", test.Jobs)
	}
	ok, pr := test.triggered("pull_request")
	paths, _ := pr["paths"].([]any)
	for _, p := range []string{"**.go", "go.mod", "go.sum", "layouts/**", "assets/**", "Makefile", ".ci/**"} {
		if !ok || !slices.Contains(paths, any(p)) {
			t.Errorf("test.yml does not run on pull requests that change %s: %v", p, paths)
		}
	}
}

// pinnedRef is a version tag (v4, v1.2.3) or a full commit: a ref that names
// one release or one commit of an action, not a branch.
var pinnedRef = regexp.MustCompile(`^(v[0-9]+(\.[0-9]+){0,2}|[0-9a-f]{40})$`)

// usesIn collects the value of every "uses" key in a YAML document, wherever
// it is (a step, a job calling a reusable workflow, a composite action's
// steps), with its line.
func usesIn(n *yaml.Node, found map[string]int) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k, v := n.Content[i], n.Content[i+1]; k.Value == "uses" && v.Kind == yaml.ScalarNode {
				found[v.Value] = v.Line
			}
		}
	}
	for _, c := range n.Content {
		usesIn(c, found)
	}
}

// usesProblem says what is wrong with a `uses:`, or "": only GitHub's own
// actions (actions/*) and this repository's action (./ or
// factpress/factpress) are allowed, each pinned to a version tag or a
// commit, and an actions/* tag is one known to exist.
func usesProblem(uses string) string {
	if strings.HasPrefix(uses, "./") {
		return "" // this repository, at the commit that runs
	}
	action, ref, ok := strings.Cut(uses, "@")
	switch {
	case !ok || !pinnedRef.MatchString(ref):
		return "is not pinned to a version tag or a commit"
	case action == "factpress/factpress":
	case strings.HasPrefix(action, "actions/") && strings.Count(action, "/") == 1:
		if strings.HasPrefix(ref, "v") && !slices.Contains(knownActions, uses) {
			return "is not a known version of a GitHub action"
		}
	default:
		return "is neither GitHub's own action nor this repository's"
	}
	return ""
}

// TestWorkflowActionsPinned: the repository's action, every workflow in
// .github/workflows and every workflow `factpress init` writes into an
// archive use only GitHub's own actions and this repository's, pinned.
func TestWorkflowActionsPinned(t *testing.T) {
	for _, tc := range []struct{ uses, problem string }{
		{"actions/checkout@v4", ""},
		{"actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", ""},
		{"factpress/factpress@v1", ""},
		{"factpress/factpress@v1.2.3", ""},
		{"./", ""},
		{"actions/checkout@main", "not pinned"},
		{"actions/checkout", "not pinned"},
		{"actions/checkout@11bd719", "not pinned"},
		{"actions/checkout@v99", "not a known version"},
		{"peaceiris/actions-hugo@v3", "neither"},
		{"factpress/factpress-fork@v1", "neither"},
		{"docker://alpine:3", "not pinned"},
	} {
		if got := usesProblem(tc.uses); (tc.problem == "") != (got == "") || !strings.Contains(got, tc.problem) {
			t.Errorf("uses %q: %q, want %q", tc.uses, got, tc.problem)
		}
	}

	files, err := filepath.Glob(filepath.Join(sampleSite, ".github", "workflows", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(sampleSite, "action.yml")); err == nil {
		files = append(files, filepath.Join(sampleSite, "action.yml"))
	}
	archive := initArchive(t, scaffold.Site{Repository: "github.com/org/archive", Version: "v1.2.3"})
	archived, err := filepath.Glob(filepath.Join(archive, ".github", "workflows", "*"))
	if err != nil || len(archived) != 2 {
		t.Errorf("init writes %v, want pages.yml and check.yml (%v)", archived, err)
	}
	seen := 0
	for _, path := range append(files, archived...) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Errorf("%s is not valid YAML: %v", path, err)
			continue
		}
		found := map[string]int{}
		usesIn(&doc, found)
		name, err := filepath.Rel(sampleSite, path)
		if err != nil || strings.HasPrefix(name, "..") {
			name = path
		}
		for uses, line := range found {
			seen++
			if p := usesProblem(uses); p != "" {
				t.Errorf("%s:%d: %q %s", name, line, uses, p)
			}
		}
	}
	if seen == 0 {
		t.Error("no action used anywhere: the test read nothing")
	}
}

// TestWorkflowRunStepsTakeValuesFromEnv: in the check, pages and test
// workflows, here and in an archive, a `run:` takes GitHub's values (a
// branch name, an output) through env, never as ${{ }} written into the
// script, where the value would be run as shell.
func TestWorkflowRunStepsTakeValuesFromEnv(t *testing.T) {
	archive := initArchive(t, scaffold.Site{Repository: "github.com/org/archive"})
	var paths []string
	for _, name := range []string{"check.yml", "pages.yml", "test.yml"} {
		paths = append(paths, filepath.Join(sampleSite, ".github", "workflows", name))
	}
	for _, name := range []string{"check.yml", "pages.yml"} {
		paths = append(paths, filepath.Join(archive, ".github", "workflows", name))
	}
	for _, path := range paths {
		for _, j := range parseWorkflow(t, path).Jobs {
			for _, s := range j.Steps {
				if strings.Contains(s.Run, "${{") {
					t.Errorf("%s: job %s: a run step has an expression in its script: %q", path, j.Name, s.Run)
				}
			}
		}
	}
}

// stepsOf lists a job's steps as what each does: its uses, or its name and
// run, so that two workflows can be compared step by step.
func stepsOf(j workflowJob, skip func(workflowStep) bool) []string {
	var out []string
	for _, s := range j.Steps {
		switch {
		case skip(s):
		case s.Uses != "":
			out = append(out, "uses "+s.Uses)
		default:
			out = append(out, s.Name+": "+s.Run)
		}
	}
	return out
}

// TestOwnWorkflowsFollowInit: this repository's check and pages workflows
// run the commands of those init writes, in the same order: only how
// factpress is installed differs, since here it is built from source.
func TestOwnWorkflowsFollowInit(t *testing.T) {
	archive := initArchive(t, scaffold.Site{Repository: "github.com/org/archive"})
	install := func(s workflowStep) bool {
		return s.Name == "Install factpress" || strings.HasPrefix(s.Uses, "actions/setup-go@") || strings.HasPrefix(s.Uses, "actions/cache@")
	}
	for _, tc := range []struct{ file, job string }{{"check.yml", "check"}, {"pages.yml", "build"}, {"pages.yml", "deploy"}} {
		own := stepsOf(parseWorkflow(t, filepath.Join(sampleSite, ".github", "workflows", tc.file)).job(tc.job), install)
		theirs := stepsOf(parseWorkflow(t, filepath.Join(archive, ".github", "workflows", tc.file)).job(tc.job), install)
		if len(own) == 0 || !slices.Equal(own, theirs) {
			t.Errorf("%s job %s:\nhere    %q\ninit's  %q", tc.file, tc.job, own, theirs)
		}
	}
}

// TestContributorDocs: CONTRIBUTING speaks of factpress, installed, not of
// go run; the pull-request template is the one init gives an archive.
func TestContributorDocs(t *testing.T) {
	archive := initArchive(t, scaffold.Site{})
	for _, dir := range []string{sampleSite, archive} {
		doc := read(t, dir, "CONTRIBUTING.md")
		if strings.Contains(doc, "go run") || !strings.Contains(doc, "factpress check content/checks/") || !strings.Contains(doc, "go install ") {
			t.Errorf("%s/CONTRIBUTING.md does not say how to install and run factpress check", dir)
		}
	}
	if own, theirs := read(t, sampleSite, ".github/pull_request_template.md"), read(t, archive, ".github/pull_request_template.md"); own != theirs {
		t.Errorf("the pull-request template differs from the one init writes:\n%s\n---\n%s", own, theirs)
	}
}

// TestReleaseWorkflow: tags publish a release with GoReleaser at the version
// `make release-check` tries, using the job's own token.
func TestReleaseWorkflow(t *testing.T) {
	w, run := loadWorkflow(t, "release.yml")
	on, _ := w.On.(map[string]any)
	push, _ := on["push"].(map[string]any)
	tags, _ := push["tags"].([]any)
	if len(tags) == 0 || !strings.HasPrefix(tags[0].(string), "v") {
		t.Errorf("release.yml does not run on version tags: %v", w.On)
	}
	if w.Permissions["contents"] != "write" {
		t.Errorf("release.yml cannot publish a release: permissions %v", w.Permissions)
	}
	makefile, err := os.ReadFile(filepath.Join(sampleSite, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	pin := regexp.MustCompile(`github\.com/goreleaser/goreleaser/v2@v[0-9.]+`)
	want := pin.FindString(string(makefile))
	if want == "" {
		t.Fatal("the Makefile pins no GoReleaser")
	}
	if !strings.Contains(run, "go run "+want+" release --clean") {
		t.Errorf("release.yml does not run go run %s release --clean", want)
	}
	if got := pin.FindAllString(run, -1); len(got) != 1 || got[0] != want {
		t.Errorf("release.yml runs GoReleaser %v, the Makefile %s", got, want)
	}
	var token bool
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			if strings.Contains(s.Run, "goreleaser") && s.Env["GITHUB_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}" {
				token = true
			}
		}
	}
	if !token {
		t.Error("release.yml does not give GoReleaser the job's GITHUB_TOKEN")
	}
}
