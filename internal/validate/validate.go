// Package validate checks parsed checks against the citation and metadata rules of the spec.
package validate

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/slug"
	"github.com/factpress/factpress/internal/weburl"
)

// Options tunes the rules that depend on how the site is built.
type Options struct {
	// Today is the day of the build, for future-date.
	Today time.Time
	// Drafts tells whether drafts are published; when they are not, a
	// related link to a draft names no check.
	Drafts bool
	// Only, when set, limits the rules of single files to the files it
	// accepts; the others take part in the archive-wide rules only.
	Only func(path string) bool
}

// MaxClaimLength is the longest claim that does not warn: ClaimReview's
// claimReviewed should be short.
const MaxClaimLength = 140

var (
	checkFields      = []string{"title", "claim", "claimant", "claimant_type", "claim_date", "appearances", "verdict", "date", "updated", "summary", "topics", "authors", "sources", "related", "corrections", "slug", "draft", "translation_key"}
	pageFields       = []string{"title", "slug", "draft", "translation_key"}
	sourceFields     = []string{"id", "title", "publisher", "url", "date", "accessed", "archive", "kind"}
	relatedFields    = []string{"question", "check"}
	correctionFields = []string{"date", "note"}
	sourceKinds      = []string{"news", "official", "primary", "social", "opinion", "research", "other"}
)

var placeholderRE = regexp.MustCompile(`(?i)^\s*(todo|tbd|fixme|xxx)\b`)

// Site validates every file of a site; diagnostics of the parse stage are
// included. The result is sorted.
func Site(cfg *config.Config, files []*content.Check, opts Options) diag.List {
	// Files are checked on every core, each list of findings in its place.
	each := make([]diag.List, len(files))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(files); i += workers {
				each[i] = File(cfg, files[i], opts)
			}
		}()
	}
	wg.Wait()
	var out diag.List
	for _, d := range each {
		out = append(out, d...)
	}
	out = append(out, Archives(cfg, files, opts)...)
	out.Sort()
	return out
}

// File applies the rules of a single file (its parse diagnostics included).
// Its result depends only on the file, the config and opts, so callers may
// keep it while those do not change.
func File(cfg *config.Config, c *content.Check, opts Options) diag.List {
	if c.Draft && !opts.Drafts {
		return nil // not published, so its problems do not stop a build
	}
	if opts.Only != nil && !opts.Only(c.Path) {
		return nil
	}
	out := slices.Clone(c.Diags)
	if !c.Parsed() {
		return out
	}
	v := &checker{cfg: cfg, c: c, opts: opts}
	if c.Kind == content.KindPage {
		v.page()
	} else {
		v.check()
	}
	v.placeholder()
	return append(out, v.out...)
}

type checker struct {
	cfg  *config.Config
	c    *content.Check
	opts Options
	out  diag.List
}

func (v *checker) errorf(p content.Pos, code, format string, args ...any) {
	v.out = append(v.out, diag.Errorf(v.c.Path, p.Line, p.Col, code, format, args...))
}

func (v *checker) warnf(p content.Pos, code, format string, args ...any) {
	v.out = append(v.out, diag.Warnf(v.c.Path, p.Line, p.Col, code, format, args...))
}

func (v *checker) page() {
	c := v.c
	v.unknownFields("", c.Fields, pageFields)
	if c.Title == "" {
		v.missing("title", "a page needs a title")
	}
	v.slugField()
}

