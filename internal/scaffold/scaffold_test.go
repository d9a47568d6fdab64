package scaffold

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress/internal/config"
)

var today = time.Date(2026, 1, 19, 0, 0, 0, 0, time.UTC)

func TestInitInstallVersion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"v1.2.3", "v1.2.3"},
		{"1.2.3", "v1.2.3"}, // a stamp without the v
		{"v0.1.0", "v0.1.0"},
		{"v1.0.0-rc.1", "v1.0.0-rc.1"},
		{"(devel)", "latest"},
		{"", "latest"},
		{"v0.0.0-20260119100000-abcdef123456", "latest"},
		{"v1.2.4-0.20260119100000-abcdef123456", "latest"},
		{"v1.2.3-pre.0.20260119100000-abcdef123456", "latest"},
		{"v1.2.3+dirty", "latest"},
		{"v0.0.0-20260119100000-abcdef123456+dirty", "latest"},
		{"v1.2", "latest"},
		{"v01.2.3", "latest"},
	} {
		if got := InstallVersion(tc.in); got != tc.want {
			t.Errorf("InstallVersion(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInitPagesURL(t *testing.T) {
	for _, tc := range []struct{ repo, want string }{
		{"github.com/org/archive", "https://org.github.io/archive/"},
		{"https://github.com/Org/Archive.git", "https://org.github.io/Archive/"},
		{"github.com/org/archive/", "https://org.github.io/archive/"},
		{"github.com/org/org.github.io", "https://org.github.io/"},
		{"github.com/org", ""},
		{"github.com/org/archive/tree/main", ""},
		{"gitlab.com/org/archive", ""},
		{"", ""},
	} {
		if got := PagesURL(tc.repo); got != tc.want {
			t.Errorf("PagesURL(%q) = %q, want %q", tc.repo, got, tc.want)
		}
	}
}

// TestInitAsk: one line a question, each with the default an empty answer
// gives (the base URL's from the repository just given); a flag given is not
// asked; a value factpress.yaml would refuse is asked again; at the end of
// the input the rest take their defaults.
func TestInitAsk(t *testing.T) {
	for _, tc := range []struct {
		name    string
		input   string
		given   []string
		want    Site
		prompts []string
	}{
		{
			name:  "every answer",
			input: "Faktencheck Köln\nKölner Faktenprüfer\ngithub.com/koeln/checks\n\n",
			want:  Site{Title: "Faktencheck Köln", Organization: "Kölner Faktenprüfer", Repository: "github.com/koeln/checks", BaseURL: "https://koeln.github.io/checks/"},
			prompts: []string{
				"Title of the archive [My fact-check archive]: ",
				"Organisation that publishes it [My fact-checking organisation]: ",
				"Repository, as github.com/org/archive [none]: ",
				"Address of the site [https://koeln.github.io/checks/]: ",
			},
		},
		{
			name:    "flags given",
			input:   "https://checks.example.org/\n",
			given:   []string{"title", "organization", "repository"},
			want:    Site{BaseURL: "https://checks.example.org/"},
			prompts: []string{"Address of the site [/]: "},
		},
		{
			name:    "a refused address is asked again",
			input:   "\n\n\nftp://x/\nhttps://x.example/\n",
			want:    Site{Title: DefaultTitle, Organization: DefaultOrganization, BaseURL: "https://x.example/"},
			prompts: []string{"Address of the site [/]: ", "base_url \"ftp://x/\"", "Address of the site [/]: "},
		},
		{
			name:    "end of input",
			input:   "Only a title\n",
			want:    Site{Title: "Only a title"},
			prompts: []string{"Title of the archive [My fact-check archive]: ", "Organisation that publishes it [My fact-checking organisation]: \n"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Site
			var out strings.Builder
			if err := Ask(strings.NewReader(tc.input), &out, &s, func(f string) bool { return slices.Contains(tc.given, f) }); err != nil {
				t.Fatal(err)
			}
			if s != tc.want {
				t.Errorf("got %+v, want %+v", s, tc.want)
			}
			rest := out.String()
			for _, p := range tc.prompts {
				i := strings.Index(rest, p)
				if i < 0 {
					t.Fatalf("no %q in order in %q", p, out.String())
				}
				rest = rest[i+len(p):]
			}
		})
	}
}

func TestInitAskRefusedAtEndOfInput(t *testing.T) {
	var s Site
	err := Ask(strings.NewReader("ftp://x/"), &strings.Builder{}, &s, func(f string) bool { return f != "base-url" })
	if err == nil || !strings.Contains(err.Error(), "--base-url") {
		t.Errorf("a refused last answer: %v", err)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestInitCreate: a complete archive repository, its factpress.yaml as given
// and clean; a file already there is kept as it is.
func TestInitCreate(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# archive\nGitHub's README\n"), 0o644)
	res, err := Create(dir, Site{Title: `The "Facts" Desk`, Organization: "Facts Desk", Repository: "https://github.com/facts/desk.git", Version: "v1.4.0"}, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"factpress.yaml", "schema/check.schema.json", "content/checks/example-check.md",
		"content/pages/methodology.md", "content/pages/corrections-policy.md", "content/pages/contact.md", "content/pages/funding.md",
		"CONTRIBUTING.md", ".gitignore", ".github/pull_request_template.md", ".github/workflows/pages.yml", ".github/workflows/check.yml",
	}
	if !slices.Equal(res.Written, want) || !slices.Equal(res.Kept, []string{"README.md"}) {
		t.Errorf("written %v, kept %v", res.Written, res.Kept)
	}
	if got := read(t, dir, "README.md"); got != "# archive\nGitHub's README\n" {
		t.Errorf("README.md was overwritten: %q", got)
	}
	cfg, diags, err := config.Parse([]byte(read(t, dir, "factpress.yaml")))
	if err != nil || len(diags) != 0 {
		t.Fatalf("factpress.yaml: %v %v", err, diags)
	}
	if cfg.Title != `The "Facts" Desk` || cfg.Organization.Name != "Facts Desk" || cfg.Repository != "github.com/facts/desk" || cfg.BaseURL != "https://facts.github.io/desk/" {
		t.Errorf("factpress.yaml holds %q %q %q %q", cfg.Title, cfg.Organization.Name, cfg.Repository, cfg.BaseURL)
	}
	for _, name := range []string{".github/workflows/pages.yml", ".github/workflows/check.yml"} {
		if got := read(t, dir, name); !strings.Contains(got, "FACTPRESS_VERSION: v1.4.0\n") || !strings.Contains(got, `go-version: "`+GoVersion+`"`) {
			t.Errorf("%s does not install factpress v1.4.0 with Go %s:\n%s", name, GoVersion, got)
		}
	}
	for _, name := range []string{"CONTRIBUTING.md", "README.md"} {
		if got := read(t, dir, name); strings.Contains(got, "go run") {
			t.Errorf("%s says go run", name)
		}
	}
	if got := read(t, dir, "CONTRIBUTING.md"); !strings.Contains(got, "go install github.com/factpress/factpress/cmd/factpress@v1.4.0") {
		t.Errorf("CONTRIBUTING.md does not say how to install factpress:\n%s", got)
	}
	gitignore := read(t, dir, ".gitignore")
	for _, line := range []string{"public/", ".public.factpress-*", "archive.zip", "dist/"} {
		if !slices.Contains(strings.Split(gitignore, "\n"), line) {
			t.Errorf(".gitignore lacks %s", line)
		}
	}

	if _, err := Create(dir, Site{}, today); err == nil || !strings.Contains(err.Error(), "already has a factpress.yaml") {
		t.Errorf("a second init: %v", err)
	}
}

// TestInitCreateReadme: the archive's README says how to propose, check,
// build, preview and publish, and names the Pages setting.
func TestInitCreateReadme(t *testing.T) {
	for _, tc := range []struct {
		name string
		site Site
		want []string
	}{
		{"on GitHub", Site{Repository: "github.com/org/archive"}, []string{"https://github.com/org/archive.git", "(https://org.github.io/archive/)", `"Propose a check"`}},
		{"no repository", Site{}, []string{"github.com/ORG/ARCHIVE"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Create(dir, tc.site, today); err != nil {
				t.Fatal(err)
			}
			readme := read(t, dir, "README.md")
			for _, want := range append(tc.want,
				"go install github.com/factpress/factpress/cmd/factpress@latest",
				"factpress new ", "factpress check content/checks/", "factpress build", "factpress serve",
				"Settings → Pages → Build and\n   deployment → Source: GitHub Actions", "git push -u origin main",
			) {
				if !strings.Contains(readme, want) {
					t.Errorf("README.md lacks %q", want)
				}
			}
		})
	}
}

// TestInitWarnsWithoutHost: with no address and no GitHub repository,
// base_url is "/", and the build says what that costs.
func TestInitWarnsWithoutHost(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(dir, Site{Repository: "gitlab.com/org/archive"}, today); err != nil {
		t.Fatal(err)
	}
	_, diags, err := config.Parse([]byte(read(t, dir, "factpress.yaml")))
	if err != nil || len(diags) != 1 || diags[0].Code != "base-url-no-host" {
		t.Errorf("factpress.yaml with base_url \"/\": %v %v", err, diags)
	}
}

// TestInitRefusesWhatTheBuildWould: a value factpress.yaml would refuse
// stops init before it writes anything.
func TestInitRefusesWhatTheBuildWould(t *testing.T) {
	for _, tc := range []struct {
		name string
		site Site
	}{
		{"base URL", Site{BaseURL: "javascript:alert(1)"}},
		{"repository", Site{Repository: "github.com/org/archive?x=1"}},
		{"a bidi override in the title", Site{Title: "Facts \u202Ekcehc"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if _, err := Create(dir, tc.site, today); err == nil {
				t.Error("no error")
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("something was written: %v", err)
			}
		})
	}
}

// TestInitGoVersion: the workflows install factpress with the Go its go.mod
// asks for.
func TestInitGoVersion(t *testing.T) {
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(data)
	if m == nil || string(m[1]) != GoVersion {
		t.Errorf("go.mod's go directive is %q; GoVersion is %q", m, GoVersion)
	}
}
