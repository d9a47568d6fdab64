package render

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/factpress/factpress/internal/schema"
	"github.com/factpress/factpress/internal/search"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/urls"
)

// Output is one file of a site: a page, made from its view through a
// layout, or a file made whole (feeds, the API, assets).
type Output struct {
	Path   string // file path in the site: "checks/x/index.html"
	Layout string // the page's layout; "" for a file made whole
	view   func() (any, error)
	data   func() ([]byte, error)
}

// Page reports whether the output is an HTML page.
func (o *Output) Page() bool { return o.Layout != "" }

// Plan is every output of one site, in a fixed order, made without
// rendering anything: serve answers a request from it, a build renders it
// all. The search index is named by its content, so it is made on first
// use.
type Plan struct {
	r    *Renderer
	site *site.Site

	laid    sync.Once // the outputs are laid out on first use
	outputs []*Output
	byPath  map[string]*Output
	// taken is two outputs at one path, which validation should have
	// refused: a build must not let one overwrite the other.
	taken error

	index     sync.Once
	indexPath string
	indexData []byte
	indexErr  error
}

// searchIndexName is the search index's name among the assets.
const searchIndexName = "search-index.js"

// Plan is the plan of the outputs of s, laid out when first needed: serve
// tells the browser to reload before it needs any.
func (r *Renderer) Plan(s *site.Site) *Plan {
	return &Plan{r: r, site: s}
}

// layOut lists every output.
func (pl *Plan) layOut() {
	r, s := pl.r, pl.site
	pl.byPath = make(map[string]*Output, 5*len(s.Checks))
	v := newViews(s, r.urls, r.lang)
	page := func(layout, path string, view func() (any, error)) {
		pl.add(&Output{Path: urls.File(path), Layout: layout, view: view})
	}
	file := func(path string, data func() ([]byte, error)) {
		pl.add(&Output{Path: path, data: data})
	}
	for _, name := range slices.Sorted(maps.Keys(r.assetFiles)) {
		data := r.assetFiles[name]
		file(name, func() ([]byte, error) { return data, nil })
	}
	per := s.Config.Paginate

	page("home", "", func() (any, error) { return v.home(), nil })
	for _, pg := range paginate("checks/", s.Checks, per) {
		page("list", pg.Path, func() (any, error) {
			return v.list(pg.Path, v.t("all-checks"), v.t("all-checks"), "", pg.Items, pg.Pager, 0, s.Tally()), nil
		})
	}
	for _, c := range s.Checks {
		page("check", c.Path, func() (any, error) { return v.check(c) })
	}
	page("topics", "topics/", func() (any, error) { return v.topics(), nil })
	for _, t := range s.Topics {
		for _, pg := range paginate(t.Path, t.Checks, per) {
			page("list", pg.Path, func() (any, error) {
				return v.list(pg.Path, v.t("topic-title", "Name", t.Title), t.Title, t.Description, pg.Items, pg.Pager, len(t.Checks), t.Tally), nil
			})
		}
	}
	page("verdicts", "verdicts/", func() (any, error) { return v.verdicts(), nil })
	for _, vd := range s.Verdicts {
		for _, pg := range paginate(vd.Path, vd.Checks, per) {
			page("list", pg.Path, func() (any, error) {
				return v.list(pg.Path, v.t("verdict-title", "Name", vd.Label), vd.Label, vd.Description, pg.Items, pg.Pager, len(vd.Checks), nil), nil
			})
		}
	}
	for _, pg := range paginate("claimants/", s.Claimants, per*5) {
		page("claimants", pg.Path, func() (any, error) { return v.claimants(pg.Path, pg.Items, pg.Pager), nil })
	}
	for _, cl := range s.Claimants {
		for _, pg := range paginate(cl.Path, cl.Checks, per) {
			page("list", pg.Path, func() (any, error) {
				return v.list(pg.Path, v.t("claims-by", "Name", cl.Name), v.t("claims-by", "Name", cl.Name), "", pg.Items, pg.Pager, len(cl.Checks), cl.Tally), nil
			})
		}
	}
	for _, pg := range paginate("questions/", s.Questions(), per*5) {
		page("questions", pg.Path, func() (any, error) { return v.questions(pg.Path, pg.Items, pg.Pager), nil })
	}
	for _, q := range s.Questions() {
		page("question", q.Path, func() (any, error) { return v.question(q), nil })
	}
	page("sources", "sources/", func() (any, error) { return v.sources(), nil })
	page("corrections", "corrections/", func() (any, error) { return v.corrections(), nil })
	page("search", "search/", func() (any, error) {
		path, _, err := pl.searchIndex()
		return v.search(path), err
	})
	for _, p := range s.Pages {
		page("page", p.Path, func() (any, error) { return v.content(p) })
	}
	page("404", "404.html", func() (any, error) { return v.notFound(), nil })

	file("feed.xml", func() ([]byte, error) { return r.atom(s) })
	file("feed.json", func() ([]byte, error) { return r.jsonFeed(s) })
	file("api/checks.json", func() ([]byte, error) { return r.api(s) })
	file("robots.txt", func() ([]byte, error) { return r.robots(), nil })
	file("schema/check.schema.json", func() ([]byte, error) { return schema.Check(s.Config.VerdictKeys()) })
	var pages []string
	for _, o := range pl.outputs {
		if o.Page() && o.Path != "404.html" {
			pages = append(pages, o.Path)
		}
	}
	slices.Sort(pages)
	file("sitemap.xml", func() ([]byte, error) { return r.sitemap(s, pages) })
}

