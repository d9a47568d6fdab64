// Package site builds the validated site model: checks with their verdicts, topics, claimants, questions and related checks.
package site

import (
	"cmp"
	"maps"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/related"
	"github.com/factpress/factpress/internal/slug"
)

// Site is everything the layouts show, indexed every way they list it.
type Site struct {
	Config      *config.Config
	Checks      []*Check // newest first
	Pages       []*Page  // by title
	Topics      []*Topic // by slug
	Verdicts    []*Verdict
	Claimants   []*Claimant // by name
	Questions   []*Question // by text
	Publishers  []*Publisher
	Corrections []*Correction // newest first
	// Latest is the date of the newest check or update: the archive's
	// "last updated", which keeps builds reproducible where a clock would not.
	Latest time.Time
	// Generation counts the in-place updates of a model kept by a Cache.
	// Updated lists the checks whose files the last update changed;
	// Relinked the other checks whose related checks it changed, and
	// Requeried the open questions whose closest checks it changed.
	Generation int
	Updated    []*Check
	Relinked   []*Check
	Requeried  []*Question

	tally []Tally
}

// Check is a published check with everything resolved.
type Check struct {
	*content.Check
	Slug      string
	Path      string // site path of its page: "checks/x/"
	Verdict   *Verdict
	Topics    []*Topic
	Claimant  *Claimant
	Summary   string
	Sources   []*Source // in id order
	Related   []*Check
	Questions []*Question
}

// Source is a source of one check with its id resolved and its citations.
type Source struct {
	*content.Source
	Number    int
	Citations int // how many markers cite it: the back-links
	Publisher string
}

