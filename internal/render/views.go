package render

import (
	"encoding/json"
	"html/template"
	"strconv"
	"sync"
	"time"

	"github.com/factpress/factpress/internal/i18n"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/urls"
)

// views makes the view models of one site's pages.
type views struct {
	s    *site.Site
	urls *urls.Maker
	lang *i18n.Language
	site *Site
	// languages leads from a page, by its path and way up, to each
	// language's version of it; nil in a site of one language.
	languages func(path, root string) []LanguageLink
	// cards are the pages' share cards.
	cards *cardSet
	// repeated memoizes repeats by a check's title and claim: a check is
	// an item of a dozen lists.
	repeated sync.Map
	// made memoizes item by the way up and the check: a check is an item
	// of a dozen lists and of its related checks' pages, at a few depths.
	made sync.Map // itemAt → Item
}

type itemAt struct {
	root  string
	check *site.Check
}

func newViews(s *site.Site, u *urls.Maker, lang *i18n.Language) *views {
	cfg := s.Config
	v := &views{s: s, urls: u, lang: lang}
	v.site = &Site{
		Title:        cfg.Title,
		Description:  cfg.Description,
		Language:     cfg.Language,
		Dir:          lang.Dir(),
		Organization: Organization{Name: cfg.Organization.Name, URL: cfg.Organization.URL, Logo: cfg.Organization.Logo},
		Updated:      v.date(s.Latest),
		Checks:       len(s.Checks),
		Authors:      len(s.Authors),
		Params:       cfg.Params,
		Offline:      u.Offline(),
	}
	for _, p := range s.Pages {
		v.site.Pages = append(v.site.Pages, Link{Href: p.Path, Text: p.Title})
	}
	return v
}

// sections are the header's sections, by the first folder of a page's path.
var sections = map[string]string{"checks": "checks", "topics": "topics", "verdicts": "verdicts", "questions": "questions", "claimants": "claimants", "authors": "authors", "sources": "sources", "corrections": "corrections", "search": "search"}

// page makes the part every page has.
func (v *views) page(kind, path, title, description string) *Page {
	root := v.urls.RootPrefix(path)
	if kind == "404" && !v.urls.Offline() {
		root = v.urls.Root("") // served at any depth
	}
	first := path
	for i := range len(path) {
		if path[i] == '/' {
			first = path[:i]
			break
		}
	}
	if description == "" {
		description = v.site.Description
	}
	p := &Page{Kind: kind, Path: path, Root: root, Title: title, Description: description, Site: v.site,
		Chrome: Chrome{Site: v.site, Root: root, Section: sections[first]}}
	if v.cards != nil {
		p.Card = v.cards.site
	}
	if v.languages != nil {
		p.Chrome.Languages = v.languages(path, root)
	}
	if v.urls.HasHost() && kind != "404" {
		p.Canonical = v.urls.Abs(path)
	}
	return p
}

func (v *views) href(root, to string) string { return v.urls.Link(root, to) }

// date is a date as the page shows it: in the site's language.
func (v *views) date(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{ISO: t.Format(time.DateOnly), Text: v.lang.Date(t)}
}

// t is a text of the translation tables; the theme's English table has
// every key the views ask for, so the key itself shows only a broken theme.
func (v *views) t(key string, args ...any) string {
	s, err := v.lang.T(key, args...)
	if err != nil {
		return key
	}
	return s
}

func (v *views) badge(root string, verdict *site.Verdict) Badge {
	return Badge{Label: verdict.Label, Colour: verdict.Colour, Href: v.href(root, verdict.Path)}
}

func (v *views) verdict(root string, verdict *site.Verdict) Verdict {
	return Verdict{Label: verdict.Label, Colour: verdict.Colour, Href: v.href(root, verdict.Path),
		Key: verdict.Key, Description: verdict.Description, Rating: verdict.Rating}
}

func (v *views) item(root string, c *site.Check) Item {
	at := itemAt{root, c}
	if it, ok := v.made.Load(at); ok {
		return it.(Item)
	}
	it := Item{Href: v.href(root, c.Path), Title: c.Title, Claim: c.Claim, Claimant: c.Check.Claimant,
		Verdict: v.badge(root, c.Verdict), Date: v.date(c.Date.Time), ClaimRepeats: v.repeats(c.Title, c.Claim)}
	if c.Claimant != nil {
		it.Claimant = c.Claimant.Name // as factpress.yaml names them
	}
	v.made.Store(at, it)
	return it
}

func (v *views) repeats(title, claim string) bool {
	key := title + "\x00" + claim
	if r, ok := v.repeated.Load(key); ok {
		return r.(bool)
	}
	r := repeats(v.s.Config.Language, title, claim)
	v.repeated.Store(key, r)
	return r
}

func (v *views) items(root string, checks []*site.Check) []Item {
	if len(checks) == 0 {
		return nil
	}
	out := make([]Item, len(checks))
	for i, c := range checks {
		out[i] = v.item(root, c)
	}
	return out
}

