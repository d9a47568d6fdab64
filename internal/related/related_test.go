package related

import (
	"fmt"
	"testing"
)

func TestRelatedRanksSharedKeywords(t *testing.T) {
	docs := [][]Keyword{
		{{"topic:elections", 1}, {"word:ballots", 0.5}},
		{{"topic:health", 1}},
		{{"topic:elections", 1}, {"word:ballots", 0.5}, {"claimant:x", 1}},
		{{"topic:elections", 1}},
	}
	ix := New(docs)
	got := ix.NewScorer().Related(0, 5, 0.01)
	want := []int{2, 3}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Related(0) = %v, want %v", got, want)
	}
	if got := ix.NewScorer().Related(1, 5, 0.01); len(got) != 0 {
		t.Errorf("Related(1) = %v, want none", got)
	}
}

func TestWords(t *testing.T) {
	got := Words("Did the Minneapolis police resign, and join ICE?")
	want := "[minneapolis police resign join ice]"
	if fmt.Sprint(got) != want {
		t.Errorf("Words = %v, want %v", got, want)
	}
}

// TestWindowBoundsWork keeps the index honest at scale: each document looks
// at no more than Window postings per keyword.
func TestWindowBoundsWork(t *testing.T) {
	const n = 100_000
	docs := make([][]Keyword, n)
	for i := range docs {
		docs[i] = []Keyword{{"topic:all", 1}, {fmt.Sprintf("topic:%d", i%150), 1}}
	}
	ix := New(docs)
	for _, i := range []int{0, n / 2, n - 1} {
		got := ix.NewScorer().Related(i, 5, 0)
		if len(got) != 5 {
			t.Fatalf("Related(%d) = %v", i, got)
		}
		for _, d := range got {
			if d%150 != i%150 {
				t.Errorf("Related(%d) gave %d, which shares only the common topic", i, d)
			}
		}
	}
}

func BenchmarkIndex(b *testing.B) {
	const n = 10_000
	docs := make([][]Keyword, n)
	for i := range docs {
		docs[i] = []Keyword{{"topic:all", 1}, {fmt.Sprintf("topic:%d", i%150), 1}, {fmt.Sprintf("word:%d", i%997), 0.5}}
	}
	for b.Loop() {
		ix := New(docs)
		sc := ix.NewScorer()
		for i := range n {
			sc.Related(i, 5, 0)
		}
	}
}

// TestUpdateMatchesANewIndex edits documents' keywords and compares every
// document's related list with an index built afresh.
