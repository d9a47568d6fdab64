package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitFlags: init takes its answers from flags, before or after DIR,
// and without a terminal asks nothing; a file already there is kept; a
// value factpress.yaml would refuse writes nothing.
func TestInitFlags(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     func(dir string) []string
		existing map[string]string
		code     int
		config   []string // lines factpress.yaml holds
		stdout   []string
	}{
		{
			name: "flags after DIR",
			args: func(dir string) []string {
				return []string{"init", dir, "--title", "Faktencheck", "--organization", "Die Prüfer", "--repository", "github.com/pruefer/archiv"}
			},
			code:   exitOK,
			config: []string{`title: "Faktencheck"`, `base_url: "https://pruefer.github.io/archiv/"`, `  name: "Die Prüfer"`, `repository: "github.com/pruefer/archiv"`},
			stdout: []string{"/.github/workflows/pages.yml\n", "/.github/workflows/check.yml\n", "/README.md\n", "/CONTRIBUTING.md\n", "/.gitignore\n", "/.github/pull_request_template.md\n", "Settings → Pages → Source: GitHub Actions"},
		},
		{
			name:   "flags before DIR, a base URL of its own",
			args:   func(dir string) []string { return []string{"init", "--base-url", "https://checks.example.org", dir} },
			code:   exitOK,
			config: []string{`title: "My fact-check archive"`, `base_url: "https://checks.example.org/"`, `# repository: github.com/org/archive`},
		},
		{
			name:     "a README already there",
			args:     func(dir string) []string { return []string{"init", dir} },
			existing: map[string]string{"README.md": "# ours\n"},
			code:     exitOK,
			config:   []string{`base_url: "/"`},
			stdout:   []string{"kept    ", "README.md: it was there already"},
		},
		{
			name: "a base URL the build would refuse",
			args: func(dir string) []string {
				return []string{"init", dir, "--base-url", "https://org.github.io/archive/?x=1"}
			},
			code: exitUsage,
		},
		{
			name:     "a site already there",
			args:     func(dir string) []string { return []string{"init", dir} },
			existing: map[string]string{"factpress.yaml": "title: ours\n"},
			code:     exitUsage,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "archive")
			for name, body := range tc.existing {
				os.MkdirAll(dir, 0o755)
				os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
			}
			code, out, errOut := runCLI(t, "", tc.args(dir)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			if strings.Contains(out, "]: ") {
				t.Errorf("init asked a question without a terminal:\n%s", out)
			}
			for name, body := range tc.existing {
				if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != body {
					t.Errorf("%s was overwritten: %q", name, got)
				}
			}
			if code != exitOK {
				if entries, _ := os.ReadDir(dir); len(entries) != len(tc.existing) {
					t.Errorf("a refused init wrote %d files", len(entries)-len(tc.existing))
				}
				return
			}
			cfg, err := os.ReadFile(filepath.Join(dir, "factpress.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range tc.config {
				if !strings.Contains("\n"+string(cfg), "\n"+line+"\n") {
					t.Errorf("factpress.yaml lacks the line %q:\n%s", line, cfg)
				}
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("init printed no %q:\n%s", want, out)
				}
			}
		})
	}
}