func (v *views) chart(root, caption string, tally []site.Tally) Chart {
	ch := Chart{Caption: caption, Rows: make([]ChartRow, len(tally))}
	for i, t := range tally {
		ch.Rows[i] = ChartRow{Verdict: v.badge(root, t.Verdict), Count: t.Count, Percent: strconv.FormatFloat(t.Percent, 'f', 1, 64)}
	}
	return ch
}

func (v *views) questionRows(root string, qs []*site.Question) []QuestionRow {
	out := make([]QuestionRow, len(qs))
	for i, q := range qs {
		out[i] = QuestionRow{Href: v.href(root, q.Path), Text: q.Text, Answered: q.Answer != nil}
	}
	return out
}

func (v *views) pager(root string, pg *pagerOf) *Pager {
	if pg.Total < 2 {
		return nil
	}
	p := &Pager{Number: pg.Number, Total: pg.Total}
	if pg.Prev != "" {
		p.Prev = v.href(root, pg.Prev)
	}
	if pg.Next != "" {
		p.Next = v.href(root, pg.Next)
	}
	for _, l := range pg.Links {
		p.Links = append(p.Links, PagerLink{Number: l.Number, Href: v.href(root, l.Path), Current: l.Current})
	}
	return p
}

func (v *views) home() *Page {
	s := v.s
	p := v.page("home", "", "", "")
	root := p.Root
	p.Home = &Home{Latest: v.items(root, head(s.Checks, 10)), Chart: v.chart(root, v.t("checks-by-verdict"), s.Tally()),
		Topics: v.topicRows(root), Open: v.questionRows(root, head(s.OpenQuestions(), 10))}
	return p
}

func (v *views) topicRows(root string) []TopicRow {
	out := make([]TopicRow, len(v.s.Topics))
	for i, t := range v.s.Topics {
		out[i] = TopicRow{Href: v.href(root, t.Path), Title: t.Title, Description: t.Description, Count: len(t.Checks)}
	}
	return out
}

func (v *views) check(c *site.Check) (*Page, error) {
	p := v.page("check", c.Path, c.Title, c.Summary)
	root := p.Root
	body, err := c.BodyHTML()
	if err != nil {
		return nil, err
	}
	summary, first, body := lede(c, body)
	cv := Check{Slug: c.Slug, Title: c.Title, Claim: c.Claim, ClaimDate: v.date(c.ClaimDate.Time),
		Verdict: v.verdict(root, c.Verdict), Scale: v.scale(root, c.Verdict), Date: v.date(c.Date.Time), Updated: v.date(c.Updated.Time),
		Summary: summary, Lede: first, Authors: v.writers(root, c), Body: template.HTML(body), EditURL: v.s.EditURL(c.Check.Path),
		Corrected: v.latest(c)}
	if c.Claimant != nil {
		cv.Claimant = Link{Href: v.href(root, c.Claimant.Path), Text: c.Claimant.Name}
	}
	var seen []string
	for _, a := range c.Appearances {
		seen = append(seen, a.Value)
	}
	cv.Appearances = appearances(seen)
	for _, t := range c.Topics {
		cv.Topics = append(cv.Topics, Link{Href: v.href(root, t.Path), Text: t.Title})
	}
	for _, src := range c.Sources {
		sv := Source{Number: src.Number, Title: src.Title, Publisher: src.Source.Publisher, URL: src.URL, Archive: src.Archive, Kind: src.Kind}
		if src.Date.Valid {
			sv.Date = v.date(src.Date.Time)
		}
		if src.Accessed.Valid {
			sv.Accessed = v.date(src.Accessed.Time)
		}
		sv.Backlinks = Backlinks{Source: src.Number, Count: src.Citations}
		cv.Sources = append(cv.Sources, sv)
	}
	cv.Questions = v.questionRows(root, v.s.QuestionsOf(c))
	cv.Related = v.items(root, v.s.Related(c))
	for _, cor := range c.Corrections {
		cv.Corrections = append(cv.Corrections, Correction{Date: v.date(cor.Date.Time), Note: cor.Note})
	}
	if v.cards != nil {
		p.Card = v.cards.forCheck(c)
	}
	p.Published, p.Modified = c.Date.Time.Format(time.DateOnly), c.LastChange().Format(time.DateOnly)
	review, err := v.claimReview(c)
	if err != nil {
		return nil, err
	}
	cv.ClaimReview = review
	p.Check = &cv
	return p, nil
}

