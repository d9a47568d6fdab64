package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/i18n"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/render"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/urls"
	"github.com/factpress/factpress/internal/validate"
)

// Session is the pipeline: config and files → parsed files → diagnostics →
// site model → plan of outputs. build runs it once; serve runs it after
// every edit and renders the pages a browser asks for. Everything it keeps
// is derived from an input and keyed by it (a file's bytes, a parsed file, a
// theme's bytes), so a rebuild after an edit is an ordinary build with warm
// caches. Not safe for concurrent use.
type Session struct {
	opts Options

	cfg      *config.Config
	cfgData  []byte
	cfgDiags diag.List
	md       *markdown.Converter
	// parsed holds each content file parsed, by site path, with the hash
	// of the bytes it came from.
	parsed map[string]cachedParse
	// cache keeps parsed between runs; cacheRead tells that it was read
	// since the config last changed, and saving is a save under way.
	cache     *parseCache
	cacheRead bool
	saving    sync.WaitGroup
	lastSave  chan struct{} // closed when the newest save is done
	// checked holds each parsed file's own findings, for one config and
	// one day (future-date depends on it).
	checked    map[*content.Check]diag.List
	checkedFor checkedKey
	// langs holds each language's renderer and config, by code, and
	// models its model cache, which outlives a change of theme.
	langs  map[string]*sessionLanguage
	models map[string]*site.Cache
	theme  [sha256.Size]byte // of the theme the renderers were made from
	// themeDiags warn of what the translation tables lack.
	themeDiags diag.List
	root       *urls.Maker // links from the site's root
}

// sessionLanguage is what a session keeps for one language of the site.
type sessionLanguage struct {
	model    *site.Cache
	renderer *render.Renderer
	// cfg is the language's config, with the default verdict scale in
	// that language.
	cfg *config.Config
}

type checkedKey struct {
	cfg *config.Config
	day string
}

// NewSession prepares a session; the first Rebuild reads everything.
func NewSession(opts Options) *Session {
	opts.defaults()
	return &Session{opts: opts, parsed: map[string]cachedParse{}, models: map[string]*site.Cache{}}
}

// Rebuild brings the plan up to date with the files named in changed
// (site-relative, '/'-separated), or with everything when changed is nil.
// With errors in the diagnostics the result has no plan.
func (s *Session) Rebuild(ctx context.Context, changed []string) (*Result, error) {
	start := time.Now()
	res := &Result{}
	if err := s.loadConfig(); err != nil {
		return nil, err
	}
	parsed, err := s.readFiles(ctx, changed)
	if err != nil {
		return nil, err
	}
	res.Parsed = parsed
	files := s.files()
	res.Files = len(files)
	res.Diags = s.validate(files)
	if res.Failed() {
		res.Elapsed = time.Since(start)
		return res, nil
	}
	if err := s.loadTheme(); err != nil {
		return nil, err
	}
	if len(s.themeDiags) > 0 {
		res.Diags = append(res.Diags, s.themeDiags...)
		res.Diags.Sort()
		if s.opts.Strict {
			res.Diags = res.Diags.Strict()
		}
		if res.Failed() {
			res.Elapsed = time.Since(start)
			return res, nil
		}
	}
	res.Plan = s.plan(files)
	res.Site = res.Plan.Site()
	res.Elapsed = time.Since(start)
	return res, nil
}

// plan models each language of the site and lays out its outputs.
func (s *Session) plan(files []*content.Check) *render.Plan {
	parts := validate.ByLanguage(s.cfg, files)
	if !s.cfg.Multilingual() {
		l := s.langs[parts[0].Language.Code]
		l.renderer.Fresh()
		return l.renderer.Plan(site.Build(l.cfg, files, s.opts.Drafts, l.model))
	}
	langs := make([]render.Language, len(parts))
	for i, p := range parts {
		l := s.langs[p.Language.Code]
		l.renderer.Fresh()
		langs[i] = render.Language{Renderer: l.renderer, Site: site.Build(l.cfg, p.Files, s.opts.Drafts, l.model),
			Prefix: s.cfg.OutputPrefix(p.Language), Code: p.Language.Code, Name: p.Language.Name}
	}
	return render.NewPlan(s.root, langs)
}

