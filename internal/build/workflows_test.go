package build

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
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

type workflow struct {
	On   any `yaml:"on"`
	Jobs map[string]struct {
		Steps []struct {
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			ID   string            `yaml:"id"`
			With map[string]any    `yaml:"with"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
	Permissions map[string]string `yaml:"permissions"`
}

func loadWorkflow(t *testing.T, name string) (workflow, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sampleSite, ".github", "workflows", name))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s is not valid YAML: %v", name, err)
	}
	if w.On == nil || len(w.Jobs) == 0 {
		t.Fatalf("%s has no trigger or no jobs", name)
	}
	var runs []string
	for job, j := range w.Jobs {
		for _, s := range j.Steps {
			if s.Uses != "" && !slices.Contains(knownActions, s.Uses) {
				t.Errorf("%s: job %s uses %q, not a known action", name, job, s.Uses)
			}
			runs = append(runs, s.Run)
		}
	}
	return w, strings.Join(runs, "\n")
}

func TestWorkflows(t *testing.T) {
	_, run := loadWorkflow(t, "check.yml")
	if !strings.Contains(run, "check --format github --changed-since") {
		t.Errorf("check.yml does not run factpress check with GitHub annotations: %q", run)
	}
	w, run := loadWorkflow(t, "pages.yml")
	if !strings.Contains(run, `build --check-links --base-url "${{ steps.pages.outputs.base_url }}/"`) {
		t.Errorf("pages.yml does not build under the Pages subpath: %q", run)
	}
	if w.Permissions["pages"] != "write" || w.Permissions["id-token"] != "write" {
		t.Errorf("pages.yml lacks the permissions deploy-pages needs: %v", w.Permissions)
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

// TestWorkflowActionsPinned: the repository's action and every workflow use
// only GitHub's own actions (actions/*) and this repository's action (./ or
// factpress/factpress), each pinned to a version tag or a commit, and an
// actions/* tag is one known to exist.
func TestWorkflowActionsPinned(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(sampleSite, ".github", "workflows", "*"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join(sampleSite, "action.yml"))
	seen := 0
	for _, path := range files {
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
		name, _ := filepath.Rel(sampleSite, path)
		for uses, line := range found {
			seen++
			if strings.HasPrefix(uses, "./") {
				continue
			}
			action, ref, ok := strings.Cut(uses, "@")
			switch {
			case !ok || !pinnedRef.MatchString(ref):
				t.Errorf("%s:%d: %q is not pinned to a version tag or a commit", name, line, uses)
			case action == "factpress/factpress":
			case strings.HasPrefix(action, "actions/") && strings.Count(action, "/") == 1:
				if strings.HasPrefix(ref, "v") && !slices.Contains(knownActions, uses) {
					t.Errorf("%s:%d: %q is not a known version of a GitHub action", name, line, uses)
				}
			default:
				t.Errorf("%s:%d: %q is neither GitHub's own action nor this repository's", name, line, uses)
			}
		}
	}
	if seen == 0 {
		t.Error("no action used anywhere: the test read nothing")
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
