package validate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
)

// honorifics are the titles that a claimant's name may start with, as
// slugs write them: "Sen. Jane Roe", "Senator Jane Roe" and "Jane Roe"
// are one claimant written three ways. A small list of titles written
// before a name; it joins nothing by itself, it only tells check what to
// warn about.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true,
	"sir": true, "dame": true, "hon": true, "rev": true,
	"president": true, "sen": true, "senator": true, "rep": true, "gov": true, "governor": true,
}

// variantKeyOf is a claimant's name, from its slug s, with case,
// punctuation and the honorifics it starts with left out: names of one key
// are one claimant written in different ways.
func variantKeyOf(s string) string {
	words := strings.Split(s, "-")
	for len(words) > 1 && honorifics[words[0]] {
		words = words[1:]
	}
	return strings.Join(words, "-")
}

// claimantVariants warns (claimant-variant) at a check's claimant when
// another check writes the same claimant with a difference only of case,
// punctuation or an honorific, and factpress.yaml's claimants does not
// join the two: they would be two claimant pages, or one named by
// whichever check is newest. One finding for each spelling other than the
// most used, at the first file that writes it.
func claimantVariants(cfg *config.Config, files []*content.Check, opts Options) diag.List {
	type spelling struct {
		name  string
		slug  string
		files []*content.Check
	}
	byKey := map[string][]*spelling{}
	// Claimants are fewer than checks and written again and again: each as
	// written is looked at once.
	byName := make(map[string]*spelling, len(files)/2)
	for _, c := range files {
		if !c.Parsed() || c.Kind != content.KindCheck || c.Draft && !opts.Drafts {
			continue
		}
		s, seen := byName[c.Claimant]
		if !seen {
			// The slug of the name as written is that of its spaces
			// evened out, which the finding shows.
			if k := variantKeyOf(c.ClaimantSlug); k != "" {
				name := strings.Join(strings.Fields(c.Claimant), " ")
				group := byKey[k]
				i := slices.IndexFunc(group, func(s *spelling) bool { return s.name == name })
				if i < 0 {
					group = append(group, &spelling{name: name, slug: c.ClaimantSlug})
					byKey[k] = group
					i = len(group) - 1
				}
				s = group[i]
			}
			byName[c.Claimant] = s
		}
		if s != nil {
			s.files = append(s.files, c)
		}
	}
	joined := cfg.ClaimantIndex()
	var out diag.List
	for _, group := range byKey {
		if len(group) < 2 {
			continue
		}
		for _, s := range group {
			slices.SortFunc(s.files, func(a, b *content.Check) int { return strings.Compare(a.Path, b.Path) })
		}
		// The most used spelling first; of as many, the first file's.
		slices.SortFunc(group, func(a, b *spelling) int {
			return cmp.Or(cmp.Compare(len(b.files), len(a.files)), strings.Compare(a.files[0].Path, b.files[0].Path))
		})
		ref := group[0]
		for _, s := range group[1:] {
			if k, ok := joined[s.slug]; ok && joined[ref.slug] == k {
				continue // factpress.yaml joins them
			}
			what := "an honorific"
			switch {
			case strings.EqualFold(s.name, ref.name):
				what = "case"
			case s.slug == ref.slug:
				what = "case or punctuation"
			}
			c := s.files[0]
			at := c.FieldPos("claimant")
			others := ""
			if n := len(s.files); n > 1 {
				others = fmt.Sprintf(" (and %d more %s)", n-1, plural(n-1, "check", "checks"))
			}
			join := fmt.Sprintf("join them in factpress.yaml: claimants: {%s: {name: %q, aliases: [%q]}}", ref.slug, ref.name, s.name)
			if k, ok := joined[ref.slug]; ok {
				join = fmt.Sprintf("add %q to the aliases of claimants: %s in factpress.yaml", s.name, k)
			} else if k, ok := joined[s.slug]; ok {
				join = fmt.Sprintf("add %q to the aliases of claimants: %s in factpress.yaml", ref.name, k)
			}
			out = append(out, diag.Warnf(c.Path, at.Line, at.Col, "claimant-variant",
				"claimant %q%s differs from %q (%s, %d %s) only in %s; write it one way, or %s",
				s.name, others, ref.name, ref.files[0].Path, len(ref.files), plural(len(ref.files), "check", "checks"), what, join))
		}
	}
	slices.SortFunc(out, func(a, b diag.Diagnostic) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
