// Package render turns the site model into pages, feeds and assets through the HTML layouts.
package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"

	"github.com/factpress/factpress/internal/schema"
	"github.com/factpress/factpress/internal/search"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/urls"
)

// Writer receives the rendered files; it must be safe for concurrent use,
// and must not keep data after WriteFile returns: the buffer is reused.
type Writer interface {
	WriteFile(sitePath string, data []byte) error
}

// pageKinds are the layouts every theme has, one per kind of page.
var pageKinds = []string{"home", "check", "list", "topics", "verdicts", "claimants", "questions", "question", "sources", "corrections", "search", "page", "404"}

// Renderer holds the parsed layouts and processed assets of one build.
type Renderer struct {
	layouts map[string]*template.Template
	base    *template.Template // baseof and the partials, for cached fragments
	items   *sync.Map          // itemKey → template.HTML, for one Render call
	// apiCache keeps each check's api/checks.json entry across Render calls
	// (by its parsed file), for serve's rebuilds; search keeps their words.
	apiCache sync.Map
	search   *search.Builder
	urls     *urls.Maker
	min      *minify.M
	// assets maps an asset's name in the theme ("style.css") to its
	// fingerprinted site path ("assets/style.1a2b3c4d.css").
	assets     map[string]string
	assetFiles map[string][]byte
}

// New parses the theme's layouts once and minifies and fingerprints its
// assets. theme holds layouts/ and assets/ folders.
func New(theme fs.FS, u *urls.Maker) (*Renderer, error) {
	r := &Renderer{layouts: map[string]*template.Template{}, urls: u, min: newMinifier(), assets: map[string]string{}, assetFiles: map[string][]byte{}, search: search.NewBuilder()}
	if err := r.loadAssets(theme); err != nil {
		return nil, err
	}
	baseSrc, err := fs.ReadFile(theme, "layouts/baseof.html")
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	base, err := template.New("baseof.html").Funcs(templateFuncs()).Parse(compact(string(baseSrc)))
	if err != nil {
		return nil, fmt.Errorf("layout %w", err)
	}
	partials, err := fs.Glob(theme, "layouts/partials/*.html")
	if err != nil {
		return nil, err
	}
	for _, m := range partials {
		if err := parseInto(base, theme, m); err != nil {
			return nil, err
		}
	}
	for _, kind := range pageKinds {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseInto(t, theme, "layouts/"+kind+".html"); err != nil {
			return nil, err
		}
		r.layouts[kind] = t
	}
	r.base = base
	return r, nil
}

var lineBreak = regexp.MustCompile(`[ \t]*\n\s*`)

// compact drops the line breaks and indentation of a layout's source, once,
// where minifying every rendered page would cost more than it saves: a break
// next to a tag goes, any other becomes one space (text next to an action may
// need it). Layouts that need
// preformatted text should use a partial of goldmark output or &#10;.
func compact(src string) string {
	var b strings.Builder
	b.Grow(len(src))
	last := 0
	for _, m := range lineBreak.FindAllStringIndex(src, -1) {
		b.WriteString(src[last:m[0]])
		last = m[1]
		before := m[0] > 0 && src[m[0]-1] == '>'
		after := m[1] < len(src) && src[m[1]] == '<'
		if !before && !after && m[0] > 0 && m[1] < len(src) {
			b.WriteByte(' ')
		}
	}
	b.WriteString(src[last:])
	return b.String()
}

func parseInto(t *template.Template, theme fs.FS, name string) error {
	src, err := fs.ReadFile(theme, name)
	if err != nil {
		return fmt.Errorf("layout %s: %w", name, err)
	}
	if _, err := t.New(path.Base(name)).Parse(compact(string(src))); err != nil {
		return fmt.Errorf("layout %w", err)
	}
	return nil
}

func newMinifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), json.Minify)
	return m
}

var fingerprinted = map[string]string{".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}

func (r *Renderer) loadAssets(theme fs.FS) error {
	return fs.WalkDir(theme, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "assets/")
		ext := path.Ext(name)
		out := "assets/" + name
		if mediaType, ok := fingerprinted[ext]; ok {
			if min, err := r.min.Bytes(mediaType, data); err == nil {
				data = min
			} else {
				return fmt.Errorf("%s: %w", p, err)
			}
			r.addAsset(name, data)
			return nil
		}
		r.assets[name] = out
		r.assetFiles[out] = data
		return nil
	})
}

