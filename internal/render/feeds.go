package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"
	"time"

	"github.com/factpress/factpress/internal/site"
)

// feedSize is how many of the latest checks the feeds carry.
const feedSize = 50

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Summary    string         `xml:"summary"`
	Categories []atomCategory `xml:"category"`
}

type atomFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string     `xml:"title"`
	Subtitle string     `xml:"subtitle,omitempty"`
	ID       string     `xml:"id"`
	Updated  string     `xml:"updated"`
	Links    []atomLink `xml:"link"`
	Author   struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (r *Renderer) atom(s *site.Site) ([]byte, error) {
	cfg := s.Config
	f := atomFeed{Title: cfg.Title, Subtitle: cfg.Description, ID: r.urls.Abs(""), Updated: rfc3339(s.Latest)}
	f.Author.Name = cfg.Organization.Name
	if f.Author.Name == "" {
		f.Author.Name = cfg.Title
	}
	f.Links = []atomLink{{Href: r.urls.Abs("feed.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: r.urls.Abs(""), Rel: "alternate", Type: "text/html"}}
	for _, c := range head(s.Checks, feedSize) {
		e := atomEntry{Title: c.Title, ID: r.urls.Abs(c.Path), Link: atomLink{Href: r.urls.Abs(c.Path)}, Published: rfc3339(c.Date.Time), Updated: rfc3339(c.LastChange()), Summary: c.Verdict.Label + ": " + c.Summary}
		e.Categories = append(e.Categories, atomCategory{Term: "verdict:" + c.Verdict.Key, Label: c.Verdict.Label})
		for _, t := range c.Topics {
			e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Label: t.Title})
		}
		f.Entries = append(f.Entries, e)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	Summary       string           `json:"summary,omitempty"`
	ContentText   string           `json:"content_text"`
	DatePublished string           `json:"date_published"`
	DateModified  string           `json:"date_modified,omitempty"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
}

type jsonFeedAuthor struct {
	Name   string `json:"name"`
	URL    string `json:"url,omitempty"`
	Avatar string `json:"avatar,omitempty"`
}

type jsonFeed struct {
	Version     string           `json:"version"`
	Title       string           `json:"title"`
	HomePageURL string           `json:"home_page_url"`
	FeedURL     string           `json:"feed_url"`
	Description string           `json:"description,omitempty"`
	Icon        string           `json:"icon,omitempty"`
	Favicon     string           `json:"favicon,omitempty"`
	Authors     []jsonFeedAuthor `json:"authors"`
	Language    string           `json:"language,omitempty"`
	Items       []jsonFeedItem   `json:"items"`
}

// jsonFeed writes the JSON Feed: the organisation is the feed's author and
// its logo the icon, or the site's favicon when it has no logo; each item
// names the check's authors.
func (r *Renderer) jsonFeed(s *site.Site) ([]byte, error) {
	cfg := s.Config
	f := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: cfg.Title, HomePageURL: r.urls.Abs(""), FeedURL: r.urls.Abs("feed.json"), Description: cfg.Description, Language: cfg.Language, Items: []jsonFeedItem{}}
	// A favicon in the site's assets/, by the names browsers know.
	for _, name := range []string{"favicon.svg", "favicon.png", "favicon.ico"} {
		if out, ok := r.assets[name]; ok {
			f.Favicon = r.urls.Abs(out)
			break
		}
	}
	f.Icon = cmp.Or(cfg.Organization.Logo, f.Favicon)
	f.Favicon = cmp.Or(f.Favicon, cfg.Organization.Logo)
	f.Authors = []jsonFeedAuthor{{Name: cmp.Or(cfg.Organization.Name, cfg.Title), URL: cfg.Organization.URL, Avatar: cfg.Organization.Logo}}
	claim, _ := r.lang.T("feed-claim")
	verdict, _ := r.lang.T("feed-verdict")
	for _, c := range head(s.Checks, feedSize) {
		it := jsonFeedItem{ID: r.urls.Abs(c.Path), URL: r.urls.Abs(c.Path), Title: c.Title, Summary: c.Summary,
			ContentText: claim + ": " + c.Claim + "\n" + verdict + ": " + c.Verdict.Label + "\n\n" + c.Summary, DatePublished: rfc3339(c.Date.Time)}
		if c.Updated.Valid {
			it.DateModified = rfc3339(c.Updated.Time)
		}
		for _, a := range c.Authors {
			if a != "" {
				it.Authors = append(it.Authors, jsonFeedAuthor{Name: a})
			}
		}
		for _, t := range c.Topics {
			it.Tags = append(it.Tags, t.Slug)
		}
		f.Items = append(f.Items, it)
	}
	return marshal(f)
}

func marshal(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

type apiSource struct {
	ID        int    `json:"id"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
	Date      string `json:"date,omitempty"`
	Accessed  string `json:"accessed,omitempty"`
	Archive   string `json:"archive,omitempty"`
	Kind      string `json:"kind,omitempty"`
}

type apiRelated struct {
	Question string `json:"question"`
	Answer   string `json:"answer,omitempty"`
}

type apiCheck struct {
	Slug         string       `json:"slug"`
	URL          string       `json:"url"`
	Title        string       `json:"title"`
	Claim        string       `json:"claim"`
	Claimant     string       `json:"claimant,omitempty"`
	ClaimDate    string       `json:"claim_date,omitempty"`
	Appearances  []string     `json:"appearances,omitempty"`
	Verdict      string       `json:"verdict"`
	VerdictLabel string       `json:"verdict_label"`
	Rating       int          `json:"rating,omitempty"`
	Date         string       `json:"date"`
	Updated      string       `json:"updated,omitempty"`
	Summary      string       `json:"summary,omitempty"`
	Topics       []string     `json:"topics"`
	Authors      []string     `json:"authors,omitempty"`
	Sources      []apiSource  `json:"sources"`
	Related      []apiRelated `json:"related,omitempty"`
	Corrections  int          `json:"corrections,omitempty"`
}

// api writes every check's metadata, one JSON object a line.
func (r *Renderer) api(s *site.Site) ([]byte, error) {
	var out []byte
	out = append(out, "[\n"...)
	for i, c := range s.Checks {
		e, err := r.apiCheck(s, c)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			// Entries are alike in size: one allocation, mostly.
			out = slices.Grow(out, (len(e)+2)*len(s.Checks)*5/4)
		}
		out = append(out, e...)
		if i < len(s.Checks)-1 {
			out = append(out, ',')
		}
		out = append(out, '\n')
	}
	return append(out, "]\n"...), nil
}

func (r *Renderer) apiCheck(s *site.Site, c *site.Check) ([]byte, error) {
	a := apiCheck{Slug: c.Slug, URL: r.urls.Abs(c.Path), Title: c.Title, Claim: c.Claim, Claimant: c.Check.Claimant, ClaimDate: c.ClaimDate.String(),
		Verdict: c.Verdict.Key, VerdictLabel: c.Verdict.Label, Rating: c.Verdict.Rating, Date: c.Date.String(), Updated: c.Updated.String(),
		Summary: c.Summary, Topics: []string{}, Authors: c.Authors, Sources: []apiSource{}, Corrections: len(c.Corrections)}
	for _, ap := range c.Appearances {
		a.Appearances = append(a.Appearances, ap.Value)
	}
	for _, t := range c.Topics {
		a.Topics = append(a.Topics, t.Slug)
	}
	for _, src := range c.Sources {
		a.Sources = append(a.Sources, apiSource{ID: src.Number, Title: src.Title, Publisher: src.Source.Publisher, URL: src.URL, Date: src.Date.String(), Accessed: src.Accessed.String(), Archive: src.Archive, Kind: src.Kind})
	}
	for _, q := range s.QuestionsOf(c) {
		item := apiRelated{Question: q.Text}
		if q.Answer != nil {
			item.Answer = r.urls.Abs(q.Answer.Path)
		}
		a.Related = append(a.Related, item)
	}
	return json.Marshal(a)
}

// sitemap lists the pages of one language; alternates, for a multilingual
// site, gives each page's translations.
func (r *Renderer) sitemap(s *site.Site, htmlFiles []string, alternates func(path string) []LanguageLink) ([]byte, error) {
	lastmod := make(map[string]string, len(s.Checks))
	for _, c := range s.Checks {
		lastmod[c.Path+"index.html"] = c.LastChange().Format(time.DateOnly)
	}
	var buf bytes.Buffer
	buf.Grow(len(htmlFiles) * 96)
	buf.WriteString(xml.Header)
	if alternates != nil {
		buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	} else {
		buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	}
	for _, f := range htmlFiles {
		path := strings.TrimSuffix(f, "index.html")
		buf.WriteString("<url><loc>")
		if err := xml.EscapeText(&buf, []byte(r.urls.Abs(path))); err != nil {
			return nil, err
		}
		buf.WriteString("</loc>")
		if d := lastmod[f]; d != "" {
			buf.WriteString("<lastmod>" + d + "</lastmod>")
		}
		if alternates != nil {
			if err := writeAlternates(&buf, alternates(path)); err != nil {
				return nil, err
			}
		}
		buf.WriteString("</url>")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes(), nil
}

// writeAlternates writes a sitemap entry's translations, itself among them,
// when it has any besides itself.
func writeAlternates(buf *bytes.Buffer, links []LanguageLink) error {
	n := 0
	for _, l := range links {
		if l.Abs != "" {
			n++
		}
	}
	if n < 2 {
		return nil
	}
	for _, l := range links {
		if l.Abs == "" {
			continue
		}
		buf.WriteString(`<xhtml:link rel="alternate" hreflang="`)
		if err := xml.EscapeText(buf, []byte(l.Code)); err != nil {
			return err
		}
		buf.WriteString(`" href="`)
		if err := xml.EscapeText(buf, []byte(l.Abs)); err != nil {
			return err
		}
		buf.WriteString(`"/>`)
	}
	return nil
}
