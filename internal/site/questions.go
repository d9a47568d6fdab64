package site

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/factpress/factpress/internal/related"
	"github.com/factpress/factpress/internal/slug"
)

func questions(s *Site, cache *Cache) []*Question {
	byTitle := make(map[string]*Check, len(s.Checks))
	bySlug := make(map[string]*Check, len(s.Checks))
	for _, c := range s.Checks {
		key := c.TitleKey
		if _, ok := byTitle[key]; !ok {
			byTitle[key] = c
		}
		bySlug[c.Slug] = c
	}
	asked := 0
	for _, c := range s.Checks {
		asked += len(c.Check.Related)
	}
	byKey := make(map[string]*Question, asked)
	order := make([]*Question, 0, asked)
	for _, c := range s.Checks {
		for _, r := range c.Check.Related {
			key := r.Key
			if key == "" {
				continue
			}
			q := byKey[key]
			if q == nil {
				q = &Question{Text: r.Question, key: key, slug: r.Slug}
				byKey[key] = q
				order = append(order, q)
			}
			if !slices.Contains(q.AskedBy, c) {
				q.AskedBy = append(q.AskedBy, c)
				c.questions = append(c.questions, q)
			}
			if q.Answer == nil && r.Check != "" {
				q.Answer = bySlug[r.Check]
			}
		}
	}
	order = sortQuestions(order, byKey, cache)
	used := make(map[string]bool, len(order))
	for _, q := range order {
		base := q.slug
		q.Slug = base
		for n := 2; used[q.Slug]; n++ {
			q.Slug = base + "-" + strconv.Itoa(n)
		}
		used[q.Slug] = true
		q.Path = "questions/" + q.Slug + "/"
		if q.Answer == nil {
			q.Answer = byTitle[q.key]
		}
		if q.Answer == nil {
			q.Proposal = proposalURL(s, q.Text)
		}
	}
	return order
}

// sortQuestions puts questions in the order of their keys (which byKey
// makes unique). The last build's order, in the cache, is mostly this
// one's: its keys that remain are taken in their order, and only the new
// ones are sorted and merged in.
func sortQuestions(order []*Question, byKey map[string]*Question, cache *Cache) []*Question {
	byKeyOrder := func(a, b *Question) int { return strings.Compare(a.key, b.key) }
	if cache == nil {
		slices.SortFunc(order, byKeyOrder)
		return order
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	placed := make([]*Question, 0, len(order))
	for _, k := range cache.questionKeys {
		if q := byKey[k]; q != nil {
			q.placed = true
			placed = append(placed, q)
		}
	}
	var fresh []*Question
	for _, q := range order {
		if !q.placed {
			fresh = append(fresh, q)
		}
	}
	slices.SortFunc(fresh, byKeyOrder)
	sorted := make([]*Question, 0, len(order))
	for len(placed) > 0 || len(fresh) > 0 {
		if len(fresh) == 0 || len(placed) > 0 && placed[0].key < fresh[0].key {
			sorted, placed = append(sorted, placed[0]), placed[1:]
		} else {
			sorted, fresh = append(sorted, fresh[0]), fresh[1:]
		}
	}
	keys := make([]string, len(sorted))
	for i, q := range sorted {
		keys[i] = q.key
	}
	cache.questionKeys = keys
	return sorted
}

// Closest lists up to three checks closest to an open question, for a
// reader who wants what is known; nil for an answered question.
func (s *Site) Closest(q *Question) []*Check {
	if q.Answer != nil {
		return nil
	}
	return q.closest.get(func() []*Check {
		var out []*Check
		s.related.score(s, func(sc *related.Scorer) {
			for _, i := range sc.Query(questionKeywords(q, s.Config.Language), q.AskedBy[0].position, -1, 3, 0.5) {
				out = append(out, s.Checks[i])
			}
		})
		return out
	})
}

// proposalURL opens GitHub's new-file page with a check scaffold for the
// question, when the config names a GitHub repository.
func proposalURL(s *Site, question string) string {
	repo := s.repository()
	if repo == "" {
		return ""
	}
	name := "content/checks/" + slug.Page(question) + ".md"
	scaffold := "---\ntitle: " + strconv.Quote(question) + "\nclaim: \"\"\nclaimant: \"\"\nverdict: \ndate: \ntopics: []\nsources:\n  - title: \"\"\n    publisher: \"\"\n    url: \"\"\nrelated: []\n---\n\nWrite the check here, citing sources as [1].\n"
	v := url.Values{}
	v.Set("filename", name)
	v.Set("value", scaffold)
	return "https://" + repo + "/new/" + s.Config.Branch + "?" + v.Encode()
}

// EditURL is the repository's edit page for a file, when the config names a
// repository.
func (s *Site) EditURL(path string) string {
	repo := s.repository()
	if repo == "" {
		return ""
	}
	return "https://" + repo + "/edit/" + s.Config.Branch + "/" + path
}

// repository is the configured repository as host/owner/name.
func (s *Site) repository() string {
	r := strings.TrimPrefix(strings.TrimPrefix(s.Config.Repository, "https://"), "http://")
	return strings.TrimSuffix(strings.TrimSuffix(r, "/"), ".git")
}

// questionKeywords are what an open question is matched on: its words, and
// the topics of the first check asking it.
func questionKeywords(q *Question, lang string) []related.Keyword {
	var kws []related.Keyword
	for _, w := range related.Words(lang, q.Text) {
		kws = append(kws, related.Keyword{Term: "w:" + w, Weight: 1})
	}
	for _, t := range q.AskedBy[0].Topics {
		kws = append(kws, related.Keyword{Term: "t:" + t.Slug, Weight: 0.5})
	}
	return kws
}
