package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/diag"
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
	r      *Renderer
	view   func() (any, error)
	data   func() ([]byte, error)

	// unlisted keeps a page out of the sitemap: the search page, and
	// lists with nothing in them.
	unlisted bool
	// drawn tells a picture whose key is known before it is drawn: the
	// key of what it shows.
	drawn bool
	key   Key
}

// Page reports whether the output is an HTML page.
func (o *Output) Page() bool { return o.Layout != "" }

// Plan is every output of one site, in a fixed order, made without
// rendering anything: serve answers a request from it, a build renders it
// all. The search index is named by its content, so it is made on first
// use. A multilingual site is one part per language, each in its folder.
type Plan struct {
	parts []*part
	root  *urls.Maker // links from the site root

	laid    sync.Once // the outputs are laid out on first use
	outputs []*Output
	byPath  map[string]*Output
	// taken is two outputs at one path, which validation should have
	// refused: a build must not let one overwrite the other.
	taken error
}

// part is the pages of one language, under its folder of the site.
type part struct {
	r      *Renderer
	site   *site.Site
	prefix string // "" or "fr/"
	code   string
	name   string
	dir    string // the language's content folder: "content/", "content/fr/"
	// keys are the translation keys of the checks and pages by site path,
	// and paths the reverse: translations share a key.
	keys  map[string]string
	paths map[string]string

	cards *cardSet

	index      sync.Once
	indexFiles []search.File // the main script first
	indexErr   error
}

// Language is one language of a multilingual site, for NewPlan.
type Language struct {
	Renderer *Renderer // rendering under base_url + Prefix
	Site     *site.Site
	Prefix   string // the language's folder in the site, "" or "fr/"
	Code     string
	Name     string // for the language switcher, in the language itself
}

// searchIndexName is the search index's name among the assets.
const searchIndexName = "search-index.js"

// Plan is the plan of the outputs of s, laid out when first needed: serve
// tells the browser to reload before it needs any.
func (r *Renderer) Plan(s *site.Site) *Plan {
	return &Plan{parts: []*part{{r: r, site: s, code: s.Config.Language, dir: s.Config.ContentDir}}, root: r.urls}
}

// NewPlan is the plan of a multilingual site, the default language first;
// root makes links from the site's root, above every language's folder.
func NewPlan(root *urls.Maker, langs []Language) *Plan {
	pl := &Plan{root: root}
	for _, l := range langs {
		pl.parts = append(pl.parts, &part{r: l.Renderer, site: l.Site, prefix: l.Prefix, code: l.Code, name: l.Name, dir: l.Site.Config.ContentDir})
	}
	return pl
}

// layOut lists every output.
func (pl *Plan) layOut() {
	pl.byPath = map[string]*Output{}
	for _, p := range pl.parts {
		pl.layOutPart(p)
	}
	first := pl.parts[0]
	if first.prefix != "" {
		// The default language is in its folder too: the root leads there,
		// and serves its 404 page, whose links climb from any depth (from
		// disk, where nothing serves a 404 page, they could not).
		pl.add(&Output{Path: "index.html", data: func() ([]byte, error) { return pl.languageIndex(), nil }})
		if !first.r.urls.Offline() {
			v := newViews(first.site, first.r.urls, first.r.lang)
			pl.dress(v, first)
			pl.add(&Output{Path: "404.html", Layout: "404", r: first.r, view: func() (any, error) { return v.notFound(), nil }})
		}
	}
	pl.add(&Output{Path: "robots.txt", data: func() ([]byte, error) { return pl.robots(), nil }})
	pl.add(&Output{Path: "schema/check.schema.json", data: func() ([]byte, error) { return schema.Check(first.site.Config.VerdictKeys()) }})
}

