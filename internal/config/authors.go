package config

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/bidi"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/weburl"
	"github.com/factpress/factpress/internal/yamlx"
)

// Author is a writer of checks as factpress.yaml describes them under
// authors, by the slug of their name: the name to show, a short biography
// and a link to a page of their own, each optional. A check names its
// authors by name or by slug; both lead to the same author page.
//
//	authors:
//	  jane-roe: {name: "Jane Roe", bio: "Covers health.", url: "https://example.org/jane"}
//	  john-doe: "John Doe"     # a name alone
type Author struct {
	Name string `yaml:"name"`
	Bio  string `yaml:"bio"`
	URL  string `yaml:"url"`
}

// UnmarshalYAML reads an author as a mapping, or as a name alone.
func (a *Author) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		return n.Decode(&a.Name)
	}
	type plain Author // without this method
	return n.Decode((*plain)(a))
}

// screenAuthors does for authors what screen does for the rest: an entry's
// unknown keys are unknown-field, a url that is not http(s) is bad-url and
// dropped, and text that holds controls that reorder it loses them, with a
// bidi-control warning.
func (c *Config) screenAuthors(root *yaml.Node) diag.List {
	authors := valueAt(root, "authors")
	if authors == nil || authors.Kind != yaml.MappingNode {
		return nil
	}
	var out diag.List
	for _, k := range yamlx.Keys(authors) {
		a, ok := c.Authors[k.Name]
		if !ok {
			continue
		}
		at := func(field string) (int, int) {
			if n := keyAt(k.Value, field); n != nil {
				return n.Line, n.Column
			}
			return k.Key.Line, k.Key.Column // a name alone
		}
		a.URL = strings.TrimSpace(a.URL)
		if msg := weburl.Problem(a.URL); a.URL != "" && msg != "" {
			line, col := at("url")
			out = append(out, diag.Errorf(FileName, line, col, "bad-url", "author %q: url %q %s", k.Name, a.URL, msg))
			a.URL = ""
		}
		for _, f := range []struct {
			name string
			v    *string
		}{{"name", &a.Name}, {"bio", &a.Bio}} {
			if msg := bidi.Problem(*f.v); msg != "" {
				line, col := at(f.name)
				out = append(out, diag.Warnf(FileName, line, col, "bidi-control", "author %q %s %s", k.Name, f.name, msg))
				*f.v = bidi.Strip(*f.v)
			}
		}
		a.Name, a.Bio = strings.TrimSpace(a.Name), strings.TrimSpace(a.Bio)
		c.Authors[k.Name] = a
	}
	return out
}
