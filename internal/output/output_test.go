package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCommitReplacesAndAbortKeeps(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "old.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}

	aborted, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := aborted.WriteFile("new.html", [32]byte{}, []byte("new")); err != nil {
		t.Fatal(err)
	}
	aborted.Abort()
	if _, err := os.Stat(filepath.Join(dest, "old.html")); err != nil {
		t.Fatalf("abort touched the previous output: %v", err)
	}

	s, err := Stage(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a/b/index.html", [32]byte{}, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("../escape", [32]byte{}, []byte("x")); err == nil {
		t.Error("a path leaving the output was written")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "old.html")); !os.IsNotExist(err) {
		t.Error("old output survived the commit")
	}
	if b, err := os.ReadFile(filepath.Join(dest, "a/b/index.html")); err != nil || string(b) != "x" {
		t.Errorf("new output missing: %q %v", b, err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), stagingPrefix+"*"))
	if len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}