// loadConfig reads factpress.yaml again when its bytes changed.
func (s *Session) loadConfig() error {
	data, err := os.ReadFile(filepath.Join(s.opts.Source, config.FileName))
	if err == nil && s.cfg != nil && bytes.Equal(data, s.cfgData) {
		return nil
	}
	cfg, cfgDiags, err := config.Load(s.opts.Source)
	if err != nil {
		return &ConfigError{Err: err}
	}
	if s.opts.BaseURL != "" {
		cfg.BaseURL = s.opts.BaseURL
		if !strings.HasSuffix(cfg.BaseURL, "/") {
			cfg.BaseURL += "/"
		}
		if u, err := url.Parse(cfg.BaseURL); err == nil && u.Host != "" {
			// The address the site is built for names a host: the
			// config's base_url is not the one used.
			cfgDiags = slices.DeleteFunc(cfgDiags, func(d diag.Diagnostic) bool { return d.Code == "base-url-no-host" })
		}
	}
	s.cfg, s.cfgData, s.cfgDiags = &cfg, data, cfgDiags
	s.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
	s.parsed = map[string]cachedParse{} // parsed with the old options
	s.cache = openParseCache(s.opts.CacheDir, s.opts.Source, cfg.UnsafeHTML, cfg.KeepDiacritics)
	s.cacheRead = false
	s.langs = nil
	return nil
}

