package build

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The composite action at the repository's root, run here step by step as
// the runner would: its expressions filled in, its bash scripts run with the
// runner's variables, against a github.com that is a folder (a curl and a git
// on PATH that read it) and a factpress that logs its arguments. The actions
// it uses are stood in for: actions/cache misses (or hits, when asked) and
// actions/setup-go does nothing.

type actionFile struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	With             map[string]string `yaml:"with"`
}

func loadAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sampleSite, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// TestActionInputs: the inputs the README documents, with their defaults,
// and no expression written into a script, where an input's text would run
// as shell code.
func TestReleaseActionInputs(t *testing.T) {
	a := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q, want composite", a.Runs.Using)
	}
	for name, def := range map[string]string{"command": "build", "version": "", "args": "", "working-directory": ".", "from-source": "false"} {
		in, ok := a.Inputs[name]
		if !ok {
			t.Errorf("no input %s", name)
		} else if in.Default != def {
			t.Errorf("input %s defaults to %q, want %q", name, in.Default, def)
		}
	}
	used := regexp.MustCompile(`inputs\.([\w-]+)`)
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q writes an expression into its script; pass it through env", s.Name+s.ID)
		}
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q runs in %q, want bash (the same on every runner)", s.Name+s.ID, s.Shell)
		}
		for _, v := range append(mapValues(s.Env), append(mapValues(s.With), s.If, s.WorkingDirectory)...) {
			for _, m := range used.FindAllStringSubmatch(v, -1) {
				if _, ok := a.Inputs[m[1]]; !ok {
					t.Errorf("step %q uses inputs.%s, which action.yml does not declare", s.Name+s.ID, m[1])
				}
			}
		}
	}
}

func mapValues(m map[string]string) []string {
	var vs []string
	for _, v := range m {
		vs = append(vs, v)
	}
	return vs
}

// fakeGitHub lays out a folder that the fake curl and git serve as
// https://github.com, and the fake tools themselves.
type fakeGitHub struct {
	root, bin, log, factpress string
}

const fakeCurl = `#!/bin/sh
# curl [-fsSL] [--retry N] [-o FILE] [-w FORMAT] https://github.com/PATH
out=/dev/stdout fmt= url=
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=$2; shift ;;
    -w) fmt=$2; shift ;;
    --retry) shift ;;
    https://github.com/*) url=$1 ;;
    -*) ;;
    *) echo "fake curl: what is $1?" >&2; exit 2 ;;
  esac
  shift
done
path=$FAKE_GITHUB/${url#https://github.com/}
[ -f "$path" ] || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }
case $url in
  */releases/latest) effective=$(cat "$path"); : >"$out" ;;
  *) effective=$url; cat "$path" >"$out" ;;
esac
[ "$fmt" = '%{url_effective}' ] && printf '%s' "$effective"
exit 0
`

const fakeGit = `#!/bin/sh
# git ls-remote --tags --refs URL PATTERN, from $FAKE_GITHUB/tags
[ "$1" = ls-remote ] || { echo "fake git: only ls-remote" >&2; exit 2; }
for pattern; do :; done
while read -r sha ref; do
  case $ref in $pattern) printf '%s\t%s\n' "$sha" "$ref" ;; esac
done <"$FAKE_GITHUB/tags"
`

const fakeGo = `#!/bin/sh
# go install PACKAGE@VERSION: logs it and installs the fake factpress in GOBIN.
[ "$1" = install ] || { echo "fake go: only install" >&2; exit 2; }
echo "go install $2" >>"$FAKE_LOG"
mkdir -p "$GOBIN" && cp "$FAKE_FACTPRESS" "$GOBIN/factpress"
`

const fakeFactpress = `#!/bin/sh
if [ "$1" = version ]; then echo "factpress (fake)"; exit 0; fi
for a; do printf '<%s>' "$a"; done >>"$FAKE_LOG"
printf ' in %s\n' "$PWD" >>"$FAKE_LOG"
`

func newFakeGitHub(t *testing.T) *fakeGitHub {
	t.Helper()
	dir := t.TempDir()
	g := &fakeGitHub{root: filepath.Join(dir, "github.com"), bin: filepath.Join(dir, "bin"), log: filepath.Join(dir, "log"), factpress: filepath.Join(dir, "factpress")}
	for name, text := range map[string]string{"curl": fakeCurl, "git": fakeGit, "go": fakeGo} {
		writeFile(t, filepath.Join(g.bin, name), text, 0o755)
	}
	writeFile(t, g.factpress, fakeFactpress, 0o755)
	writeFile(t, filepath.Join(g.root, "tags"), "", 0o644)
	return g
}

