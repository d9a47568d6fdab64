// Package related finds related checks with a weighted inverted index, as Hugo's related content does.
package related

import (
	"math"
	"slices"
)

// Keyword is one indexed term of a document with its weight: a topic, a
// source, the claimant, a word of the question.
type Keyword struct {
	Term   string
	Weight float64
}

// Window bounds how many postings of one keyword are looked at around the
// document's own place in date order; it keeps the work per document
// constant, so the whole index costs n·log n (the sort), not n².
const Window = 96

// Index is an inverted index over documents given in date order (newest
// first). Queries may run concurrently; Update may not run with them.
type Index struct {
	postings map[string][]int32
	docs     [][]Keyword
	idf      map[string]float64
}

// New indexes docs; docs[i] lists the keywords of document i.
func New(docs [][]Keyword) *Index {
	ix := &Index{postings: map[string][]int32{}, docs: docs, idf: map[string]float64{}}
	for i, kws := range docs {
		for _, k := range kws {
			p := ix.postings[k.Term]
			if len(p) > 0 && p[len(p)-1] == int32(i) {
				continue
			}
			ix.postings[k.Term] = append(p, int32(i))
		}
	}
	n := float64(len(docs))
	for term, p := range ix.postings {
		ix.idf[term] = math.Log(1 + n/float64(len(p)))
	}
	return ix
}

type hit struct {
	doc   int32
	score float64
}

// Scorer holds the scratch space of queries: one per goroutine, reused
// across queries so that a query allocates nothing in proportion to the
// archive.
type Scorer struct {
	ix      *Index
	scores  []float64
	touched []int32
	top     []hit
}

// NewScorer makes a Scorer for the index. A Scorer is not safe for
// concurrent use; an Index is.
func (ix *Index) NewScorer() *Scorer {
	return &Scorer{ix: ix, scores: make([]float64, len(ix.docs))}
}

// Related returns up to limit documents most related to document i, best
// first; ties go to the nearer in date, then the lower index.
func (s *Scorer) Related(i, limit int, minScore float64) []int {
	return s.Query(s.ix.docs[i], i, i, limit, minScore)
}

// Query ranks documents by the summed weight of the keywords they share with
// kws. anchor is the place in date order to look around; exclude is a
// document to leave out (-1 for none).
func (s *Scorer) Query(kws []Keyword, anchor, exclude, limit int, minScore float64) []int {
	ix := s.ix
	s.touched = s.touched[:0]
	for _, k := range kws {
		p := ix.postings[k.Term]
		if len(p) == 0 {
			continue
		}
		w := k.Weight * ix.idf[k.Term]
		lo, hi := 0, len(p)
		if len(p) > Window {
			at, _ := slices.BinarySearch(p, int32(anchor))
			lo = max(0, at-Window/2)
			hi = min(len(p), lo+Window)
			lo = max(0, hi-Window)
		}
		for _, d := range p[lo:hi] {
			if int(d) == exclude {
				continue
			}
			if s.scores[d] == 0 {
				s.touched = append(s.touched, d)
			}
			s.scores[d] += w
		}
	}
	// Keep the best limit hits by insertion: limit is small.
	s.top = s.top[:0]
	for _, d := range s.touched {
		h := hit{d, s.scores[d]}
		s.scores[d] = 0
		if h.score < minScore {
			continue
		}
		if len(s.top) == limit && !better(h, s.top[limit-1], anchor) {
			continue
		}
		if len(s.top) < limit {
			s.top = append(s.top, h)
		} else {
			s.top[limit-1] = h
		}
		for j := len(s.top) - 1; j > 0 && better(s.top[j], s.top[j-1], anchor); j-- {
			s.top[j], s.top[j-1] = s.top[j-1], s.top[j]
		}
	}
	out := make([]int, len(s.top))
	for i, h := range s.top {
		out[i] = int(h.doc)
	}
	return out
}

func better(a, b hit, anchor int) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	da, db := abs(int(a.doc)-anchor), abs(int(b.doc)-anchor)
	if da != db {
		return da < db
	}
	return a.doc < b.doc
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