func (pl *Plan) add(o *Output) {
	if _, ok := pl.byPath[o.Path]; ok && pl.taken == nil {
		pl.taken = fmt.Errorf("two outputs would be written at %s", o.Path)
	}
	pl.outputs = append(pl.outputs, o)
	pl.byPath[o.Path] = o
}

// searchIndex makes the search index script, once, and gives its path.
func (pl *Plan) searchIndex() (string, []byte, error) {
	pl.index.Do(func() {
		pl.indexData, pl.indexErr = search.Build(pl.site, pl.r.lang.Date).Script()
		pl.indexPath = fingerprint(searchIndexName, pl.indexData)
	})
	return pl.indexPath, pl.indexData, pl.indexErr
}

// Outputs lists every output, the search index included.
func (pl *Plan) Outputs() ([]*Output, error) {
	pl.laid.Do(pl.layOut)
	if pl.taken != nil {
		return nil, pl.taken
	}
	path, data, err := pl.searchIndex()
	if err != nil {
		return nil, err
	}
	index := &Output{Path: path, data: func() ([]byte, error) { return data, nil }}
	return append(slices.Clip(pl.outputs), index), nil
}

// Lookup finds the output at a file path of the site.
func (pl *Plan) Lookup(path string) (*Output, bool) {
	pl.laid.Do(pl.layOut)
	if o, ok := pl.byPath[path]; ok {
		return o, true
	}
	if strings.HasPrefix(path, "assets/search-index.") {
		index, data, err := pl.searchIndex()
		if err == nil && path == index {
			return &Output{Path: path, data: func() ([]byte, error) { return data, nil }}, true
		}
	}
	return nil, false
}

// Site is the model the plan was made from.
func (pl *Plan) Site() *site.Site { return pl.site }

// URLs is the link maker of the plan's pages.
func (pl *Plan) URLs() *urls.Maker { return pl.r.urls }

// Render writes every output to w: see Renderer.Render.
func (pl *Plan) Render(ctx context.Context, w Writer, progress func(done int)) (Stats, error) {
	return pl.r.Render(ctx, pl, w, progress)
}

// Key is the key of an output: see Renderer.Key.
func (pl *Plan) Key(o *Output) (Key, error) { return pl.r.Key(o) }

// Bytes renders an output: see Renderer.Bytes.
func (pl *Plan) Bytes(o *Output, buf *bytes.Buffer) ([]byte, error) { return pl.r.Bytes(o, buf) }

// pagerOf is a page of a list, as site paths.
type pagerOf struct {
	Number, Total int
	Prev, Next    string
	Links         []pagerLinkOf
}

type pagerLinkOf struct {
	Number  int
	Path    string
	Current bool
}

type pageOf[T any] struct {
	Path  string
	Items []T
	Pager *pagerOf
}

// paginate splits list into pages of per items at base, base+"page/2/", …
func paginate[T any](base string, list []T, per int) []pageOf[T] {
	n := max(1, (len(list)+per-1)/per)
	pathOf := func(i int) string {
		if i == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(i) + "/"
	}
	out := make([]pageOf[T], 0, n)
	for i := 1; i <= n; i++ {
		lo, hi := (i-1)*per, min(i*per, len(list))
		pg := &pagerOf{Number: i, Total: n}
		if i > 1 {
			pg.Prev = pathOf(i - 1)
		}
		if i < n {
			pg.Next = pathOf(i + 1)
		}
		for j := max(1, i-3); j <= min(n, i+3); j++ {
			pg.Links = append(pg.Links, pagerLinkOf{Number: j, Path: pathOf(j), Current: j == i})
		}
		out = append(out, pageOf[T]{Path: pathOf(i), Items: list[lo:hi], Pager: pg})
	}
	return out
}
