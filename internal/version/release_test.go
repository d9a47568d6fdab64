package version

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The release config lives at the repository's root, two folders up. These
// tests read it here because what it must agree with is this package: the
// variables its -X flags set.
const goreleaserConfig = "../../.goreleaser.yaml"

const pkgPath = "github.com/factpress/factpress/internal/version"

type releaseConfig struct {
	Version int `yaml:"version"`
	Builds  []struct {
		ID      string              `yaml:"id"`
		Main    string              `yaml:"main"`
		Binary  string              `yaml:"binary"`
		Env     []string            `yaml:"env"`
		Goos    []string            `yaml:"goos"`
		Goarch  []string            `yaml:"goarch"`
		Ignore  []map[string]string `yaml:"ignore"`
		Targets []string            `yaml:"targets"`
		Ldflags []string            `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
		NameTemplate string `yaml:"name_template"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
}

func loadReleaseConfig(t *testing.T) releaseConfig {
	t.Helper()
	data, err := os.ReadFile(goreleaserConfig)
	if err != nil {
		t.Fatal(err)
	}
	var c releaseConfig
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s: %v", goreleaserConfig, err)
	}
	if c.Version != 2 || len(c.Builds) != 1 {
		t.Fatalf("%s: want version: 2 and one build, have version %d and %d builds", goreleaserConfig, c.Version, len(c.Builds))
	}
	return c
}

// TestReleaseTargets: linux, macOS and Windows on amd64 and arm64, static,
// in tar.gz (zip for Windows), with a sha256 checksums file: what action.yml
// and the README's install steps expect to find on a release.
func TestReleaseTargets(t *testing.T) {
	c := loadReleaseConfig(t)
	b := c.Builds[0]
	if b.Main != "./cmd/factpress" || b.Binary != "factpress" {
		t.Errorf("build main %q binary %q, want ./cmd/factpress and factpress", b.Main, b.Binary)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("build env %q does not disable cgo", b.Env)
	}
	goos, goarch := slices.Sorted(slices.Values(b.Goos)), slices.Sorted(slices.Values(b.Goarch))
	if !slices.Equal(goos, []string{"darwin", "linux", "windows"}) || !slices.Equal(goarch, []string{"amd64", "arm64"}) {
		t.Errorf("targets %v × %v, want darwin, linux, windows × amd64, arm64", goos, goarch)
	}
	if len(b.Ignore) != 0 || len(b.Targets) != 0 {
		t.Errorf("ignore %v and targets %v would change the six targets", b.Ignore, b.Targets)
	}
	if len(c.Archives) != 1 {
		t.Fatalf("%d archives, want one", len(c.Archives))
	}
	a := c.Archives[0]
	zip := len(a.FormatOverrides) == 1 && a.FormatOverrides[0].Goos == "windows" && slices.Equal(a.FormatOverrides[0].Formats, []string{"zip"})
	if !slices.Equal(a.Formats, []string{"tar.gz"}) || !zip {
		t.Errorf("archives %v with overrides %+v, want tar.gz and zip for windows", a.Formats, a.FormatOverrides)
	}
	if a.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" {
		t.Errorf("archive name %q is not the one action.yml downloads", a.NameTemplate)
	}
	if c.Checksum.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_checksums.txt" || c.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %+v is not the sha256 file action.yml verifies against", c.Checksum)
	}
}

// xFlag is one -X flag: the variable it sets and the template of its value.
var xFlag = regexp.MustCompile(`-X[ =]([^ =]+)=([^ ]+)`)

// TestReleaseLdflags: each -X flag sets a string variable this package
// declares without a value, and each such variable has one, so that renaming
// either side breaks this test instead of leaving releases unstamped (the
// linker ignores -X for a variable that does not exist).
func TestReleaseLdflags(t *testing.T) {
	c := loadReleaseConfig(t)
	set := map[string]bool{}
	for _, m := range xFlag.FindAllStringSubmatch(strings.Join(c.Builds[0].Ldflags, " "), -1) {
		pkg, name, ok := cut(m[1])
		if !ok || pkg != pkgPath {
			t.Errorf("-X %s=%s sets a variable outside %s", m[1], m[2], pkgPath)
			continue
		}
		set[name] = true
	}
	stamped := stampVariables(t)
	for name := range set {
		if !slices.Contains(stamped, name) {
			t.Errorf("-X sets %s.%s, which is not a string variable without a value here", pkgPath, name)
		}
	}
	for _, name := range stamped {
		if !set[name] {
			t.Errorf("%s.%s is set by no -X flag in %s", pkgPath, name, goreleaserConfig)
		}
	}
	if len(stamped) < 3 {
		t.Errorf("only %v can be stamped: want the version, the commit and the date", stamped)
	}
}

// cut splits "path/to/pkg.name" at its last dot.
func cut(s string) (pkg, name string, ok bool) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// stampVariables lists the package-level string variables of this package
// (its non-test files) declared without a value: the ones -X can set and
// nothing else does.
func stampVariables(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				v := s.(*ast.ValueSpec)
				if id, ok := v.Type.(*ast.Ident); ok && id.Name == "string" && len(v.Values) == 0 {
					for _, n := range v.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
	}
	return names
}

// TestReleaseStamp links a program with the config's own ldflags, their
// templates filled in as GoReleaser would for v1.2.3, and checks that
// version.Read() in it reports the stamped version, commit and date.
func TestReleaseStamp(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to link with")
	}
	const (
		rev  = "0123456789abcdef0123456789abcdef01234567"
		when = "2026-01-19T10:00:00Z"
	)
	fields := map[string]string{"Version": "1.2.3", "FullCommit": rev, "CommitDate": when}
	var unknown []string
	ldflags := regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`).ReplaceAllStringFunc(
		strings.Join(loadReleaseConfig(t).Builds[0].Ldflags, " "),
		func(tmpl string) string {
			name := strings.Trim(tmpl, "{} .")
			v, ok := fields[name]
			if !ok {
				unknown = append(unknown, tmpl)
			}
			return v
		})
	if len(unknown) != 0 {
		t.Fatalf("ldflags use templates this test does not fill in: %v", unknown)
	}
	bin := filepath.Join(t.TempDir(), "stamped")
	build := exec.Command(goCmd, "build", "-ldflags", ldflags, "-o", bin, "./testdata/stamped")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -ldflags %q: %v\n%s", ldflags, err, out)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.TrimSpace(string(out))
	if !strings.HasPrefix(got, "factpress v1.2.3 go") || !strings.Contains(got, " vcs.revision="+rev+" vcs.time="+when) {
		t.Errorf("a binary linked with %q says %q, want factpress v1.2.3 go… vcs.revision=%s vcs.time=%s", ldflags, got, rev, when)
	}
}
