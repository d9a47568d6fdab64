package snapshot

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
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
	mtime := time.Date(2026, 1, 17, 0, 0, 0, 0, time.UTC)
	var a, b bytes.Buffer
	if err := Write(&a, files, mtime); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(files)
	if err := Write(&b, files, mtime); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same files gave different archives")
	}
	p := filepath.Join(dir, "a.zip")
	os.WriteFile(p, a.Bytes(), 0o644)
	r, err := Verify(p)
	if err != nil || !r.OK() || r.Files != 2 {
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
	p := writeZip(t, dir, map[string]string{"a": "a", "b": "B", "d": "d", ManifestName: manifest})
	r, err := Verify(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || !slices.Equal(r.Changed, []string{"b"}) || !slices.Equal(r.Missing, []string{"c"}) || !slices.Equal(r.Added, []string{"d"}) {
		t.Errorf("report %+v", r)
	}
	if _, err := Verify(writeZip(t, dir, map[string]string{"a": "a"})); err == nil {
		t.Error("an archive without a manifest verified")
	}
}