// URLs is the link maker the pages are rendered with.
func (r *Renderer) URLs() *urls.Maker { return r.urls }

// addAsset registers a file under assets/ with its content hash in the name,
// so that browsers may cache it forever.
func (r *Renderer) addAsset(name string, data []byte) {
	ext := path.Ext(name)
	sum := sha256.Sum256(data)
	out := "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	if old, ok := r.assets[name]; ok && old != out {
		delete(r.assetFiles, old) // a generated asset replaced by a later Render call
	}
	r.assets[name] = out
	r.assetFiles[out] = data
}

// Stats counts what a render wrote.
type Stats struct {
	Pages    int // HTML pages in the site
	Files    int // every file in the site
	Rendered int // files rendered and written by this call
}

// Keys maps each output file to a key of the inputs it was rendered from:
// the same key means the same bytes. An empty key means "always render".
type Keys map[string]string

// Options tunes one call of Render.
type Options struct {
	// Previous holds the keys of the files already written (by an earlier
	// call with the same Renderer); those whose key is unchanged are not
	// rendered again.
	Previous Keys
	// Progress is called with the number of files written so far.
	Progress func(done int)
	// Keys asks for the keys of the files, for a later incremental call;
	// a one-off build need not pay for them.
	Keys bool
}

// job renders one output file.
type job struct {
	path string
	key  string
	// render writes the file into buf, a buffer reused between files.
	render func(buf *bytes.Buffer) error
}

