package search

import (
	"encoding/json"
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

func model(t *testing.T, titles ...string) *site.Site {
	t.Helper()
	cfg := config.Default()
	md := markdown.New(markdown.Options{})
	var files []*content.Check
	for i, title := range titles {
		src := "---\ntitle: \"" + title + "\"\nclaim: \"C.\"\nverdict: false\ndate: 2026-01-1" + strconv.Itoa(i) + "\ntopics: [Immigration]\nsources:\n  - url: https://e.org/" + strconv.Itoa(i) + "\n---\n\nText [1].\n"
		files = append(files, content.Parse("content/checks/c"+strconv.Itoa(i)+".md", []byte(src), content.KindCheck, md))
	}
	return site.Build(&cfg, files, false, nil)
}

// decode reads a posting list as the search script does.
func decode(p string) []int {
	var out []int
	prev := 0
	for _, part := range strings.Split(p, ".") {
		n, _ := strconv.ParseInt(part, 36, 64)
		prev += int(n)
		out = append(out, prev)
	}
	return out
}

func TestIndex(t *testing.T) {
	s := model(t, "Did the mayor ban cars?", "Did the river flood?")
	ix := Build(s, func(t time.Time) string { return t.Format("2 January 2006") })
	if !slices.IsSorted(ix.Terms) || len(ix.Terms) != len(ix.Postings) {
		t.Fatal("terms unsorted or postings misaligned")
	}
	at := func(term string) []int {
		i, ok := slices.BinarySearch(ix.Terms, term)
		if !ok {
			return nil
		}
		return decode(ix.Postings[i])
	}
	// Newest first: the river check (date 2026-01-11) is document 0.
	if got := at("river"); !slices.Equal(got, []int{0}) {
		t.Errorf("river: %v", got)
	}
	if got := at("immigration"); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("topic title: %v", got)
	}
	if got := at("false"); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("verdict: %v", got)
	}
	script, err := ix.Script()
	if err != nil || !strings.HasPrefix(string(script), "window.FACTPRESS_SEARCH={") {
		t.Errorf("script: %.40s %v", script, err)
	}
}

func TestScriptIsTheJSONOfTheIndex(t *testing.T) {
	for _, ix := range []*Index{
		{},
		{Verdicts: []Verdict{{"False & <b>", "#f00"}}, Docs: []Doc{{Title: "A \"quoted\" </script>", Path: "checks/a/", Date: "2026-01-01"}},
			Terms: []string{"<b>", "a\"b", "back\\slash", "line\u2028sep", "bad\xffbyte", "ctrl\x01", "émigré", "é<", "plain"}, Postings: []string{"0", "1", "2", "3", "4", "5", "6", "7", "8"}},
	} {
		want, _ := json.Marshal(ix)
		got, err := ix.Script()
		if err != nil {
			t.Fatal(err)
		}
		if w := "window.FACTPRESS_SEARCH=" + string(want) + ";\n"; string(got) != w {
			t.Errorf("script:\n got %s\nwant %s", got, w)
		}
	}
}

func TestTokensInEveryScript(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"¿Renunció la policía?", "renuncio la policia"},
		{"POLICIA policía Policía", "policia policia policia"},
		{"covid-19 vaccines", "covid 19 vaccines"},
		{"هل اللقاحُ آمنٌ؟", "هل اللقاح امن"}, // harakat and the madda fold away
		{"疫苗安全吗？", "疫苗 苗安 安全 全吗"},
		{"北京", "北京"},
		{"X 疫 Y", "x 疫 y"},
		{"スマートフォン", "スマートフォン"}, // Katakana words are words at their boundaries
	} {
		if got := strings.Join(Tokens(tc.in), " "); got != tc.want {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