// Backlinks lists 1..Citations, for the layouts to range over.
func (s *Source) Backlinks() []int {
	out := make([]int, s.Citations)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// Page is a plain page from content/pages.
type Page struct {
	*content.Check
	Slug string
	Path string
}

// Tally counts checks by verdict, in scale order.
type Tally struct {
	Verdict *Verdict
	Count   int
	Percent float64 // of the group's checks, for chart bars
}

// Group is a set of checks listed together (a topic, a claimant, a verdict).
type Group struct {
	Slug   string
	Path   string
	Checks []*Check // newest first
	Tally  []Tally
}

// Topic is a topic with its checks.
type Topic struct {
	Group
	Title       string
	Description string
}

// Verdict is a step of the scale with its checks.
type Verdict struct {
	Group
	config.Verdict
}

// Claimant is whoever made claims, with their checks.
type Claimant struct {
	Group
	Name string
}

// Publisher is an outlet cited by checks.
type Publisher struct {
	Name      string
	Citations int      // sources entries naming it
	Checks    []*Check // newest first
}

// Question is a related question asked by one or more checks.
type Question struct {
	Text     string
	Slug     string
	Path     string
	AskedBy  []*Check
	Answer   *Check   // nil when open
	Closest  []*Check // for open questions
	Proposal string   // "propose a check" URL, when the config names a repository

	key string // Text normalised (slug.Question): what a title answers
}

// Correction is a correction with the check it belongs to.
type Correction struct {
	content.Correction
	Check *Check
}

// Build assembles the site from validated files. Drafts are left out unless
// drafts is true.
func Build(cfg *config.Config, files []*content.Check, drafts bool) *Site {
	return BuildWith(cfg, files, drafts, nil)
}

// Cache keeps what the model derives from parsed files, for builds that
// follow one another (serve). Not safe for concurrent use.
type Cache struct {
	keywords map[*content.Check][]related.Keyword

	// The last model and what it was built from: an edit that leaves the
	// model's structure as it was updates that model in place.
	last       *Site
	lastCfg    *config.Config
	lastDrafts bool
	files      []*content.Check
	checks     map[*content.Check]*Check
	position   map[*Check]int  // in date order: the related index's documents
	index      *related.Index  // kept for edits that change a check's words
	asked      map[string]bool // the keys of the questions
	openByTerm map[string][]*Question
}

// NewCache makes an empty Cache.
func NewCache() *Cache { return &Cache{keywords: map[*content.Check][]related.Keyword{}} }

// BuildWith is Build reusing and refreshing cache, which may be nil. When
// the files differ from the last call's only in what decides no check's
// place in a listing and no link (a body, a summary, a source's title, a
// claim, a title that answers no question), it updates the last Site in
// place and returns it, with Generation advanced and Updated, Relinked and
// Requeried naming what changed; the caller must be done with that Site's
// previous state.
func BuildWith(cfg *config.Config, files []*content.Check, drafts bool, cache *Cache) *Site {
	if cache != nil {
		if s := cache.update(cfg, files, drafts); s != nil {
			return s
		}
	}
	s := build(cfg, files, drafts, cache)
	if cache != nil {
		cache.last, cache.lastCfg, cache.lastDrafts = s, cfg, drafts
		cache.files = files
		cache.checks = make(map[*content.Check]*Check, len(s.Checks))
		cache.position = make(map[*Check]int, len(s.Checks))
		for i, c := range s.Checks {
			cache.checks[c.Check] = c
			cache.position[c] = i
		}
		cache.asked = make(map[string]bool, len(s.Questions))
		for _, q := range s.Questions {
			cache.asked[q.key] = true
		}
		cache.openByTerm = nil // made when an edit first needs it
	}
	return s
}

// update applies the changed files to the last model when none of them
// changes where a check is listed or what it links, or returns nil. A
// change to a check's words (title, claim) re-scores the checks and open
// questions that share a word it gained or lost.
func (c *Cache) update(cfg *config.Config, files []*content.Check, drafts bool) *Site {
	if c.last == nil || cfg != c.lastCfg || drafts != c.lastDrafts || len(files) != len(c.files) {
		return nil
	}
	type change struct {
		old, new *content.Check
		words    bool
	}
	var changes []change
	for i, f := range files {
		old := c.files[i]
		if f == old {
			continue
		}
		if f.Path != old.Path || f.Kind != content.KindCheck || old.Kind != content.KindCheck || placement(f) != placement(old) {
			return nil
		}
		words := f.Title != old.Title || f.Claim != old.Claim
		if f.TitleKey != old.TitleKey && (c.asked[f.TitleKey] || c.asked[old.TitleKey]) {
			return nil // it comes to answer a question by its title, or stops
		}
		changes = append(changes, change{old, f, words})
	}
	s := c.last
	s.Generation++
	s.Updated, s.Relinked, s.Requeried = nil, nil, nil
	var terms []string
	for _, ch := range changes {
		kws, ok := c.keywords[ch.old]
		if ok {
			delete(c.keywords, ch.old)
			c.keywords[ch.new] = kws
		}
		sc := c.checks[ch.old]
		if sc == nil {
			continue // a draft left out, and still one
		}
		delete(c.checks, ch.old)
		c.checks[ch.new] = sc
		sc.Check = ch.new
		sc.Summary = summary(ch.new)
		sc.Sources = sources(ch.new)
		s.Updated = append(s.Updated, sc)
		if ch.words {
			kws := keywords(sc)
			c.keywords[ch.new] = kws
			terms = append(terms, c.index.Update(c.position[sc], kws)...)
		}
	}
	if len(terms) > 0 {
		c.rescore(s, terms)
	}
	c.files = files
	return s
}

// rescore works out again the related checks of every check holding one of
// terms, and the closest checks of every open question asking one.
func (c *Cache) rescore(s *Site, terms []string) {
	updated := map[*Check]bool{}
	docs := map[int]bool{}
	for _, u := range s.Updated {
		updated[u] = true
		docs[c.position[u]] = true
	}
	for _, t := range terms {
		for _, d := range c.index.Holders(t) {
			docs[int(d)] = true
		}
	}
	sc := c.index.NewScorer()
	for _, d := range slices.Sorted(maps.Keys(docs)) {
		ch := s.Checks[d]
		var rel []*Check
		for _, j := range sc.Related(d, 5, minRelatedScore) {
			rel = append(rel, s.Checks[j])
		}
		if !slices.Equal(rel, ch.Related) {
			ch.Related = rel
			if !updated[ch] {
				s.Relinked = append(s.Relinked, ch)
			}
		}
	}
	if c.openByTerm == nil {
		c.openByTerm = map[string][]*Question{}
		for _, q := range s.Questions {
			if q.Answer != nil {
				continue
			}
			for _, kw := range questionKeywords(q) {
				if l := c.openByTerm[kw.Term]; len(l) == 0 || l[len(l)-1] != q {
					c.openByTerm[kw.Term] = append(l, q)
				}
			}
		}
	}
	seen := map[*Question]bool{}
	for _, t := range terms {
		for _, q := range c.openByTerm[t] {
			if seen[q] {
				continue
			}
			seen[q] = true
			if near := closest(s, sc, c.position[q.AskedBy[0]], q); !slices.Equal(near, q.Closest) {
				q.Closest = near
				s.Requeried = append(s.Requeried, q)
			}
		}
	}
}

// placement is what the model takes from a check's file beyond the
// check's own page and its words: whether and where it is listed and what it
// links. Two files with the same placement and words give models that
// differ only inside the check; with other words, only in how related
// checks and open questions score.
func placement(f *content.Check) string {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(s)
		b.WriteByte(0)
	}
	field(f.URLSlug())
	field(strconv.FormatBool(f.Draft))
	field(f.Verdict)
	field(f.Date.Raw)
	field(f.Date.Time.String())
	field(f.Updated.Raw)
	field(f.LastChange().String())
	field(f.Claimant)
	for _, t := range f.Topics {
		field(t.Value)
	}
	b.WriteByte(1)
	for _, src := range f.Sources {
		field(src.ID)
		field(src.URL)
		field(src.Publisher)
	}
	b.WriteByte(1)
	for _, r := range f.Related {
		field(r.Question)
		field(r.Key)
		field(r.Check)
	}
	b.WriteByte(1)
	for _, cor := range f.Corrections {
		field(cor.Date.Raw)
		field(cor.Note)
	}
	return b.String()
}