func writeFile(t *testing.T, path, text string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
}

// release publishes version's tar.gz for linux/arch, as .goreleaser.yaml
// names it, and its checksums file; tamper changes the archive after its
// checksum was taken.
func (g *fakeGitHub) release(t *testing.T, version, arch string, tamper bool) {
	t.Helper()
	bin, err := os.ReadFile(g.factpress)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, f := range []struct {
		name string
		mode int64
		data []byte
	}{{"README.md", 0o644, []byte("# factpress\n")}, {"factpress", 0o755, bin}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	v := strings.TrimPrefix(version, "v")
	archive := fmt.Sprintf("factpress_%s_linux_%s.tar.gz", v, arch)
	sum := sha256.Sum256(buf.Bytes())
	data := buf.Bytes()
	if tamper {
		data = append(data, 0)
	}
	dir := filepath.Join(g.root, "factpress", "factpress", "releases", "download", version)
	writeFile(t, filepath.Join(dir, archive), string(data), 0o644)
	sums := fmt.Sprintf("%s  factpress_%s_darwin_arm64.tar.gz\n%s  %s\n", strings.Repeat("0", 64), v, hex.EncodeToString(sum[:]), archive)
	writeFile(t, filepath.Join(dir, "factpress_"+v+"_checksums.txt"), sums, 0o644)
}

func (g *fakeGitHub) latest(t *testing.T, version string) {
	writeFile(t, filepath.Join(g.root, "factpress", "factpress", "releases", "latest"), "https://github.com/factpress/factpress/releases/tag/"+version, 0o644)
}

func (g *fakeGitHub) logged(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(g.log)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return string(data)
}

// actionRun is one use of the action in a job.
type actionRun struct {
	t          *testing.T
	g          *fakeGitHub
	inputs     map[string]string
	actionRef  string
	arch       string // RUNNER_ARCH
	cacheHit   bool
	toolCache  string
	workspace  string
	githubPath string
	outputs    map[string]map[string]string
	ran        []string
}

func (g *fakeGitHub) use(t *testing.T, inputs map[string]string) *actionRun {
	dir := t.TempDir()
	r := &actionRun{t: t, g: g, inputs: inputs, arch: "X64", toolCache: filepath.Join(dir, "toolcache"), workspace: filepath.Join(dir, "work"), githubPath: filepath.Join(dir, "github_path"), outputs: map[string]map[string]string{}}
	if err := os.MkdirAll(filepath.Join(r.workspace, "site"), 0o755); err != nil {
		t.Fatal(err)
	}
	return r
}

var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

func (r *actionRun) eval(expr string, a actionFile) string {
	r.t.Helper()
	parts := strings.Split(expr, ".")
	switch {
	case len(parts) == 2 && parts[0] == "inputs":
		if v, ok := r.inputs[parts[1]]; ok {
			return v
		}
		in, ok := a.Inputs[parts[1]]
		if !ok {
			r.t.Fatalf("action.yml uses undeclared %s", expr)
		}
		return in.Default
	case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
		return r.outputs[parts[1]][parts[3]]
	case expr == "github.action_ref":
		return r.actionRef
	}
	r.t.Fatalf("this test cannot evaluate ${{ %s }}: teach it", expr)
	return ""
}

func (r *actionRun) fill(s string, a actionFile) string {
	return expression.ReplaceAllStringFunc(s, func(m string) string {
		return r.eval(expression.FindStringSubmatch(m)[1], a)
	})
}

var condition = regexp.MustCompile(`^(\S+) (==|!=) '([^']*)'$`)

func (r *actionRun) when(cond string, a actionFile) bool {
	r.t.Helper()
	if cond == "" {
		return true
	}
	m := condition.FindStringSubmatch(strings.TrimSpace(cond))
	if m == nil {
		r.t.Fatalf("this test cannot evaluate if: %s", cond)
	}
	return (r.eval(m[1], a) == m[3]) == (m[2] == "==")
}

// run runs the action's steps in order until one fails, and returns the
// failing step's output, or "" when every step succeeded.
func (r *actionRun) run() string {
	r.t.Helper()
	a := loadAction(r.t)
	for i, s := range a.Runs.Steps {
		if !r.when(s.If, a) {
			continue
		}
		name := s.ID
		if name == "" {
			name = s.Name
		}
		r.ran = append(r.ran, name)
		switch {
		case strings.HasPrefix(s.Uses, "actions/cache@"):
			if r.fill(s.With["path"], a) == "" || !strings.Contains(r.fill(s.With["key"], a), r.outputs["resolve"]["version"]) {
				r.t.Errorf("cache path %q key %q", r.fill(s.With["path"], a), r.fill(s.With["key"], a))
			}
			r.outputs[s.ID] = map[string]string{"cache-hit": fmt.Sprint(r.cacheHit)}
			continue
		case strings.HasPrefix(s.Uses, "actions/setup-go@"):
			continue
		case s.Uses != "":
			r.t.Fatalf("this test cannot stand in for %s", s.Uses)
		}
		script := filepath.Join(r.t.TempDir(), "step.sh")
		writeFile(r.t, script, s.Run, 0o644)
		out := filepath.Join(r.t.TempDir(), "output")
		writeFile(r.t, out, "", 0o644)
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = r.workspace
		if wd := r.fill(s.WorkingDirectory, a); wd != "" {
			cmd.Dir = filepath.Join(r.workspace, wd)
		}
		cmd.Env = []string{
			"PATH=" + r.g.bin + string(os.PathListSeparator) + os.Getenv("PATH"),
			"HOME=" + os.Getenv("HOME"),
			"RUNNER_OS=Linux", "RUNNER_ARCH=" + r.arch,
			"RUNNER_TOOL_CACHE=" + r.toolCache, "RUNNER_TEMP=" + r.t.TempDir(),
			"GITHUB_OUTPUT=" + out, "GITHUB_PATH=" + r.githubPath,
			"GITHUB_ACTION_PATH=" + filepath.Join(r.t.TempDir(), "_actions", "factpress", "factpress", "main"),
			"FAKE_GITHUB=" + r.g.root, "FAKE_LOG=" + r.g.log, "FAKE_FACTPRESS=" + r.g.factpress,
		}
		for k, v := range s.Env {
			cmd.Env = append(cmd.Env, k+"="+r.fill(v, a))
		}
		combined, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Sprintf("step %d (%s): %v\n%s", i, name, err, combined)
		}
		data, _ := os.ReadFile(out)
		outputs := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				outputs[k] = v
			}
		}
		if s.ID != "" {
			r.outputs[s.ID] = outputs
		}
	}
	return ""
}

