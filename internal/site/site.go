// Package site builds the validated site model: checks with their verdicts, topics, claimants, questions and related checks.
package site

import (
	"cmp"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/related"
	"github.com/factpress/factpress/internal/slug"
	"github.com/factpress/factpress/internal/urls"
)

// Site is everything the layouts show, indexed every way they list it. It
// is a value: nothing changes it after Build. Related checks and the closest
// checks of open questions are worked out when first asked for, since serve
// rebuilds the model on every edit and shows only the pages a browser asks
// for.
type Site struct {
	Config      *config.Config
	Checks      []*Check // newest first
	Pages       []*Page  // by title
	Topics      []*Topic // by slug
	Verdicts    []*Verdict
	Claimants   []*Claimant // by name
	Authors     []*Author   // by slug
	Publishers  []*Publisher
	Corrections []*Correction // newest first
	// Latest is the date of the newest check or update: the archive's
	// "last updated", which keeps builds reproducible where a clock would not.
	Latest time.Time

	tally     []Tally
	related   lazyIndex
	questions lazy[[]*Question] // by key; see Questions
	cache     *Cache
}

// Check is a published check with everything resolved.
type Check struct {
	*content.Check
	Slug     string
	Path     string // site path of its page: "checks/x/"
	Verdict  *Verdict
	Topics   []*Topic
	Claimant *Claimant
	Summary  string
	Sources  []*Source // in id order
	// Writers are the check's authors, in the order written; the file's
	// names are in Check.Authors.
	Writers []*Author

	position  int // in Site.Checks: the related index's document number
	related   lazy[[]*Check]
	questions []*Question // set by Site.Questions
}

