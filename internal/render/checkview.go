package render

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/slug"
)

// The parts of a check's page that put the verdict first: what was
// found, where the claim appeared, where the verdict sits on the scale,
// who wrote the check and whether it was corrected.

// Appearance is a place where the claim appeared, named by its site.
type Appearance struct {
	Href string
	Site string // the host, without www.: "facebook.com"; "facebook.com (2)" for a second on one site
	// Archived tells that Href is an archived copy of the page on Site
	// (web.archive.org/web/…/https://site/…).
	Archived bool
}

// Scale is where a verdict sits on the rated scale of 1 to Max, for a
// picture that says it in words as well as by colour and shape.
type Scale struct {
	Label  string // the verdict's
	Rating int    // the verdict's, 0 when it is off the scale
	Max    int
	Steps  []ScaleStep // 1 to Max
	Worst  string      // the label of the step rated 1, "" when none is
	Best   string      // the label of the step rated Max, "" when none is
	Colour string      // the verdict's
	Href   string      // the scale's page, where every verdict is defined
}

// ScaleStep is one rating of the scale.
type ScaleStep struct {
	Rating  int
	Label   string // the verdict rated so, "" when the scale has none
	Colour  string // the verdict's; "" when the scale has none
	Current bool
}

// maxRating is the best rating of a verdict: ClaimReview's bestRating.
const maxRating = 5

// scale places verdict on the site's scale; nil when no verdict of the
// scale has a rating, so that there is no scale to show.
func (v *views) scale(root string, verdict *site.Verdict) *Scale {
	sc := &Scale{Label: verdict.Label, Rating: verdict.Rating, Max: maxRating, Colour: verdict.Colour, Href: v.href(root, "verdicts/")}
	rated := false
	sc.Steps = make([]ScaleStep, maxRating)
	for i := range sc.Steps {
		sc.Steps[i].Rating = i + 1
	}
	for _, vd := range v.s.Verdicts {
		if vd.Rating < 1 || vd.Rating > maxRating {
			continue
		}
		rated = true
		st := &sc.Steps[vd.Rating-1]
		if st.Label == "" { // the first of two with one rating
			st.Label, st.Colour = vd.Label, vd.Colour
		}
		if vd == verdict {
			st.Label, st.Colour, st.Current = vd.Label, vd.Colour, true
		}
	}
	if !rated {
		return nil
	}
	sc.Worst, sc.Best = sc.Steps[0].Label, sc.Steps[maxRating-1].Label
	return sc
}

// appearances name each place the claim appeared by its site.
func appearances(raw []string) []Appearance {
	out := make([]Appearance, 0, len(raw))
	seen := map[Appearance]int{} // by Site and Archived
	for _, r := range raw {
		a := Appearance{Href: linkable(r)}
		a.Site, a.Archived = siteOf(r)
		if a.Site == "" {
			a.Site = r
		}
		key := Appearance{Site: a.Site, Archived: a.Archived}
		seen[key]++
		if n := seen[key]; n > 1 {
			a.Site += " (" + strconv.Itoa(n) + ")"
		}
		out = append(out, a)
	}
	return out
}

// archives are web archives whose addresses hold the archived page's
// address after their own: host/…/https://site/page.
var archives = map[string]bool{"web.archive.org": true, "wayback.archive.org": true, "archive.org": true,
	"archive.ph": true, "archive.today": true, "archive.is": true, "archive.li": true, "archive.md": true,
	"webcache.googleusercontent.com": true, "webcitation.org": true, "www.webcitation.org": true}

// siteOf is the host of an http(s) URL without www., and whether the URL
// is a web archive's copy of a page, whose own site it then names; "" when
// the URL has no host.
func siteOf(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if archives[host] {
		rest := u.Path
		if u.RawQuery != "" {
			rest += "?" + u.RawQuery
		}
		if i := strings.Index(rest, "http"); i >= 0 {
			if inner, archived := siteOf(fixScheme(rest[i:])); inner != "" && !archived {
				return inner, true
			}
		}
	}
	return strings.TrimPrefix(host, "www."), false
}

// fixScheme restores the "//" that some archives fold into one slash
// (https:/site/…).
func fixScheme(s string) string {
	for _, scheme := range []string{"https:", "http:"} {
		if rest, ok := strings.CutPrefix(s, scheme); ok && !strings.HasPrefix(rest, "//") {
			return scheme + "/" + rest
		}
	}
	return s
}

// lede is what a check says it found, and its body without it: the
// summary, with the body whole; else the body's first paragraph, lifted
// out of the body so that the page does not say it twice. A summary that
// only repeats the first paragraph (but for case, punctuation and spacing)
// is that paragraph.
func lede(c *site.Check, body []byte) (summary string, first template.HTML, rest []byte) {
	doc := c.Check.Body
	summary = c.Check.Summary
	if doc.LedeLen == 0 || doc.LedeLen > len(body) || summary != "" && slug.Question(summary) != slug.Question(doc.FirstParagraph) {
		return summary, "", body
	}
	return "", template.HTML(doc.Lede), body[doc.LedeLen:]
}

// latest is the newest of a check's corrections' dates, as shown.
func (v *views) latest(c *site.Check) Date {
	var d Date
	for _, cor := range c.Corrections {
		if cor.Date.Valid {
			if dd := v.date(cor.Date.Time); dd.ISO > d.ISO {
				d = dd
			}
		}
	}
	return d
}

// writers link a check's authors to their pages.
func (v *views) writers(root string, c *site.Check) []Link {
	var out []Link
	for _, a := range c.Writers {
		out = append(out, Link{Href: v.href(root, a.Path), Text: a.Name})
	}
	return out
}

// author is an author's page: the checks they wrote, with their bio and
// link.
func (v *views) author(path string, a *site.Author, checks []*site.Check, pg *pagerOf) *Page {
	name := v.t("checks-by-author", "Name", a.Name)
	p := v.list(path, name, name, a.Bio, checks, pg, len(a.Checks), a.Tally)
	if a.URL != "" {
		p.List.Link = &Link{Href: a.URL, Text: v.t("author-more", "Name", a.Name)}
	}
	return p
}

// linkable is an http(s) URL as an href may hold it: the characters that
// a URL may not have after its host ([, ], ", <, >, \, ^, `, {, |, }),
// which pages copied from a browser's address bar often do, percent-encoded,
// so that the link is valid HTML and leads to the same place.
func linkable(raw string) string {
	start := strings.Index(raw, "://")
	if start < 0 {
		return raw
	}
	start += 3
	if end := strings.IndexAny(raw[start:], "/?#"); end >= 0 {
		start += end
	} else {
		return raw
	}
	const bad = "[]\"<>\\^`{|}"
	if !strings.ContainsAny(raw[start:], bad) {
		return raw
	}
	var b strings.Builder
	b.WriteString(raw[:start])
	for i := start; i < len(raw); i++ {
		if c := raw[i]; strings.IndexByte(bad, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
