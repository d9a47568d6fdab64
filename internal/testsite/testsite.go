// Package testsite copies site folders for tests that edit them.
package testsite

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/factpress/factpress"
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

// DumpLayouts writes into the site at dir a copy of every default layout
// and partial that also prints, as JSON, the whole value each of its
// templates receives: a theme that shows everything it is given, for the
// tests that caching and incremental rendering change no byte.
func DumpLayouts(t testing.TB, dir string) {
	t.Helper()
	err := fs.WalkDir(factpress.DefaultTheme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(factpress.DefaultTheme, p)
		if err != nil {
			return err
		}
		out := defineAction.ReplaceAllString(string(src), `$0<span class="view">{{json .}}</span>`)
		out = strings.Replace(out, `<main id="main" class="wrap">`, `<main id="main" class="wrap">{{json .}}`, 1)
		if out == string(src) {
			return fmt.Errorf("%s: no template to dump", p)
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, []byte(out), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

var defineAction = regexp.MustCompile(`\{\{define "[^"]+"\}\}`)

// Edits are the kinds of edit the serve benchmarks time: in a check file,
// the first At becomes Insert (with %d, the edit's number). A body edit
// changes one page; a topic and a verdict move the check between lists.
var Edits = []struct{ Name, At, Insert string }{
	{"body", "\n---\n\n", "\n---\n\nEdit %d. "},
	{"topic", "\ntopics:\n", "\ntopics:\n  - \"edit-%d\"\n"},
	{"verdict", "\nverdict: \"", "\nverdict: \"misleading\"\nx-edit-%d: \""},
}
