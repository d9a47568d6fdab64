package site

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The lists and indexes' parts of the model: publishers by slug, topics
// named as written, and where a reader asks for a correction.

// publisherKey is what joins a source to its publisher: the slug of its
// name, or the name itself when it makes no slug.
func publisherKey(s *Source) string {
	if s.PublisherSlug != "" {
		return s.PublisherSlug
	}
	return "\x00" + s.Publisher
}

// SourcesOf are the sources of c that the publisher p published.
func (p *Publisher) SourcesOf(c *Check) []*Source {
	var out []*Source
	for _, src := range c.Sources {
		if src.Publisher != "" && p.Slug != "" && src.PublisherSlug == p.Slug {
			out = append(out, src)
		}
	}
	return out
}

// spelling is a topic's name as a check writes it ("United States"),
// spaces collapsed; "" when the check writes its slug ("united-states"),
// which names nothing a reader would.
func spelling(slug, written string) string {
	if w := strings.Join(strings.Fields(written), " "); w != slug {
		return w
	}
	return ""
}

// slugTitle names a topic that every check writes as its slug and that
// factpress.yaml gives no title: its words capitalised, so that
// united-states is "United States" (a script without case is as written).
func slugTitle(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		if n > 0 && unicode.IsLower(r) {
			words[i] = string(unicode.ToTitle(r)) + w[n:]
		}
	}
	return strings.Join(words, " ")
}

// PageBySlug is the plain page of that slug, or nil.
func (s *Site) PageBySlug(slug string) *Page {
	for _, p := range s.Pages {
		if p.Slug == slug {
			return p
		}
	}
	return nil
}

// CorrectionRequestURL opens a new issue in the configured repository
// asking for a correction, when the repository is on GitHub or GitLab;
// "" otherwise.
func (s *Site) CorrectionRequestURL(title string) string {
	repo := s.repository()
	host, _, _ := strings.Cut(repo, "/")
	v := url.Values{}
	v.Set("title", title)
	switch host {
	case "github.com":
		return "https://" + repo + "/issues/new?" + v.Encode()
	case "gitlab.com":
		v = url.Values{}
		v.Set("issue[title]", title)
		return "https://" + repo + "/-/issues/new?" + v.Encode()
	}
	return ""
}
