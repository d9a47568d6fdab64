package build

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/corpus"
	"github.com/factpress/factpress/internal/qa"
	"github.com/factpress/factpress/internal/search"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/words"
)

// TestSearchShowsWhyItMatched searches the 200 real checks in Chromium:
// each result names the claim, the claimant, the verdict and the date, with
// the words that matched marked; a claimant's name is in every result for
// it, a publisher finds the checks that cite it, covid19, covid-19 and
// covid 19 find the same checks, a word only in the checks' text says so,
// and the page splits words as the index does.
func TestSearchShowsWhyItMatched(t *testing.T) {
	src := filepath.Join(sampleSite, "..", "shared", "corpus", "real-sample")
	if _, err := os.Stat(filepath.Join(src, "factpress.yaml")); err != nil {
		t.Skip("../shared/corpus/real-sample is not here")
	}
	b := browsertest.New(t)
	dest := filepath.Join(t.TempDir(), "public")
	res := buildOK(t, Options{Source: src, Destination: dest, Offline: true})
	page := "file://" + dest + "/search/index.html"
	open := func(q string) {
		t.Helper()
		if err := chromedp.Do(b.Ctx, chromedp.Navigate(page+"?q="+url.QueryEscape(q))); err != nil {
			t.Fatal(err)
		}
		waitLocation(t, b, "?q="+url.QueryEscape(q))
		// The results are listed once the parts of the index they need
		// are loaded.
		if _, err := chromedp.Run(b.Ctx, chromedp.Poll[bool](`document.getElementById("search-results").getAttribute("data-query") === `+strconv.Quote(q))); err != nil {
			t.Fatal(err)
		}
	}
	results := func() []map[string]string {
		t.Helper()
		raw := eval[string](t, b, `JSON.stringify(Array.from(document.querySelectorAll("#search-results li")).map(function (li) {
			function text(css) { var e = li.querySelector(css); return e ? e.textContent : ""; }
			return {all: li.textContent, title: text("h3 a"), claimant: text(".search-claimant"), claim: text(".claim"),
				verdict: text(".badge"), date: text("time"), why: Array.from(li.querySelectorAll(".search-why")).map(function (e) { return e.textContent; }).join(" | "),
				marks: String(li.querySelectorAll("mark").length)};
		}))`)
		var out []map[string]string
		if err := json.Unmarshal([]byte(raw), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}

	// A claimant's name: in every result, in the claimant line where the
	// claimant is who matched.
	open("buhari")
	rs := results()
	want := 0
	for _, c := range res.Site.Checks {
		if strings.Contains(strings.ToLower(c.Title+c.Claim+c.Check.Claimant+c.Summary), "buhari") {
			want++
		}
	}
	if len(rs) < want || want < 10 {
		t.Errorf("buhari: %d results, want at least the %d checks that name him", len(rs), want)
	}
	claimed, claimedResults := 0, len(rs)
	for _, r := range rs {
		if !strings.Contains(strings.ToLower(r["all"]), "buhari") {
			t.Errorf("a result for buhari does not show the name: %q", r["all"])
		}
		if r["claim"] == "" || r["verdict"] == "" || r["date"] == "" || r["marks"] == "0" {
			t.Errorf("a result lacks its claim, verdict, date or marks: %v", r)
		}
		if strings.Contains(r["claimant"], "Buhari") {
			claimed++
		}
	}
	if claimed < 16 {
		t.Errorf("%d results show Buhari as the claimant, want the 16 checks he is the claimant of", claimed)
	}

	// A publisher finds every check that cites it, and says so.
	open("lead stories")
	rs = results()
	cite := 0
	for _, c := range res.Site.Checks {
		if slices.ContainsFunc(c.Sources, func(s *site.Source) bool { return s.Publisher == "Lead Stories" }) {
			cite++
		}
	}
	if cite == 0 || len(rs) < cite {
		t.Errorf("lead stories: %d results, want at least the %d checks citing Lead Stories", len(rs), cite)
	}
	shown := 0
	for _, r := range rs {
		if strings.Contains(r["why"], "Lead Stories") {
			shown++
		}
	}
	if shown < cite {
		t.Errorf("%d results name Lead Stories among their sources, want %d", shown, cite)
	}

	// Letters and digits joined, hyphenated or apart are the same words.
	counts := map[string]int{}
	for _, q := range []string{"covid19", "covid-19", "covid 19", "COVID‑19", "Covid_19"} {
		counts[q] = eval[int](t, b, `window.factpressSearch(`+strconv.Quote(q)+`).then(function (h) { return h ? h.length : 0; })`)
	}
	if counts["covid19"] < 20 || counts["covid19"] != counts["covid-19"] || counts["covid19"] != counts["covid 19"] || counts["covid19"] != counts["COVID‑19"] || counts["covid19"] != counts["Covid_19"] {
		t.Errorf("covid 19 in its spellings found %v checks, want the same number, at least 20", counts)
	}

	t.Logf("buhari: %d results, %d with him as claimant; lead stories: %d results, %d checks cite it; covid 19: %v", claimedResults, claimed, len(rs), cite, counts)

	// A snippet with the words marked.
	open("supported")
	if n := eval[int](t, b, `document.querySelectorAll("#search-results .search-snippet mark").length`); n == 0 {
		t.Error("no snippet marks the word searched for")
	}

	// A word found only in the checks' text: the result says where.
	ix := search.Build(res.Site, func(time.Time) string { return "" })
	body := ""
	for i, term := range ix.Terms {
		if len(term) >= 8 && strings.Trim(term, "abcdefghijklmnopqrstuvwxyz") == "" && onlyBody(ix.Postings[i]) {
			body = term
			break
		}
	}
	if body == "" {
		t.Fatal("no word of the real sample is only in a check's text")
	}
	open(body)
	rs = results()
	if len(rs) == 0 || !strings.Contains(rs[0]["why"], body) {
		t.Errorf("a search for %q, only in the text of checks: %v", body, rs)
	}

	// The page splits words as the index does.
	for _, s := range []string{"Covid-19 vaccines", "covid19’s 5G", "¿Renunció la policía?", "O’Neill don't", "2,500 3.5 e.g.", "snake_case", "ΟΔΟΣ", "疫苗安全吗？", "هل اللقاحُ آمنٌ؟", "कोविड19"} {
		got := eval[[]string](t, b, `window.factpressTokens(`+strconv.Quote(s)+`)`)
		if want := words.Tokens(s); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%q: the page's words %q, the index's %q", s, got, want)
		}
	}

	// The 404 page's search box leads to the search page with the query.
	if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+dest+"/404.html")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.Ctx, chromedp.SendKeys(chromedp.CSS("#not-found-q"), "buhari\n")); err != nil {
		t.Fatal(err)
	}
	waitLocation(t, b, "/search/index.html?q=buhari")
	if err := chromedp.Do(b.Ctx, chromedp.WaitVisible(chromedp.CSS("#search-results li"))); err != nil {
		t.Fatal(err)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}

	// Results, their marks and the 404 page's box pass axe, light and dark.
	axe := qa.RequireAxe(t)
	for _, u := range []string{page + "?q=buhari", page + "?q=lead+stories", page + "?q=" + body, "file://" + dest + "/404.html"} {
		for _, scheme := range []string{"light", "dark"} {
			vs, err := axe.Check(u, scheme)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("%s (%s): %s: %s at %v", u, scheme, v.ID, v.Help, v.Nodes)
			}
		}
	}
}