// readFiles reads the changed content files, or all of them, and parses
// those whose bytes are new; it says how many it parsed.
func (s *Session) readFiles(ctx context.Context, changed []string) (int, error) {
	if !s.cacheRead {
		s.cacheRead, changed = true, nil
		for rel, e := range s.cache.load() {
			if e.Depth >= parsedHTML && e.File.Kind == kindOf(s.cfg, rel) {
				s.parsed[rel] = e
			}
		}
	}
	dirty := make([]bool, cacheShards) // the cache's shards that hold a change
	if changed == nil || len(s.parsed) == 0 {
		paths, err := contentFiles(s.opts.Source)
		if err != nil {
			return 0, &ConfigError{Err: err}
		}
		for p := range s.parsed {
			if _, found := slices.BinarySearch(paths, p); !found {
				delete(s.parsed, p)
				dirty[shardOf(p)] = true
			}
		}
		changed = paths
	}
	var todo []string
	for _, rel := range changed {
		if strings.HasPrefix(rel, "content/") && strings.EqualFold(filepath.Ext(rel), ".md") {
			todo = append(todo, rel)
		}
	}
	if s.opts.Progress != nil {
		s.opts.Progress.Total.Store(int64(len(todo)))
	}
	results := make([]cachedParse, len(todo))
	fresh := make([]bool, len(todo))
	gone := make([]bool, len(todo))
	err := forEach(ctx, len(todo), func(i int) error {
		rel := todo[i]
		data, err := os.ReadFile(filepath.Join(s.opts.Source, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrNotExist) {
			gone[i] = true
			return nil
		}
		if err != nil {
			return err
		}
		if old, ok := s.parsed[rel]; ok && old.File.Sum == content.SumOf(data) {
			results[i] = old // touched, not changed
		} else {
			results[i] = cachedParse{Depth: parsedHTML, File: content.ParseKeeping(rel, data, kindOf(s.cfg, rel), s.md, s.cfg.KeepDiacritics)}
			fresh[i] = true
		}
		if s.opts.Progress != nil {
			s.opts.Progress.Parsed.Add(1)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	parsed := 0
	for i, rel := range todo {
		switch {
		case gone[i]:
			if _, ok := s.parsed[rel]; ok {
				dirty[shardOf(rel)] = true
			}
			delete(s.parsed, rel)
		default:
			if fresh[i] {
				dirty[shardOf(rel)] = true
				parsed++
			}
			s.parsed[rel] = results[i]
		}
	}
	if s.cache != nil && slices.Contains(dirty, true) {
		s.saveCache(dirty)
	}
	return parsed, nil
}

// saveCache writes the parses in hand to the cache's dirty shards, in the
// background: a build waits for it at its end (Wait), serve does not.
func (s *Session) saveCache(dirty []bool) {
	cache, entries := s.cache, maps.Clone(s.parsed)
	// One save at a time, the newest last, and an edit never waits for one.
	prev, done := s.lastSave, make(chan struct{})
	s.lastSave = done
	s.saving.Go(func() {
		defer close(done)
		if prev != nil {
			<-prev
		}
		_ = cache.save(entries, dirty) // a cache not saved only costs time
	})
}

// Wait waits for the parse cache to be saved.
func (s *Session) Wait() { s.saving.Wait() }

// files are the parsed files in path order.
func (s *Session) files() []*content.Check {
	paths := make([]string, 0, len(s.parsed))
	for p := range s.parsed {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	files := make([]*content.Check, len(paths))
	for i, p := range paths {
		files[i] = s.parsed[p].File
	}
	return files
}

// validate gives the config's, every file's and the archive's findings.
func (s *Session) validate(files []*content.Check) diag.List {
	vopts := validate.Options{Today: s.opts.Today, Drafts: s.opts.Drafts}
	if s.opts.Today.IsZero() {
		vopts.Today = time.Now()
	}
	key := checkedKey{s.cfg, vopts.Today.UTC().Format(time.DateOnly)}
	if key != s.checkedFor {
		s.checked, s.checkedFor = map[*content.Check]diag.List{}, key
	}
	kept := make(map[*content.Check]diag.List, len(files))
	var todo []*content.Check
	for _, f := range files {
		if d, ok := s.checked[f]; ok {
			kept[f] = d
		} else {
			todo = append(todo, f)
		}
	}
	found := make([]diag.List, len(todo))
	_ = forEach(context.Background(), len(todo), func(i int) error {
		found[i] = validate.File(s.cfg, todo[i], vopts)
		return nil
	})
	for i, f := range todo {
		kept[f] = found[i]
	}
	s.checked = kept
	diags := slices.Clone(s.cfgDiags)
	for _, f := range files {
		diags = append(diags, kept[f]...)
	}
	diags = append(diags, validate.Archives(s.cfg, files, vopts)...)
	diags.Sort()
	if s.opts.Strict {
		diags = diags.Strict()
	}
	return diags
}

// loadTheme makes the renderers again when the theme's files or the
// config changed: one for each language.
func (s *Session) loadTheme() error {
	theme := overlay{layers: []fs.FS{os.DirFS(s.opts.Source), s.opts.Theme}}
	sum, err := themeSum(theme)
	if err != nil {
		return err
	}
	if s.langs != nil && sum == s.theme {
		return nil
	}
	root, err := urls.New(s.cfg.BaseURL, s.opts.Offline)
	if err != nil {
		return &ConfigError{Err: fmt.Errorf("%s: base_url: %w", config.FileName, err)}
	}
	tables, err := i18n.Load(s.opts.Theme, os.DirFS(s.opts.Source))
	if err != nil {
		return &LayoutError{Err: err}
	}
	langs := map[string]*sessionLanguage{}
	var diags diag.List
	for _, part := range validate.ByLanguage(s.cfg, nil) {
		code := part.Language.Code
		u := root
		if prefix := s.cfg.OutputPrefix(part.Language); s.cfg.Multilingual() && prefix != "" {
			if u, err = urls.New(s.cfg.BaseURL+prefix, s.opts.Offline); err != nil {
				return &ConfigError{Err: fmt.Errorf("%s: base_url: %w", config.FileName, err)}
			}
		}
		lang := tables.Language(code)
		r, err := render.New(theme, u, render.Options{NoCache: s.opts.NoFragmentCache, Language: lang})
		if err != nil {
			return &LayoutError{Err: err}
		}
		diags = append(diags, tables.Missing(code)...)
		if s.models[code] == nil {
			s.models[code] = site.NewCache()
		}
		langs[code] = &sessionLanguage{model: s.models[code], renderer: r, cfg: translated(part.Config, lang)}
	}
	s.langs, s.theme, s.themeDiags, s.root = langs, sum, diags, root
	return nil
}

// translated is cfg with the default verdict scale's labels and
// definitions in the site's language; a scale of the site's own is its
// own words.
func translated(cfg *config.Config, lang *i18n.Language) *config.Config {
	if !cfg.DefaultScale {
		return cfg
	}
	out := *cfg
	out.Verdicts = slices.Clone(cfg.Verdicts)
	for i, v := range out.Verdicts {
		if label, err := lang.T("verdict." + v.Key + ".label"); err == nil {
			out.Verdicts[i].Label = label
		}
		if def, err := lang.T("verdict." + v.Key + ".definition"); err == nil {
			out.Verdicts[i].Description = def
		}
	}
	return &out
}

// themeSum hashes every file of the theme's layouts/, assets/ and i18n/.
func themeSum(theme fs.FS) ([sha256.Size]byte, error) {
	h := sha256.New()
	for _, dir := range []string{"layouts", "assets", "i18n"} {
		err := fs.WalkDir(theme, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(theme, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s %d\n", p, len(data))
			h.Write(data)
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return [sha256.Size]byte{}, err
		}
	}
	return [sha256.Size]byte(h.Sum(nil)), nil
}

// LayoutError is a theme whose layouts cannot be parsed.
type LayoutError struct{ Err error }

func (e *LayoutError) Error() string { return e.Err.Error() }
func (e *LayoutError) Unwrap() error { return e.Err }

// forEach calls fn(0..n-1) on every core and returns the first error; it
// stops early when ctx ends.
func forEach(ctx context.Context, n int, fn func(i int) error) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		next     int
		firstErr error
	)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := firstErr != nil
				mu.Unlock()
				if stop || i >= n || ctx.Err() != nil {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}
