// Package output brings a build's output up to date beside its destination and swaps it in whole, so a failed or interrupted build leaves the previous output exactly as it was.
package output

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// MarkerName is the file every output holds: the manifest of its files,
// which tells a factpress output from a folder that must not be replaced,
// and what each file was made from.
const MarkerName = ".factpress-output"

const manifestHeader = "factpress-output 1\n"

// Options tunes Open.
type Options struct {
	// Force replaces a destination folder that is not a factpress output.
	Force bool
	// noExchange swaps with two renames, as on a platform without an
	// atomic exchange; tests use it to reach the window between them.
	noExchange bool
	// betweenRenames runs, in tests, when the two-rename swap is half done.
	betweenRenames func()
}

// entry is what the manifest knows of one file: the key of what it was
// made from, and the hash of its bytes.
type entry struct {
	key, sum [sha256.Size]byte
}

// Update is a build's output being written. It brings up to date a second
// tree beside the destination (the previous build but one, when there is
// one, else an empty folder) and swaps it with the destination on Commit.
// Nothing is visible at the destination before Commit.
type Update struct {
	dest string // the folder the site is served from, symlinks resolved
	dir  string // the tree being brought up to date
	lock *os.File
	opts Options

	old  map[string]entry // what dir held when the update began
	mu   sync.Mutex
	now  map[string]entry // the new output's files
	dirs sync.Map         // folders known to exist in dir

	Written int // files whose bytes were written
}

// Open starts an update of dest. It waits for any other build writing to
// dest, recovers a swap that was interrupted, and refuses a destination
// that is a file or a folder not made by factpress (unless opts.Force).
func Open(dest string, opts Options) (*Update, error) {
	dest, err := resolve(dest)
	if err != nil {
		return nil, err
	}
	if slices.Contains(strings.Split(filepath.ToSlash(dest), "/"), ".git") {
		return nil, fmt.Errorf("--destination %s is inside a git repository's own folder; name a folder for the site", dest)
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockFile(filepath.Join(parent, "."+base+".factpress-lock"))
	if err != nil {
		return nil, err
	}
	u := &Update{dest: dest, lock: lock, opts: opts, now: map[string]entry{}}
	if err := u.prepare(); err != nil {
		u.unlock()
		return nil, err
	}
	return u, nil
}

// resolve follows a destination that is a symlink, so that the output is
// updated where it points.
func resolve(dest string) (string, error) {
	dest = filepath.Clean(dest)
	st, err := os.Lstat(dest)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return filepath.Abs(dest)
	}
	target, err := filepath.EvalSymlinks(dest)
	if err != nil {
		return "", fmt.Errorf("%s is a symlink that leads nowhere: %w", dest, err)
	}
	return filepath.Abs(target)
}

func (u *Update) previous() string { return u.sibling("previous") }
func (u *Update) swapping() string { return u.sibling("swapping") }
func (u *Update) sibling(what string) string {
	return filepath.Join(filepath.Dir(u.dest), "."+filepath.Base(u.dest)+".factpress-"+what)
}