// Source is a source of one check with its id resolved and its citations.
type Source struct {
	*content.Source
	Number    int
	Citations int // how many markers cite it: the back-links
	Publisher string
	// PublisherSlug names the publisher's page, sources/<slug>/; "" when
	// the name has no letter or digit to make one of.
	PublisherSlug string
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

// Author wrote checks: a name from the checks' authors, with what
// factpress.yaml says of them under the slug of that name.
type Author struct {
	Group
	Name string // the config's, else as the newest check writes it
	Bio  string
	URL  string
}

// Publisher is an outlet cited by checks. Names of one slug are one
// publisher, named as the newest check writes it.
type Publisher struct {
	Name      string
	Slug      string   // "" when the name makes no slug: then it has no page
	Path      string   // its page, "sources/<slug>/"; "" with no slug
	Citations int      // sources entries naming it
	Checks    []*Check // newest first
	Tally     []Tally
}

// Question is a related question asked by one or more checks.
type Question struct {
	Text     string
	Slug     string
	Path     string
	AskedBy  []*Check
	Answer   *Check // nil when open
	Proposal string // "propose a check" URL, when the config names a repository

	key     string // Text normalised (slug.Question): what a title answers
	slug    string // slug.Page(Text), before numbering
	placed  bool   // in the order of the last build's questions
	closest lazy[[]*Check]
}

// Correction is a correction with the check it belongs to.
type Correction struct {
	content.Correction
	Check *Check
}

// Build assembles the site from validated files. Drafts are left out unless
// drafts is true. cache, which may be nil, keeps each file's related-check
// keywords for the next Build.
func Build(cfg *config.Config, files []*content.Check, drafts bool, cache *Cache) *Site {
	return build(cfg, files, drafts, cache)
}

// Cache keeps what the model derives from one parsed file alone, keyed by
// the file: a parsed file never changes, so an entry is right for as long as
// its file is in the site. Safe for concurrent use.
type Cache struct {
	mu       sync.Mutex
	keywords map[*content.Check][]related.Keyword
	files    map[*content.Check]*fileFacts
	// questionKeys are the last build's questions' keys, in order.
	questionKeys []string
	// index is the last related index, and the keywords it was made of.
	index     *related.Index
	indexDocs [][]related.Keyword
}

// NewCache makes an empty Cache.
func NewCache() *Cache {
	return &Cache{keywords: map[*content.Check][]related.Keyword{}, files: map[*content.Check]*fileFacts{}}
}

// fileFacts is what the model takes from one file alone.
type fileFacts struct {
	sources    []*Source
	topics     []string // the distinct topic slugs, in order, and their titles as written
	titles     []string
	claimant   string    // slug
	authors    []string  // the distinct authors' slugs, in order
	publishers []*Source // the first source of each publisher, by slug
}

func factsOf(f *content.Check, keep bool) *fileFacts {
	ff := &fileFacts{sources: sources(f, keep), claimant: slug.Of(f.Claimant, keep)}
	for _, it := range f.Topics {
		if ts := slug.Of(it.Value, keep); ts != "" && !slices.Contains(ff.topics, ts) {
			ff.topics = append(ff.topics, ts)
			ff.titles = append(ff.titles, it.Value)
		}
	}
	for _, a := range f.Authors {
		if as := slug.Of(a, keep); as != "" && !slices.Contains(ff.authors, as) {
			ff.authors = append(ff.authors, as)
		}
	}
	for _, src := range ff.sources {
		if src.Publisher != "" && !slices.ContainsFunc(ff.publishers, func(o *Source) bool { return publisherKey(o) == publisherKey(src) }) {
			ff.publishers = append(ff.publishers, src)
		}
	}
	return ff
}

// facts gives a file's facts, from the cache when it has them; kept
// collects those of this build's files.
func (c *Cache) facts(f *content.Check, keep bool, kept map[*content.Check]*fileFacts) *fileFacts {
	var ff *fileFacts
	if c != nil {
		ff = c.files[f]
	}
	if ff == nil {
		ff = factsOf(f, keep) // a file parsed under another config is another file
	}
	kept[f] = ff
	return ff
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
	kept := make(map[*content.Check]*fileFacts, len(files))
	facts := make(map[*Check]*fileFacts, len(files))
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
		c.Path = urls.Permalink(cfg.Permalinks, c.Slug, f.Date.Time)
		c.Summary = summary(f)
		ff := cache.facts(f, cfg.KeepDiacritics, kept)
		facts[c] = ff
		c.Sources = ff.sources
		s.Checks = append(s.Checks, c)
	}
	if cache != nil {
		cache.files = kept // files that changed or went drop out
	}
	slices.SortFunc(s.Checks, func(a, b *Check) int {
		return cmp.Or(b.Date.Time.Compare(a.Date.Time), strings.Compare(a.Slug, b.Slug))
	})
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) })

	// The publishers and corrections, beside the other indexes: they read
	// the sorted checks and write fields of their own.
	var publishersDone sync.WaitGroup
	publishersDone.Add(1)
	go func() {
		defer publishersDone.Done()
		publishers := map[string]*Publisher{}
		for _, c := range s.Checks {
			for _, src := range facts[c].publishers {
				p := publishers[publisherKey(src)]
				if p == nil {
					p = &Publisher{Name: src.Publisher, Slug: src.PublisherSlug}
					if p.Slug != "" {
						p.Path = "sources/" + p.Slug + "/"
					}
					publishers[publisherKey(src)] = p
				}
				p.Checks = append(p.Checks, c)
			}
			for _, src := range c.Sources {
				if src.Publisher != "" {
					publishers[publisherKey(src)].Citations++
				}
			}
			for _, cor := range c.Check.Corrections {
				s.Corrections = append(s.Corrections, &Correction{Correction: cor, Check: c})
			}
		}
		s.Publishers = sortedValues(publishers, func(a, b *Publisher) int {
			return cmp.Or(cmp.Compare(b.Citations, a.Citations), strings.Compare(a.Name, b.Name))
		})
		slices.SortStableFunc(s.Corrections, func(a, b *Correction) int { return b.Date.Time.Compare(a.Date.Time) })
		for _, p := range s.Publishers {
			p.Tally = tally(s.Verdicts, p.Checks)
		}
	}()

	topics := map[string]*Topic{}
	claimants := map[string]*Claimant{}
	authors := map[string]*Author{}
	described, known := describedAuthors(cfg)
	joined := cfg.ClaimantIndex()
	for _, c := range s.Checks {
		if t := c.LastChange(); t.After(s.Latest) {
			s.Latest = t
		}
		c.Verdict.Checks = append(c.Verdict.Checks, c)
		ff := facts[c]
		for i, ts := range ff.topics {
			t := topics[ts]
			if t == nil {
				t = &Topic{}
				t.Slug, t.Path = ts, "topics/"+ts+"/"
				if meta, ok := cfg.Topics[ts]; ok {
					t.Title, t.Description = meta.Title, meta.Description
				}
				topics[ts] = t
			}
			if t.Title == "" { // the newest check's spelling, unless it wrote the slug
				t.Title = spelling(ts, ff.titles[i])
			}
			t.Checks = append(t.Checks, c)
			c.Topics = append(c.Topics, t)
		}
		if cs := ff.claimant; cs != "" {
			name := c.Check.Claimant
			if k, ok := joined[cs]; ok { // a spelling factpress.yaml joins
				cs, name = slug.Of(k, cfg.KeepDiacritics), cmp.Or(cfg.Claimants[k].Name, name)
			}
			cl := claimants[cs]
			if cl == nil {
				cl = &Claimant{Name: name}
				cl.Slug, cl.Path = cs, "claimants/"+cs+"/"
				claimants[cs] = cl
			}
			cl.Checks = append(cl.Checks, c)
			c.Claimant = cl
		}
		for _, as := range ff.authors {
			if k, ok := known[as]; ok {
				as = k
			}
			if slices.ContainsFunc(c.Writers, func(w *Author) bool { return w.Slug == as }) {
				continue // a name and its slug, both written
			}
			a := authors[as]
			if a == nil {
				a = newAuthor(as, c, described[as], cfg.KeepDiacritics)
				authors[as] = a
			}
			a.Checks = append(a.Checks, c)
			c.Writers = append(c.Writers, a)
		}
	}
	s.Topics = sortedValues(topics, func(a, b *Topic) int { return strings.Compare(a.Slug, b.Slug) })
	s.Claimants = sortedValues(claimants, func(a, b *Claimant) int { return strings.Compare(a.Slug, b.Slug) })
	s.Authors = sortedValues(authors, func(a, b *Author) int { return strings.Compare(a.Slug, b.Slug) })

	for _, t := range s.Topics {
		if t.Title == "" {
			t.Title = slugTitle(t.Slug)
		}
		t.Tally = tally(s.Verdicts, t.Checks)
	}
	for _, cl := range s.Claimants {
		cl.Tally = tally(s.Verdicts, cl.Checks)
	}
	for _, v := range s.Verdicts {
		v.Tally = tally(s.Verdicts, v.Checks)
	}
	for _, a := range s.Authors {
		a.Tally = tally(s.Verdicts, a.Checks)
	}
	s.tally = tally(s.Verdicts, s.Checks)

	for i, c := range s.Checks {
		c.position = i
	}
	s.related.cache = cache
	s.cache = cache
	publishersDone.Wait()
	return s
}

