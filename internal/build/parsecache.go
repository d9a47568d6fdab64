package build

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/factpress/factpress/internal/content"
)

// What a cached parse holds, from least to most: a request is answered by
// an entry at its depth or deeper.
const (
	parsedFrontMatter = iota // front matter only (check's other files)
	parsedBody               // and the body's citations, without HTML (check)
	parsedHTML               // and the body's HTML (build, serve)
)

// cachedParse is one file's parse, by the hash of the bytes it came from.
type cachedParse struct {
	Sum   [sha256.Size]byte // of the file as read, before any normalising
	Depth int
	File  *content.Check
}

// parseCache keeps each content file's parse between runs (as esbuild and
// Go's build cache keep theirs), in one file per site under the cache
// folder: a run parses only the files whose bytes, or whose way of being
// parsed, changed. Each entry is derived from its file's bytes, its path's
// kind and the header's parse settings, so it is never brought up to date,
// only replaced; a cache that cannot be read is a cache that is empty.
type parseCache struct {
	path   string
	header cacheHeader
}

// cacheHeader is everything other than a file's bytes and kind that its
// parse depends on: the program that parsed it, and the settings of
// factpress.yaml that parsing reads.
type cacheHeader struct {
	Format         int
	Program        [sha256.Size]byte
	UnsafeHTML     bool
	KeepDiacritics bool
}

// cacheFormat changes when what the cache file holds changes shape in a
// way gob would not notice.
const cacheFormat = 1

// openParseCache names the site's cache under dir, for a site parsed with
// these settings; nil when dir is empty (no cache) or the program cannot
// be read to tell one build of factpress from another.
func openParseCache(dir, source string, unsafeHTML, keepDiacritics bool) *parseCache {
	if dir == "" {
		return nil
	}
	program, err := programSum()
	if err != nil {
		return nil
	}
	abs, err := filepath.Abs(source)
	if err != nil {
		return nil
	}
	site := sha256.Sum256([]byte(abs))
	return &parseCache{
		path:   filepath.Join(dir, "parse-"+hex.EncodeToString(site[:12])),
		header: cacheHeader{Format: cacheFormat, Program: program, UnsafeHTML: unsafeHTML, KeepDiacritics: keepDiacritics},
	}
}

// programSum is the hash of the running executable: a factpress built
// from other code may parse the same bytes differently.
func programSum() ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	exe, err := os.Executable()
	if err != nil {
		return sum, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// load gives the cached parses by site path; empty when there is no cache
// yet, or it was written by another program or with other settings, or
// cannot be read.
func (c *parseCache) load() map[string]cachedParse {
	out := map[string]cachedParse{}
	if c == nil {
		return out
	}
	f, err := os.Open(c.path)
	if err != nil {
		return out
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	var h cacheHeader
	var n int
	if dec.Decode(&h) != nil || h != c.header || dec.Decode(&n) != nil {
		return out
	}
	for range n {
		var e cachedParse
		if dec.Decode(&e.Sum) != nil || dec.Decode(&e.Depth) != nil {
			return map[string]cachedParse{}
		}
		if e.File, err = content.Decode(dec); err != nil {
			return map[string]cachedParse{}
		}
		out[e.File.Path] = e
	}
	return out
}

// save replaces the cache with entries. It writes a new file and renames
// it over the old, so that a run stopped halfway, or two at once, leave a
// whole cache; failing to save only costs the next run its parsing.
func (c *parseCache) save(entries map[string]cachedParse) error {
	if c == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), filepath.Base(c.path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is left to remove
	w := bufio.NewWriterSize(tmp, 1<<20)
	enc := gob.NewEncoder(w)
	if err := enc.Encode(c.header); err != nil {
		tmp.Close()
		return err
	}
	if err := enc.Encode(len(entries)); err != nil {
		tmp.Close()
		return err
	}
	for _, e := range entries {
		if err := encodeEntry(enc, e); err != nil {
			tmp.Close()
			return fmt.Errorf("%s: %w", e.File.Path, err)
		}
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.path)
}

func encodeEntry(enc *gob.Encoder, e cachedParse) error {
	if err := enc.Encode(e.Sum); err != nil {
		return err
	}
	if err := enc.Encode(e.Depth); err != nil {
		return err
	}
	return content.Encode(enc, e.File)
}
