// Package urls makes every link of a built site, so that a base_url subpath and offline builds change them in one place.
package urls

import (
	"net/url"
	"strings"
	"time"
)

// Maker turns site paths into links. A site path is relative to the site
// root with no leading slash; a folder path ends in '/' ("checks/x/"), the
// root is "". Maker is immutable.
type Maker struct {
	base    *url.URL // absolute base, when base_url has a host
	abs     string   // base as a string, for Abs: it is called for every page
	prefix  string   // path of base_url, always ending in '/'
	offline bool
}

// New makes a Maker for base_url. offline makes every link to a folder name
// its index.html, for browsing from disk.
func New(baseURL string, offline bool) (*Maker, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	prefix := u.Path
	if !strings.HasPrefix(prefix, "/") {
		prefix = "/" + prefix
	}
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	m := &Maker{prefix: prefix, offline: offline}
	if u.Host != "" {
		u.Path, u.RawQuery, u.Fragment = prefix, "", ""
		m.base, m.abs = u, u.String()
	}
	return m, nil
}

// Offline reports whether links name their index.html.
func (m *Maker) Offline() bool { return m.offline }

// File is the output file of a site path: folders get index.html.
func File(sitePath string) string {
	if sitePath == "" || strings.HasSuffix(sitePath, "/") {
		return sitePath + "index.html"
	}
	return sitePath
}

// Rel is the link from the page at site path from to the site path to,
// relative, so the site works under any prefix and from disk. It always
// climbs to the root and back down, so that every page at one depth links
// to a target the same way and rendered fragments can be shared between
// them. A fragment ("checks/x/#src-1") is kept.
func (m *Maker) Rel(from, to string) string {
	if i := strings.IndexByte(to, '#'); i >= 0 && to[:i] == from {
		return to[i:]
	}
	return m.Link(m.RootPrefix(from), to)
}

// Link is the link to the site path to from a page whose way up to the
// site root is root (RootPrefix, or Root("") for a page served at any depth).
// A fragment ("checks/x/#src-1") is kept.
func (m *Maker) Link(root, to string) string {
	frag := ""
	if i := strings.IndexByte(to, '#'); i >= 0 {
		to, frag = to[:i], to[i:]
	}
	if m.offline {
		to = File(to)
	}
	rel := root + to
	if rel == "" {
		rel = "./"
	}
	return rel + frag
}

// RootPrefix is the relative path from the page at site path from up to the
// site root folder: "" at the root, "../../" two folders down.
func (m *Maker) RootPrefix(from string) string {
	return strings.Repeat("../", strings.Count(from, "/"))
}

// Abs is the absolute URL of a site path: under base_url's host when it has
// one, else a root-relative path under base_url's path.
func (m *Maker) Abs(sitePath string) string {
	if m.base != nil {
		return m.abs + escape(sitePath)
	}
	return m.prefix + escape(sitePath)
}

// escape percent-encodes the segments of a site path that are not ASCII
// (an Arabic or accented slug), for the places where a URL must be ASCII:
// feeds, the sitemap, JSON-LD, the API. Links in pages are left to
// html/template, which encodes them the same way.
func escape(sitePath string) string {
	for i := 0; i < len(sitePath); i++ {
		if c := sitePath[i]; c >= 0x80 || c == ' ' || c == '%' {
			segs := strings.Split(sitePath, "/")
			for j, s := range segs {
				segs[j] = url.PathEscape(s)
			}
			return strings.Join(segs, "/")
		}
	}
	return sitePath
}

// Host is base_url's scheme and host ("https://org.github.io"), or "".
func (m *Maker) Host() string {
	if m.base == nil {
		return ""
	}
	return m.base.Scheme + "://" + m.base.Host
}

// HasHost reports whether Abs gives full URLs (base_url names a host).
func (m *Maker) HasHost() bool { return m.base != nil }

// Root is the path of the site root on the server: base_url's path.
func (m *Maker) Root(sitePath string) string { return m.prefix + sitePath }

// Permalink is the site path of a check's page: the permalinks pattern with
// :slug, :year, :month and :day filled in, without a leading '/' and with
// a trailing one.
func Permalink(pattern, sl string, date time.Time) string {
	if pattern == "/checks/:slug/" {
		return "checks/" + sl + "/" // the default, for every check of every build
	}
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
