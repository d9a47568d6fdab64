// Package testsite copies site folders for tests that edit them.
package testsite

import (
	"os"
	"path/filepath"
	"testing"
)

// Copy copies the named files and folders of the site at from into a new
// temporary folder and returns it.
func Copy(t testing.TB, from string, names ...string) string {
	t.Helper()
	to := t.TempDir()
	for _, name := range names {
		err := filepath.WalkDir(filepath.Join(from, name), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(from, p)
			if err != nil {
				return err
			}
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(to, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(to, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return to
}
