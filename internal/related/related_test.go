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
	for _, tc := range []struct{ lang, text, want string }{
		{"en", "Did the Minneapolis police resign, and join ICE?", "[minneapolis police resign join ice]"},
		{"es", "¿Renunció la policía de Bogotá, según el ministro?", "[renuncio policia bogota ministro]"},
		{"fr", "La police de Paris a-t-elle dit que les prix sont faux ?", "[police paris prix]"},
		{"pt-br", "O governo disse que a vacina não é segura", "[governo vacina segura]"},
		{"de", "Hat die Regierung gesagt, dass die Impfung nicht sicher ist?", "[regierung gesagt impfung sicher]"},
		{"id", "Apakah pemerintah mengatakan bahwa vaksin tidak aman?", "[apakah pemerintah vaksin aman]"},
		{"ar", "هل قالت وزارة الصحة إن اللقاح آمن؟", "[وزارة الصحة اللقاح امن]"},
		// Search folds every combining mark, Devanagari's vowel signs and
		// virama too: the words are the same on both sides.
		{"hi", "क्या सरकार ने कहा कि टीका सुरक्षित है?", "[कया सरकार टीका सरकषित]"},
		{"zh", "疫苗安全吗", "[疫苗 苗安 安全 全吗]"},
		{"xx", "The vaccine is safe", "[vaccine safe]"}, // no list of its own: English's
	} {
		if got := fmt.Sprint(Words(tc.lang, tc.text)); got != tc.want {
			t.Errorf("Words(%s, %q) = %v, want %v", tc.lang, tc.text, got, tc.want)
		}
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
