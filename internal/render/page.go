package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/site"
)

// Page is what a layout sees: the site, where the page is, and what it lists.
type Page struct {
	Site        *site.Site
	Kind        string
	Path        string // site path: "checks/x/", "" for home, "404.html"
	Title       string
	Heading     string
	Intro       string
	Description string

	Check     *site.Check
	Content   *site.Page
	Question  *site.Question
	Checks    []*site.Check
	Questions []*site.Question
	Claimants []*site.Claimant
	Tally     []site.Tally
	Total     int
	Pager     *Pager

	r *Renderer
	// proto marks the page a check's item is first rendered for: its links
	// start from rootToken, which each depth replaces with its own way up.
	proto bool
}

// rootToken stands for the link up to the site root in an item rendered
// for every depth at once. Links keep it as it is: letters, digits, '-'
// and '/'.
const rootToken = "factpress-root-0c1b/"

// Rel links to a site path from this page. The 404 page can be served at
// any depth, so its links are rooted instead.
func (p *Page) Rel(to string) string {
	if p.proto {
		return rootToken + strings.TrimPrefix(p.r.urls.Rel("", to), "./")
	}
	if p.Kind == "404" && !p.r.urls.Offline() {
		return p.r.urls.Root(to)
	}
	return p.r.urls.Rel(p.Path, to)
}

// Root is the relative path from this page to the site root folder, for
// scripts that make links.
func (p *Page) Root() string {
	if p.proto {
		return rootToken
	}
	if p.Kind == "404" && !p.r.urls.Offline() {
		return p.r.urls.Root("")
	}
	return p.r.urls.RootPrefix(p.Path)
}

// Offline reports whether links name their index.html.
func (p *Page) Offline() bool { return p.r.urls.Offline() }

// Abs is the absolute URL of a site path.
func (p *Page) Abs(to string) string { return p.r.urls.Abs(to) }

// HasHost reports whether base_url names a host, so that absolute URLs
// can be given; without one they would point at the reader's disk offline.
func (p *Page) HasHost() bool { return p.r.urls.HasHost() }

// Canonical is this page's absolute URL.
func (p *Page) Canonical() string { return p.r.urls.Abs(p.Path) }

// Asset links to a theme asset by its name in assets/ ("style.css").
func (p *Page) Asset(name string) (string, error) {
	out, ok := p.r.assets[name]
	if !ok {
		return "", fmt.Errorf("asset %q is not in the theme's assets/", name)
	}
	return p.Rel(out), nil
}

// Body is the check's or page's rendered Markdown. goldmark escapes text
// and drops raw HTML unless the site config allows it.
func (p *Page) Body() (template.HTML, error) {
	var f *content.Check
	switch {
	case p.Check != nil:
		f = p.Check.Check
	case p.Content != nil:
		f = p.Content.Check
	default:
		return "", nil
	}
	if f.Body.HTML != nil || p.r.bodyHTML == nil {
		return template.HTML(f.Body.HTML), nil
	}
	html, err := p.r.bodyHTML(f)
	return template.HTML(html), err
}

// MetaDescription is the page's description for search engines and
// Open Graph.
func (p *Page) MetaDescription() string {
	if p.Check != nil && p.Check.Summary != "" {
		return p.Check.Summary // read at render time: serve updates it in place
	}
	if p.Description != "" {
		return p.Description
	}
	if p.Intro != "" {
		return p.Intro
	}
	return p.Site.Config.Description
}

// ClaimReview is the check's schema.org ClaimReview as JSON-LD.
func (p *Page) ClaimReview() (template.JS, error) {
	c := p.Check
	if c == nil {
		return "", nil
	}
	cfg := p.Site.Config
	org := map[string]any{"@type": "Organization", "name": cfg.Organization.Name}
	if org["name"] == "" {
		org["name"] = cfg.Title
	}
	if cfg.Organization.URL != "" {
		org["url"] = cfg.Organization.URL
	}
	if cfg.Organization.Logo != "" {
		org["logo"] = cfg.Organization.Logo
	}
	rating := map[string]any{"@type": "Rating", "alternateName": c.Verdict.Label}
	if c.Verdict.Rating > 0 {
		rating["ratingValue"] = c.Verdict.Rating
		rating["bestRating"] = 5
		rating["worstRating"] = 1
	}
	claim := map[string]any{"@type": "Claim"}
	if c.Check.Claimant != "" {
		claim["author"] = map[string]any{"@type": "Thing", "name": c.Check.Claimant}
	}
	if c.ClaimDate.Valid {
		claim["datePublished"] = c.ClaimDate.String()
	}
	var appearances []string
	for _, a := range c.Appearances {
		appearances = append(appearances, a.Value)
	}
	if len(appearances) > 0 {
		claim["appearance"] = appearances
	}
	review := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"url":           p.Canonical(),
		"claimReviewed": c.Claim,
		"datePublished": c.Date.String(),
		"author":        org,
		"reviewRating":  rating,
		"itemReviewed":  claim,
		"name":          c.Title,
	}
	if c.Updated.Valid {
		review["dateModified"] = c.Updated.String()
	}
	// encoding/json escapes <, > and &, so the text cannot close the script.
	b, err := json.Marshal(review)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

