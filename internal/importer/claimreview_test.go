package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/config"
)

func readTestdata(t *testing.T, name string) (string, []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, data
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Format
	}{
		{"Did it happen?\n\nChecked on January 1, 2026\n", FormatReport},
		{"\ufeff  \n<!DOCTYPE html><html>", FormatHTML},
		{"<html>", FormatHTML},
		{"\n {\"claims\": []}", FormatJSON},
		{"[{}]", FormatJSON},
		{"", FormatReport},
	} {
		if got := Sniff([]byte(tc.text)); got != tc.want {
			t.Errorf("Sniff(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// A review as the test expects it: the fields that differ between shapes.
type wantReview struct {
	at                       string // line:col
	title, claim, claimant   string
	claimDate, date, rating  string
	url, publisher, language string
	appearances              []string
	verdict                  string // on the default scale
	verdictComment           string // a part of the verdict's comment
	questionTitle            string
}

func TestReadClaimReviews(t *testing.T) {
	cfg := config.Default()
	for _, tc := range []struct {
		file    string
		reviews []wantReview
		errors  []string // line:col: a part of the message
		warns   []string
	}{
		{
			// Google's documented example: no datePublished on the review,
			// and an appearance that is a whole article.
			file: "google-example.html",
			reviews: []wantReview{{
				at: "5:5", claim: "The world is flat", claimant: "The Flat World Society", claimDate: "2016-06-20",
				rating: "False", url: "https://example.com/news/science/worldisflat.html", publisher: "Example.com science watch",
				appearances: []string{"https://flatworlders.com/we-know-that-the-world-is-flat"},
				verdict:     "false", questionTitle: "Is it true that the world is flat?",
			}},
		},
		{
			// Two JSON-LD blocks, one a NewsArticle: the review has no url
			// (the canonical link is it) and no name (the headline is it).
			file: "article-two-blocks.html",
			reviews: []wantReview{{
				at: "17:1", title: "¿Beber agua caliente cura la gripe?", claim: "Beber agua caliente cada hora cura la gripe.",
				claimant: "Cadena de WhatsApp", claimDate: "2024-01-10", date: "2024-01-15", rating: "Falso",
				url: "https://verificado.example/2024/01/agua-caliente-gripe/", publisher: "Verificado.example", language: "es",
				appearances: []string{"https://social.example/post/8841"}, verdict: "false",
			}},
		},
		{
			file: "datafeed.json",
			reviews: []wantReview{
				{at: "11:9", title: "Does a video show the Harbour Bridge collapsing?", claimant: "A viral TikTok account", date: "2024-02-20",
					rating: "Pants on Fire!", verdict: "false", appearances: []string{"https://video.example/watch/77120", "https://social.example/post/5521"}},
				{at: "32:5", rating: "Engañoso", verdict: "misleading", date: "2024-02-22", language: "es", claimant: "Un canal de Telegram"},
				{at: "52:5", rating: "Mayormente falso", verdict: "mostly-false"},
				{at: "63:5", rating: "Fuzzy math", verdict: "", verdictComment: `TODO: the review rated it "Fuzzy math"`},
				{at: "73:5", verdict: "mostly-true", verdictComment: "rated 4 on a scale of 1 to 5"},
			},
			errors: []string{"45:15: dataFeedElement[2].item: this ClaimReview has no claimReviewed"},
		},
		{
			// Three claims, one reviewed by three publishers; Fact Check
			// Tools gives each review's own title, rating and language.
			file: "factcheck-tools.json",
			reviews: []wantReview{
				{at: "8:9", title: "No, drinking bleach does not cure COVID-19", claim: "Drinking bleach cures COVID-19", claimant: "Social media posts",
					claimDate: "2020-04-20", date: "2020-04-22", rating: "False", publisher: "Health Checkers", language: "en", verdict: "false",
					url: "https://healthcheckers.example/bleach-covid"},
				{at: "16:9", publisher: "factual.example", rating: "Four Pinocchios", verdict: "false", questionTitle: "Is it true that drinking bleach cures COVID-19?"},
				{at: "23:9", rating: "Falso", verdict: "false", language: "es", publisher: "Verifica.example"},
				{at: "37:9", rating: "Sin evidencia", verdict: "unsupported", claimant: "Ministerio de Economía", date: "2023-04-05"},
				{at: "50:9", rating: "Mostly False", verdict: "mostly-false", claimant: ""},
			},
		},
		{
			// A syntax error: what came before it is read, and the error is
			// at the line of the token JSON could not take.
			file:    "broken.json",
			reviews: []wantReview{{at: "2:3", title: "Are all schools closing in June?", verdict: "mostly-true"}},
			errors:  []string{"17:5: not valid JSON"},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			name, data := readTestdata(t, tc.file)
			reviews, diags := ReadClaimReviews(name, data)
			var errs, warns []string
			for _, d := range diags {
				s := fmt.Sprintf("%d:%d: %s", d.Line, d.Column, d.Message)
				if d.File != name {
					t.Errorf("diagnostic on %q, not %q", d.File, name)
				}
				if d.Severity.String() == "error" {
					errs = append(errs, s)
				} else {
					warns = append(warns, s)
				}
			}
			match(t, "errors", errs, tc.errors)
			match(t, "warnings", warns, tc.warns)
			if len(reviews) != len(tc.reviews) {
				t.Fatalf("%d reviews, want %d", len(reviews), len(tc.reviews))
			}
			for i, w := range tc.reviews {
				r := reviews[i]
				check := func(field, got, want string) {
					if want != "" && got != want {
						t.Errorf("review %d: %s = %q, want %q", i, field, got, want)
					}
				}
				check("position", fmt.Sprintf("%d:%d", r.Line, r.Col), w.at)
				check("title", r.Title, w.title)
				check("claim", r.Claim, w.claim)
				check("claimant", r.Claimant, w.claimant)
				check("claim date", r.ClaimDate, w.claimDate)
				check("date", r.Date, w.date)
				check("rating", r.Rating, w.rating)
				check("url", r.URL, w.url)
				check("publisher", r.Publisher, w.publisher)
				check("language", r.Language, w.language)
				check("question title", r.QuestionTitle("en"), w.questionTitle)
				if w.appearances != nil && !slices.Equal(r.Appearances, w.appearances) {
					t.Errorf("review %d: appearances %q, want %q", i, r.Appearances, w.appearances)
				}
				verdict, why := r.Verdict(&cfg)
				if verdict != w.verdict || !strings.Contains(why, w.verdictComment) {
					t.Errorf("review %d: verdict %q (%s), want %q (%s)", i, verdict, why, w.verdict, w.verdictComment)
				}
				out := string(r.Check(&cfg))
				for _, want := range []string{
					fmt.Sprintf("verdict: %q", w.verdict),
					"title: \"TODO: source 2\"",
					"\n---\n\n" + StubBody,
					"# Imported from " + name + ":" + w.at,
				} {
					if !strings.Contains(out, want) {
						t.Errorf("review %d: the check lacks %q:\n%s", i, want, out)
					}
				}
			}
		})
	}
}

func match(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s %q, want %q", what, got, want)
		return
	}
	for i := range want {
		if !strings.HasPrefix(got[i], strings.SplitN(want[i], ": ", 2)[0]+": ") || !strings.Contains(got[i], strings.SplitN(want[i], ": ", 2)[1]) {
			t.Errorf("%s[%d] = %q, want %q", what, i, got[i], want[i])
		}
	}
}

// Records that cannot be read, each beside a good one: every bad one is an
// error at its own place, and the good ones are read.
func TestMalformedRecords(t *testing.T) {
	good := `{"@type":"ClaimReview","claimReviewed":"Good","url":"https://x.example/good","reviewRating":{"alternateName":"True"}}`
	for _, tc := range []struct {
		name, json, want string
		reviews          int
	}{
		{"claim is an object", `[` + good + `,` + "\n" + `{"@type":"ClaimReview","claimReviewed":{"a":1}}]`, "2:1: [1]: claimReviewed is an object", 1},
		{"claim missing", `[` + good + `,{"@type":"ClaimReview","url":"https://x.example/b"}]`, "1:" + fmt.Sprint(len(good)+3) + ": [1]: this ClaimReview has no claimReviewed", 1},
		{"itemReviewed is text", `{"@graph":[` + good + `,{"@type":"ClaimReview","claimReviewed":"B","itemReviewed":"a claim"}]}`, "@graph[1]: itemReviewed is the text", 1},
		{"feed element of another type", `{"@type":"DataFeed","dataFeedElement":[` + good + `,{"@type":"Product","name":"x"}]}`, "dataFeedElement[1]: this feed element holds no ClaimReview: it is a Product", 1},
		{"feed element that is text", `{"@type":"DataFeed","dataFeedElement":["oops",` + good + `]}`, "dataFeedElement[0]: this feed element holds no ClaimReview: it is the text", 1},
		{"Fact Check Tools claim without text", `{"claims":[{"claimReview":[{"url":"https://x.example/a","textualRating":"False"}]},{"text":"B","claimReview":[{"url":"https://x.example/b"}]}]}`, "claims[0]: this claim has no text", 1},
		{"Fact Check Tools review of the wrong kind", `{"claims":[{"text":"A","claimReview":["x",{"url":"https://x.example/b","title":{"a":"b"}},{"url":"https://x.example/c"}]}]}`, "claims[0].claimReview[1]: title is an object", 1},
		{"JSON Lines, one line cut", good + "\n" + `{"@type":"ClaimReview",` + "\n", "3:1: not valid JSON: the JSON ends", 1},
		{"nothing to import", `{"@type":"WebSite","name":"x"}`, "0:0: The JSON holds no ClaimReview", 0},
		{"nested too deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), "1:66: not valid JSON: values nested more than 64 deep", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reviews, diags := ReadClaimReviews("f.json", []byte(tc.json))
			if len(reviews) != tc.reviews {
				t.Errorf("%d reviews, want %d", len(reviews), tc.reviews)
			}
			found := false
			for _, d := range diags {
				s := fmt.Sprintf("%d:%d: %s", d.Line, d.Column, d.Message)
				if d.Code == "import-record" && strings.Contains(s, tc.want) {
					found = true
				}
			}
			if !found || diags.Errors() == 0 {
				t.Errorf("no error %q in %v", tc.want, diags)
			}
		})
	}
}

