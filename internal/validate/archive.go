package validate

import (
	"github.com/factpress/factpress/internal/config"
	"strings"

	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
)

// Archive applies the rules that look across files: duplicate slugs,
// related links, and the paths the pages are published at.
func Archive(cfg *config.Config, files []*content.Check, opts Options) diag.List {
	out := paths(cfg, files, opts)
	out = append(out, claimantVariants(cfg, files, opts)...)
	checks := make(map[string][]*content.Check, len(files))
	pages := map[string][]*content.Check{}
	published := make(map[string]bool, len(files))
	drafts := map[string]bool{}
	for _, c := range files {
		if !c.Parsed() {
			continue
		}
		s := c.URLSlug()
		if s == "" {
			continue
		}
		if c.Draft && !opts.Drafts {
			drafts[s] = true
			continue
		}
		if c.Kind == content.KindPage {
			pages[s] = append(pages[s], c)
			continue
		}
		checks[s] = append(checks[s], c)
		published[s] = true
	}
	for _, group := range []map[string][]*content.Check{checks, pages} {
		for s, cs := range group {
			if len(cs) < 2 {
				continue
			}
			for i, c := range cs {
				var others []string
				for j, other := range cs {
					if i != j {
						others = append(others, other.Path)
					}
				}
				p := c.FieldPos("slug")
				if c.Slug == "" {
					p = content.Pos{Line: 1}
				}
				out = append(out, diag.Errorf(c.Path, p.Line, p.Col, "duplicate-slug", "slug %q is also used by %s; each file needs its own slug", s, strings.Join(others, " and ")))
			}
		}
	}
	for _, c := range files {
		if !c.Parsed() || c.Kind != content.KindCheck || (c.Draft && !opts.Drafts) {
			continue
		}
		for _, r := range c.Related {
			if r.Check == "" || published[r.Check] {
				continue
			}
			p := r.Pos
			if fp, ok := r.Fields.Lookup("check"); ok {
				p = fp
			}
			msg := "related check %q names no check in this archive"
			if drafts[r.Check] {
				msg = "related check %q is a draft, which this build does not publish"
			}
			out = append(out, diag.Errorf(c.Path, p.Line, p.Col, "related-unknown-check", msg, r.Check))
		}
	}
	return out
}