func (v *checker) check() {
	c := v.c
	v.unknownFields("", c.Fields, checkFields)

	if c.Title == "" {
		v.missing("title", "the question this check answers, e.g. title: \"Did X happen?\"")
	}
	if c.Claim == "" {
		v.missing("claim", "the claim as it was made, in one sentence")
	}
	if c.Verdict == "" {
		v.missing("verdict", "one of: "+v.verdictKeys())
	}
	if !c.Date.Set() {
		v.missing("date", "the day the check was published, as YYYY-MM-DD")
	}
	if len(c.Sources) == 0 {
		v.missing("sources", "a list of the sources the body cites as [1], [2], …")
	}

	if n := utf8.RuneCountInString(c.Claim); n > MaxClaimLength {
		v.warnf(c.FieldPos("claim"), "claim-long", "the claim is %d characters; keep it under %d (ideally under 75) for ClaimReview's claimReviewed, and put the detail in summary", n, MaxClaimLength)
	}
	if c.Verdict != "" {
		if _, ok := v.cfg.Verdict(c.Verdict); !ok {
			msg := fmt.Sprintf("verdict %q is not in the verdict scale (%s)", c.Verdict, v.verdictKeys())
			if s := v.nearestVerdict(c.Verdict); s != "" {
				msg = fmt.Sprintf("verdict %q is not in the verdict scale; did you mean %q?", c.Verdict, s)
			}
			v.errorf(c.FieldPos("verdict"), "unknown-verdict", "%s", msg)
		}
	}
	v.dates()
	v.slugField()
	if len(c.Topics) == 0 {
		v.warnf(c.FieldPos("topics"), "no-topics", "the check has no topics; add at least one so readers can find it from a topic page")
	}
	for _, t := range c.Topics {
		ts := slug.Of(t.Value, v.cfg.KeepDiacritics)
		switch {
		case slug.Escapes(t.Value):
			v.errorf(t.Pos, "bad-slug", "topic %q tries to leave the output folder", t.Value)
		case ts == "":
			v.errorf(t.Pos, "bad-slug", "topic %q has no letters or digits, so it cannot name a page", t.Value)
		case len(ts) > MaxName:
			v.errorf(t.Pos, "bad-slug", "topic %q gives a page name of %d bytes; %d at most, so shorten it", truncate(t.Value), len(ts), MaxName)
		}
	}
	v.pageNames()
	for _, a := range c.Appearances {
		if msg := weburl.Problem(a.Value); msg != "" {
			v.errorf(a.Pos, "source-bad-url", "appearance %q %s", a.Value, msg)
		}
	}
	v.claimantType()
	v.sources()
	for _, r := range c.Related {
		v.unknownFields("related question", r.Fields, relatedFields)
		if r.Question == "" {
			v.errorf(r.Pos, "missing-field", "a related question is empty")
		}
	}
	for _, cor := range c.Corrections {
		v.unknownFields("correction", cor.Fields, correctionFields)
		if cor.Note == "" {
			p := cor.Pos
			if fp, ok := cor.Fields.Lookup("note"); ok {
				p = fp
			}
			v.errorf(p, "missing-field", "a correction needs a note saying what changed")
		}
		if !cor.Date.Set() {
			v.errorf(cor.Pos, "missing-field", "a correction needs the date it was made")
		}
	}
	refDefPos := c.RefDefPositions()
	for i, d := range c.Body.NumericRefDefs {
		v.warnf(refDefPos[i], "citation-refdef", "[%s]: defines a link, which readers will mistake for source %s; list sources in front matter, or give the link a word label", d.Label, d.Label)
	}
	footnotePos := c.FootnotePositions()
	for i, m := range c.Body.FootnoteMarkers {
		v.warnf(footnotePos[i], "footnote-syntax", "citations are written [%s], not [^%s]; this is shown as text", m.Label, m.Label)
	}
}

// pageNames reports a claimant, publisher or author whose page would be
// named longer than a file system takes. A rule of the file alone, so that
// serve keeps its findings while the file is unchanged.
func (v *checker) pageNames() {
	c, keep := v.c, v.cfg.KeepDiacritics
	if cs := slug.Of(c.Claimant, keep); len(cs) > MaxName {
		v.errorf(c.FieldPos("claimant"), "bad-slug", "the claimant %q gives a page name of %d bytes; %d at most, so shorten it", truncate(c.Claimant), len(cs), MaxName)
	}
	for _, src := range c.Sources {
		if ps := slug.Of(src.Publisher, keep); len(ps) > MaxName {
			v.errorf(fieldOr(src.Fields, "publisher", src.Pos), "bad-slug", "the publisher %q gives a page name of %d bytes; %d at most, so shorten it", truncate(src.Publisher), len(ps), MaxName)
		}
	}
	for _, a := range c.Authors {
		if as := slug.Of(a, keep); len(as) > MaxName {
			v.errorf(c.FieldPos("authors"), "bad-slug", "the author %q gives a page name of %d bytes; %d at most, so shorten it", truncate(a), len(as), MaxName)
		}
	}
}

func (v *checker) missing(field, hint string) {
	c := v.c
	if p, ok := c.Fields.Lookup(field); ok {
		v.errorf(p, "missing-field", "%s is empty: %s", field, hint)
		return
	}
	v.errorf(content.Pos{Line: 1}, "missing-field", "%s is missing: %s", field, hint)
}