// Values a record can do without are left out with a warning, and the
// record is imported.
func TestDroppedValuesWarn(t *testing.T) {
	in := `{"@type":"ClaimReview","claimReviewed":"A","url":"javascript:alert(1)","datePublished":"last Tuesday",` +
		`"itemReviewed":{"appearance":[{"url":"ftp://x.example/a"},{"url":"https://x.example/b"}],"datePublished":{"x":1}},` +
		`"reviewRating":{"alternateName":"Verdadero"}}`
	reviews, diags := ReadClaimReviews("w.json", []byte(in))
	if len(reviews) != 1 || diags.Errors() != 0 || diags.Warnings() != 4 {
		t.Fatalf("%d reviews, diags %v", len(reviews), diags)
	}
	r := reviews[0]
	if r.URL != "" || r.Date != "" || r.ClaimDate != "" || !slices.Equal(r.Appearances, []string{"https://x.example/b"}) {
		t.Errorf("review %+v", r)
	}
	cfg := config.Default()
	out := string(r.Check(&cfg))
	for _, want := range []string{"date:               # TODO", `url: ""`, `verdict: "true"`} {
		if !strings.Contains(out, want) {
			t.Errorf("check lacks %q:\n%s", want, out)
		}
	}
}

func TestJSONLDShapes(t *testing.T) {
	cr := func(claim string) string {
		return `{"@type":"ClaimReview","claimReviewed":"` + claim + `","url":"https://x.example/` + claim + `"}`
	}
	for _, tc := range []struct {
		name, json string
		claims     []string
	}{
		{"a list of types", `{"@type":["ClaimReview","Review"],"claimReviewed":"A","url":"https://x.example/a"}`, []string{"A"}},
		{"prefixed type", `{"@type":"schema:ClaimReview","claimReviewed":"A"}`, []string{"A"}},
		{"full type IRI", `{"@type":"http://schema.org/ClaimReview","claimReviewed":"A"}`, []string{"A"}},
		{"graph", `{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},` + cr("A") + `,` + cr("B") + `]}`, []string{"A", "B"}},
		{"top-level list", `[` + cr("A") + `,{"@type":"Organization"},` + cr("B") + `]`, []string{"A", "B"}},
		{"review inside an article", `{"@type":"NewsArticle","review":` + cr("A") + `}`, []string{"A"}},
		{"untyped feed item", `{"@type":"DataFeed","dataFeedElement":[{"claimReviewed":"A"}]}`, []string{"A"}},
		{"claim text on the Claim", `{"@type":"ClaimReview","itemReviewed":{"@type":"Claim","text":"A"}}`, []string{"A"}},
		{"JSON Lines", cr("A") + "\n" + cr("B") + "\n", []string{"A", "B"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reviews, diags := ReadClaimReviews("s.json", []byte(tc.json))
			if diags.Errors() != 0 {
				t.Fatalf("errors: %v", diags)
			}
			var got []string
			for _, r := range reviews {
				got = append(got, r.Claim)
			}
			if !slices.Equal(got, tc.claims) {
				t.Errorf("claims %q, want %q", got, tc.claims)
			}
		})
	}
}

