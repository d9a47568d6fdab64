package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/testsite"
)

// cacheSites are the archives the parse cache is tried on: the sample, a
// bilingual one, and the real claims when they are beside the project.
func cacheSites(t *testing.T) map[string]string {
	sites := map[string]string{
		"sample":    testsite.Copy(t, sampleSite, "factpress.yaml", "content"),
		"bilingual": testsite.Write(t, testsite.Bilingual()),
	}
	real := filepath.Join(sampleSite, "..", "shared", "corpus", "real-sample")
	if _, err := os.Stat(filepath.Join(real, "factpress.yaml")); err == nil {
		sites["real"] = testsite.Copy(t, real, "factpress.yaml", "content")
	}
	return sites
}

// TestParseCacheChangesNoByte: a build or check that takes its parses from
// the cache writes and finds exactly what one that parses everything does.
func TestParseCacheChangesNoByte(t *testing.T) {
	for name, src := range cacheSites(t) {
		t.Run(name, func(t *testing.T) {
			cache := t.TempDir()
			ref := filepath.Join(t.TempDir(), "public")
			want := buildOK(t, Options{Source: src, Destination: ref})
			wantTree := tree(t, ref)
			for i, wantParsed := range []int{want.Files, 0} {
				dest := filepath.Join(t.TempDir(), "public")
				got := buildOK(t, Options{Source: src, Destination: dest, CacheDir: cache})
				if got.Parsed != wantParsed {
					t.Errorf("build %d parsed %d files, want %d", i+1, got.Parsed, wantParsed)
				}
				if !slices.Equal(got.Diags, want.Diags) {
					t.Errorf("build %d found\n%v\nwant\n%v", i+1, got.Diags, want.Diags)
				}
				sameTrees(t, name, tree(t, dest), wantTree)
			}
			// check, then with the cache a build left, then with its own;
			// and for one file, whose neighbours it reads front matter only.
			one := []string{want.Site.Checks[0].Check.Path}
			for _, paths := range [][]string{nil, one} {
				ref, err := Check(context.Background(), Options{Source: src, Paths: paths, Today: today})
				if err != nil {
					t.Fatal(err)
				}
				for i := range 2 {
					got, err := Check(context.Background(), Options{Source: src, Paths: paths, Today: today, CacheDir: cache})
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got.Diags, ref.Diags) {
						t.Errorf("check %v, run %d, with the cache found\n%v\nwant\n%v", paths, i+1, got.Diags, ref.Diags)
					}
				}
			}
		})
	}
}