// claimReview is the check's schema.org ClaimReview as JSON-LD.
func (v *views) claimReview(c *site.Check) (template.JS, error) {
	cfg := v.s.Config
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
		// The name the page shows: factpress.yaml's for an alias.
		name := c.Check.Claimant
		if c.Claimant != nil {
			name = c.Claimant.Name
		}
		claim["author"] = map[string]any{"@type": claimantType(c.ClaimantType, cfg.ClaimantType), "name": name}
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
		// The first listed is where it was first seen.
		claim["firstAppearance"] = appearances[0]
	}
	review := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"url":           v.urls.Abs(c.Path),
		"claimReviewed": c.Claim,
		"datePublished": c.Date.String(),
		"author":        org,
		"reviewRating":  rating,
		"itemReviewed":  claim,
		"name":          c.Title,
		"inLanguage":    cfg.Language,
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

// claimantType is the schema.org type of a claimant: a check's
// claimant_type, else the site's default, else Person.
func claimantType(check, site string) string {
	t := check
	if t == "" {
		t = site
	}
	if t == "organization" {
		return "Organization"
	}
	return "Person"
}

func (v *views) list(path, title, heading, intro string, checks []*site.Check, pg *pagerOf, total int, tally []site.Tally) *Page {
	p := v.page("list", path, title, intro)
	root := p.Root
	l := &List{Heading: heading, Intro: intro, Total: total, Items: v.items(root, checks), Pager: v.pager(root, pg), Empty: v.t("no-checks")}
	if tally != nil {
		ch := v.chart(root, v.t("verdicts"), tally)
		l.Chart = &ch
	}
	p.List = l
	return p
}

func (v *views) topics() *Page {
	p := v.page("topics", "topics/", v.t("topics"), "")
	p.Topics = v.topicRows(p.Root)
	return p
}

func (v *views) verdicts() *Page {
	p := v.page("verdicts", "verdicts/", v.t("verdicts"), "")
	vs := &Verdicts{Chart: v.chart(p.Root, v.t("checks-by-verdict"), v.s.Tally())}
	for _, vd := range v.s.Verdicts {
		vs.Rows = append(vs.Rows, VerdictRow{Verdict: v.verdict(p.Root, vd), Count: len(vd.Checks)})
	}
	p.Verdicts = vs
	return p
}

func (v *views) claimants(path string, list []*site.Claimant, pg *pagerOf) *Page {
	p := v.page("claimants", path, v.t("claimants"), "")
	cs := &Claimants{Pager: v.pager(p.Root, pg)}
	for _, cl := range list {
		row := ClaimantRow{Href: v.href(p.Root, cl.Path), Name: cl.Name, Count: len(cl.Checks)}
		for _, t := range cl.Tally {
			if t.Count > 0 {
				row.Tally = append(row.Tally, Count{Label: t.Verdict.Label, Count: t.Count})
			}
		}
		cs.Rows = append(cs.Rows, row)
	}
	p.Claimants = cs
	return p
}

func (v *views) authors(path string, list []*site.Author, pg *pagerOf) *Page {
	p := v.page("authors", path, v.t("authors"), "")
	as := &Authors{Pager: v.pager(p.Root, pg)}
	for _, a := range list {
		as.Rows = append(as.Rows, AuthorRow{Href: v.href(p.Root, a.Path), Name: a.Name, Bio: a.Bio, Count: len(a.Checks)})
	}
	p.Authors = as
	return p
}

func (v *views) questions(path string, list []*site.Question, pg *pagerOf) *Page {
	p := v.page("questions", path, v.t("questions"), "")
	p.Questions = &Questions{Rows: v.questionRows(p.Root, list), Pager: v.pager(p.Root, pg)}
	return p
}

func (v *views) question(q *site.Question) *Page {
	p := v.page("question", q.Path, q.Text, "")
	root := p.Root
	qv := &Question{Text: q.Text, Proposal: q.Proposal, Closest: v.items(root, v.s.Closest(q)), AskedBy: v.items(root, q.AskedBy)}
	if q.Answer != nil {
		it := v.item(root, q.Answer)
		qv.Answer = &it
	}
	p.Question = qv
	return p
}

func (v *views) corrections() *Page {
	p := v.page("corrections", "corrections/", v.t("corrections"), "")
	p.CorrectionsHelp = v.correctionsHelp(p.Root)
	for _, cor := range v.s.Corrections {
		p.Corrections = append(p.Corrections, CorrectionRow{Date: v.date(cor.Date.Time), Note: cor.Note,
			Check: Link{Href: v.href(p.Root, cor.Check.Path), Text: cor.Check.Title}})
	}
	return p
}

func (v *views) search(index string) *Page {
	p := v.page("search", "search/", v.t("search"), "")
	p.Search = &Search{Index: v.href(p.Root, index), Matches: v.lang.Forms("search-matches")}
	return p
}

func (v *views) content(pg *site.Page) (*Page, error) {
	body, err := pg.BodyHTML()
	p := v.page("page", pg.Path, pg.Title, "")
	p.Body = template.HTML(body)
	return p, err
}

func (v *views) notFound() *Page {
	return v.page("404", "404.html", v.t("not-found"), "")
}

func head[T any](list []T, n int) []T {
	if len(list) > n {
		return list[:n]
	}
	return list
}
