package config

import (
	"maps"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/bidi"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/slug"
	"github.com/factpress/factpress/internal/yamlx"
)

// Claimant joins the spellings of one claimant under one page, with the
// name to show. A check's claimant is theirs when, lower-cased and
// stripped of punctuation as slugs are, it is the key, the name or one of
// the aliases.
//
//	claimants:
//	  buhari:
//	    name: "Muhammadu Buhari"
//	    aliases: ["Buhari", "President Buhari"]
//	  who: "World Health Organization"   # a name alone
type Claimant struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
}

// UnmarshalYAML reads a claimant as a mapping, or as a name alone.
func (cl *Claimant) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		return n.Decode(&cl.Name)
	}
	type plain Claimant // without this method
	return n.Decode((*plain)(cl))
}

// ClaimantIndex maps the slug of every spelling that claimants name (each
// key, name and alias) to its key. A spelling that two entries give is the
// first key's, in sorted order, which screenClaimants reports.
func (c *Config) ClaimantIndex() map[string]string {
	if len(c.Claimants) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(c.Claimants)) {
		for _, s := range c.claimantSpellings(k) {
			if _, taken := out[s]; !taken {
				out[s] = k
			}
		}
	}
	return out
}

// claimantSpellings are the distinct slugs that the entry k names.
func (c *Config) claimantSpellings(k string) []string {
	cl := c.Claimants[k]
	var out []string
	for _, name := range append([]string{k, cl.Name}, cl.Aliases...) {
		if s := slug.Of(name, c.KeepDiacritics); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// screenClaimants does for claimants what screen does for the rest: an
// entry's unknown keys are unknown-field, text that holds controls that
// reorder it loses them (bidi-control), an entry with no letter or digit
// to make a page name of is bad-slug and dropped, and a spelling that two
// entries give is claimant-alias-twice, at the later one.
func (c *Config) screenClaimants(root *yaml.Node) diag.List {
	claimants := valueAt(root, "claimants")
	if claimants == nil || claimants.Kind != yaml.MappingNode {
		return nil
	}
	var out diag.List
	for _, k := range yamlx.Keys(claimants) {
		cl, ok := c.Claimants[k.Name]
		if !ok {
			continue
		}
		if slug.Of(k.Name, c.KeepDiacritics) == "" {
			out = append(out, diag.Errorf(FileName, k.Key.Line, k.Key.Column, "bad-slug", "claimant %q has no letter or digit to name its page with; choose a key such as %q", k.Name, "jane-roe"))
			delete(c.Claimants, k.Name)
			continue
		}
		if msg := bidi.Problem(cl.Name); msg != "" {
			line, col := fieldAt(k, "name")
			out = append(out, diag.Warnf(FileName, line, col, "bidi-control", "claimant %q name %s", k.Name, msg))
			cl.Name = bidi.Strip(cl.Name)
		}
		cl.Name = strings.Join(strings.Fields(cl.Name), " ")
		aliases := cl.Aliases[:0:0]
		for i, a := range cl.Aliases {
			if msg := bidi.Problem(a); msg != "" {
				line, col := aliasAt(k, i)
				out = append(out, diag.Warnf(FileName, line, col, "bidi-control", "claimant %q alias %s", k.Name, msg))
				a = bidi.Strip(a)
			}
			if a = strings.Join(strings.Fields(a), " "); a != "" {
				aliases = append(aliases, a)
			}
		}
		cl.Aliases = aliases
		c.Claimants[k.Name] = cl
	}
	// A spelling given twice: the later entry, in sorted order, loses it.
	owner := c.ClaimantIndex()
	for _, k := range yamlx.Keys(claimants) {
		cl, ok := c.Claimants[k.Name]
		if !ok {
			continue
		}
		for i, a := range cl.Aliases {
			if o := owner[slug.Of(a, c.KeepDiacritics)]; o != "" && o != k.Name {
				line, col := aliasAt(k, i)
				out = append(out, diag.Warnf(FileName, line, col, "claimant-alias-twice", "alias %q of claimant %q is also claimant %q's; its checks go to %q, so give it to one of them", a, k.Name, o, o))
			}
		}
	}
	return out
}

// fieldAt is the line and column of field in an entry, or of the entry's
// key for a name alone.
func fieldAt(k yamlx.Key, field string) (int, int) {
	if n := keyAt(k.Value, field); n != nil {
		return n.Line, n.Column
	}
	return k.Key.Line, k.Key.Column
}

// aliasAt is the line and column of an entry's i-th alias.
func aliasAt(k yamlx.Key, i int) (int, int) {
	if seq := valueAt(k.Value, "aliases"); seq != nil && seq.Kind == yaml.SequenceNode && i < len(seq.Content) {
		return seq.Content[i].Line, seq.Content[i].Column
	}
	return fieldAt(k, "aliases")
}