type itemKey struct{ check *site.Check }

// Item renders the "check-item" partial for c as seen from this page. Pages
// at the same depth see identical items, so each is rendered once per depth
// and reused by every list, related-checks box and question page.
func (p *Page) Item(c *site.Check) (template.HTML, error) {
	up := p.Root()
	if p.Kind == "404" || up == "" {
		// Rooted links, or none to climb: rendered as they are.
		return p.once(itemKey{c}, "check-item", map[string]any{"Page": p, "Check": c})
	}
	cache := p.r.fragments.at(p.Rel(""))
	if v, ok := cache.Load(itemKey{c}); ok {
		return v.(template.HTML), nil
	}
	// Rendered once for every depth, its links starting from rootToken,
	// then given this depth's way up: a string replacement costs a small
	// part of running the partial again.
	proto := &Page{Site: p.Site, Kind: p.Kind, r: p.r, proto: true}
	h, err := proto.once(itemKey{c}, "check-item", map[string]any{"Page": proto, "Check": c})
	if err != nil {
		return "", err
	}
	h = template.HTML(strings.ReplaceAll(string(h), rootToken, up))
	cache.Store(itemKey{c}, h)
	return h, nil
}

// once executes a partial, or returns what an earlier call with the same
// key made for a page at the same depth during this Render call.
func (p *Page) once(key any, name string, data any) (template.HTML, error) {
	cache := p.r.fragments.at(p.Rel(""))
	if v, ok := cache.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b strings.Builder
	if err := p.r.base.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	cache.Store(key, h)
	return h, nil
}

// backlinksKey tells back-links apart: the partial may show only a
// source's .Number and .Backlinks, the same for every source with that
// number and count of citations, so it is rendered once for them all.
type backlinksKey struct{ number, citations int }

// Backlinks renders the links from a source back to its citations, through
// the "backlinks" partial.
func (p *Page) Backlinks(s *site.Source) (template.HTML, error) {
	return p.once(backlinksKey{s.Number, s.Citations}, "backlinks", s)
}

// chartKey tells charts apart: the same counts on the same scale under
// the same caption make the same chart (claimants with one false claim,
// every page of a topic).
type chartKey struct{ caption, counts string }

// Chart renders a verdict breakdown through the "chart" partial, once per
// tally, caption and depth.
func (p *Page) Chart(tally []site.Tally, caption string) (template.HTML, error) {
	var counts []byte
	for _, t := range tally {
		counts = strconv.AppendInt(counts, int64(t.Count), 10)
		counts = append(counts, ' ')
	}
	return p.once(chartKey{caption, string(counts)}, "chart", map[string]any{"Page": p, "Tally": tally, "Caption": caption})
}

type sharedKey struct{ name string }

// Shared renders a partial that is the same on every page at one depth (the
// site header and footer), once per depth. The partial must not show
// anything of the page but its links.
func (p *Page) Shared(name string) (template.HTML, error) {
	return p.once(sharedKey{name}, name, p)
}

// fragments caches rendered partials by the link from the page to the site
// root (all their links depend on it), for one Render call. Pages are
// rendered depth by depth, and a depth's fragments are dropped once its
// pages are done: a cache of every depth would hold each check's item
// several times over.
type fragments struct {
	mu     sync.Mutex
	byRoot map[string]*sync.Map
}

func (f *fragments) at(root string) *sync.Map {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.byRoot[root]
	if m == nil {
		m = &sync.Map{}
		f.byRoot[root] = m
	}
	return m
}

func (f *fragments) drop(root string) {
	f.mu.Lock()
	delete(f.byRoot, root)
	f.mu.Unlock()
}

// Pager links the pages of a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // site paths, "" at the ends
	First         string
	Links         []PagerLink
}

// PagerLink is one numbered page of a list.
type PagerLink struct {
	Number  int
	Path    string
	Current bool
}

type pageOf[T any] struct {
	Path   string
	Checks []T
	Pager  *Pager
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
		pg := &Pager{Number: i, Total: n, First: base}
		if i > 1 {
			pg.Prev = pathOf(i - 1)
		}
		if i < n {
			pg.Next = pathOf(i + 1)
		}
		for j := max(1, i-3); j <= min(n, i+3); j++ {
			pg.Links = append(pg.Links, PagerLink{Number: j, Path: pathOf(j), Current: j == i})
		}
		out = append(out, pageOf[T]{Path: pathOf(i), Checks: list[lo:hi], Pager: pg})
	}
	return out
}
