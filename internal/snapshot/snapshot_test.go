package snapshot

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func writeZip(t *testing.T, dir string, entries map[string]string) string {
	t.Helper()
	p := filepath.Join(dir, "x.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range entries {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFolder(t *testing.T) {
	day := time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		title string
		day   time.Time
		want  string
	}{
		{"factpress demonstration archive", day, "factpress-demonstration-archive-2026-01-20"},
		{"  Die Faktenprüfer: Köln!  ", day, "die-faktenprufer-koln-2026-01-20"},
		{"../../etc/passwd", day, "etc-passwd-2026-01-20"},
		{"", day, "factpress-archive-2026-01-20"},
		{"¿¡!?", day, "factpress-archive-2026-01-20"},
		// Late on the 20th west of Greenwich is the 21st in UTC, the zone
		// the zip's entries are dated in.
		{"Archive", time.Date(2026, 1, 20, 23, 0, 0, 0, time.FixedZone("", -5*3600)), "archive-2026-01-21"},
		{"Archive", time.Time{}, "archive"},
		{strings.Repeat("a very long title ", 20), day, "a-very-long-title-a-very-long-title-a-very-long-title-a-very-long-title-a-very-2026-01-20"},
	} {
		if got := Folder(tc.title, tc.day); got != tc.want {
			t.Errorf("Folder(%q, %v) = %q, want %q", tc.title, tc.day, got, tc.want)
		}
	}
}

func TestWriteIsReproducibleAndVerifies(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	os.MkdirAll(filepath.Join(site, "checks/a"), 0o755)
	os.WriteFile(filepath.Join(site, "index.html"), []byte("<p>home</p>"), 0o644)
	os.WriteFile(filepath.Join(site, "checks/a/index.html"), []byte("<p>a</p>"), 0o644)
	files, err := Dir(site, "")
	if err != nil {
		t.Fatal(err)
	}
	const folder = "site-2026-01-17"
	mtime := time.Date(2026, 1, 17, 0, 0, 0, 0, time.UTC)
	var a, b bytes.Buffer
	if err := Write(&a, folder, files, mtime); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(files)
	if err := Write(&b, folder, files, mtime); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same files gave different archives")
	}

	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	want := []string{folder + "/checks/a/index.html", folder + "/index.html", folder + "/" + ManifestName}
	if !slices.Equal(names, want) {
		t.Errorf("entries %q, want %q", names, want)
	}
	// The manifest names files as they are in the folder, where
	// sha256sum -c is run.
	rc, err := zr.Open(folder + "/" + ManifestName)
	if err != nil {
		t.Fatal(err)
	}
	manifest, _ := io.ReadAll(rc)
	rc.Close()
	sum := sha256.Sum256([]byte("<p>home</p>"))
	if line := hex.EncodeToString(sum[:]) + "  index.html\n"; !strings.Contains(string(manifest), line) {
		t.Errorf("manifest\n%s\nlacks %q", manifest, line)
	}

	p := filepath.Join(dir, "a.zip")
	os.WriteFile(p, a.Bytes(), 0o644)
	r, err := Verify(p)
	if err != nil || !r.OK() || r.Files != 2 || r.Folder != folder {
		t.Fatalf("verify: %+v %v", r, err)
	}
}

func TestVerifyFindsEveryMismatch(t *testing.T) {
	dir := t.TempDir()
	sum := func(s string) string {
		h := sha256.Sum256([]byte(s))
		return hex.EncodeToString(h[:])
	}
	// "a" unchanged, "b" changed, "c" missing, "d" added.
	manifest := sum("a") + "  a\n" + sum("b") + "  b\n" + sum("c") + "  c\n"
	p := writeZip(t, dir, map[string]string{"f/a": "a", "f/b": "B", "f/d": "d", "f/" + ManifestName: manifest})
	r, err := Verify(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || !slices.Equal(r.Changed, []string{"f/b"}) || !slices.Equal(r.Missing, []string{"f/c"}) || !slices.Equal(r.Added, []string{"f/d"}) {
		t.Errorf("report %+v", r)
	}
	if _, err := Verify(writeZip(t, dir, map[string]string{"f/a": "a"})); err == nil {
		t.Error("an archive without a manifest verified")
	}
}

// A snapshot unpacks into one folder: nothing lands beside it.
func TestVerifyRefusesWhatIsNotInOneFolder(t *testing.T) {
	home := file(in("index.html"), "<p>home</p>")
	tests := []struct {
		name    string
		ents    []ent
		refused []string // names refused in the report, and nothing else wrong
		refuse  string   // or: the archive refused, with this in the error
		entry   string   // naming this entry
	}{
		{name: "one folder", ents: []ent{home, sums(home)}},
		{
			name: "with its folder's own entry",
			ents: []ent{file(top+"/", ""), file(in("checks/"), ""), home, sums(home)},
		},
		{
			name:    "a file at the top",
			ents:    []ent{home, file("README.txt", "x"), sums(home)},
			refused: []string{"README.txt"},
		},
		{
			name:    "a file named as the folder",
			ents:    []ent{home, file(top, "x"), sums(home)},
			refused: []string{top},
		},
		{
			name:    "a second top folder",
			ents:    []ent{home, file("other/index.html", "x"), file("other/", ""), sums(home)},
			refused: []string{"other/", "other/index.html"},
		},
		{
			name:    "a folder whose name starts as the snapshot's",
			ents:    []ent{home, file(top+"-2/index.html", "x"), sums(home)},
			refused: []string{top + "-2/index.html"},
		},
		{
			name:    "a second manifest at the top",
			ents:    []ent{home, sums(home), file(ManifestName, "")},
			refused: []string{ManifestName},
		},
		{
			name:   "two top folders with manifests",
			ents:   []ent{home, sums(home), file("other/index.html", "x"), file("other/"+ManifestName, "")},
			refuse: ManifestName + " is in 2 folders, other/, " + top + "/",
		},
		{
			name:   "no folder",
			ents:   []ent{file("index.html", "<p>home</p>"), file(ManifestName, "")},
			refuse: "in no folder", entry: ManifestName,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := archive(t, tt.ents...)
			r, err := Verify(path)
			if tt.refuse != "" {
				var refused *RefusedError
				if !errors.As(err, &refused) || refused.Entry != tt.entry || !strings.Contains(err.Error(), tt.refuse) {
					t.Fatalf("got %+v, %v; want it refused for %q, naming %q", r, err, tt.refuse, tt.entry)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range r.Refused {
				names = append(names, p.Name)
				if !strings.Contains(p.Reason, "outside "+top+"/") {
					t.Errorf("%s: reason %q", p.Name, p.Reason)
				}
			}
			if !slices.Equal(names, tt.refused) || len(r.Added)+len(r.Missing)+len(r.Changed) != 0 || r.Files != 1 || r.Folder != top {
				t.Errorf("report %+v, want %q refused and nothing else", r, tt.refused)
			}
		})
	}
}
