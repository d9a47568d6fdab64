package build

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/snapshot"
)

func TestSnapshotReproducibleAndVerified(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip")
	for _, out := range []string{a, b} {
		res, err := Snapshot(context.Background(), Options{Source: sampleSite, Theme: factpress.DefaultTheme, Today: today}, out)
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

	zr, err := zip.NewReader(bytes.NewReader(da), int64(len(da)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	for _, want := range []string{"index.html", "search/index.html", "source/content/checks/minneapolis-police-ice.md", "source/factpress.yaml", snapshot.ManifestName} {
		if !slices.Contains(names, want) {
			t.Errorf("snapshot lacks %s", want)
		}
	}
	home := readZip(t, zr, "index.html")
	if !strings.Contains(home, `href="checks/index.html"`) || strings.Contains(home, `href="/`) {
		t.Error("the snapshot's pages are not an offline build")
	}

	// One changed byte in one file, re-packed with a valid zip structure.
	changed := filepath.Join(dir, "changed.zip")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		data := []byte(readZip(t, zr, f.Name))
		if f.Name == "checks/minneapolis-police-ice/index.html" {
			data[100] ^= 1
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	os.WriteFile(changed, buf.Bytes(), 0o644)
	r, err = snapshot.Verify(changed)
	if err != nil || !slices.Equal(r.Changed, []string{"checks/minneapolis-police-ice/index.html"}) || len(r.Added)+len(r.Missing) != 0 {
		t.Errorf("verify after one changed byte: %+v %v", r, err)
	}

	// One byte flipped in the archive itself, inside a file's compressed data.
	flipped := slices.Clone(da)
	off := bytes.Index(flipped, []byte("checks/minneapolis-police-ice/index.html")) + 200
	flipped[off] ^= 0xff
	os.WriteFile(changed, flipped, 0o644)
	if r, err := snapshot.Verify(changed); err == nil && r.OK() {
		t.Error("a flipped byte in the archive went unnoticed")
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
