package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/render"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/validate"
)

// Memory is a build output held in memory, for serve. It is safe for
// concurrent use.
type Memory struct {
	mu       sync.RWMutex
	files    map[string][]byte
	written  map[string]int // the rebuild that last wrote each file
	rebuilds int
}

// WriteFile implements render.Writer.
func (m *Memory) WriteFile(sitePath string, data []byte) error {
	data = bytes.Clone(data) // the renderer reuses its buffer
	m.mu.Lock()
	m.files[sitePath] = data
	m.written[sitePath] = m.rebuilds
	m.mu.Unlock()
	return nil
}

// WrittenBy tells which rebuild (1 for the first) last wrote a file, 0 for
// a file that is not there.
func (m *Memory) WrittenBy(sitePath string) int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.written[sitePath]
}

// Get returns a file of the site.
func (m *Memory) Get(sitePath string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[sitePath]
	return b, ok
}

// keepOnly removes every file but those keep names.
func (m *Memory) keepOnly(keep render.Keys) {
	m.mu.Lock()
	for p := range m.files {
		if _, ok := keep[p]; !ok {
			delete(m.files, p)
			delete(m.written, p)
		}
	}
	m.mu.Unlock()
}

func (m *Memory) remove(paths []string) {
	m.mu.Lock()
	for _, p := range paths {
		delete(m.files, p)
		delete(m.written, p)
	}
	m.mu.Unlock()
}

// Session builds a site again and again, as its files change, into memory.
// It keeps every parsed file, so that a rebuild parses only what changed,
// and the key of every output file, so that it renders only the pages whose
// inputs changed. A rebuild with errors keeps the last good output.
type Session struct {
	opts Options
	Out  *Memory

	cfg      *config.Config
	cfgData  []byte
	cfgDiags diag.List
	md       *markdown.Converter
	renderer *render.Renderer
	files    map[string]*content.Check // by site-relative path
	data     map[string][]byte         // the bytes each was parsed from
	keys     render.Keys
	// fileDiags keeps each parsed file's own findings for the day they
	// were made (future-date depends on it).
	fileDiags map[*content.Check]diag.List
	diagDay   string
	model     *site.Cache
}

// NewSession prepares a session; the first Rebuild builds everything.
func NewSession(opts Options) *Session {
	opts.defaults()
	return &Session{opts: opts, Out: &Memory{files: map[string][]byte{}, written: map[string]int{}}}
}

// Rebuild brings the output up to date with the files named in changed
// (site-relative, '/'-separated), or with everything when changed is nil.
// Result.Stats.Rendered tells how many files it rendered.
func (s *Session) Rebuild(ctx context.Context, changed []string) (*Result, error) {
	start := time.Now()
	full := changed == nil || s.cfg == nil
	themeChanged := full
	for _, p := range changed {
		if p == config.FileName {
			full = true
		}
		if strings.HasPrefix(p, "layouts/") || strings.HasPrefix(p, "assets/") {
			themeChanged = true
		}
	}
	if full {
		data, err := os.ReadFile(filepath.Join(s.opts.Source, config.FileName))
		if err != nil || !bytes.Equal(data, s.cfgData) || s.cfg == nil {
			cfg, cfgDiags, err := config.Load(s.opts.Source)
			if err != nil {
				return &Result{Diags: diag.List{configDiag(err)}, Elapsed: time.Since(start)}, nil
			}
			if s.opts.BaseURL != "" {
				cfg.BaseURL = s.opts.BaseURL
			}
			s.cfg, s.cfgData, s.cfgDiags = &cfg, data, cfgDiags
			s.md = markdown.New(markdown.Options{UnsafeHTML: cfg.UnsafeHTML})
			s.files, s.data = map[string]*content.Check{}, map[string][]byte{}
			themeChanged = true
		}
		paths, err := contentFiles(s.opts.Source)
		if err != nil {
			return nil, err
		}
		changed = paths
		for p := range s.files {
			changed = append(changed, p) // so that deleted files drop out
		}
	}
	for _, rel := range changed {
		if !strings.HasPrefix(rel, "content/") || !strings.EqualFold(filepath.Ext(rel), ".md") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(s.opts.Source, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrNotExist) {
			delete(s.files, rel)
			delete(s.data, rel)
			continue
		}
		if err != nil {
			return nil, err
		}
		if old, ok := s.data[rel]; ok && bytes.Equal(old, data) {
			continue // touched, not changed: keep the parsed value and its pages
		}
		s.files[rel] = content.Parse(rel, data, kindOf(rel), s.md)
		s.data[rel] = data
	}
	if themeChanged {
		r, err := newRenderer(s.opts, s.cfg)
		if err != nil {
			d := diag.Errorf("layouts", 0, 0, "layout", "%v", err)
			var ce *ConfigError
			if errors.As(err, &ce) {
				d = configDiag(ce.Err)
			}
			return &Result{Diags: diag.List{d}, Elapsed: time.Since(start)}, nil
		}
		s.renderer, s.keys = r, nil
	}

	paths := make([]string, 0, len(s.files))
	for p := range s.files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	files := make([]*content.Check, len(paths))
	for i, p := range paths {
		files[i] = s.files[p]
	}
	res := &Result{Files: len(files)}
	vopts := validate.Options{Today: time.Now(), Drafts: s.opts.Drafts}
	if day := vopts.Today.UTC().Format(time.DateOnly); themeChanged || full || day != s.diagDay {
		s.fileDiags, s.diagDay = map[*content.Check]diag.List{}, day
	}
	res.Diags = slices.Clone(s.cfgDiags)
	kept := make(map[*content.Check]diag.List, len(files))
	for _, f := range files {
		d, ok := s.fileDiags[f]
		if !ok {
			d = validate.File(s.cfg, f, vopts)
		}
		kept[f] = d
		res.Diags = append(res.Diags, d...)
	}
	s.fileDiags = kept
	res.Diags = append(res.Diags, validate.Archive(files, vopts)...)
	res.Diags.Sort()
	if res.Failed() {
		res.Elapsed = time.Since(start)
		return res, nil
	}
	if s.model == nil || full {
		s.model = site.NewCache()
	}
	res.Site = site.BuildWith(s.cfg, files, s.opts.Drafts, s.model)
	s.Out.mu.Lock()
	s.Out.rebuilds++
	s.Out.mu.Unlock()
	previous := s.keys
	stats, keys, err := s.renderer.Render(ctx, res.Site, s.Out, render.Options{Previous: previous, Keys: true})
	if err != nil {
		s.keys = nil // what was written is unknown: the next rebuild renders and sweeps everything
		return nil, err
	}
	if previous == nil {
		s.Out.keepOnly(keys)
	} else {
		s.Out.remove(stats.Gone)
	}
	s.keys = keys
	res.Stats = stats
	res.Elapsed = time.Since(start)
	return res, nil
}

// configDiag turns a configuration that cannot be used into a diagnostic,
// for serve to show instead of stopping.
func configDiag(err error) diag.Diagnostic {
	var ce *config.Error
	if errors.As(err, &ce) {
		return diag.Errorf(ce.File, ce.Line, 0, "config", "%s", ce.Msg)
	}
	return diag.Errorf(config.FileName, 0, 0, "config", "%v", err)
}
