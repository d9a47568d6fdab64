package build

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/qa"
	"github.com/factpress/factpress/internal/scaffold"
	"github.com/factpress/factpress/internal/snapshot"
)

func TestSnapshotReproducibleAndVerified(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip")
	var res *Result
	for _, out := range []string{a, b} {
		var err error
		res, err = Snapshot(context.Background(), Options{Source: sampleSite, Theme: factpress.DefaultTheme, Today: today}, out)
		if err != nil || res.Failed() {
			t.Fatalf("snapshot: %v %v", err, res.Diags)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Fatal("two snapshots of the same input differ")
	}
	r, err := snapshot.Verify(a)
	if err != nil || !r.OK() {
		t.Fatalf("verify of a fresh snapshot: %+v %v", r, err)
	}
	if r.Files != res.Stats.Files {
		t.Errorf("snapshot says %d files, verify checked %d", res.Stats.Files, r.Files)
	}

	// One folder, named after the site and its last update.
	folder := "factpress-demonstration-archive-" + res.Site.Latest.UTC().Format(time.DateOnly)
	if r.Folder != folder {
		t.Errorf("verify found the folder %q, want %q", r.Folder, folder)
	}
	zr, err := zip.NewReader(bytes.NewReader(da), int64(len(da)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, folder+"/") {
			t.Errorf("%s is outside %s/", f.Name, folder)
		}
		names = append(names, strings.TrimPrefix(f.Name, folder+"/"))
	}
	for _, want := range []string{"index.html", "search/index.html", "source/content/checks/minneapolis-police-ice.md", "source/factpress.yaml", snapshot.ManifestName, snapshot.AboutPage, snapshot.AboutData} {
		if !slices.Contains(names, want) {
			t.Errorf("snapshot lacks %s", want)
		}
	}
	in := func(name string) string { return folder + "/" + name }
	home := readZip(t, zr, in("index.html"))
	if !strings.Contains(home, `href="checks/index.html"`) || strings.Contains(home, `href="/`) {
		t.Error("the snapshot's pages are not an offline build")
	}
	// The about page is the snapshot's, not the site's: no page links to it.
	for _, name := range names {
		if strings.HasSuffix(name, ".html") && name != snapshot.AboutPage && strings.Contains(readZip(t, zr, in(name)), "ABOUT-THIS-SNAPSHOT") {
			t.Errorf("%s links to the about page", name)
		}
	}
	var about snapshot.About
	if err := json.Unmarshal([]byte(readZip(t, zr, in(snapshot.AboutData))), &about); err != nil {
		t.Fatal(err)
	}
	if about.Title != "factpress demonstration archive" || about.Folder != folder || about.LastUpdate != res.Site.Latest.UTC().Format(time.DateOnly) || about.Factpress.Version == "" || about.Source.State == "" {
		t.Errorf("about %+v", about)
	}
	page := readZip(t, zr, in(snapshot.AboutPage))
	for _, want := range []string{"factpress demonstration archive", about.LastUpdate, "factpress " + about.Factpress.Version} {
		if !strings.Contains(page, want) {
			t.Errorf("the about page lacks %q", want)
		}
	}

	// Unpacked, the folder checks itself with sha256sum -c.
	unpacked := unzip(t, da)
	manifest, err := os.ReadFile(filepath.Join(unpacked, folder, snapshot.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	// GNU sha256sum's text format: 64 hex digits, two spaces, and a name
	// it needs no escape for (no backslash and no newline), relative to the
	// folder the check runs in.
	line := regexp.MustCompile(`^[0-9a-f]{64}  ([^\\\n]+)$`)
	lines := strings.Split(strings.TrimSuffix(string(manifest), "\n"), "\n")
	for _, l := range lines {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("manifest line %q is not sha256sum's", l)
			continue
		}
		if _, err := os.Stat(filepath.Join(unpacked, folder, filepath.FromSlash(m[1]))); err != nil {
			t.Errorf("manifest line %q: %v", l, err)
		}
	}
	if len(lines) != r.Files {
		t.Errorf("manifest lists %d files, verify checked %d", len(lines), r.Files)
	}
	for _, want := range []string{snapshot.AboutPage, snapshot.AboutData} {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasSuffix(l, "  "+want) }) {
			t.Errorf("manifest lacks %s", want)
		}
	}
	if _, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command("sha256sum", "--check", "--strict", "--quiet", snapshot.ManifestName)
		cmd.Dir = filepath.Join(unpacked, folder)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c in %s: %v\n%s", folder, err, out)
		}
	} else {
		t.Log("no sha256sum on PATH; its format checked by hand only")
	}
	t.Run("the about page is valid HTML", func(t *testing.T) {
		msgs, err := qa.RequireVNU(t).Check(filepath.Join(unpacked, folder, snapshot.AboutPage))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			t.Error(m)
		}
	})

	// One changed byte in one file, re-packed with a valid zip structure.
	changed := filepath.Join(dir, "changed.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	check := in("checks/minneapolis-police-ice/index.html")
	for _, f := range zr.File {
		data := []byte(readZip(t, zr, f.Name))
		if f.Name == check {
			data[100] ^= 1
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	os.WriteFile(changed, buf.Bytes(), 0o644)
	r, err = snapshot.Verify(changed)
	if err != nil || !slices.Equal(r.Changed, []string{check}) || len(r.Added)+len(r.Missing) != 0 {
		t.Errorf("verify after one changed byte: %+v %v", r, err)
	}

	// One byte flipped in the archive itself, inside a file's compressed data.
	flipped := slices.Clone(da)
	off := bytes.Index(flipped, []byte(check)) + 200
	flipped[off] ^= 0xff
	os.WriteFile(changed, flipped, 0o644)
	if r, err := snapshot.Verify(changed); err == nil && r.OK() {
		t.Error("a flipped byte in the archive went unnoticed")
	}
}

// TestSnapshotSaysWhichCommit snapshots a site outside any repository, then
// committed, then edited, and reads what the about page says of its source.
func TestSnapshotSaysWhichCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if _, err := scaffold.Init(site, today); err != nil {
		t.Fatal(err)
	}
	// Git must see only this test's repository and configuration: not one
	// the temporary folder is in, nor a hook's GIT_DIR, nor the user's
	// settings (signing, hooks).
	t.Setenv("GIT_CEILING_DIRECTORIES", dir)
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", site, "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", args[0], err, out)
		}
		return strings.TrimSpace(string(out))
	}
	// The zip goes into the site folder, as `factpress snapshot` run there
	// puts it: an untracked file that is not the site's source, so it must
	// not make the source look changed.
	out := filepath.Join(site, "archive.zip")
	snap := func() (snapshot.About, string, []byte) {
		t.Helper()
		res, err := Snapshot(context.Background(), Options{Source: site, Theme: factpress.DefaultTheme, Today: today}, out)
		if err != nil || res.Failed() {
			t.Fatalf("snapshot: %v %v", err, res.Diags)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		folder := snapshot.Folder(res.Site.Config.Title, res.Site.Latest)
		var about snapshot.About
		if err := json.Unmarshal([]byte(readZip(t, zr, folder+"/"+snapshot.AboutData)), &about); err != nil {
			t.Fatal(err)
		}
		return about, readZip(t, zr, folder+"/"+snapshot.AboutPage), data
	}

	about, page, _ := snap()
	if about.Source != (snapshot.Source{State: snapshot.SourceNoGit}) || !strings.Contains(page, "<dd>not a git repository</dd>") {
		t.Errorf("outside a repository: %+v\n%s", about.Source, page)
	}

	git("init", "--quiet")
	git("add", "factpress.yaml", "content", ".gitignore")
	git("commit", "--quiet", "-m", "the site")
	head := git("rev-parse", "HEAD")
	about, page, first := snap()
	if about.Source != (snapshot.Source{State: snapshot.SourceCommitted, Commit: head}) || !strings.Contains(page, "git commit <code>"+head+"</code>") {
		t.Errorf("committed: %+v, want commit %s\n%s", about.Source, head, page)
	}
	if _, _, second := snap(); !bytes.Equal(first, second) {
		t.Error("two snapshots of the same commit differ")
	}

	check := filepath.Join(site, "content", "checks", "example-check.md")
	body, err := os.ReadFile(check)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(check, append(body, "\nOne more line.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	about, page, _ = snap()
	if about.Source != (snapshot.Source{State: snapshot.SourceUncommitted, Commit: head}) || !strings.Contains(page, "uncommitted changes") {
		t.Errorf("after an edit: %+v\n%s", about.Source, page)
	}
	if r, err := snapshot.Verify(out); err != nil || !r.OK() {
		t.Errorf("verify: %+v %v", r, err)
	}
}

func readZip(t *testing.T, zr *zip.Reader, name string) string {
	t.Helper()
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// unzip unpacks a snapshot into a new folder, as an unzip tool would.
func unzip(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(readZip(t, zr, f.Name)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