func (v *checker) verdictKeys() string { return strings.Join(v.cfg.VerdictKeys(), ", ") }

func (v *checker) nearestVerdict(got string) string {
	best, bestDist := "", 3
	for _, s := range v.cfg.Verdicts {
		if d := distance(strings.ToLower(got), s.Key); d < bestDist {
			best, bestDist = s.Key, d
		}
	}
	return best
}

func (v *checker) unknownFields(where string, fields content.Fields, known []string) {
	for _, f := range fields {
		name := f.Name
		if slices.Contains(known, name) {
			continue
		}
		msg := fmt.Sprintf("unknown field %q", name)
		if where != "" {
			msg += " in a " + where
		}
		if s := nearest(name, known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; known fields: " + strings.Join(known, ", ")
		}
		v.warnf(f.Pos, "unknown-field", "%s", msg)
	}
}

func nearest(got string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := distance(got, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

type dateField struct {
	name string
	date content.Date
	pos  content.Pos
}

func (v *checker) dates() {
	c := v.c
	fields := []dateField{
		{"date", c.Date, c.FieldPos("date")},
		{"updated", c.Updated, c.FieldPos("updated")},
		{"claim_date", c.ClaimDate, c.FieldPos("claim_date")},
	}
	for _, s := range c.Sources {
		fields = append(fields, dateField{"source date", s.Date, s.Fields.At("date")}, dateField{"source accessed", s.Accessed, s.Fields.At("accessed")})
	}
	for _, cor := range c.Corrections {
		fields = append(fields, dateField{"correction date", cor.Date, cor.Fields.At("date")})
	}
	today := v.opts.Today.UTC().Truncate(24 * time.Hour)
	for _, f := range fields {
		switch {
		case !f.date.Set():
		case !f.date.Valid:
			v.errorf(f.pos, "bad-date", "%s %q is not a date written as YYYY-MM-DD", f.name, f.date.Raw)
		case !v.opts.Today.IsZero() && f.date.Time.After(today):
			v.warnf(f.pos, "future-date", "%s %s is after today (%s)", f.name, f.date, today.Format(time.DateOnly))
		}
	}
	if v.updatedBeforeDate() {
		v.errorf(c.FieldPos("updated"), "bad-date", "updated %s is before date %s; updated must be the same day or later", c.Updated, c.Date)
	}
}

func (v *checker) updatedBeforeDate() bool {
	c := v.c
	return c.Date.Valid && c.Updated.Valid && c.Updated.Time.Before(c.Date.Time)
}

// checkedOn is the day the sources are judged against: updated when it is
// given and passed dates(), else date. An updated that failed is not used:
// its one error would bring false source-after-check warnings with it.
func (v *checker) checkedOn() (content.Date, string) {
	if v.c.Updated.Valid && !v.updatedBeforeDate() {
		return v.c.Updated, "updated"
	}
	return v.c.Date, "date"
}

func (v *checker) slugField() {
	c := v.c
	if c.Slug == "" {
		if slug.FromFile(c.Path) == "" {
			v.errorf(content.Pos{Line: 1}, "bad-slug", "the file name gives an empty slug; rename the file or set slug")
		}
		return
	}
	p := c.FieldPos("slug")
	switch {
	case slug.Escapes(c.Slug):
		v.errorf(p, "bad-slug", "slug %q tries to leave the output folder", c.Slug)
	case !slug.Valid(c.Slug):
		msg := fmt.Sprintf("slug %q must be lower-case letters and digits joined by single hyphens", c.Slug)
		if n := slug.Normalize(c.Slug); n != "" {
			msg += fmt.Sprintf(", e.g. %q", n)
		}
		v.errorf(p, "bad-slug", "%s", msg)
	}
}

func (v *checker) sources() {
	c := v.c
	cited := map[int]bool{}
	for _, ct := range c.Body.Citations {
		cited[ct.Number] = true
	}
	ids := make([]int, len(c.Sources))
	given := 0
	for _, s := range c.Sources {
		if s.ID != "" {
			given++
		}
	}
	byID := map[int]content.Source{}
	byURL := map[string]content.Source{}
	for i, s := range c.Sources {
		v.unknownFields("source", s.Fields, sourceFields)
		id := i + 1
		if s.ID != "" {
			n, err := strconv.Atoi(s.ID)
			if err != nil || n <= 0 || s.ID[0] == '0' || s.ID[0] == '+' {
				v.errorf(fieldOr(s.Fields, "id", s.Pos), "source-bad-id", "source id %q is not a positive whole number; ids are the numbers the body cites as [1], [2], …", s.ID)
				ids[i] = -1
				continue
			}
			id = n
		} else if given > 0 {
			v.errorf(s.Pos, "source-duplicate-id", "this source has no id but others do; give every source an id or none")
		}
		ids[i] = id
		if prev, ok := byID[id]; ok {
			v.errorf(fieldOr(s.Fields, "id", s.Pos), "source-duplicate-id", "source id %d is already used by the source on line %d", id, prev.Pos.Line)
		} else {
			byID[id] = s
		}
		if !cited[id] {
			v.errorf(s.Pos, "source-uncited", "source %d (%s) is never cited; cite it in the body as [%d] or remove it", id, describe(s), id)
		}
	}
	checked, which := v.checkedOn()
	for i, s := range c.Sources {
		urlOK := true
		if s.URL != "" {
			if msg := weburl.Problem(s.URL); msg != "" {
				urlOK = false
				v.errorf(fieldOr(s.Fields, "url", s.Pos), "source-bad-url", "url %q %s", s.URL, msg)
			} else if prev, ok := byURL[s.URL]; ok {
				v.warnf(fieldOr(s.Fields, "url", s.Pos), "source-duplicate-url", "this URL is already the source on line %d; merge the two or cite that one", prev.Pos.Line)
			} else {
				byURL[s.URL] = s
			}
		}
		if s.Archive != "" {
			if msg := weburl.Problem(s.Archive); msg != "" {
				v.errorf(fieldOr(s.Fields, "archive", s.Pos), "source-bad-url", "archive %q %s", s.Archive, msg)
			}
		}
		switch {
		case placeholderRE.MatchString(s.Title):
			v.errorf(fieldOr(s.Fields, "title", s.Pos), "source-incomplete", "source title %q is a placeholder; give the real title", s.Title)
		case s.URL == "" && (s.Title == "" || s.Publisher == ""):
			v.errorf(s.Pos, "source-incomplete", "source %s needs a url, or a title and a publisher for print and interview sources", idText(ids[i]))
		}
		if s.Kind != "" && !slices.Contains(sourceKinds, s.Kind) {
			v.warnf(fieldOr(s.Fields, "kind", s.Pos), "unknown-source-kind", "source kind %q is not one of %s", s.Kind, strings.Join(sourceKinds, ", "))
		}
		// A URL that failed is not one to keep a copy of: fixing it comes first.
		if v.cfg.RequireArchive && s.URL != "" && urlOK && s.Archive == "" {
			v.errorf(s.Pos, "source-no-archive", "source %s has no archived copy; this site requires archive: with a web archive URL", idText(ids[i]))
		}
		if s.Date.Valid && checked.Valid && s.Date.Time.After(checked.Time) {
			v.warnf(fieldOr(s.Fields, "date", s.Pos), "source-after-check", "source published %s, after the check's %s %s", s.Date, which, checked)
		}
	}
	positions := c.CitationPositions()
	for i, ct := range c.Body.Citations {
		if _, ok := byID[ct.Number]; ok && ct.Number > 0 {
			continue
		}
		p := positions[i]
		if len(c.Sources) == 0 {
			v.errorf(p, "citation-undefined", "[%s] cites a source, but the check lists no sources", ct.Label)
		} else {
			v.errorf(p, "citation-undefined", "[%s] cites source %s, which is not in sources (ids: %s)", ct.Label, ct.Label, idList(byID))
		}
	}
}

func idText(id int) string {
	if id <= 0 {
		return "with a bad id"
	}
	return strconv.Itoa(id)
}

func idList(byID map[int]content.Source) string {
	ids := make([]int, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	return strings.Join(parts, ", ")
}

func describe(s content.Source) string {
	switch {
	case s.Title != "":
		return strconv.Quote(s.Title)
	case s.Publisher != "":
		return s.Publisher
	case s.URL != "":
		return s.URL
	}
	return "untitled"
}

func fieldOr(f content.Fields, name string, def content.Pos) content.Pos {
	if p, ok := f.Lookup(name); ok {
		return p
	}
	return def
}

// ValidURL reports whether raw is an absolute http(s) URL as the rules want.
func ValidURL(raw string) bool { return weburl.Valid(raw) }

// distance is the optimal-string-alignment Damerau-Levenshtein distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
