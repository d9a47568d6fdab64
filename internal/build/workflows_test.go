package build

import (
	"os"
	"path/filepath"
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
}

type workflow struct {
	On   any `yaml:"on"`
	Jobs map[string]struct {
		Steps []struct {
			Uses string         `yaml:"uses"`
			Run  string         `yaml:"run"`
			ID   string         `yaml:"id"`
			With map[string]any `yaml:"with"`
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