func (u *Update) prepare() error {
	// A two-rename swap interrupted half-way left the old output aside.
	if _, err := os.Lstat(u.dest); errors.Is(err, fs.ErrNotExist) {
		if st, err := os.Stat(u.swapping()); err == nil && st.IsDir() {
			if err := os.Rename(u.swapping(), u.dest); err != nil {
				return fmt.Errorf("restoring %s after an interrupted build: %w", u.dest, err)
			}
		}
	}
	st, err := os.Stat(u.dest)
	fresh := errors.Is(err, fs.ErrNotExist)
	switch {
	case fresh:
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("--destination %s is a file, not a folder; a build replaces its destination whole, so name a folder", u.dest)
	default:
		if ok, err := isOutput(u.dest); err != nil {
			return err
		} else if !ok && !u.opts.Force {
			return fmt.Errorf("--destination %s is a folder that factpress did not build (it has no %s); a build replaces its destination whole, so name an empty or new folder, or use --force to replace it", u.dest, MarkerName)
		}
	}
	// The previous build but one is brought up to date when its manifest
	// is whole. Else the tree starts as the destination's files linked
	// (a second name for each, no bytes copied), or, when the destination
	// was removed (a clean build was asked for), as an empty folder.
	prev := u.previous()
	if old, err := readManifest(prev); err == nil && !fresh {
		// Until Commit writes a new manifest, the tree matches none.
		if err := os.Remove(filepath.Join(prev, MarkerName)); err != nil {
			return err
		}
		u.dir, u.old = prev, old
		return nil
	}
	if err := os.RemoveAll(prev); err != nil {
		return err
	}
	if err := os.Mkdir(prev, 0o755); err != nil {
		return err
	}
	u.dir, u.old = prev, map[string]entry{}
	if fresh {
		return nil
	}
	if current, err := readManifest(u.dest); err == nil {
		if err := linkTree(u.dest, prev, current); err == nil {
			u.old = current
			return nil
		}
		// A file system without links: the tree is written whole.
		if err := os.RemoveAll(prev); err != nil {
			return err
		}
		return os.Mkdir(prev, 0o755)
	}
	return nil
}

