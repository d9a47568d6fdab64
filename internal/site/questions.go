package site

import (
	"cmp"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/factpress/factpress/internal/related"
	"github.com/factpress/factpress/internal/slug"
)

const maxQuestionSlug = 80

func questionSlug(text string) string {
	s := slug.Normalize(text)
	if len(s) > maxQuestionSlug {
		s = s[:maxQuestionSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxQuestionSlug/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	if s == "" {
		s = "question"
	}
	return s
}

func questions(s *Site) []*Question {
	byTitle := map[string]*Check{}
	bySlug := map[string]*Check{}
	for _, c := range s.Checks {
		key := c.TitleKey
		if _, ok := byTitle[key]; !ok {
			byTitle[key] = c
		}
		bySlug[c.Slug] = c
	}
	byKey := map[string]*Question{}
	norm := map[*Question]string{}
	var order []*Question
	for _, c := range s.Checks {
		for _, r := range c.Check.Related {
			key := r.Key
			if key == "" {
				continue
			}
			q := byKey[key]
			if q == nil {
				q = &Question{Text: r.Question, key: key}
				byKey[key] = q
				norm[q] = key
				order = append(order, q)
			}
			if !slices.Contains(q.AskedBy, c) {
				q.AskedBy = append(q.AskedBy, c)
				c.Questions = append(c.Questions, q)
			}
			if q.Answer == nil && r.Check != "" {
				q.Answer = bySlug[r.Check]
			}
		}
	}
	slices.SortFunc(order, func(a, b *Question) int {
		return cmp.Or(strings.Compare(norm[a], norm[b]), strings.Compare(a.Text, b.Text))
	})
	used := map[string]bool{}
	for _, q := range order {
		base := questionSlug(q.Text)
		q.Slug = base
		for n := 2; used[q.Slug]; n++ {
			q.Slug = base + "-" + strconv.Itoa(n)
		}
		used[q.Slug] = true
		q.Path = "questions/" + q.Slug + "/"
		if q.Answer == nil {
			q.Answer = byTitle[norm[q]]
		}
		if q.Answer == nil {
			q.Proposal = proposalURL(s, q.Text)
		}
	}
	return order
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
			for _, i := range sc.Query(questionKeywords(q), q.AskedBy[0].position, -1, 3, 0.5) {
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
	name := "content/checks/" + questionSlug(question) + ".md"
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
func questionKeywords(q *Question) []related.Keyword {
	var kws []related.Keyword
	for _, w := range related.Words(q.Text) {
		kws = append(kws, related.Keyword{Term: "w:" + w, Weight: 1})
	}
	for _, t := range q.AskedBy[0].Topics {
		kws = append(kws, related.Keyword{Term: "t:" + t.Slug, Weight: 0.5})
	}
	return kws
}
