package config

import (
	"fmt"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/bidi"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/weburl"
	"github.com/factpress/factpress/internal/yamlx"
)

// screen refuses the values that would reach readers unsafe or broken: a
// URL that is not http(s) (bad-url), a colour that is not a CSS colour
// (bad-colour). Each is an error, so that check fails and build writes
// nothing, and the value is dropped as well, so that a caller that does not
// read the diagnostics still publishes nothing of it. Text that holds
// controls that reorder it is kept without them, with a warning
// (bidi-control). It runs before finish, which fills the defaults of what
// it dropped.
func (c *Config) screen(root *yaml.Node) diag.List {
	var out diag.List
	report := func(sev diag.Severity, k *yaml.Node, code, format string, args ...any) {
		line, col := 1, 0
		if k != nil {
			line, col = k.Line, k.Column
		}
		out = append(out, diag.Diagnostic{File: FileName, Line: line, Column: col, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	if k := keyAt(root, "claimant_type"); k != nil && c.ClaimantType != "person" && c.ClaimantType != "organization" {
		report(diag.Error, k, "unknown-claimant-type", "claimant_type %q is neither person nor organization", c.ClaimantType)
		c.ClaimantType = ""
	}
	checkURL := func(k *yaml.Node, name string, v *string, problem func(string) string) {
		*v = strings.TrimSpace(*v)
		if *v == "" {
			return
		}
		if msg := problem(*v); msg != "" {
			report(diag.Error, k, "bad-url", "%s %q %s", name, *v, msg)
			*v = ""
		}
	}
	text := func(k *yaml.Node, name string, v *string) {
		if msg := bidi.Problem(*v); msg != "" {
			report(diag.Warning, k, "bidi-control", "%s %s", name, msg)
			*v = bidi.Strip(*v)
		}
	}

	baseKey := keyAt(root, "base_url")
	refused := len(out)
	checkURL(baseKey, "base_url", &c.BaseURL, baseURLProblem)
	// A path is a valid base_url, but pages built from it can only link
	// relatively: the ClaimReview url and the canonical URL need a host,
	// and nothing else would tell the publisher that search engines get
	// neither. One finding, at the line, unless the value was refused.
	if baseKey != nil && len(out) == refused && !namesHost(c.BaseURL) {
		report(diag.Warning, baseKey, "base-url-no-host", "base_url %q names no host, so ClaimReview and canonical URLs cannot be absolute; give the site's address, e.g. https://org.github.io/archive/", c.BaseURL)
	}
	checkURL(keyAt(root, "organization", "url"), "organization.url", &c.Organization.URL, weburl.Problem)
	checkURL(keyAt(root, "organization", "logo"), "organization.logo", &c.Organization.Logo, weburl.Problem)
	checkURL(keyAt(root, "repository"), "repository", &c.Repository, repositoryProblem)

	text(keyAt(root, "title"), "title", &c.Title)
	text(keyAt(root, "description"), "description", &c.Description)
	text(keyAt(root, "organization", "name"), "organization.name", &c.Organization.Name)
	if topics := valueAt(root, "topics"); topics != nil {
		for _, k := range yamlx.Keys(topics) {
			t, ok := c.Topics[k.Name]
			if !ok {
				continue
			}
			text(keyAt(k.Value, "title"), fmt.Sprintf("topic %q title", k.Name), &t.Title)
			text(keyAt(k.Value, "description"), fmt.Sprintf("topic %q description", k.Name), &t.Description)
			c.Topics[k.Name] = t
		}
	}

	out = append(out, c.screenAuthors(root)...)
	out = append(out, c.screenClaimants(root)...)

	// The default scale is ours; only a scale the file gives is screened,
	// item by item beside the nodes it was decoded from.
	verdicts := valueAt(root, "verdicts")
	if verdicts == nil || verdicts.Kind != yaml.SequenceNode {
		return out
	}
	for i := range c.Verdicts {
		if i >= len(verdicts.Content) {
			break
		}
		v, item := &c.Verdicts[i], verdicts.Content[i]
		text(keyAt(item, "label"), fmt.Sprintf("verdict %q label", v.Key), &v.Label)
		text(keyAt(item, "description"), fmt.Sprintf("verdict %q description", v.Key), &v.Description)
		if v.Colour == "" {
			continue
		}
		if colour, ok := cssColour(v.Colour); ok {
			v.Colour = colour
			continue
		}
		report(diag.Error, keyAt(item, "colour"), "bad-colour", "verdict %q: colour %q is not a CSS colour; write #rgb, #rrggbb, #rrggbbaa, rgb(…), hsl(…) or a colour name such as teal", v.Key, v.Colour)
		v.Colour = ""
	}
	return out
}

// baseURLProblem says what is wrong with a base_url, or "" when nothing
// is. It is an absolute http(s) URL or a path; a query or a fragment would
// be lost from every link made from it, so neither is taken.
func baseURLProblem(raw string) string {
	if strings.ContainsAny(raw, "?#") {
		return "has a query or a fragment, which the site's links cannot keep; give the address of the site's folder, e.g. https://org.github.io/archive/"
	}
	if weburl.HasSpaceOrControl(raw) {
		return "contains whitespace or a control character"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "is not a well-formed URL"
	}
	if u.Scheme == "" && u.Host == "" {
		return "" // a path: the site is linked from its own host
	}
	if msg := weburl.Problem(raw); msg != "" {
		return msg + "; base_url is an http(s) URL or a path"
	}
	return ""
}

// namesHost reports whether a base_url that passed baseURLProblem is an
// absolute URL rather than a path.
func namesHost(base string) bool {
	u, err := url.Parse(base)
	return err == nil && u.Host != ""
}

// repositoryProblem says what is wrong with a repository, or "" when
// nothing is. It is a host and a path, with or without https://, that the
// site's edit links are made from as https://REPOSITORY/edit/….
func repositoryProblem(raw string) string {
	const hint = "; write the repository as host/owner/name, e.g. github.com/org/archive"
	r := strings.TrimPrefix(strings.TrimPrefix(raw, "https://"), "http://")
	if strings.Contains(r, "://") || strings.ContainsAny(r, "?#") {
		return "is not a host and a path" + hint
	}
	if msg := weburl.Problem("https://" + r); msg != "" {
		return msg + hint
	}
	return ""
}

// keyAt is the key node of the field at path, each name a key of the
// mapping the one before it names; nil when there is none.
func keyAt(m *yaml.Node, path ...string) *yaml.Node {
	for i, name := range path {
		var found *yamlx.Key
		for _, k := range yamlx.Keys(m) {
			if k.Name == name {
				found = &k
				break
			}
		}
		if found == nil {
			return nil
		}
		if i == len(path)-1 {
			return found.Key
		}
		m = found.Value
	}
	return nil
}

// valueAt is the value node of the top-level key name, or nil.
func valueAt(m *yaml.Node, name string) *yaml.Node {
	for _, k := range yamlx.Keys(m) {
		if k.Name == name {
			return k.Value
		}
	}
	return nil
}
