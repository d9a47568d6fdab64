// Package build runs the pipeline: load the site, parse, validate, model, render, and swap the output in.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/i18n"
	"github.com/factpress/factpress/internal/linkcheck"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/output"
	"github.com/factpress/factpress/internal/render"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/validate"
)

// Options says what to build and how.
type Options struct {
	Source      string // site folder, holding factpress.yaml
	Destination string // output folder; default Source/public
	BaseURL     string // overrides the config's base_url when set
	Drafts      bool
	Offline     bool
	Strict      bool      // warnings count as errors
	CheckLinks  bool      // fail the build on a broken internal link or anchor
	Force       bool      // replace a destination folder that factpress did not make
	Today       time.Time // for future-date; default now
	Theme       fs.FS     // the embedded default layouts/ and assets/
	Progress    *Progress // optional, updated as the build goes
	// NoFragmentCache renders every cached partial in full: the reference
	// that caching must not change.
	NoFragmentCache bool
	// CacheDir holds the parse cache, which spares a run the parsing of
	// files unchanged since an earlier one; empty: no cache.
	CacheDir string
	// Paths limits Check's report to these site-relative files and folders;
	// the archive-wide rules still read every file, but only its front
	// matter. Empty means the whole site.
	Paths []string
}

// selected reports whether Paths names the file (or a folder holding it).
func (o *Options) selected(rel string) bool {
	if len(o.Paths) == 0 {
		return true
	}
	for _, p := range o.Paths {
		p = strings.TrimSuffix(p, "/")
		if p == "." || p == "" || rel == p || strings.HasPrefix(rel, p+"/") {
			return true
		}
	}
	return false
}

// Progress counts what a running build has done; safe to read at any time.
type Progress struct {
	Parsed  atomic.Int64
	Total   atomic.Int64
	Written atomic.Int64
}

// Result is what a build or check found and did.
type Result struct {
	Diags diag.List
	Site  *site.Site
	Plan  *render.Plan // the outputs, when the diagnostics have no error
	Stats render.Stats
	Files int // content files read
	// Parsed counts the files parsed; the others' parses were kept from
	// an earlier run, their bytes unchanged.
	Parsed int
	// Broken lists the broken links found by CheckLinks; the build is not
	// swapped in when there are any.
	Broken  []linkcheck.Broken
	Elapsed time.Duration
	// Written counts the files whose bytes a build wrote; the others were
	// as the previous build left them.
	Written int
}

// Failed reports whether the diagnostics stop a build.
func (r *Result) Failed() bool { return r.Diags.Errors() > 0 || len(r.Broken) > 0 }

// ConfigError is a site that cannot be loaded at all: the command could not run.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

type loaded struct {
	cfg    config.Config
	files  []*content.Check
	diags  diag.List
	parsed int // how many files were parsed, not taken from the cache
	saving sync.WaitGroup
}

// wait waits for the parse cache to be saved: the caller's validation runs
// beside the saving.
func (l *loaded) wait() { l.saving.Wait() }

// load reads the config and every content file for check: the files that
// full names with their bodies' citations (nil: all of them), the others
// front matter only, through the same parser.
func load(ctx context.Context, opts Options, full func(rel string) bool) (*loaded, error) {
	cfg, cfgDiags, err := config.Load(opts.Source)
	if err != nil {
		return nil, &ConfigError{Err: err}
	}
	paths, err := contentFiles(opts.Source)
	if err != nil {
		return nil, &ConfigError{Err: err}
	}
	md := markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML, NoHTML: true})
	cache := openParseCache(opts.CacheDir, opts.Source, cfg.UnsafeHTML, cfg.KeepDiacritics)
	cached := cache.load()
	entries := make([]cachedParse, len(paths))
	fresh := make([]bool, len(paths))
	err = forEach(ctx, len(paths), func(i int) error {
		rel := paths[i]
		data, err := os.ReadFile(filepath.Join(opts.Source, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		kind := kindOf(&cfg, rel)
		depth, with := parsedBody, md
		if full != nil && !full(rel) {
			depth, with = parsedFrontMatter, nil
		}
		if e, ok := cached[rel]; ok && e.Depth >= depth && e.File.Kind == kind && e.File.Sum == content.SumOf(data) {
			entries[i] = e
			return nil
		}
		entries[i] = cachedParse{Depth: depth, File: content.ParseKeeping(rel, data, kind, with, cfg.KeepDiacritics)}
		fresh[i] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	files := make([]*content.Check, len(paths))
	parsed := 0
	for i, e := range entries {
		files[i] = e.File
		parsed += btoi(fresh[i])
	}
	l := &loaded{cfg: cfg, files: files, diags: cfgDiags, parsed: parsed}
	dirty := make([]bool, cacheShards)
	keep := make(map[string]cachedParse, len(entries))
	for i, e := range entries {
		keep[e.File.Path] = e
		if fresh[i] {
			dirty[shardOf(e.File.Path)] = true
		}
	}
	for rel := range cached {
		if _, ok := keep[rel]; !ok {
			dirty[shardOf(rel)] = true // gone since
		}
	}
	if cache != nil && slices.Contains(dirty, true) {
		l.saving.Go(func() {
			_ = cache.save(keep, dirty) // a cache not saved only costs time
		})
	}
	return l, nil
}

// contentFiles lists the Markdown files under content/, sorted, as
// '/'-separated paths relative to the site root. Hidden files are skipped.
func contentFiles(root string) ([]string, error) {
	dir := filepath.Join(root, "content")
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no content/ folder", root)
	}
	sort.Strings(out)
	return out, err
}

// kindOf tells a plain page from a check by its folder: pages/ in its
// language's content folder.
func kindOf(cfg *config.Config, rel string) content.Kind {
	dir := "content/"
	if l := cfg.LanguageOf(rel); !l.Default {
		dir += l.Code + "/"
	}
	if strings.HasPrefix(rel, dir+"pages/") {
		return content.KindPage
	}
	return content.KindCheck
}

// safeDestination refuses an output folder whose replacement would take the
// site's own files with it: the site folder itself, a folder that holds it,
// or one of its source folders.
func safeDestination(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(dst, src); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		return fmt.Errorf("--destination %s holds the site itself; a build replaces its destination whole, so choose another folder", dest)
	}
	for _, dir := range []string{"content", "layouts", "assets", "i18n"} {
		if rel, err := filepath.Rel(filepath.Join(src, dir), dst); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			return fmt.Errorf("--destination %s is inside the site's %s/ folder; choose another folder", dest, dir)
		}
	}
	return nil
}