// A graph that names its parts by @id: the claim and the publisher are
// found where the references lead.
func TestGraphReferences(t *testing.T) {
	in := `{"@context":"https://schema.org","@graph":[
{"@type":"Organization","@id":"https://x.example/#org","name":"X Checks"},
{"@type":"Claim","@id":"https://x.example/#claim","author":{"@id":"https://x.example/#pol"},"datePublished":"2025-05-01"},
{"@type":"Person","@id":"https://x.example/#pol","name":"A Politician"},
{"@type":"ClaimReview","claimReviewed":"A","author":{"@id":"https://x.example/#org"},"itemReviewed":{"@id":"https://x.example/#claim"},
 "reviewRating":{"@type":"Rating","alternateName":"Half True"},"url":"https://x.example/a","datePublished":"2025-05-03"}]}`
	reviews, diags := ReadClaimReviews("g.json", []byte(in))
	if len(reviews) != 1 || len(diags) != 0 {
		t.Fatalf("%v %v", reviews, diags)
	}
	r := reviews[0]
	if r.Publisher != "X Checks" || r.Claimant != "A Politician" || r.ClaimDate != "2025-05-01" || r.Rating != "Half True" {
		t.Errorf("review %+v", r)
	}
}

func TestQuestionTitle(t *testing.T) {
	for _, tc := range []struct{ claim, lang, want string }{
		{"The world is flat.", "en", "Is it true that the world is flat?"},
		{"NASA faked the landing", "en", "Is it true that NASA faked the landing?"},
		{"I never said that", "en", "Is it true that I never said that?"},
		{"In 2020 crime fell", "en", "Is it true that in 2020 crime fell?"},
		{"Did it happen?", "en", "Did it happen?"},
		{"La tierra es plana.", "es-MX", "¿Es cierto que la tierra es plana?"},
	} {
		r := &Review{Claim: tc.claim}
		if got := r.QuestionTitle(tc.lang); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.claim, got, tc.want)
		}
	}
}

