package render

import (
	"strings"
	"unicode/utf8"

	"github.com/factpress/factpress/internal/related"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/words"
)

// The lists and indexes: the sources' index and a page per publisher, a
// claimant's and a verdict's lists, items that say their claim once, and
// the empty states that say a list is empty.

// repeats reports whether a check's title and its claim say the same
// thing ("Is it true that X?" and "X"), so that a list gives the title
// alone: their words, as related checks weigh them (folded, the
// language's common words and the words every check uses, such as true
// and claim, left out), overlap by four fifths or more.
func repeats(lang, title, claim string) bool {
	a, b := wordSet(lang, title), wordSet(lang, claim)
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b) && normalizedEqual(title, claim)
	}
	both := 0
	for w := range a {
		if b[w] {
			both++
		}
	}
	either := len(a) + len(b) - both
	return both*5 >= either*4
}

func wordSet(lang, text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range related.Words(lang, text) {
		out[w] = true
	}
	return out
}

// normalizedEqual compares texts of no weighed words ("Is it?", "5G")
// by their words, whatever the case and punctuation.
func normalizedEqual(a, b string) bool {
	wa, wb := words.Tokens(a), words.Tokens(b)
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		if wa[i] != wb[i] {
			return false
		}
	}
	return a != "" && b != ""
}

// claimant is a claimant's list: its items do not say who made each claim,
// which the heading says once.
func (v *views) claimant(path string, cl *site.Claimant, checks []*site.Check, pg *pagerOf) *Page {
	title := v.t("claims-by", "Name", cl.Name)
	p := v.list(path, title, title, "", checks, pg, len(cl.Checks), cl.Tally)
	for i := range p.List.Items {
		p.List.Items[i].Claimant = ""
	}
	return p
}

// verdictList is a verdict's list, which says so when no check has it.
func (v *views) verdictList(path string, vd *site.Verdict, checks []*site.Check, pg *pagerOf) *Page {
	p := v.list(path, v.t("verdict-title", "Name", vd.Label), vd.Label, vd.Description, checks, pg, len(vd.Checks), nil)
	p.List.Empty = v.t("no-checks-verdict")
	return p
}

// publisher is a publisher's page: the checks citing it, each with the
// sources of it that it cites, and their verdicts.
func (v *views) publisher(path string, pub *site.Publisher, checks []*site.Check, pg *pagerOf) *Page {
	title := v.t("publisher-title", "Name", pub.Name)
	p := v.list(path, title, title, v.t("publisher-cited", pub.Citations), checks, pg, len(pub.Checks), pub.Tally)
	for i, c := range checks {
		for _, src := range pub.SourcesOf(c) {
			l := Link{Text: src.Title}
			if src.URL != "" {
				l.Href = linkable(src.URL)
			}
			if l.Text == "" {
				l.Text = shortURL(src.URL)
			}
			p.List.Items[i].Cited = append(p.List.Items[i].Cited, l)
		}
	}
	return p
}

// sourcesIndex is a page of the publishers' index, most cited first, each
// linked to its page.
func (v *views) sourcesIndex(path string, list []*site.Publisher, pg *pagerOf) *Page {
	p := v.page("sources", path, v.t("sources"), "")
	p.Sources = &Sources{Pager: v.pager(p.Root, pg)}
	for _, pub := range list {
		row := PublisherRow{Name: pub.Name, Citations: pub.Citations, Count: len(pub.Checks)}
		if pub.Path != "" {
			row.Href = v.href(p.Root, pub.Path)
		}
		p.Sources.Rows = append(p.Sources.Rows, row)
	}
	return p
}

// correctionsHelp says on the corrections page how to ask for one: the
// corrections policy (the page of slug corrections-policy), the contact
// page (slug contact) and a new issue in the repository, those the site
// has.
func (v *views) correctionsHelp(root string) *CorrectionsHelp {
	h := &CorrectionsHelp{}
	if pg := v.s.PageBySlug("corrections-policy"); pg != nil {
		h.Policy = &Link{Href: v.href(root, pg.Path), Text: pg.Title}
	}
	if pg := v.s.PageBySlug("contact"); pg != nil {
		h.Contact = &Link{Href: v.href(root, pg.Path), Text: pg.Title}
	}
	h.Issue = v.s.CorrectionRequestURL(v.t("correction-issue-title"))
	return h
}

// maxShortURL is the most characters an untitled source's address shows.
const maxShortURL = 60

// shortURL is an untitled source's address as a list shows it: without
// its scheme and www., cut to maxShortURL characters with an ellipsis
// (the link keeps the whole address).
func shortURL(raw string) string {
	s := raw
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "www."), "/")
	if utf8.RuneCountInString(s) <= maxShortURL {
		return s
	}
	n := 0
	for i := range s {
		if n == maxShortURL-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