func (o *Options) defaults() {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Destination == "" {
		o.Destination = filepath.Join(o.Source, "public")
	}
	if o.Today.IsZero() {
		o.Today = time.Now()
	}
}

// Check validates the site without writing anything. Drafts are checked too.
func Check(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	opts.defaults()
	l, err := load(ctx, opts, opts.selected)
	if err != nil {
		return nil, err
	}
	defer l.wait()
	diags := configFindings(l.diags, len(opts.Paths) == 0 || opts.selected(config.FileName))
	if opts.Theme != nil && len(opts.Paths) == 0 {
		// What the translation tables lack, once per key, on a whole check.
		tables, err := i18n.Load(opts.Theme, os.DirFS(opts.Source))
		if err != nil {
			return nil, &LayoutError{Err: err}
		}
		for _, part := range validate.ByLanguage(&l.cfg, nil) {
			diags = append(diags, tables.Missing(part.Language.Code)...)
		}
	}
	for _, d := range validate.Site(&l.cfg, l.files, validate.Options{Today: opts.Today, Drafts: true, Only: opts.selected}) {
		if opts.selected(d.File) {
			diags = append(diags, d)
		}
	}
	diags.Sort()
	if opts.Strict {
		diags = diags.Strict()
	}
	return &Result{Diags: diags, Files: len(l.files), Parsed: l.parsed, Elapsed: time.Since(start)}, nil
}

// configFindings are the config's findings that a check reports: all of
// them when factpress.yaml is among its paths, else its errors, which stop
// every build whatever file is checked.
func configFindings(found diag.List, all bool) diag.List {
	var out diag.List
	for _, d := range found {
		if all || d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// Build validates and renders the site into opts.Destination. When the
// diagnostics have errors nothing is written; the previous output stays.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	opts.defaults()
	if err := safeDestination(opts.Source, opts.Destination); err != nil {
		return nil, &ConfigError{Err: err}
	}
	session := NewSession(opts)
	defer session.Wait()
	res, err := session.Rebuild(ctx, nil)
	if err != nil || res.Failed() {
		return res, err
	}
	// What laying out the outputs finds (texts the share cards cannot
	// draw): here, not in Rebuild, so that serve's reload is not held up
	// by a layout the first request makes anyway.
	if found := res.Plan.Findings(); len(found) > 0 {
		if opts.Strict {
			found = found.Strict()
		}
		res.Diags = append(res.Diags, found...)
		res.Diags.Sort()
		if res.Failed() {
			res.Plan, res.Elapsed = nil, time.Since(start)
			return res, nil
		}
	}
	stage, err := output.Open(opts.Destination, output.Options{Force: opts.Force})
	if err != nil {
		return nil, &ConfigError{Err: err}
	}
	var progress func(int)
	if opts.Progress != nil {
		progress = func(n int) { opts.Progress.Written.Store(int64(n)) }
	}
	res.Stats, err = res.Plan.Render(ctx, stage, progress)
	res.Written = stage.Written
	if err != nil {
		stage.Abort()
		return nil, err
	}
	if opts.CheckLinks {
		u := res.Plan.URLs()
		res.Broken, _, err = linkcheck.CheckDir(stage.Dir(), linkcheck.Options{BasePath: u.Root(""), Host: u.Host()})
		if err != nil || len(res.Broken) > 0 {
			stage.Abort()
			res.Elapsed = time.Since(start)
			return res, err
		}
	}
	if err := stage.Commit(); err != nil {
		stage.Abort()
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
