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
	"slices"
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

	"github.com/factpress/factpress/internal/content"
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
	layouts   map[string]*template.Template
	base      *template.Template // baseof and the partials, for cached fragments
	fragments *fragments         // for one Render call
	// apiState keeps each check's api/checks.json entry across Render
	// calls, for serve's rebuilds; search keeps their words.
	apiState apiState
	search   *search.Builder
	urls     *urls.Maker
	min      *minify.M
	// assets maps an asset's name in the theme ("style.css") to its
	// fingerprinted site path ("assets/style.1a2b3c4d.css").
	assets     map[string]string
	assetFiles map[string][]byte
	// indexPages are the kinds of page whose layout links the search
	// index: they change with it.
	indexPages map[string]bool
	// last is what the last successful Render call of a series planned.
	last *rendered
	// bodyHTML is the current call's Options.BodyHTML.
	bodyHTML func(*content.Check) ([]byte, error)
	// keep tells that the current call is one of a series (Options.Keys
	// or Previous): the search index and the API keep what the next call
	// can reuse. A one-off build keeps nothing it does not need.
	keep bool
}

// rendered is a Render call's plan, kept for the next call: when the model
// was updated in place (site.BuildWith) the plan still holds, and only the
// pages that show an updated check are rendered again.
type rendered struct {
	site       *site.Site
	generation int
	jobs       []job
	// Made on first use: job indices by the checks they show, and the
	// index of each check's and question's own page.
	dependents map[*site.Check][]int
	own        map[any]int
}

// index makes the maps of dependents and own pages.
func (last *rendered) index() {
	if last.dependents != nil {
		return
	}
	last.dependents = map[*site.Check][]int{}
	last.own = map[any]int{}
	for i, j := range last.jobs {
		for _, c := range j.deps {
			last.dependents[c] = append(last.dependents[c], i)
		}
		switch {
		case j.page == nil:
		case j.page.Kind == "check":
			last.own[j.page.Check] = i
		case j.page.Kind == "question":
			last.own[j.page.Question] = i
		}
	}
}

// rekey makes job i's key again from its page as the model now is, and
// moves it among the dependents of the checks it shows.
func (last *rendered) rekey(i int, common string) *job {
	j := &last.jobs[i]
	if j.page.Kind == "check" {
		j.page.Title = j.page.Check.Title // the title is an edit away
	}
	in, deps := j.page.inputs()
	for _, c := range j.deps {
		last.dependents[c] = slices.DeleteFunc(last.dependents[c], func(k int) bool { return k == i })
	}
	for _, c := range deps {
		last.dependents[c] = append(last.dependents[c], i)
	}
	j.key, j.deps = common+in, deps
	return j
}

