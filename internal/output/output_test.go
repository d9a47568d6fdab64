package output

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is an output: file path → content; a file's key is its content.
type site map[string]string

func write(t *testing.T, dest string, s site, opts Options) *Update {
	t.Helper()
	u, err := Open(dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range s {
		key := sha256.Sum256([]byte(data))
		if u.Unchanged(p, key) {
			continue
		}
		if err := u.WriteFile(p, key, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return u
}

func build(t *testing.T, dest string, s site) int {
	t.Helper()
	u := write(t, dest, s, Options{})
	if err := u.Commit(); err != nil {
		t.Fatal(err)
	}
	return u.Written
}

// holds reports the difference between the folder and s, the manifest aside.
func holds(t *testing.T, dir string, s site) {
	t.Helper()
	seen := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && rel != ".":
			if entries, _ := os.ReadDir(p); len(entries) == 0 {
				t.Errorf("%s: empty folder %s left", dir, rel)
			}
		case d.IsDir() || rel == MarkerName:
		default:
			b, _ := os.ReadFile(p)
			if want, ok := s[rel]; !ok || want != string(b) {
				t.Errorf("%s: %s holds %q, want %q", dir, rel, b, want)
			}
			seen++
		}
		return nil
	})
	if seen != len(s) {
		t.Errorf("%s: %d files, want %d", dir, seen, len(s))
	}
}

func TestUpdatesWriteOnlyWhatChanged(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	v1 := site{"index.html": "home 1", "checks/a/index.html": "a", "checks/b/index.html": "b", "feed.xml": "feed 1"}
	v2 := site{"index.html": "home 2", "checks/a/index.html": "a", "checks/c/index.html": "c", "feed.xml": "feed 1"}
	v3 := site{"index.html": "home 3", "checks/a/index.html": "a changed", "checks/c/index.html": "c", "feed.xml": "feed 1"}
	for i, step := range []struct {
		s       site
		written int
	}{
		{v1, 4}, // into nothing
		{v2, 2}, // the second tree starts as v1's files linked: home, c
		{v3, 3}, // v1's tree brought up to date: home, a, c (new)
		{v3, 2}, // v2's tree: home, a
		{v3, 0},
	} {
		if got := build(t, dest, step.s); got != step.written {
			t.Errorf("build %d wrote %d files, want %d", i+1, got, step.written)
		}
		holds(t, dest, step.s)
	}
}

func TestAbortLeavesTheDestinationAsItWas(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	v1 := site{"index.html": "home 1", "checks/a/index.html": "a"}
	build(t, dest, v1)
	build(t, dest, v1)
	u := write(t, dest, site{"index.html": "broken", "checks/z/index.html": "z"}, Options{})
	u.Abort()
	holds(t, dest, v1)
	// The half-written tree is not trusted: the next build is whole.
	v2 := site{"index.html": "home 2", "checks/a/index.html": "a"}
	build(t, dest, v2)
	holds(t, dest, v2)
}

// The second tree begins as links to the destination's files; writing
// into it must never reach the destination's bytes, however the build
// then ends.
func TestLinkedTreeLeavesTheDestinationAlone(t *testing.T) {
	for _, commit := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		v1 := site{"index.html": "home 1", "checks/a/index.html": "a", "deep/er/x.txt": "x"}
		build(t, dest, v1)
		v2 := site{"index.html": "home 2", "checks/a/index.html": "a changed", "deep/er/x.txt": "x"}
		u := write(t, dest, v2, Options{})
		if u.Written != 2 {
			t.Errorf("wrote %d files into the linked tree, want 2", u.Written)
		}
		holds(t, dest, v1)
		if !commit {
			u.Abort()
			holds(t, dest, v1)
			continue
		}
		if err := u.Commit(); err != nil {
			t.Fatal(err)
		}
		holds(t, dest, v2)
		holds(t, u.previous(), v1)
		// The old tree, brought up to date in its turn, shares x with
		// the new destination.
		v3 := site{"index.html": "home 3", "checks/a/index.html": "a changed", "deep/er/x.txt": "x 3"}
		u = write(t, dest, v3, Options{})
		holds(t, dest, v2)
		u.Abort()
		holds(t, dest, v2)
	}
}