// TestParseCacheSeesWhatChanged: an edited file, a new one, a removed one
// and a changed setting that parsing reads are parsed anew; a cache that
// cannot be read costs time, never a wrong page.
func TestParseCacheSeesWhatChanged(t *testing.T) {
	src := generatedSite(t, 20, 1)
	cache := t.TempDir()
	dest := filepath.Join(t.TempDir(), "public")
	first := buildOK(t, Options{Source: src, Destination: dest, CacheDir: cache})
	checks := filepath.Join(src, "content", "checks")
	entries, err := os.ReadDir(checks)
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(checks, entries[0].Name())
	appendTo(t, edited, "\nA line about <b>raw</b> markup.\n")
	res := buildOK(t, Options{Source: src, Destination: dest, CacheDir: cache})
	if res.Parsed != 1 {
		t.Errorf("after one edit, %d files parsed, want 1", res.Parsed)
	}
	found := false
	for _, c := range res.Site.Checks {
		if filepath.Base(c.Check.Path) == entries[0].Name() {
			found = strings.Contains(read(t, dest, c.Path+"index.html"), "A line about")
		}
	}
	if !found {
		t.Error("the edited check's page does not show the edit")
	}

	if err := os.Remove(filepath.Join(checks, entries[1].Name())); err != nil {
		t.Fatal(err)
	}
	res = buildOK(t, Options{Source: src, Destination: dest, CacheDir: cache})
	if res.Parsed != 0 || len(res.Site.Checks) != len(first.Site.Checks)-1 {
		t.Errorf("after a removal: %d parsed, %d checks, want 0 and %d", res.Parsed, len(res.Site.Checks), len(first.Site.Checks)-1)
	}

	// unsafe_html changes every body's HTML: nothing in the cache holds.
	appendTo(t, filepath.Join(src, "factpress.yaml"), "\nunsafe_html: true\n")
	res = buildOK(t, Options{Source: src, Destination: dest, CacheDir: cache})
	if res.Parsed != res.Files {
		t.Errorf("after unsafe_html changed, %d of %d files parsed", res.Parsed, res.Files)
	}

	shards, _ := filepath.Glob(filepath.Join(cache, "parse-*", "*.gob"))
	if len(shards) < 2 {
		t.Fatalf("cache files %v, want a few shards", shards)
	}
	whole := map[string][]byte{}
	for _, f := range shards {
		if whole[f], err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	breakings := map[string]func([]byte) []byte{
		"empty":     func([]byte) []byte { return nil },
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"garbage":   func(b []byte) []byte { return append(slices.Clone(b[:len(b)/2]), make([]byte, 64)...) },
	}
	for name, breakShard := range breakings {
		for f, data := range whole {
			if err := os.WriteFile(f, breakShard(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ref := filepath.Join(t.TempDir(), "public")
		buildOK(t, Options{Source: src, Destination: ref})
		got := filepath.Join(t.TempDir(), "public")
		res := buildOK(t, Options{Source: src, Destination: got, CacheDir: cache})
		if res.Parsed != res.Files {
			t.Errorf("a cache %s: %d of %d files parsed", name, res.Parsed, res.Files)
		}
		sameTrees(t, "after a broken cache", tree(t, got), tree(t, ref))
	}

	// An edit writes again only the shard that holds the file.
	before := map[string]string{}
	for _, f := range shards {
		before[f] = read(t, f, "")
	}
	appendTo(t, edited, "\nOne more line.\n")
	buildOK(t, Options{Source: src, Destination: dest, CacheDir: cache})
	var rewritten []string
	for _, f := range shards {
		if read(t, f, "") != before[f] {
			rewritten = append(rewritten, filepath.Base(f))
		}
	}
	rel, _ := filepath.Rel(src, edited)
	if want := []string{fmt.Sprintf("%02d.gob", shardOf(filepath.ToSlash(rel)))}; !slices.Equal(rewritten, want) {
		t.Errorf("after one edit, shards %v were written, want %v", rewritten, want)
	}
}

// TestParseCacheIsPerProgramAndSite: two sites keep two caches, and a
// cache written with other settings is not read.
func TestParseCacheIsPerProgramAndSite(t *testing.T) {
	cache := t.TempDir()
	a := openParseCache(cache, "site-a", false, false)
	b := openParseCache(cache, "site-b", false, false)
	if a.dir == b.dir {
		t.Errorf("two sites share %s", a.dir)
	}
	if openParseCache("", "site-a", false, false) != nil {
		t.Error("no folder, yet a cache")
	}
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	res, err := Check(context.Background(), Options{Source: src, Today: today, CacheDir: cache, Theme: factpress.DefaultTheme})
	if err != nil || res.Parsed != res.Files {
		t.Fatalf("first check parsed %d of %d: %v", res.Parsed, res.Files, err)
	}
	c := openParseCache(cache, src, true, false)
	if got := c.load(); len(got) != 0 {
		t.Errorf("a cache saved without unsafe_html gave %d entries to a site with it", len(got))
	}
	if got := openParseCache(cache, src, false, false).load(); len(got) != res.Files {
		t.Errorf("the cache holds %d entries, want %d", len(got), res.Files)
	}
}

// TestParseCacheTrimsWhatNobodyReads: a save removes the caches of sites
// unread for two weeks and the half-written shards of stopped runs, and
// keeps the rest.
func TestParseCacheTrimsWhatNobodyReads(t *testing.T) {
	cache := t.TempDir()
	old := time.Now().Add(-unusedFor - time.Hour)
	gone := filepath.Join(cache, "parse-gone")
	kept := filepath.Join(cache, "parse-kept")
	other := filepath.Join(cache, "notes")
	for _, d := range []string{gone, kept, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{gone, other} {
		if err := os.Chtimes(d, old, old); err != nil {
			t.Fatal(err)
		}
	}
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	c := openParseCache(cache, src, false, false)
	stale := filepath.Join(c.dir, "00.123.tmp")
	fresh := filepath.Join(c.dir, "01.456.tmp")
	for _, f := range []string{stale, fresh} {
		if err := os.MkdirAll(c.dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := Check(context.Background(), Options{Source: src, Today: today, CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{gone: false, kept: true, other: true, stale: false, fresh: true} {
		if _, err := os.Stat(path); (err == nil) != want {
			t.Errorf("%s: there %v, want %v", filepath.Base(path), err == nil, want)
		}
	}
	// A run that only reads the cache marks it as used.
	if err := os.Chtimes(c.dir, old, old); err != nil {
		t.Fatal(err)
	}
	res, err := Check(context.Background(), Options{Source: src, Today: today, CacheDir: cache})
	if err != nil || res.Parsed != 0 {
		t.Fatalf("a second check parsed %d files: %v", res.Parsed, err)
	}
	if info, err := os.Stat(c.dir); err != nil || time.Since(info.ModTime()) > time.Hour {
		t.Errorf("the cache read is not marked as used: %v %v", info.ModTime(), err)
	}
}

// FuzzCacheShard: whatever a shard file holds after a header this program
// wrote, reading it gives entries or nothing, never a panic.
func FuzzCacheShard(f *testing.F) {
	src := testsite.Copy(f, sampleSite, "factpress.yaml", "content")
	dir := f.TempDir()
	c := openParseCache(dir, src, false, false)
	if _, err := Check(context.Background(), Options{Source: src, Today: today, CacheDir: dir}); err != nil {
		f.Fatal(err)
	}
	shards, _ := filepath.Glob(filepath.Join(c.dir, "*.gob"))
	for _, s := range shards {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/3])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(c.shardFile(0), data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, e := range c.loadShard(0) {
			if e.File == nil || shardOf(e.File.Path) != 0 {
				t.Fatalf("an entry of shard 0 for %v", e.File)
			}
		}
	})
}