// The verdict comes from the site's rating_map first, then the default
// map, then the score; a rating the site does not map is left to a person.
func TestVerdictMapping(t *testing.T) {
	cfg, _, err := config.Parse([]byte("rating_map:\n  \"Fuzzy Math\": misleading\n  \"Pants on Fire\": false\n  \"Cuestionable\": dudoso\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rating    string
		score     *Score
		want, why string
	}{
		{"fuzzy math", nil, "misleading", `rated "fuzzy math"`},
		{"  PANTS ON FIRE! ", nil, "false", "rated"},
		{"Verdadero", nil, "true", "rated"},
		{"Cuestionable", nil, "", `rating_map gives "dudoso"`},
		{"Spin", &Score{Value: 2, Worst: 1, Best: 5}, "", "nearest mostly-false"},
		{"", &Score{Value: 10, Worst: 0, Best: 10}, "true", "rated 10 on a scale of 0 to 10"},
		{"", &Score{Value: 0, Worst: 0, Best: 10}, "false", "rated 0"},
		{"", nil, "", "TODO: the review gives no rating"},
	} {
		r := &Review{Rating: tc.rating, Score: tc.score}
		got, why := r.Verdict(&cfg)
		if got != tc.want || !strings.Contains(why, tc.why) {
			t.Errorf("%q %v: %q (%s), want %q (%s)", tc.rating, tc.score, got, why, tc.want, tc.why)
		}
	}
}

func FuzzReadClaimReviews(f *testing.F) {
	for _, name := range []string{"google-example.html", "article-two-blocks.html", "datafeed.json", "factcheck-tools.json", "broken.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"@graph":[{"@id":"a","x":{"@id":"a"}},{"@type":"ClaimReview","itemReviewed":{"@id":"a"},"claimReviewed":"x"}]}`))
	cfg := config.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		reviews, _ := ReadClaimReviews("f", data)
		for _, r := range reviews {
			_ = r.Check(&cfg)
		}
	})
}
