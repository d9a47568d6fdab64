package validate

import (
	"fmt"
	"strings"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/urls"
)

// MaxName is the longest name, in bytes, that a page's folder may have:
// the file systems a site is built or unpacked on refuse longer ones (255
// on ext4, APFS and NTFS).
const MaxName = 255

// generated are the folders and files of a site that a build makes
// itself: a check or page must not be published at one of them.
var generated = map[string]string{
	"":             "the home page",
	"checks/":      "the list of checks",
	"topics/":      "the topic pages",
	"verdicts/":    "the verdict pages",
	"claimants/":   "the claimant pages",
	"authors/":     "the author pages",
	"questions/":   "the question pages",
	"sources/":     "the sources and publisher pages",
	"corrections/": "the corrections page",
	"search/":      "the search page",
	"assets/":      "the assets",
	"api/":         "the API",
	"schema/":      "the JSON Schema",
}

// owner of a site path that a generated section already holds, or "".
func generatedOwner(path string) string {
	if o, ok := generated[path]; ok {
		return o
	}
	first, rest, _ := strings.Cut(path, "/")
	switch first {
	case "topics", "verdicts", "claimants", "authors", "questions", "sources", "assets", "api", "schema":
		return generated[first+"/"]
	case "checks":
		// The list's own pages: checks/page/2/, …
		if n, ok := strings.CutPrefix(rest, "page/"); ok && n != "" && strings.Trim(n, "0123456789/") == "" {
			return generated["checks/"]
		}
	}
	return ""
}

// paths reports the checks and pages that a build could not write: two of
// them, or one and a generated section, at the same path (the permalinks
// pattern decides), and slugs longer than a file system takes (the names
// that topics, claimants, publishers and authors give are File's).
func paths(cfg *config.Config, files []*content.Check, opts Options) diag.List {
	var out diag.List
	owners := make(map[string]*content.Check, len(files))
	for _, c := range files {
		if !c.Parsed() || c.Draft && !opts.Drafts || c.URLSlug() == "" {
			continue
		}
		at := c.FieldPos("slug")
		if c.Slug == "" {
			at = content.Pos{Line: 1}
		}
		sl := c.URLSlug()
		if len(sl) > MaxName {
			out = append(out, diag.Errorf(c.Path, at.Line, at.Col, "bad-slug", "the slug is %d bytes long; a page's folder name may have %d at most, so shorten the file name or set a shorter slug", len(sl), MaxName))
			continue
		}
		path := sl + "/"
		what := "page"
		if c.Kind == content.KindCheck {
			path = urls.Permalink(cfg.Permalinks, sl, c.Date.Time)
			what = "check"
		}
		if o := generatedOwner(path); o != "" {
			out = append(out, diag.Errorf(c.Path, at.Line, at.Col, "path-taken", "this %s would be published at /%s, which is %s; choose another slug (or permalinks pattern)", what, path, o))
			continue
		}
		if other, ok := owners[path]; ok {
			if other.URLSlug() != sl || other.Kind != c.Kind {
				out = append(out, diag.Errorf(c.Path, at.Line, at.Col, "path-taken", "this %s would be published at /%s, where %s is published; each needs its own address", what, path, other.Path))
			}
			continue // the same slug twice is duplicate-slug's
		}
		owners[path] = c
	}
	return out
}

func truncate(s string) string {
	if len(s) <= 40 {
		return s
	}
	for i := 40; i > 0; i-- {
		if !(s[i] >= 0x80 && s[i] < 0xC0) { // not a UTF-8 continuation byte
			return fmt.Sprintf("%s…", s[:i])
		}
	}
	return s[:40]
}