func needShell(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake tools are shell scripts")
	}
	for _, tool := range []string{"bash", "tar", "awk", "sed", "sort", "xargs", "mktemp"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		if _, err := exec.LookPath("shasum"); err != nil {
			t.Skip("no sha256sum or shasum")
		}
	}
}

func TestReleaseActionInstallsVerifiesAndRuns(t *testing.T) {
	needShell(t)
	g := newFakeGitHub(t)
	g.release(t, "v1.2.3", "amd64", false)

	// Pinned by its own tag, the action installs that release; check gets
	// --format github first, and args are split as a shell would.
	r := g.use(t, map[string]string{"command": "check", "args": `--changed-since "origin/main" --strict 'two words'`, "working-directory": "site"})
	r.actionRef = "v1.2.3"
	if failed := r.run(); failed != "" {
		t.Fatal(failed)
	}
	bin := filepath.Join(r.toolCache, "factpress", "v1.2.3", "linux-amd64", "factpress")
	if r.outputs["resolve"]["version"] != "v1.2.3" || r.outputs["resolve"]["bin"] != bin {
		t.Errorf("resolved %v, want v1.2.3 at %s", r.outputs["resolve"], bin)
	}
	want := "<check><--format><github><--changed-since><origin/main><--strict><two words> in " + filepath.Join(r.workspace, "site") + "\n"
	if got := g.logged(t); got != want {
		t.Errorf("factpress ran as\n%q, want\n%q", got, want)
	}
	if data, _ := os.ReadFile(r.githubPath); strings.TrimSpace(string(data)) != filepath.Dir(bin) {
		t.Errorf("GITHUB_PATH %q, want %s", data, filepath.Dir(bin))
	}

	// A cache hit downloads nothing: with the release gone, the cached
	// binary still runs.
	if err := os.RemoveAll(filepath.Join(g.root, "factpress", "factpress", "releases", "download")); err != nil {
		t.Fatal(err)
	}
	again := g.use(t, map[string]string{"command": "build"})
	again.actionRef, again.toolCache, again.cacheHit = "v1.2.3", r.toolCache, true
	if failed := again.run(); failed != "" {
		t.Fatal(failed)
	}
	if strings.Contains(strings.Join(again.ran, " "), "download") {
		t.Errorf("a cache hit ran %v", again.ran)
	}
}