func summary(f *content.Check) string {
	if f.Summary != "" {
		return f.Summary
	}
	return f.Body.FirstParagraph
}

func build(cfg *config.Config, files []*content.Check, drafts bool, cache *Cache) *Site {
	s := &Site{Config: cfg}
	verdicts := map[string]*Verdict{}
	for _, v := range cfg.Verdicts {
		vv := &Verdict{Verdict: v}
		vv.Slug = slug.Normalize(v.Key)
		vv.Path = "verdicts/" + vv.Slug + "/"
		verdicts[v.Key] = vv
		s.Verdicts = append(s.Verdicts, vv)
	}
	for _, f := range files {
		if f.Draft && !drafts {
			continue
		}
		if f.Kind == content.KindPage {
			sl := f.URLSlug()
			s.Pages = append(s.Pages, &Page{Check: f, Slug: sl, Path: sl + "/"})
			continue
		}
		c := &Check{Check: f, Slug: f.URLSlug(), Verdict: verdicts[f.Verdict]}
		c.Path = permalink(cfg.Permalinks, c.Slug, f.Date.Time)
		c.Summary = summary(f)
		c.Sources = sources(f)
		s.Checks = append(s.Checks, c)
	}
	slices.SortFunc(s.Checks, func(a, b *Check) int {
		return cmp.Or(b.Date.Time.Compare(a.Date.Time), strings.Compare(a.Slug, b.Slug))
	})
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) })

	topics := map[string]*Topic{}
	claimants := map[string]*Claimant{}
	publishers := map[string]*Publisher{}
	for _, c := range s.Checks {
		if t := c.LastChange(); t.After(s.Latest) {
			s.Latest = t
		}
		c.Verdict.Checks = append(c.Verdict.Checks, c)
		seen := map[string]bool{}
		for _, it := range c.Check.Topics {
			ts := slug.Normalize(it.Value)
			if ts == "" || seen[ts] {
				continue
			}
			seen[ts] = true
			t := topics[ts]
			if t == nil {
				t = &Topic{Title: it.Value}
				t.Slug, t.Path = ts, "topics/"+ts+"/"
				if meta, ok := cfg.Topics[ts]; ok {
					t.Title = cmp.Or(meta.Title, t.Title)
					t.Description = meta.Description
				}
				topics[ts] = t
			}
			t.Checks = append(t.Checks, c)
			c.Topics = append(c.Topics, t)
		}
		if name := c.Check.Claimant; name != "" {
			cs := slug.Normalize(name)
			if cs != "" {
				cl := claimants[cs]
				if cl == nil {
					cl = &Claimant{Name: name}
					cl.Slug, cl.Path = cs, "claimants/"+cs+"/"
					claimants[cs] = cl
				}
				cl.Checks = append(cl.Checks, c)
				c.Claimant = cl
			}
		}
		cited := map[string]bool{}
		for _, src := range c.Sources {
			if src.Publisher == "" {
				continue
			}
			p := publishers[src.Publisher]
			if p == nil {
				p = &Publisher{Name: src.Publisher}
				publishers[src.Publisher] = p
			}
			p.Citations++
			if !cited[src.Publisher] {
				cited[src.Publisher] = true
				p.Checks = append(p.Checks, c)
			}
		}
		for _, cor := range c.Check.Corrections {
			s.Corrections = append(s.Corrections, &Correction{Correction: cor, Check: c})
		}
	}
	s.Topics = sortedValues(topics, func(a, b *Topic) int { return strings.Compare(a.Slug, b.Slug) })
	s.Claimants = sortedValues(claimants, func(a, b *Claimant) int { return strings.Compare(a.Slug, b.Slug) })
	s.Publishers = sortedValues(publishers, func(a, b *Publisher) int {
		return cmp.Or(cmp.Compare(b.Citations, a.Citations), strings.Compare(a.Name, b.Name))
	})
	slices.SortStableFunc(s.Corrections, func(a, b *Correction) int { return b.Date.Time.Compare(a.Date.Time) })

	for _, t := range s.Topics {
		t.Tally = tally(s.Verdicts, t.Checks)
	}
	for _, cl := range s.Claimants {
		cl.Tally = tally(s.Verdicts, cl.Checks)
	}
	for _, v := range s.Verdicts {
		v.Tally = tally(s.Verdicts, v.Checks)
	}
	s.tally = tally(s.Verdicts, s.Checks)

	index := relatedIndex(s.Checks, cache)
	if cache != nil {
		cache.index = index
	}
	inParallel(index, len(s.Checks), func(sc *related.Scorer, i int) {
		c := s.Checks[i]
		for _, j := range sc.Related(i, 5, minRelatedScore) {
			c.Related = append(c.Related, s.Checks[j])
		}
	})
	s.Questions = questions(s, index)
	return s
}