// describedAuthors are the config's authors by the slug of their key,
// and the slug of each name a check may write for one (the key's own, and
// the config's name for them) with the slug of their key: a check names
// "Jane Roe" or jane-roe, and both are the author described under
// jane-roe, as is "سلمى حداد" the author described under salma with that
// name.
func describedAuthors(cfg *config.Config) (map[string]config.Author, map[string]string) {
	described := map[string]config.Author{}
	known := map[string]string{}
	keys := slices.Sorted(maps.Keys(cfg.Authors))
	for _, k := range keys {
		if ks := slug.Of(k, cfg.KeepDiacritics); ks != "" && known[ks] == "" { // two keys of one slug: the first
			described[ks], known[ks] = cfg.Authors[k], ks
		}
	}
	for _, k := range keys {
		ks := slug.Of(k, cfg.KeepDiacritics)
		if ns := slug.Of(cfg.Authors[k].Name, cfg.KeepDiacritics); ks != "" && ns != "" {
			if _, taken := known[ns]; !taken {
				known[ns] = ks
			}
		}
	}
	return described, known
}

// newAuthor is the author whose name has the slug as, first met in c:
// named as the config describes them, else as c writes it.
func newAuthor(as string, c *Check, d config.Author, keep bool) *Author {
	a := &Author{Name: d.Name, Bio: d.Bio, URL: d.URL}
	a.Slug, a.Path = as, "authors/"+as+"/"
	for _, name := range c.Check.Authors {
		if a.Name == "" && slug.Of(name, keep) == as {
			a.Name = strings.Join(strings.Fields(name), " ")
		}
	}
	return a
}

