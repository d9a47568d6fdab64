package search

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/site"
)

// check is a check's front matter lines (title, claim, claimant, sources…)
// and body; date and verdict are filled in.
type check struct{ front, body string }

func model(t testing.TB, checks ...check) *site.Site {
	t.Helper()
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	var files []*content.Check
	for i, c := range checks {
		date := time.Date(2026, 1, 10+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
		src := fmt.Sprintf("---\n%s\nverdict: false\ndate: %s\n---\n\n%s\n", c.front, date, c.body)
		f := content.Parse(fmt.Sprintf("content/checks/c%d.md", i), []byte(src), content.KindCheck, md)
		if f.Diags.Errors() > 0 {
			t.Fatalf("check %d: %v", i, f.Diags)
		}
		files = append(files, f)
	}
	return site.Build(&cfg, files, false, nil)
}

func build(s *site.Site) *Index {
	return Build(s, func(t time.Time) string { return t.Format("2 January 2006") })
}

// decodePostings reads a posting list as the search script does: the
// documents, and whether each holds the term only in its body. A list that
// is not well formed reads as far as it is.
func decodePostings(list string) (docs []int, bodyOnly []bool) {
	n, prev := 0, 0
	for i := 0; i < len(list); i++ {
		v := strings.IndexByte(Digits, list[i])
		if v < 0 || n > 1<<40 {
			break
		}
		n = n<<5 | v&31
		if v < 32 {
			prev += n >> 1
			docs = append(docs, prev)
			bodyOnly = append(bodyOnly, n&1 == 1)
			n = 0
		}
	}
	return docs, bodyOnly
}

// lookup gives the documents holding term, each followed by "*" when only
// its body does: "0 1*".
func lookup(ix *Index, term string) string {
	i, ok := slices.BinarySearch(ix.Terms, term)
	if !ok {
		return ""
	}
	docs, bodyOnly := decodePostings(ix.Postings[i])
	var out []string
	for j, d := range docs {
		s := fmt.Sprint(d)
		if bodyOnly[j] {
			s += "*"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestIndex(t *testing.T) {
	// Newest first: document 0 is the last check here.
	ix := build(model(t,
		check{`title: "Did the mayor ban cars?"
claim: "The mayor banned cars."
claimant: "President Muhammadu Buhari"
topics: [Immigration]
sources:
  - url: https://leadstories.com/a
    publisher: "Lead Stories"
  - url: https://www.example.org/b`,
			"What we found.\n\nThe ban was announced by the *city council* in COVID-19 briefings [1].\n\n## Later\n\nA spokesperson for &quot;Buhari&quot; denied it [2]."},
		check{`title: "Did the river flood?"
claim: "The river flooded the town."
claimant: "Buhari"
summary: "It did not flood in covid19 times."
topics: [Immigration, Weather]`,
			"Gauges showed normal levels; the story about Lead was made up."},
	))
	if !slices.IsSorted(ix.Terms) || len(ix.Terms) != len(ix.Postings) {
		t.Fatal("terms unsorted or postings misaligned")
	}
	for _, tc := range []struct{ term, want string }{
		{"river", "0"},
		{"flood", "0"},         // title
		{"banned", "1"},        // claim
		{"immigration", "0 1"}, // a topic's title, in both
		{"weather", "0"},
		{"false", "0 1"}, // the verdict
		{"buhari", "0 1"},
		{"muhammadu", "1"},
		{"lead", "0* 1"}, // the publisher in 1, the body only in 0
		{"stories", "1"},
		{"example", "1"},  // a publisher from the source's address
		{"council", "1*"}, // the body, emphasis and all
		{"spokesperson", "1*"},
		{"later", "1*"}, // a heading
		{"gauges", "0*"},
		{"covid", "0 1*"}, // covid19 in 0's summary, COVID-19 in 1's body
		{"19", "0 1*"},
		{"covid19", ""},
		{"2", ""}, // citation markers are not words of the text
		{"quot", ""},
	} {
		if got := lookup(ix, tc.term); got != tc.want {
			t.Errorf("%q: documents %q, want %q", tc.term, got, tc.want)
		}
	}
	if d := ix.Docs[1]; d.Claim != "The mayor banned cars." || ix.Claimants[d.Claimant] != "President Muhammadu Buhari" ||
		len(d.Publishers) != 2 || ix.Publishers[d.Publishers[0]] != "Lead Stories" || ix.Publishers[d.Publishers[1]] != "example.org" ||
		ix.Dates[d.Date] != (Date{"2026-01-10", "10 January 2026"}) || d.Snippet != "What we found." {
		t.Errorf("document 1: %+v", d)
	}
	if d := ix.Docs[0]; d.Snippet != "It did not flood in covid19 times." || len(d.Topics) != 2 || ix.Topics[d.Topics[1]] != "Weather" || d.Publishers != nil {
		t.Errorf("document 0: %+v", d)
	}
}

// TestBodyTermsAreBounded: a long body gives at most BodyTerms terms, and
// those kept are the ones that say most about the check.
func TestBodyTermsAreBounded(t *testing.T) {
	var long, short strings.Builder
	for i := range 3 * BodyTerms {
		fmt.Fprintf(&long, "w%s ", strings.Repeat("x", i%7)+fmt.Sprint(i)) // distinct, all but x in no other check
	}
	long.WriteString("zeppelin zeppelin zeppelin common common common common")
	short.WriteString("common words only")
	ix := build(model(t, check{"title: \"A\"\nsummary: \"S.\"", long.String()}, check{"title: \"B\"\nsummary: \"S.\"", short.String()}))
	n := 0
	for i := range ix.Terms {
		docs, _ := decodePostings(ix.Postings[i])
		for _, d := range docs {
			if d == 1 {
				n++
			}
		}
	}
	if n > BodyTerms+3 { // a, s, false and the body
		t.Errorf("%d terms for a long check, want at most %d", n, BodyTerms+3)
	}
	for _, tc := range []struct{ term, want string }{
		{"zeppelin", "1*"}, // three times and nowhere else
		{"common", "0* 1*"},
		{"words", "0*"},
	} {
		if got := lookup(ix, tc.term); got != tc.want {
			t.Errorf("%q: documents %q, want %q", tc.term, got, tc.want)
		}
	}
}

// TestRunsMakeOneIndex: terms found in parallel runs are those found in one.
func TestRunsMakeOneIndex(t *testing.T) {
	var checks []check
	for i := range 40 {
		checks = append(checks, check{fmt.Sprintf("title: \"Check %d of covid%d\"\nclaimant: \"Person %d\"", i, i%7, i%5),
			fmt.Sprintf("Intro.\n\nWord%d and shared words, number %d, *café* [1].", i%11, i)})
	}
	s := model(t, checks...)
	terms, lists := postings(s.Checks, 1)
	for _, runs := range []int{2, 3, 40} {
		if t2, l2 := postings(s.Checks, runs); !slices.Equal(t2, terms) || !slices.Equal(l2, lists) {
			t.Errorf("%d runs: another index than one run's", runs)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	for _, docs := range [][]int{{0}, {1}, {0, 1, 2, 3}, {15, 16, 31, 32, 1023, 1024, 1 << 20, 1<<20 + 1}, {5, 100000}} {
		for _, flag := range []int{0, 1} {
			var line []byte
			prev := 0
			for _, d := range docs {
				line = appendNumber(line, (d-prev)<<1|flag)
				prev = d
			}
			got, bodyOnly := decodePostings(string(line))
			if !slices.Equal(got, docs) || slices.Contains(bodyOnly, flag == 0) {
				t.Errorf("%v (body %d) → %q → %v %v", docs, flag, line, got, bodyOnly)
			}
		}
	}
	if got := string(appendNumber(nil, 2)); got != "2" {
		t.Errorf("a gap of 1 takes %q, want one character", got)
	}
}

func FuzzPostings(f *testing.F) {
	f.Add("0", 0)
	f.Add("w0a", 3)
	f.Fuzz(func(t *testing.T, list string, more int) {
		docs, bodyOnly := decodePostings(list) // never panics
		if len(docs) != len(bodyOnly) || !slices.IsSorted(docs) {
			t.Fatalf("%q: %v %v", list, docs, bodyOnly)
		}
		if more < 0 || more > 1<<30 {
			return
		}
		var line []byte
		prev := 0
		for _, d := range append(slices.Clone(docs), prev+more) {
			if d < prev {
				return
			}
			line = appendNumber(line, (d-prev)<<1)
			prev = d
		}
		if got, _ := decodePostings(string(line)); len(got) != len(docs)+1 {
			t.Errorf("%v: %q reads as %v", docs, line, got)
		}
	})
}

// The index's scripts, put together again, are the JSON of the Index:
// the tables in the main script, each term in the shard of its first
// character, the documents in chunks, in order.
func TestScriptsAreTheJSONOfTheIndex(t *testing.T) {
	many := &Index{Verdicts: []Verdict{{"False", "#f00"}}, Dates: []Date{{"2026-01-01", "1 January 2026"}}}
	for i := range 2*ChunkDocs + 7 {
		many.Docs = append(many.Docs, Doc{Title: fmt.Sprintf("Check %d", i), Path: fmt.Sprintf("checks/%d/", i)})
	}
	for i := range 3000 { // more than one shard's worth
		many.Terms = append(many.Terms, fmt.Sprintf("%c%04d", 'a'+i%26, i))
		many.Postings = append(many.Postings, strings.Repeat("0", 20))
	}
	many.Terms = append(many.Terms, "\xffbad", "émigré", "疫苗")
	many.Postings = append(many.Postings, "0", "0", "0")
	slices.Sort(many.Terms)
	for _, ix := range []*Index{
		{},
		build(model(t, check{"title: \"A \\\"quoted\\\" </script>\"\nclaimant: \"Ana & <b>\"\nsources:\n  - url: https://x.org/\n    publisher: \"P\u2028Q\"", "Text."})),
		{Verdicts: []Verdict{{"False & <b>", "#f00"}}, Docs: []Doc{{Title: "A \"quoted\" </script>", Path: "checks/a/"}}, Dates: []Date{{"2026-01-01", "1 January 2026"}},
			Terms: []string{"<b>", "a\"b", "back\\slash", "line\u2028sep", "bad\xffbyte", "ctrl\x01", "émigré", "é<", "plain"}, Postings: []string{"0", "1", "2", "3", "4", "5", "6", "7", "8"}},
		many,
	} {
		files, err := ix.Scripts(func(part string, data []byte) string { return "assets/search-" + part + ".js" })
		if err != nil {
			t.Fatal(err)
		}
		main, ok := strings.CutPrefix(string(files[0].Data), "window.FACTPRESS_SEARCH=")
		if !ok || files[0].Part != "" {
			t.Fatalf("the first script is not the main one: %.80s", files[0].Data)
		}
		var head Main
		if err := json.Unmarshal([]byte(strings.TrimSuffix(main, ";\n")), &head); err != nil {
			t.Fatalf("the main script: %v", err)
		}
		again := &Index{Verdicts: head.Verdicts, Claimants: head.Claimants, Publishers: head.Publishers, Topics: head.Topics, Dates: head.Dates}
		type shardOf struct{ Terms, Postings []string }
		shards := map[string]*shardOf{}
		for _, f := range files[1:] {
			if head.Parts[f.Part] != f.Path {
				t.Errorf("the main script names %s's file %q, want %q", f.Part, head.Parts[f.Part], f.Path)
			}
			call := regexp.MustCompile(`^factpressSearchPart\("([td][0-9]+)",([\s\S]*)\);\n$`).FindStringSubmatch(string(f.Data))
			if call == nil || call[1] != f.Part {
				t.Fatalf("part %s: %.80s", f.Part, f.Data)
			}
			if f.Part[0] == 'd' {
				var docs []Doc
				if err := json.Unmarshal([]byte(call[2]), &docs); err != nil {
					t.Fatalf("part %s: %v", f.Part, err)
				}
				if n, _ := strconv.Atoi(f.Part[1:]); len(again.Docs) != n*head.Chunk || len(docs) > head.Chunk {
					t.Errorf("chunk %s of %d documents comes after %d", f.Part, len(docs), len(again.Docs))
				}
				again.Docs = append(again.Docs, docs...)
				continue
			}
			shard := &shardOf{}
			if err := json.Unmarshal([]byte(call[2]), shard); err != nil {
				t.Fatalf("part %s: %v", f.Part, err)
			}
			shards[f.Part] = shard
		}
		// Each term is the next of its first character's shard.
		for _, term := range ix.Terms {
			shard := shards["t"+strconv.Itoa(ShardOf(term, head.Shards))]
			if shard == nil || len(shard.Terms) == 0 {
				t.Fatalf("%q: its shard has no more terms", term)
			}
			again.Terms, again.Postings = append(again.Terms, shard.Terms[0]), append(again.Postings, shard.Postings[0])
			shard.Terms, shard.Postings = shard.Terms[1:], shard.Postings[1:]
		}
		for part, shard := range shards {
			if len(shard.Terms) > 0 {
				t.Errorf("shard %s has %q, which the index has not", part, shard.Terms)
			}
		}
		if head.Count != len(ix.Docs) || head.Shards != ix.Shards() {
			t.Errorf("the main script counts %d documents and %d shards, want %d and %d", head.Count, head.Shards, len(ix.Docs), ix.Shards())
		}
		if ix == many && ix.Shards() < 2 {
			t.Errorf("%d terms in %d shard", len(ix.Terms), ix.Shards())
		}
		// Through JSON, as the page reads it: a bad byte is U+FFFD.
		var through Index
		raw, _ := json.Marshal(ix)
		if err := json.Unmarshal(raw, &through); err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(through)
		got, _ := json.Marshal(again)
		if string(got) != string(want) {
			t.Errorf("the scripts put together:\n got %.400s\nwant %.400s", got, want)
		}
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four", 12, "one two…"},
		{"one two, three", 9, "one two…"},
		{"unbreakableword", 5, "unbre…"},
		{"políticas públicas", 12, "políticas…"},
		{"", 3, ""},
	} {
		if got := cut(tc.in, tc.n); got != tc.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
