package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, 50, 7); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, 50, 7); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(a, "content/checks/*.md"))
	if len(files) != 50 {
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		x, _ := os.ReadFile(f)
		y, err := os.ReadFile(filepath.Join(b, "content/checks", filepath.Base(f)))
		if err != nil || !bytes.Equal(x, y) {
			t.Fatalf("%s differs between two runs with one seed", filepath.Base(f))
		}
	}
	if err := Generate(a, 5, 7); err == nil {
		t.Error("generated into a folder that already holds checks")
	}
}