func TestReleaseActionVersions(t *testing.T) {
	needShell(t)
	g := newFakeGitHub(t)
	g.latest(t, "v1.10.0")
	writeFile(t, filepath.Join(g.root, "tags"), strings.Join([]string{
		"a refs/tags/v1.2.3", "b refs/tags/v1.10.0", "c refs/tags/v1.9.1", "d refs/tags/v1.11.0-rc.1", "e refs/tags/v2.0.0", "f refs/tags/v1",
	}, "\n")+"\n", 0o644)
	for _, tc := range []struct{ input, ref, want string }{
		{"", "v1.2.3", "v1.2.3"},           // the action's own release tag
		{"", "v1", "v1.10.0"},              // its major tag: the newest v1 release, by number
		{"", "main", "v1.10.0"},            // a branch: latest
		{"latest", "v1.2.3", "v1.10.0"},    // asked for
		{"v1.9", "", "v1.9.1"},             // a minor line
		{"v1.2.3-rc.1", "", "v1.2.3-rc.1"}, // a pre-release, by name
	} {
		r := g.use(t, map[string]string{"version": tc.input})
		r.actionRef = tc.ref
		r.run() // the download fails: only the resolved version is looked at
		if got := r.outputs["resolve"]["version"]; got != tc.want {
			t.Errorf("version %q at ref %q resolved to %q, want %q", tc.input, tc.ref, got, tc.want)
		}
	}
	for _, bad := range []map[string]string{{"version": "1.2.3"}, {"version": "v1.2.3; rm -rf /"}, {"command": "serve"}, {"version": "v3"}} {
		r := g.use(t, bad)
		if failed := r.run(); !strings.Contains(failed, "(resolve)") || !strings.Contains(failed, "::error") {
			t.Errorf("%v: want resolve to fail with an annotation, got %q", bad, failed)
		}
	}
}

func TestReleaseActionRefusesBadChecksum(t *testing.T) {
	needShell(t)
	g := newFakeGitHub(t)
	g.release(t, "v1.2.3", "amd64", true)
	r := g.use(t, map[string]string{"version": "v1.2.3", "from-source": "true"})
	failed := r.run()
	if !strings.Contains(failed, "(download)") || !strings.Contains(failed, "SHA-256") {
		t.Errorf("a tampered archive: %q", failed)
	}
	if _, err := os.Stat(filepath.Join(r.toolCache, "factpress", "v1.2.3", "linux-amd64", "factpress")); err == nil {
		t.Error("a tampered archive was installed")
	}
	if g.logged(t) != "" {
		t.Errorf("factpress ran: %q", g.logged(t))
	}
}

func TestReleaseActionFromSource(t *testing.T) {
	needShell(t)
	g := newFakeGitHub(t)
	g.release(t, "v1.2.3", "amd64", false)

	// No arm archive: an error, unless from-source says to build it.
	r := g.use(t, map[string]string{"version": "v1.2.3"})
	r.arch = "ARM"
	if failed := r.run(); !strings.Contains(failed, "(download)") || !strings.Contains(failed, "from-source") {
		t.Errorf("no archive, no from-source: %q", failed)
	}
	r = g.use(t, map[string]string{"version": "v1.2.3", "from-source": "true"})
	r.arch = "ARM"
	if failed := r.run(); failed != "" {
		t.Fatal(failed)
	}
	if !strings.Contains(strings.Join(r.ran, " "), "Set up Go") {
		t.Errorf("from-source did not set up Go: ran %v", r.ran)
	}
	if got := g.logged(t); !strings.HasPrefix(got, "go install github.com/factpress/factpress/cmd/factpress@v1.2.3\n<build> in ") {
		t.Errorf("from source: %q", got)
	}
}