func TestRefusesWhatIsNotAnOutput(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "notes.txt")
	os.WriteFile(file, []byte("my notes"), 0o644)
	repo := filepath.Join(root, "repo")
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	os.WriteFile(filepath.Join(repo, "README.md"), []byte("readme"), 0o644)
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	old := filepath.Join(root, "old-output")
	for _, f := range []string{"api/checks.json", "schema/check.schema.json", "sitemap.xml", "index.html"} {
		os.MkdirAll(filepath.Dir(filepath.Join(old, f)), 0o755)
		os.WriteFile(filepath.Join(old, f), []byte("x"), 0o644)
	}
	for _, tc := range []struct {
		dest  string
		force bool
		want  string // "" for accepted
	}{
		{file, false, "is a file"},
		{file, true, "is a file"},
		{repo, false, "did not build"},
		{filepath.Join(repo, ".git"), true, "git repository"},
		{filepath.Join(repo, ".git", "objects"), true, "git repository"},
		{repo, true, ""},
		{empty, false, ""},
		{old, false, ""},
	} {
		u, err := Open(tc.dest, Options{Force: tc.force})
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.dest, err)
				continue
			}
			u.Abort()
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s force=%v: got %v, want %q", tc.dest, tc.force, err, tc.want)
			u.Abort()
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "my notes" {
		t.Error("the file was touched")
	}
	if b, _ := os.ReadFile(filepath.Join(repo, "README.md")); string(b) != "readme" {
		t.Error("the repository was touched")
	}
}

func TestSymlinkedDestinationIsUpdatedWhereItPoints(t *testing.T) {
	root := t.TempDir()
	webRoot := filepath.Join(root, "www", "site")
	link := filepath.Join(root, "public")
	os.MkdirAll(webRoot, 0o755)
	if err := os.Symlink(webRoot, link); err != nil {
		t.Skip(err)
	}
	v := site{"index.html": "home"}
	build(t, link, v)
	build(t, link, site{"index.html": "home 2"})
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("public is no longer a symlink: %v", err)
	}
	holds(t, webRoot, site{"index.html": "home 2"})
}

// TestConcurrentBuildsTakeTurns: a second build into the same destination
// waits for the first to finish; both land whole, one after the other.
func TestConcurrentBuildsTakeTurns(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first := write(t, dest, site{"index.html": "first", "a.html": "a"}, Options{})
	var second *Update
	opened := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		u, err := Open(dest, Options{})
		if err != nil {
			t.Error(err)
			close(opened)
			return
		}
		second = u
		close(opened)
	}()
	select {
	case <-opened:
		t.Fatal("a second build started while the first was writing")
	case <-time.After(200 * time.Millisecond):
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	<-opened
	wg.Wait()
	holds(t, dest, site{"index.html": "first", "a.html": "a"})
	for p, data := range (site{"index.html": "second"}) {
		second.WriteFile(p, sha256.Sum256([]byte(data)), []byte(data))
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	holds(t, dest, site{"index.html": "second"})
}

// TestSwapInterruptedBetweenRenames kills a swap half-way, where a platform
// without an atomic exchange has the destination aside: the next build
// puts it back exactly as it was, then builds.
func TestSwapInterruptedBetweenRenames(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	v1 := site{"index.html": "home 1", "checks/a/index.html": "a"}
	build(t, dest, v1)
	u := write(t, dest, site{"index.html": "home 2"}, Options{noExchange: true, betweenRenames: func() {
		if _, err := os.Stat(dest); !os.IsNotExist(err) {
			t.Error("the destination is in place half-way through the swap")
		}
		runtime.Goexit() // the process is killed here
	}})
	done := make(chan struct{})
	go func() { defer close(done); u.Commit() }()
	<-done
	again, err := Open(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	holds(t, dest, v1)
	again.Abort()
	build(t, dest, site{"index.html": "home 3"})
	holds(t, dest, site{"index.html": "home 3"})
}

func TestExchangeLeavesNoMomentWithoutDestination(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	build(t, dest, site{"index.html": "1"})
	stop := make(chan struct{})
	missing := make(chan bool, 1)
	go func() {
		for {
			select {
			case <-stop:
				missing <- false
				return
			default:
			}
			if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
				missing <- true
				return
			}
		}
	}()
	for i := range 30 {
		build(t, dest, site{"index.html": strings.Repeat("x", i+1)})
	}
	close(stop)
	if <-missing {
		if runtime.GOOS == "linux" {
			t.Error("the destination was missing during a swap")
		}
	}
}