// minRelatedScore keeps out checks that share only a common word.
const minRelatedScore = 1.0

// Tally counts the site's checks by verdict.
func (s *Site) Tally() []Tally { return s.tally }

// Questions lists every related question of the archive, in the order of
// their normalised text. They are worked out when first asked for: serve
// tells the browser to reload before it needs them.
func (s *Site) Questions() []*Question {
	return s.questions.get(func() []*Question { return questions(s, s.cache) })
}

// QuestionsOf lists the related questions a check asks.
func (s *Site) QuestionsOf(c *Check) []*Question {
	s.Questions()
	return c.questions
}

// OpenQuestions lists the questions no check answers yet.
func (s *Site) OpenQuestions() []*Question {
	var out []*Question
	for _, q := range s.Questions() {
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

func sources(c *content.Check, keep bool) []*Source {
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
		pub := publisherOf(src)
		out = append(out, &Source{Source: src, Number: n, Citations: counts[n], Publisher: pub, PublisherSlug: slug.Of(pub, keep)})
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

// Related lists up to five checks most related to c, best first.
func (s *Site) Related(c *Check) []*Check {
	return c.related.get(func() []*Check {
		var out []*Check
		s.related.score(s, func(sc *related.Scorer) {
			for _, j := range sc.Related(c.position, 5, minRelatedScore) {
				out = append(out, s.Checks[j])
			}
		})
		return out
	})
}

// lazyIndex is the related index of a Site, made on first use.
type lazyIndex struct {
	once    sync.Once
	index   *related.Index
	scorers sync.Pool
	cache   *Cache
}

// score runs fn with a Scorer of the site's index, made on first use.
func (l *lazyIndex) score(s *Site, fn func(*related.Scorer)) {
	l.once.Do(func() { l.index = relatedIndex(s.Checks, l.cache, s.Config.Language) })
	sc, _ := l.scorers.Get().(*related.Scorer)
	if sc == nil {
		sc = l.index.NewScorer()
	}
	fn(sc)
	l.scorers.Put(sc)
}

// lazy is a value worked out on first use, once.
type lazy[T any] struct {
	once  sync.Once
	value T
}

func (l *lazy[T]) get(make func() T) T {
	l.once.Do(func() { l.value = make() })
	return l.value
}

func relatedIndex(checks []*Check, cache *Cache, lang string) *related.Index {
	docs := make([][]related.Keyword, len(checks))
	kept := make(map[*content.Check][]related.Keyword, len(checks))
	if cache != nil {
		cache.mu.Lock()
		defer cache.mu.Unlock()
	}
	for i, c := range checks {
		kws, ok := []related.Keyword(nil), false
		if cache != nil {
			kws, ok = cache.keywords[c.Check]
		}
		if !ok {
			kws = keywords(c, lang)
		}
		docs[i] = kws
		kept[c.Check] = kws
	}
	if cache == nil {
		return related.New(docs)
	}
	cache.keywords = kept // files that changed or went drop out
	// An index is a value of its documents' keywords: the last one serves
	// while they are the same (an edit to a body, a claim's wording
	// aside, or a verdict), in the same order.
	if cache.index == nil || !slices.EqualFunc(docs, cache.indexDocs, slices.Equal) {
		cache.index, cache.indexDocs = related.New(docs), docs
	}
	return cache.index
}

// keywords are a check's index terms. They come from its file alone (topic
// and claimant slugs are normalised from the file's values), so a Cache may
// keep them by file.
func keywords(c *Check, lang string) []related.Keyword {
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
	for _, w := range related.Words(lang, c.Title+" "+c.Claim) {
		if !seen[w] {
			seen[w] = true
			kws = append(kws, related.Keyword{Term: "w:" + w, Weight: 0.4})
		}
	}
	return kws
}