// layOutPart lists the outputs of one language.
func (pl *Plan) layOutPart(p *part) {
	r, s := p.r, p.site
	v := newViews(s, r.urls, r.lang)
	pl.dress(v, p)
	p.cards = v.cards
	if len(pl.parts) > 1 {
		p.keys, p.paths = map[string]string{}, map[string]string{}
		for _, c := range s.Checks {
			k := c.Check.TranslationOf(p.dir)
			p.keys[c.Path], p.paths[k] = k, c.Path
		}
		for _, pg := range s.Pages {
			k := pg.Check.TranslationOf(p.dir)
			p.keys[pg.Path], p.paths[k] = k, pg.Path
		}
		v.languages = func(path, root string) []LanguageLink { return pl.languages(p, path, root) }
	}
	page := func(layout, path string, view func() (any, error)) *Output {
		o := &Output{Path: p.prefix + urls.File(path), Layout: layout, r: r, view: view}
		pl.add(o)
		return o
	}
	file := func(path string, data func() ([]byte, error)) {
		pl.add(&Output{Path: p.prefix + path, data: data})
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
		}).unlisted = len(s.Checks) == 0
	}
	for _, c := range s.Checks {
		page("check", c.Path, func() (any, error) { return v.check(c) })
	}
	page("topics", "topics/", func() (any, error) { return v.topics(), nil }).unlisted = len(s.Topics) == 0
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
				lp := v.verdictList(pg.Path, vd, pg.Items, pg.Pager)
				lp.Card = v.cards.forVerdict(vd.Key) // the verdict's picture
				return lp, nil
			}).unlisted = len(vd.Checks) == 0
		}
	}
	for _, pg := range paginate("claimants/", s.Claimants, per*5) {
		page("claimants", pg.Path, func() (any, error) { return v.claimants(pg.Path, pg.Items, pg.Pager), nil }).unlisted = len(s.Claimants) == 0
	}
	for _, pg := range paginate("authors/", s.Authors, per*5) {
		page("authors", pg.Path, func() (any, error) { return v.authors(pg.Path, pg.Items, pg.Pager), nil }).unlisted = len(s.Authors) == 0
	}
	for _, a := range s.Authors {
		for _, pg := range paginate(a.Path, a.Checks, per) {
			page("list", pg.Path, func() (any, error) { return v.author(pg.Path, a, pg.Items, pg.Pager), nil })
		}
	}
	for _, cl := range s.Claimants {
		for _, pg := range paginate(cl.Path, cl.Checks, per) {
			page("list", pg.Path, func() (any, error) { return v.claimant(pg.Path, cl, pg.Items, pg.Pager), nil })
		}
	}
	for _, pg := range paginate("questions/", s.Questions(), per*5) {
		page("questions", pg.Path, func() (any, error) { return v.questions(pg.Path, pg.Items, pg.Pager), nil }).unlisted = len(pg.Items) == 0
	}
	for _, q := range s.Questions() {
		page("question", q.Path, func() (any, error) { return v.question(q), nil })
	}
	for _, pg := range paginate("sources/", s.Publishers, per*5) {
		page("sources", pg.Path, func() (any, error) { return v.sourcesIndex(pg.Path, pg.Items, pg.Pager), nil }).unlisted = len(s.Publishers) == 0
	}
	for _, pub := range s.Publishers {
		if pub.Path == "" {
			continue // a name with no letter or digit has no page
		}
		for _, pg := range paginate(pub.Path, pub.Checks, per) {
			page("list", pg.Path, func() (any, error) { return v.publisher(pg.Path, pub, pg.Items, pg.Pager), nil })
		}
	}
	page("corrections", "corrections/", func() (any, error) { return v.corrections(), nil })
	page("search", "search/", func() (any, error) {
		files, err := p.searchIndex()
		if err != nil {
			return nil, err
		}
		return v.search(files[0].Path), nil
	}).unlisted = true
	for _, c := range s.Pages {
		page("page", c.Path, func() (any, error) { return v.content(c) })
	}
	page("404", "404.html", func() (any, error) { return v.notFound(), nil })

	file("feed.xml", func() ([]byte, error) { return r.atom(s) })
	file("feed.json", func() ([]byte, error) { return r.jsonFeed(s) })
	file("api/checks.json", func() ([]byte, error) { return r.api(s) })
	var pages []string
	for _, o := range pl.outputs {
		if path, ok := strings.CutPrefix(o.Path, p.prefix); ok && o.Page() && o.r == r && path != "404.html" && !o.unlisted {
			pages = append(pages, path)
		}
	}
	slices.Sort(pages)
	var alternates func(string) []LanguageLink
	if len(pl.parts) > 1 {
		alternates = func(path string) []LanguageLink { return pl.languages(p, path, "") }
	}
	file("sitemap.xml", func() ([]byte, error) { return r.sitemap(s, pages, alternates) })
}

func (pl *Plan) add(o *Output) {
	if _, ok := pl.byPath[o.Path]; ok && pl.taken == nil {
		pl.taken = fmt.Errorf("two outputs would be written at %s", o.Path)
	}
	pl.outputs = append(pl.outputs, o)
	pl.byPath[o.Path] = o
}

// languages leads from the page at path in part from to the same page in
// every language: its translation when there is one, else that language's
// home. root is the page's way up to its language's folder.
func (pl *Plan) languages(from *part, path, root string) []LanguageLink {
	key, ok := from.keys[path]
	if !ok {
		key = path // an index: the same path in every language
	}
	up := strings.Repeat("../", strings.Count(from.prefix, "/"))
	out := make([]LanguageLink, 0, len(pl.parts))
	for i, to := range pl.parts {
		target, translated := to.paths[key]
		if !translated && key == path {
			_, translated = pl.byPath[to.prefix+urls.File(path)]
			target = path
		}
		if to == from {
			target, translated = path, true
		}
		l := LanguageLink{Code: to.code, Name: to.name, Current: to == from, Default: i == 0}
		if !translated {
			target = ""
		}
		l.Href = from.r.urls.Link(root, up+to.prefix+target)
		if translated && to.r.urls.HasHost() {
			l.Abs = to.r.urls.Abs(target)
		}
		out = append(out, l)
	}
	return out
}

