package build

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/factpress/factpress/internal/content"
)

// What a cached parse holds, from least to most: a request is answered by
// an entry at its depth or deeper.
const (
	parsedFrontMatter = iota // front matter only (check's other files)
	parsedBody               // and the body's citations, without HTML (check)
	parsedHTML               // and the body's HTML (build, serve)
)

// cachedParse is one file's parse, which holds the hash of the text it
// came from (content.Check.Sum, content.SumOf).
type cachedParse struct {
	Depth int
	File  *content.Check
}

// parseCache keeps each content file's parse between runs (as esbuild and
// Go's build cache keep theirs), in a folder per site under the cache
// folder, split by path into a fixed number of shards: a run parses only
// the files whose bytes, or whose way of being parsed, changed, reads the
// shards side by side, and writes again only those that hold a change.
// Each entry is derived from its file's bytes, its path's kind and the
// header's parse settings, so it is never brought up to date, only
// replaced; a shard that cannot be read is a shard that is empty.
type parseCache struct {
	dir    string
	header cacheHeader
}

// cacheShards is how many files a site's cache is split into: at 10,000
// checks, one edit rewrites about 3 MB rather than 100.
const cacheShards = 32

// shardOf is the shard that holds a site path.
func shardOf(rel string) int {
	h := fnv.New32a()
	h.Write([]byte(rel))
	return int(h.Sum32() % cacheShards)
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
const cacheFormat = 4

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
		dir:    filepath.Join(dir, "parse-"+hex.EncodeToString(site[:12])),
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

func (c *parseCache) shardFile(n int) string {
	return filepath.Join(c.dir, fmt.Sprintf("%02d.gob", n))
}

// load gives the cached parses by site path, from every shard that was
// written by this program with these settings and reads whole.
func (c *parseCache) load() map[string]cachedParse {
	out := map[string]cachedParse{}
	if c == nil {
		return out
	}
	if info, err := os.Stat(c.dir); err != nil {
		return out
	} else if now := time.Now(); now.Sub(info.ModTime()) > time.Hour {
		_ = os.Chtimes(c.dir, now, now) // in use: not trimmed (see trim)
	}
	shards := make([][]cachedParse, cacheShards)
	_ = forEach(context.Background(), cacheShards, func(n int) error {
		shards[n] = c.loadShard(n)
		return nil
	})
	for _, entries := range shards {
		for _, e := range entries {
			out[e.File.Path] = e
		}
	}
	return out
}

func (c *parseCache) loadShard(n int) []cachedParse {
	f, err := os.Open(c.shardFile(n))
	if err != nil {
		return nil
	}
	defer f.Close()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	var h cacheHeader
	var count int
	if dec.Decode(&h) != nil || h != c.header || dec.Decode(&count) != nil || count < 0 {
		return nil
	}
	out := make([]cachedParse, 0, min(count, 1<<16))
	for range count {
		var e cachedParse
		if dec.Decode(&e.Depth) != nil {
			return nil
		}
		if e.File, err = content.Decode(dec); err != nil || shardOf(e.File.Path) != n {
			return nil
		}
		out = append(out, e)
	}
	return out
}

// save writes the shards named in dirty (all of them when nil) with what
// entries holds for them. Each is written to a new file and renamed over
// the old, so that a run stopped halfway, or two at once, leave whole
// shards; failing to save only costs the next run its parsing.
func (c *parseCache) save(entries map[string]cachedParse, dirty []bool) error {
	if c == nil {
		return nil
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	c.trim(time.Now())
	byShard := make([][]cachedParse, cacheShards)
	for _, e := range entries {
		n := shardOf(e.File.Path)
		byShard[n] = append(byShard[n], e)
	}
	return forEach(context.Background(), cacheShards, func(n int) error {
		if dirty != nil && !dirty[n] {
			return nil
		}
		return c.saveShard(n, byShard[n])
	})
}

// unusedFor is how long a site's cache may go unread before a save of
// another's removes it: a checkout deleted, or built once in a temporary
// folder, leaves a cache nobody reads again.
const unusedFor = 14 * 24 * time.Hour

// trim removes the caches of the sites not built for unusedFor (a load
// marks its folder as used at most once an hour, as Go's build cache
// does), and the half-written shards of runs that were stopped.
func (c *parseCache) trim(now time.Time) {
	parent := filepath.Dir(c.dir)
	sites, _ := os.ReadDir(parent)
	for _, d := range sites {
		dir := filepath.Join(parent, d.Name())
		if !d.IsDir() || !strings.HasPrefix(d.Name(), "parse-") || dir == c.dir {
			continue
		}
		if info, err := d.Info(); err == nil && now.Sub(info.ModTime()) > unusedFor {
			_ = os.RemoveAll(dir)
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(c.dir, "*.tmp"))
	for _, tmp := range tmps {
		if info, err := os.Stat(tmp); err == nil && now.Sub(info.ModTime()) > time.Hour {
			_ = os.Remove(tmp)
		}
	}
}

func (c *parseCache) saveShard(n int, entries []cachedParse) error {
	tmp, err := os.CreateTemp(c.dir, fmt.Sprintf("%02d.*.tmp", n))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is left to remove
	w := bufio.NewWriterSize(tmp, 1<<20)
	enc := gob.NewEncoder(w)
	err = enc.Encode(c.header)
	if err == nil {
		err = enc.Encode(len(entries))
	}
	for _, e := range entries {
		if err != nil {
			break
		}
		if err = encodeEntry(enc, e); err != nil {
			err = fmt.Errorf("%s: %w", e.File.Path, err)
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.shardFile(n))
}

func encodeEntry(enc *gob.Encoder, e cachedParse) error {
	if err := enc.Encode(e.Depth); err != nil {
		return err
	}
	return content.Encode(enc, e.File)
}