// onlyBody reports whether every document of a posting list holds the
// term only in its body (see search.Index).
func onlyBody(list string) bool {
	for i := 0; i < len(list); i++ {
		v := strings.IndexByte(search.Digits, list[i])
		if v < 32 && v&1 == 0 {
			return false
		}
	}
	return true
}

// TestSearchLoadsWhatAQueryNeeds searches 1,000 generated checks in
// Chromium: a query loads the shard of each of its words and the chunks
// of the results it shows, not the whole index, and finds what the index
// holds.
func TestSearchLoadsWhatAQueryNeeds(t *testing.T) {
	b := browsertest.New(t)
	src := t.TempDir()
	if err := corpus.Generate(src, 1000, 1); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res := buildOK(t, Options{Source: src, Destination: dest, Offline: true})
	ix := search.Build(res.Site, func(time.Time) string { return "" })
	// A word of a few checks.
	word, want := "", 0
	for i, term := range ix.Terms {
		if n := strings.Count(ix.Postings[i], "") - 1; len(term) >= 6 && strings.Trim(term, "abcdefghijklmnopqrstuvwxyz") == "" && n >= 2 && n <= 5 {
			word, want = term, len(decodePostings(ix.Postings[i]))
			break
		}
	}
	if word == "" {
		t.Fatal("no word of a few checks")
	}
	if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+dest+"/search/index.html?q="+word)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(b.Ctx, chromedp.Poll[bool](`document.getElementById("search-results").getAttribute("data-query") === `+strconv.Quote(word))); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, b, `document.querySelectorAll("#search-results li").length`); n != want {
		t.Errorf("%q: %d results, want the %d checks the index lists", word, n, want)
	}
	parts := eval[int](t, b, `Object.keys(window.FACTPRESS_SEARCH.parts).length`)
	loaded := eval[int](t, b, `document.querySelectorAll('script[src*="assets/search-t"], script[src*="assets/search-d"]').length`)
	if parts < 12 || loaded > 1+want {
		t.Errorf("a query of one word and %d results loaded %d of the index's %d parts, want at most %d", want, loaded, parts, 1+want)
	}
	t.Logf("%q: %d results; %d of %d parts loaded", word, want, loaded, parts)
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}

// decodePostings lists the documents of a posting list (see search.Index).
func decodePostings(list string) []int {
	var docs []int
	n, prev := 0, 0
	for i := 0; i < len(list); i++ {
		v := strings.IndexByte(search.Digits, list[i])
		n = n*32 + v&31
		if v < 32 {
			prev += n / 2
			docs = append(docs, prev)
			n = 0
		}
	}
	return docs
}