// robots lets every crawler in and names every language's sitemap.
func (pl *Plan) robots() []byte {
	b := []byte("User-agent: *\nAllow: /\n")
	for _, p := range pl.parts {
		if p.r.urls.HasHost() {
			b = append(b, "Sitemap: "+p.r.urls.Abs("sitemap.xml")+"\n"...)
		}
	}
	return b
}

// languageIndex is the root page of a site whose every language is in its
// folder: it leads to the default language, and lists them all.
func (pl *Plan) languageIndex() []byte {
	first := pl.parts[0]
	var b strings.Builder
	target := pl.root.Link("", first.prefix)
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<meta http-equiv=\"refresh\" content=\"0; url=%s\">\n",
		template.HTMLEscapeString(first.code), template.HTMLEscapeString(first.site.Config.Title), template.HTMLEscapeString(target))
	if first.r.urls.HasHost() {
		fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n", template.HTMLEscapeString(first.r.urls.Abs("")))
	}
	b.WriteString("</head>\n<body>\n<ul>\n")
	for _, p := range pl.parts {
		fmt.Fprintf(&b, "<li><a href=\"%s\" hreflang=\"%s\" lang=\"%s\">%s</a></li>\n", template.HTMLEscapeString(pl.root.Link("", p.prefix)),
			template.HTMLEscapeString(p.code), template.HTMLEscapeString(p.code), template.HTMLEscapeString(p.site.Config.Title+" ("+p.name+")"))
	}
	b.WriteString("</ul>\n</body>\n</html>\n")
	return []byte(b.String())
}

// searchIndex makes the search index script of a language, once, and
// gives its path.
func (p *part) searchIndex() ([]search.File, error) {
	p.index.Do(func() {
		p.indexFiles, p.indexErr = search.Build(p.site, p.r.lang.Date).Scripts(func(part string, data []byte) string {
			if part == "" {
				return fingerprint(searchIndexName, data)
			}
			return fingerprint("search-"+part+".js", data)
		})
	})
	return p.indexFiles, p.indexErr
}

// Outputs lists every output, the search indexes included.
func (pl *Plan) Outputs() ([]*Output, error) {
	pl.laid.Do(pl.layOut)
	if pl.taken != nil {
		return nil, pl.taken
	}
	out := slices.Clip(pl.outputs)
	for _, p := range pl.parts {
		files, err := p.searchIndex()
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			out = append(out, &Output{Path: p.prefix + f.Path, data: func() ([]byte, error) { return f.Data, nil }})
		}
	}
	return out, nil
}

// Lookup finds the output at a file path of the site.
func (pl *Plan) Lookup(path string) (*Output, bool) {
	pl.laid.Do(pl.layOut)
	if o, ok := pl.byPath[path]; ok {
		return o, true
	}
	for _, p := range pl.parts {
		rest, ok := strings.CutPrefix(path, p.prefix)
		if !ok || !strings.HasPrefix(rest, "assets/search-") {
			continue
		}
		files, err := p.searchIndex()
		if err != nil {
			continue
		}
		for _, f := range files {
			if rest == f.Path {
				return &Output{Path: path, data: func() ([]byte, error) { return f.Data, nil }}, true
			}
		}
	}
	return nil, false
}

// Site is the model the plan was made from: the default language's.
func (pl *Plan) Site() *site.Site { return pl.parts[0].site }

// Findings are what laying out the outputs found to warn of: texts the
// share cards cannot draw.
func (pl *Plan) Findings() diag.List {
	pl.laid.Do(pl.layOut)
	var out diag.List
	for _, p := range pl.parts {
		out = append(out, p.cards.findings(config.FileName)...)
	}
	return out
}

// URLs makes links from the site's root.
func (pl *Plan) URLs() *urls.Maker { return pl.root }

// Render writes every output to w: see Render.
func (pl *Plan) Render(ctx context.Context, w Writer, progress func(done int)) (Stats, error) {
	return render(ctx, pl, w, progress)
}

// Key is the key of an output: for a page, of its layouts and its view,
// without rendering it; for a file made whole, of its bytes.
func (pl *Plan) Key(o *Output) (Key, error) {
	if o.drawn {
		return o.key, nil
	}
	if !o.Page() {
		data, err := o.data()
		return sha256.Sum256(data), err
	}
	view, err := o.view()
	if err != nil {
		return Key{}, fmt.Errorf("%s: %w", o.Path, err)
	}
	return o.r.pageKey(o, view)
}

// Bytes renders an output; buf is scratch space that the result may use.
func (pl *Plan) Bytes(o *Output, buf *bytes.Buffer) ([]byte, error) {
	if !o.Page() {
		return o.data()
	}
	view, err := o.view()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o.Path, err)
	}
	return o.r.execute(o, view, buf)
}

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