// New parses the theme's layouts once and minifies and fingerprints its
// assets. theme holds layouts/ and assets/ folders.
func New(theme fs.FS, u *urls.Maker) (*Renderer, error) {
	r := &Renderer{layouts: map[string]*template.Template{}, urls: u, min: newMinifier(), assets: map[string]string{}, assetFiles: map[string][]byte{}, search: search.NewBuilder(), indexPages: map[string]bool{}}
	if err := r.loadAssets(theme); err != nil {
		return nil, err
	}
	baseSrc, err := fs.ReadFile(theme, "layouts/baseof.html")
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	linksIndex := func(src []byte) bool { return bytes.Contains(src, []byte("search-index.js")) }
	everyPageLinksIndex := linksIndex(baseSrc)
	base, err := template.New("baseof.html").Funcs(templateFuncs()).Parse(compact(string(baseSrc)))
	if err != nil {
		return nil, fmt.Errorf("layout %w", err)
	}
	partials, err := fs.Glob(theme, "layouts/partials/*.html")
	if err != nil {
		return nil, err
	}
	for _, m := range partials {
		src, err := parseInto(base, theme, m)
		if err != nil {
			return nil, err
		}
		everyPageLinksIndex = everyPageLinksIndex || linksIndex(src)
	}
	for _, kind := range pageKinds {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		src, err := parseInto(t, theme, "layouts/"+kind+".html")
		if err != nil {
			return nil, err
		}
		r.layouts[kind] = t
		r.indexPages[kind] = everyPageLinksIndex || linksIndex(src)
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

// parseInto parses a layout into t and returns its source.
func parseInto(t *template.Template, theme fs.FS, name string) ([]byte, error) {
	src, err := fs.ReadFile(theme, name)
	if err != nil {
		return nil, fmt.Errorf("layout %s: %w", name, err)
	}
	if _, err := t.New(path.Base(name)).Parse(compact(string(src))); err != nil {
		return nil, fmt.Errorf("layout %w", err)
	}
	return src, nil
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
	// Gone lists the files of Options.Previous that the site no longer has.
	Gone []string
}

// Keys maps each output file to a key of the inputs it was rendered from:
// the same key means the same bytes. An empty key means "always render".
type Keys map[string]string

// Options tunes one call of Render.
type Options struct {
	// Previous holds the keys of the files already written, as the same
	// Renderer's last call returned them; those whose key is unchanged are
	// not rendered again. It may be updated in place and returned.
	Previous Keys
	// Progress is called with the number of files written so far.
	Progress func(done int)
	// Keys asks for the keys of the files, for a later incremental call;
	// a one-off build need not pay for them.
	Keys bool
	// BodyHTML renders the body of a file parsed without its HTML, when
	// its page is rendered: a build need not hold every body's HTML.
	BodyHTML func(*content.Check) ([]byte, error)
}

// job renders one output file.
type job struct {
	path string
	key  string
	// render writes the file into buf, a buffer reused between files;
	// whole makes a file in one piece (feeds, assets, the API), which
	// need not be copied into a buffer.
	render func(buf *bytes.Buffer) error
	whole  func() ([]byte, error)
	page   *Page         // for pages, to key them again
	root   string        // for pages, the link to the site root: the depth
	deps   []*site.Check // the checks a keyed page shows
	// structural files show only the model's structure (paths, dates),
	// which an in-place update of the model leaves as it was.
	structural bool
}

// Render writes the site to w, rendering pages on every core. It returns
// the keys of every file of the site, for the next incremental call.
func (r *Renderer) Render(ctx context.Context, s *site.Site, w Writer, opts Options) (Stats, Keys, error) {
	r.fragments = &fragments{byRoot: map[string]*sync.Map{}} // per model: the next call has new checks
	r.bodyHTML = opts.BodyHTML
	r.keep = opts.Keys || opts.Previous != nil
	last := r.last
	r.last = nil // until this call succeeds
	var (
		stats Stats
		keys  Keys
		todo  []job
	)
	if opts.Previous != nil && last != nil && last.site == s && s.Generation == last.generation+1 {
		var err error
		if keys, todo, stats.Gone, err = r.replan(last, opts.Previous); err != nil {
			return Stats{}, nil, err
		}
		last.generation = s.Generation
	} else {
		jobs, err := r.plan(s, opts.Keys || opts.Previous != nil)
		if err != nil {
			return Stats{}, nil, err
		}
		keys = make(Keys, len(jobs))
		for _, j := range jobs {
			keys[j.path] = j.key
			if prev, ok := opts.Previous[j.path]; ok && j.key != "" && prev == j.key {
				continue
			}
			todo = append(todo, j)
		}
		for p := range opts.Previous {
			if _, ok := keys[p]; !ok {
				stats.Gone = append(stats.Gone, p)
			}
		}
		last = &rendered{site: s, generation: s.Generation, jobs: jobs}
	}
	for _, j := range last.jobs {
		if strings.HasSuffix(j.path, ".html") {
			stats.Pages++
		}
	}
	stats.Files = len(last.jobs)
	stats.Rendered = len(todo)
	jobs := todo
	// Depth by depth, so that each depth's fragments can go when it is done.
	slices.SortStableFunc(jobs, func(a, b job) int { return strings.Compare(a.root, b.root) })
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
				var data []byte
				var err error
				if j.whole != nil {
					data, err = j.whole()
				} else {
					buf.Reset()
					err = j.render(&buf)
					data = buf.Bytes()
				}
				if err == nil {
					err = w.WriteFile(j.path, data)
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
	var roots []string // the depths fed so far
feed:
	for _, j := range jobs {
		if len(roots) == 0 || roots[len(roots)-1] != j.root {
			if len(roots) >= 2 {
				// Pages two depths back are done, or nearly: one left
				// rendering would only make its fragments again.
				r.fragments.drop(roots[len(roots)-2])
			}
			roots = append(roots, j.root)
		}
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
	if err := ctx.Err(); err != nil {
		return stats, nil, err
	}
	if r.keep {
		r.last = last
	}
	return stats, keys, nil
}

// replan is the plan of an in-place update of the last model: the pages
// that show an updated check, keyed again, and the files that are always
// rendered. It updates last and keys, and tells which files went.
func (r *Renderer) replan(last *rendered, keys Keys) (Keys, []job, []string, error) {
	s := last.site
	last.index()
	var (
		todo []job
		gone []string
	)
	oldIndex := r.assets["search-index.js"]
	if err := r.buildSearchIndex(s); err != nil {
		return nil, nil, nil, err
	}
	if index := r.assets["search-index.js"]; index != oldIndex {
		delete(keys, oldIndex)
		gone = append(gone, oldIndex)
		keys[index] = index
		data := r.assetFiles[index]
		todo = append(todo, job{path: index, key: index, whole: func() ([]byte, error) { return data, nil }})
	}
	// The pages showing an updated check, and the own pages of checks and
	// questions whose related or closest checks changed.
	var pages []int
	for _, c := range s.Updated {
		pages = append(pages, last.dependents[c]...)
	}
	for _, c := range s.Relinked {
		if i, ok := last.own[c]; ok {
			pages = append(pages, i)
		}
	}
	for _, q := range s.Requeried {
		if i, ok := last.own[q]; ok {
			pages = append(pages, i)
		}
	}
	common := siteKey(s)
	again := map[int]bool{}
	for _, i := range pages {
		if again[i] {
			continue
		}
		again[i] = true
		j := last.rekey(i, common)
		keys[j.path] = j.key
		todo = append(todo, *j)
	}
	for _, j := range last.jobs {
		if j.key == "" && !j.structural {
			todo = append(todo, j)
		}
	}
	return keys, todo, gone, nil
}

// buildSearchIndex makes the search index script and registers it as an
// asset.
func (r *Renderer) buildSearchIndex(s *site.Site) error {
	var ix *search.Index
	if r.keep {
		ix = r.search.Build(s)
	} else {
		ix = search.Build(s) // a one-off build keeps no cache
	}
	index, err := ix.Script()
	if err != nil {
		return err
	}
	r.addAsset("search-index.js", index)
	return nil
}

func (r *Renderer) plan(s *site.Site, withKeys bool) ([]job, error) {
	if err := r.buildSearchIndex(s); err != nil {
		return nil, err
	}

	var jobs []job
	common := siteKey(s)
	page := func(p *Page) {
		p.Site, p.r = s, r
		j := job{path: urls.File(p.Path), page: p, root: p.Rel(""), render: func(buf *bytes.Buffer) error { return r.page(buf, p) }}
		if withKeys && !r.indexPages[p.Kind] {
			if in, deps := p.inputs(); in != "" {
				j.key, j.deps = common+in, deps
			}
		}
		jobs = append(jobs, j)
	}
	for name, data := range r.assetFiles {
		jobs = append(jobs, job{path: name, key: name, whole: func() ([]byte, error) { return data, nil }})
	}
	per := s.Config.Paginate

	page(&Page{Kind: "home", Path: "", Title: s.Config.Title, Checks: head(s.Checks, 10), Questions: head(s.OpenQuestions(), 10)})
	for _, pg := range paginate("checks/", s.Checks, per) {
		page(&Page{Kind: "list", Path: pg.Path, Title: "All checks", Heading: "All checks", Checks: pg.Checks, Pager: pg.Pager, Tally: s.Tally()})
	}
	for _, c := range s.Checks {
		page(&Page{Kind: "check", Path: c.Path, Title: c.Title, Check: c})
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
		job{path: "feed.xml", whole: func() ([]byte, error) { return r.atom(s) }},
		job{path: "feed.json", whole: func() ([]byte, error) { return r.jsonFeed(s) }},
		job{path: "api/checks.json", whole: func() ([]byte, error) { return r.api(s) }},
		job{path: "robots.txt", structural: true, whole: func() ([]byte, error) { return r.robots(), nil }},
		job{path: "schema/check.schema.json", structural: true, whole: func() ([]byte, error) { return schema.Check(s.Config.VerdictKeys()) }},
	)
	var htmlPaths []string
	for _, j := range jobs {
		if strings.HasSuffix(j.path, ".html") && j.path != "404.html" {
			htmlPaths = append(htmlPaths, j.path)
		}
	}
	sort.Strings(htmlPaths)
	jobs = append(jobs, job{path: "sitemap.xml", structural: true, whole: func() ([]byte, error) { return r.sitemap(s, htmlPaths) }})
	return jobs, nil
}

func (r *Renderer) page(buf *bytes.Buffer, p *Page) error {
	if err := r.layouts[p.Kind].ExecuteTemplate(buf, "baseof.html", p); err != nil {
		return fmt.Errorf("layout %s.html: %w", p.Kind, err)
	}
	return nil
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