// minRelatedScore keeps out checks that share only a common word.
const minRelatedScore = 1.0

// Tally counts the site's checks by verdict.
func (s *Site) Tally() []Tally { return s.tally }

// OpenQuestions lists the questions no check answers yet.
func (s *Site) OpenQuestions() []*Question {
	var out []*Question
	for _, q := range s.Questions {
		if q.Answer == nil {
			out = append(out, q)
		}
	}
	return out
}

func tally(scale []*Verdict, checks []*Check) []Tally {
	out := make([]Tally, 0, len(scale))
	counts := map[*Verdict]int{}
	for _, c := range checks {
		counts[c.Verdict]++
	}
	for _, v := range scale {
		t := Tally{Verdict: v, Count: counts[v]}
		if len(checks) > 0 {
			t.Percent = float64(t.Count) * 100 / float64(len(checks))
		}
		out = append(out, t)
	}
	return out
}

func sortedValues[T any](m map[string]T, cmpFn func(a, b T) int) []T {
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, cmpFn)
	return out
}

func permalink(pattern, sl string, date time.Time) string {
	p := strings.NewReplacer(
		":slug", sl,
		":year", date.Format("2006"),
		":month", date.Format("01"),
		":day", date.Format("02"),
	).Replace(pattern)
	p = strings.TrimPrefix(p, "/")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

func sources(c *content.Check) []*Source {
	counts := map[int]int{}
	for _, ct := range c.Body.Citations {
		counts[ct.Number]++
	}
	out := make([]*Source, 0, len(c.Sources))
	for i := range c.Sources {
		src := &c.Sources[i] // the parsed file's, not a copy
		n := i + 1
		if src.ID != "" {
			n, _ = strconv.Atoi(src.ID)
		}
		out = append(out, &Source{Source: src, Number: n, Citations: counts[n], Publisher: publisherOf(src)})
	}
	slices.SortStableFunc(out, func(a, b *Source) int { return cmp.Compare(a.Number, b.Number) })
	return out
}

func publisherOf(s *content.Source) string {
	if s.Publisher != "" {
		return s.Publisher
	}
	if u, err := url.Parse(s.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}

func relatedIndex(checks []*Check, cache *Cache) *related.Index {
	docs := make([][]related.Keyword, len(checks))
	kept := map[*content.Check][]related.Keyword{}
	for i, c := range checks {
		kws, ok := []related.Keyword(nil), false
		if cache != nil {
			kws, ok = cache.keywords[c.Check]
		}
		if !ok {
			kws = keywords(c)
		}
		docs[i] = kws
		kept[c.Check] = kws
	}
	if cache != nil {
		cache.keywords = kept // files that changed or went drop out
	}
	return related.New(docs)
}

// keywords are a check's index terms. They come from its file alone (topic
// and claimant slugs are normalised from the file's values), so a Cache may
// keep them by file.
func keywords(c *Check) []related.Keyword {
	var kws []related.Keyword
	for _, t := range c.Topics {
		kws = append(kws, related.Keyword{Term: "t:" + t.Slug, Weight: 1})
	}
	for _, s := range c.Sources {
		if s.URL != "" {
			kws = append(kws, related.Keyword{Term: "u:" + s.URL, Weight: 1})
		}
	}
	if c.Claimant != nil {
		kws = append(kws, related.Keyword{Term: "c:" + c.Claimant.Slug, Weight: 0.8})
	}
	seen := map[string]bool{}
	for _, w := range related.Words(c.Title + " " + c.Claim) {
		if !seen[w] {
			seen[w] = true
			kws = append(kws, related.Keyword{Term: "w:" + w, Weight: 0.4})
		}
	}
	return kws
}

// inParallel calls fn for 0..n-1 on every core, each goroutine with its own
// Scorer; fn must only write to item i.
func inParallel(index *related.Index, n int, fn func(sc *related.Scorer, i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := index.NewScorer()
			for i := w; i < n; i += workers {
				fn(sc, i)
			}
		}()
	}
	wg.Wait()
}
