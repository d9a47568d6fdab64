// Package output writes a build into a staging folder and swaps it in whole, so a failed build leaves the old output untouched.
package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

const stagingPrefix = ".factpress-staging-"

// Staging is a build's output being written. Nothing is visible at the
// destination until Commit.
type Staging struct {
	dest string
	dir  string
	dirs sync.Map // folders already created
}

// Stage starts writing the output for dest in a new folder beside it, on the
// same file system, so that Commit is a rename. Leftovers of builds that
// were killed half-way are removed first.
func Stage(dest string) (*Staging, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	base := filepath.Base(dest)
	if old, _ := filepath.Glob(filepath.Join(parent, stagingPrefix+base+"-*")); len(old) > 0 {
		for _, o := range old {
			_ = os.RemoveAll(o)
		}
	}
	dir, err := os.MkdirTemp(parent, stagingPrefix+base+"-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	return &Staging{dest: dest, dir: dir}, nil
}

// Dir is the staging folder.
func (s *Staging) Dir() string { return s.dir }

// Unchanged reports false: a staging folder starts empty.
func (s *Staging) Unchanged(string, [32]byte) bool { return false }

// WriteFile writes one file at a '/'-separated site path. It is safe for
// concurrent use.
func (s *Staging) WriteFile(sitePath string, _ [32]byte, data []byte) error {
	if !filepath.IsLocal(sitePath) || strings.Contains(sitePath, `\`) {
		return fmt.Errorf("refusing to write %q outside the output folder", sitePath)
	}
	full := filepath.Join(s.dir, filepath.FromSlash(sitePath))
	dir := filepath.Dir(full)
	if _, ok := s.dirs.Load(dir); !ok {
		if err := mkdirAll(dir); err != nil {
			return err
		}
		s.dirs.Store(dir, true)
	}
	return writeFile(full, data)
}

type pathError = os.PathError

// Commit replaces dest with the staged output.
func (s *Staging) Commit() error {
	old := ""
	if _, err := os.Lstat(s.dest); err == nil {
		old = s.dir + ".old"
		if err := os.Rename(s.dest, old); err != nil {
			return fmt.Errorf("moving the previous %s aside: %w", s.dest, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(s.dir, s.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, s.dest)
		}
		return fmt.Errorf("moving the new output into %s: %w", s.dest, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort throws the staged output away.
func (s *Staging) Abort() {
	_ = os.RemoveAll(s.dir)
}