// linkTree gives every file of the manifest in from a second name in to.
// The two trees then share those files' bytes, which is why WriteFile
// never writes into a file the tree held but replaces it.
func linkTree(from, to string, files map[string]entry) error {
	made := map[string]bool{".": true}
	for _, p := range slices.Sorted(maps.Keys(files)) {
		if !filepath.IsLocal(p) || strings.Contains(p, `\`) || p == MarkerName {
			return fmt.Errorf("%s: the manifest names %q", from, p)
		}
		if d := path.Dir(p); !made[d] {
			if err := MakeDirs(filepath.Join(to, filepath.FromSlash(d))); err != nil {
				return err
			}
			for ; d != "." && !made[d]; d = path.Dir(d) {
				made[d] = true
			}
		}
		if err := os.Link(filepath.Join(from, filepath.FromSlash(p)), filepath.Join(to, filepath.FromSlash(p))); err != nil {
			return err
		}
	}
	return nil
}

// isOutput reports whether dir was made by factpress: it has a manifest,
// or it is empty, or it is an output of a version before manifests.
func isOutput(dir string) (bool, error) {
	if _, err := os.Stat(filepath.Join(dir, MarkerName)); err == nil {
		return true, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return true, nil
	}
	for _, f := range []string{"api/checks.json", "schema/check.schema.json", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return false, nil
		}
	}
	return true, nil
}

// Dir is the folder being written, for checks of the new output before it
// is swapped in.
func (u *Update) Dir() string { return u.dir }

// Unchanged reports whether the tree already holds the file at sitePath as
// made from key; it is then kept and need not be rendered.
func (u *Update) Unchanged(sitePath string, key [32]byte) bool {
	e, ok := u.old[sitePath]
	if !ok || e.key != key {
		return false
	}
	u.mu.Lock()
	u.now[sitePath] = e
	u.mu.Unlock()
	return true
}

// WriteFile writes one file at a '/'-separated site path, unless the tree
// holds those bytes already. It is safe for concurrent use.
func (u *Update) WriteFile(sitePath string, key [32]byte, data []byte) error {
	if !filepath.IsLocal(sitePath) || strings.Contains(sitePath, `\`) || sitePath == MarkerName {
		return fmt.Errorf("refusing to write %q outside the output folder", sitePath)
	}
	e := entry{key: key, sum: sha256.Sum256(data)}
	u.mu.Lock()
	u.now[sitePath] = e
	old, had := u.old[sitePath]
	same := had && old.sum == e.sum
	if !same {
		u.Written++
	}
	u.mu.Unlock()
	if same {
		return nil
	}
	full := filepath.Join(u.dir, filepath.FromSlash(sitePath))
	if had {
		// The file may be the destination's too (linkTree): a new one
		// takes its name, and the destination keeps its bytes.
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	dir := filepath.Dir(full)
	if _, ok := u.dirs.Load(dir); !ok {
		if err := MakeDirs(dir); err != nil {
			return err
		}
		u.dirs.Store(dir, true)
	}
	return WriteNew(full, data)
}

// Commit removes the files the new output no longer has, writes its
// manifest and swaps it in. The destination is never missing: it is
// exchanged in one step where the platform can, and a swap interrupted
// between two renames is undone by the next Open.
func (u *Update) Commit() error {
	defer u.unlock()
	var gone []string
	for p := range u.old {
		if _, ok := u.now[p]; !ok {
			gone = append(gone, p)
		}
	}
	slices.Sort(gone)
	for _, p := range gone {
		full := filepath.Join(u.dir, filepath.FromSlash(p))
		if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		// Folders left empty go too, up to the root.
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if os.Remove(filepath.Join(u.dir, filepath.FromSlash(d))) != nil {
				break
			}
		}
	}
	if err := writeManifest(u.dir, u.now); err != nil {
		return err
	}
	if _, err := os.Lstat(u.dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(u.dir, u.dest)
	}
	if !u.opts.noExchange {
		err := exchange(u.dir, u.dest)
		if err == nil || !errors.Is(err, errNoExchange) {
			return err
		}
	}
	// Two renames; an interruption between them is undone by Open.
	if err := os.Rename(u.dest, u.swapping()); err != nil {
		return fmt.Errorf("moving the previous %s aside: %w", u.dest, err)
	}
	if u.opts.betweenRenames != nil {
		u.opts.betweenRenames()
	}
	if err := os.Rename(u.dir, u.dest); err != nil {
		_ = os.Rename(u.swapping(), u.dest)
		return fmt.Errorf("moving the new output into %s: %w", u.dest, err)
	}
	return os.Rename(u.swapping(), u.previous())
}

// Abort leaves the destination as it was. The tree being written has no
// manifest, so the next build starts it afresh.
func (u *Update) Abort() {
	u.unlock()
}

func (u *Update) unlock() {
	if u.lock != nil {
		unlockFile(u.lock)
		u.lock = nil
	}
}

// readManifest reads the manifest of the output at dir.
func readManifest(dir string) (map[string]entry, error) {
	f, err := os.Open(filepath.Join(dir, MarkerName))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	r := bufio.NewReader(zr)
	header, err := r.ReadString('\n')
	if err != nil || header != manifestHeader {
		return nil, fmt.Errorf("%s: not a manifest", f.Name())
	}
	m := map[string]entry{}
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			return m, nil
		}
		if err != nil {
			return nil, err
		}
		var e entry
		key, rest, ok1 := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		sum, name, ok2 := strings.Cut(rest, " ")
		if !ok1 || !ok2 || hexInto(e.key[:], key) != nil || hexInto(e.sum[:], sum) != nil {
			return nil, fmt.Errorf("%s: a bad line", f.Name())
		}
		m[name] = e
	}
}

func hexInto(dst []byte, s string) error {
	if hex.DecodedLen(len(s)) != len(dst) {
		return errors.New("bad length")
	}
	_, err := hex.Decode(dst, []byte(s))
	return err
}

func writeManifest(dir string, files map[string]entry) error {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	w := bufio.NewWriter(zw)
	w.WriteString(manifestHeader)
	for _, p := range slices.Sorted(maps.Keys(files)) {
		e := files[p]
		fmt.Fprintf(w, "%x %x %s\n", e.key, e.sum, p)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, MarkerName), buf.Bytes(), 0o644)
}

type pathError = os.PathError

var errNoExchange = errors.New("no atomic exchange of folders here")