// Render writes the site to w, rendering pages on every core. It returns
// the keys of every file of the site, for the next incremental call.
func (r *Renderer) Render(ctx context.Context, s *site.Site, w Writer, opts Options) (Stats, Keys, error) {
	r.items = &sync.Map{} // fragments are per model: the next call has new checks
	jobs, err := r.plan(s, opts.Keys || opts.Previous != nil)
	if err != nil {
		return Stats{}, nil, err
	}
	var stats Stats
	keys := make(Keys, len(jobs))
	todo := jobs[:0:0]
	for _, j := range jobs {
		if strings.HasSuffix(j.path, ".html") {
			stats.Pages++
		}
		keys[j.path] = j.key
		if prev, ok := opts.Previous[j.path]; ok && j.key != "" && prev == j.key {
			continue
		}
		todo = append(todo, j)
	}
	stats.Files = len(jobs)
	stats.Rendered = len(todo)
	jobs = todo
	progress := opts.Progress

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan job)
	var (
		mu       sync.Mutex
		firstErr error
		done     int
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
		mu.Unlock()
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer // one per worker: pages need not be allocated afresh
			for j := range next {
				buf.Reset()
				err := j.render(&buf)
				if err == nil {
					err = w.WriteFile(j.path, buf.Bytes())
				}
				if err != nil {
					fail(fmt.Errorf("%s: %w", j.path, err))
					continue
				}
				if progress != nil {
					mu.Lock()
					done++
					progress(done)
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case next <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return stats, nil, firstErr
	}
	return stats, keys, ctx.Err()
}

func (r *Renderer) plan(s *site.Site, withKeys bool) ([]job, error) {
	index, err := r.search.Build(s).Script()
	if err != nil {
		return nil, err
	}
	r.addAsset("search-index.js", index)

	var jobs []job
	common := siteKey(s)
	page := func(p *Page) {
		p.Site, p.r = s, r
		key := ""
		if withKeys {
			if in := p.inputs(); in != "" {
				key = common + in
			}
		}
		jobs = append(jobs, job{path: urls.File(p.Path), key: key, render: func(buf *bytes.Buffer) error { return r.page(buf, p) }})
	}
	for name, data := range r.assetFiles {
		jobs = append(jobs, job{path: name, key: name, render: bytesOf(func() ([]byte, error) { return data, nil })})
	}
	per := s.Config.Paginate

	page(&Page{Kind: "home", Path: "", Title: s.Config.Title, Checks: head(s.Checks, 10), Questions: head(s.OpenQuestions(), 10)})
	for _, pg := range paginate("checks/", s.Checks, per) {
		page(&Page{Kind: "list", Path: pg.Path, Title: "All checks", Heading: "All checks", Checks: pg.Checks, Pager: pg.Pager, Tally: s.Tally()})
	}
	for _, c := range s.Checks {
		page(&Page{Kind: "check", Path: c.Path, Title: c.Title, Check: c, Description: c.Summary})
	}
	page(&Page{Kind: "topics", Path: "topics/", Title: "Topics"})
	for _, t := range s.Topics {
		for _, pg := range paginate(t.Path, t.Checks, per) {
			page(&Page{Kind: "list", Path: pg.Path, Title: "Topic: " + t.Title, Heading: t.Title, Intro: t.Description, Checks: pg.Checks, Pager: pg.Pager, Tally: t.Tally, Total: len(t.Checks)})
		}
	}
	page(&Page{Kind: "verdicts", Path: "verdicts/", Title: "Verdicts"})
	for _, v := range s.Verdicts {
		for _, pg := range paginate(v.Path, v.Checks, per) {
			page(&Page{Kind: "list", Path: pg.Path, Title: "Verdict: " + v.Label, Heading: v.Label, Intro: v.Description, Checks: pg.Checks, Pager: pg.Pager, Total: len(v.Checks)})
		}
	}
	for _, pg := range paginate("claimants/", s.Claimants, per*5) {
		page(&Page{Kind: "claimants", Path: pg.Path, Title: "Claimants", Claimants: pg.Checks, Pager: pg.Pager})
	}
	for _, cl := range s.Claimants {
		for _, pg := range paginate(cl.Path, cl.Checks, per) {
			page(&Page{Kind: "list", Path: pg.Path, Title: "Claims by " + cl.Name, Heading: "Claims by " + cl.Name, Checks: pg.Checks, Pager: pg.Pager, Tally: cl.Tally, Total: len(cl.Checks)})
		}
	}
	for _, pg := range paginate("questions/", s.Questions, per*5) {
		page(&Page{Kind: "questions", Path: pg.Path, Title: "Questions", Questions: pg.Checks, Pager: pg.Pager})
	}
	for _, q := range s.Questions {
		page(&Page{Kind: "question", Path: q.Path, Title: q.Text, Question: q})
	}
	page(&Page{Kind: "sources", Path: "sources/", Title: "Sources"})
	page(&Page{Kind: "corrections", Path: "corrections/", Title: "Corrections"})
	page(&Page{Kind: "search", Path: "search/", Title: "Search"})
	for _, p := range s.Pages {
		page(&Page{Kind: "page", Path: p.Path, Title: p.Title, Content: p})
	}
	page(&Page{Kind: "404", Path: "404.html", Title: "Page not found"})

	jobs = append(jobs,
		job{"feed.xml", "", bytesOf(func() ([]byte, error) { return r.atom(s) })},
		job{"feed.json", "", bytesOf(func() ([]byte, error) { return r.jsonFeed(s) })},
		job{"api/checks.json", "", bytesOf(func() ([]byte, error) { return r.api(s) })},
		job{"robots.txt", "", bytesOf(func() ([]byte, error) { return r.robots(), nil })},
		job{"schema/check.schema.json", "", bytesOf(func() ([]byte, error) { return schema.Check(s.Config.VerdictKeys()) })},
	)
	var htmlPaths []string
	for _, j := range jobs {
		if strings.HasSuffix(j.path, ".html") && j.path != "404.html" {
			htmlPaths = append(htmlPaths, j.path)
		}
	}
	sort.Strings(htmlPaths)
	jobs = append(jobs, job{"sitemap.xml", "", bytesOf(func() ([]byte, error) { return r.sitemap(s, htmlPaths) })})
	return jobs, nil
}

func (r *Renderer) page(buf *bytes.Buffer, p *Page) error {
	if err := r.layouts[p.Kind].ExecuteTemplate(buf, "baseof.html", p); err != nil {
		return fmt.Errorf("layout %s.html: %w", p.Kind, err)
	}
	return nil
}

// bytesOf adapts a file made whole to a job.
func bytesOf(produce func() ([]byte, error)) func(*bytes.Buffer) error {
	return func(buf *bytes.Buffer) error {
		b, err := produce()
		buf.Write(b)
		return err
	}
}

func head[T any](list []T, n int) []T {
	if len(list) > n {
		return list[:n]
	}
	return list
}

func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("January 2, 2006")
		},
		"iso": func(t time.Time) string { return t.Format(time.DateOnly) },
		"pct": func(f float64) string { return fmt.Sprintf("%.1f", f) },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
		"add": func(a, b int) int { return a + b },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict wants key, value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"list":  func(v ...any) []any { return v },
		"first": func(list []*site.Check, n int) []*site.Check { return head(list, n) },
	}
}
