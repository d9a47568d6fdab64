package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/importer"
)

const claimReviewData = "../importer/testdata"

func claimReviewFile(name string) string { return filepath.Join(claimReviewData, name) }

// relPaths makes written paths site-relative, as check takes them.
func relPaths(t *testing.T, src string, paths []string) []string {
	t.Helper()
	var out []string
	for _, p := range paths {
		rel, err := filepath.Rel(src, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// fillStubs does what a person does after an import: writes the body and
// a second source, chooses the verdicts and dates the review did not give,
// and gives the check a topic.
func fillStubs(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if !strings.HasSuffix(text, "\n---\n\n"+importer.StubBody) {
		t.Fatalf("%s: no stub body:\n%s", path, text)
	}
	text = strings.TrimSuffix(text, importer.StubBody) + "The review found the claim unfounded [1], and the record shows why [2].\n"
	text = regexp.MustCompile(`title: "TODO: source 2".*\n    publisher: ""\n    url: ""`).
		ReplaceAllString(text, "title: \"The public record\"\n    publisher: \"City archive\"\n    url: \"https://archive.example/record\"")
	text = regexp.MustCompile(`(?m)^verdict: "" .*$`).ReplaceAllString(text, `verdict: "mixed"`)
	text = regexp.MustCompile(`(?m)^date: +# TODO.*$`).ReplaceAllString(text, "date: 2024-06-01")
	text = strings.Replace(text, "topics: []", "topics: [imported]", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func codesOf(l diag.List) []string {
	var out []string
	for _, d := range l {
		if !slices.Contains(out, d.Code) {
			out = append(out, d.Code)
		}
	}
	slices.Sort(out)
	return out
}

// Each shape of ClaimReview imports into checks that check flags until
// their stubs are filled, and that pass once they are; a record that
// cannot be read is reported at its place while the others import; and a
// second import overwrites nothing.
func TestImportClaimReview(t *testing.T) {
	for _, tc := range []struct {
		name    string
		files   []string
		written []string // slugs
		errors  []string // file:line:col of records that could not be read
		flagged []string // codes check reports before the stubs are filled
	}{
		{
			name:    "Google's documented example",
			files:   []string{"google-example.html"},
			written: []string{"is-it-true-that-the-world-is-flat"},
			// No datePublished on the review: date is a stub too.
			flagged: []string{"missing-field", "no-topics", "source-incomplete"},
		},
		{
			name:    "an article page with two JSON-LD blocks",
			files:   []string{"article-two-blocks.html"},
			written: []string{"beber-agua-caliente-cura-la-gripe"},
			flagged: []string{"no-topics", "source-incomplete"},
		},
		{
			name:  "a DataFeed of several items, English and Spanish, one malformed",
			files: []string{"datafeed.json"},
			written: []string{
				"does-a-video-show-the-harbour-bridge-collapsing",
				"las-vacunas-contienen-un-chip-de-rastreo",
				"subio-el-salario-minimo-un-40-en-un-ano",
				"does-the-border-wall-pay-for-itself",
				"is-the-river-cleaner-than-it-was-ten-years-ago",
			},
			errors: []string{"datafeed.json:45:15"},
			// "Fuzzy math" maps to no verdict: verdict is empty.
			flagged: []string{"missing-field", "no-topics", "source-incomplete"},
		},
		{
			name:  "a Fact Check Tools answer: several claims, several reviews of one",
			files: []string{"factcheck-tools.json"},
			written: []string{
				"no-drinking-bleach-does-not-cure-covid-19",
				"is-it-true-that-drinking-bleach-cures-covid-19",
				// The same claim, untitled, from another publisher.
				"is-it-true-that-drinking-bleach-cures-covid-19-verifica-example",
				"bajo-la-inflacion-al-2-en-marzo",
				"do-wind-turbines-kill-more-birds-than-cats-do",
			},
			flagged: []string{"no-topics", "source-incomplete"},
		},
		{
			name:    "a file cut by a syntax error",
			files:   []string{"broken.json"},
			written: []string{"are-all-schools-closing-in-june"},
			errors:  []string{"broken.json:17:5"},
			flagged: []string{"no-topics", "source-incomplete"},
		},
		{
			name:    "many files at once",
			files:   []string{"google-example.html", "article-two-blocks.html", "datafeed.json", "factcheck-tools.json"},
			written: make([]string, 1+1+5+5),
			errors:  []string{"datafeed.json:45:15"},
			flagged: []string{"missing-field", "no-topics", "source-incomplete"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := newSite(t)
			opts := Options{Source: src, Today: today}
			var inputs []string
			for _, f := range tc.files {
				inputs = append(inputs, claimReviewFile(f))
			}
			res, err := ImportFiles(context.Background(), opts, inputs, "")
			if err != nil {
				t.Fatal(err)
			}
			var errs []string
			for _, d := range res.Diags {
				if d.Severity == diag.Error {
					errs = append(errs, fmt.Sprintf("%s:%d:%d", filepath.Base(d.File), d.Line, d.Column))
				}
			}
			if !slices.Equal(errs, tc.errors) || res.Failed() != (len(tc.errors) > 0) {
				t.Errorf("errors at %q, want %q: %v", errs, tc.errors, res.Diags)
			}
			rels := relPaths(t, src, res.Written)
			if len(rels) != len(tc.written) {
				t.Fatalf("wrote %q, want %d files", rels, len(tc.written))
			}
			for i, sl := range tc.written {
				if sl != "" && rels[i] != "content/checks/"+sl+".md" {
					t.Errorf("file %d is %s, want %s", i, rels[i], sl)
				}
			}

			// Flagged until filled: the stub source 2 on every check.
			before, err := Check(context.Background(), Options{Source: src, Today: today, Paths: rels})
			if err != nil {
				t.Fatal(err)
			}
			if got := codesOf(before.Diags); !slices.Equal(got, tc.flagged) {
				t.Errorf("check flags %q, want %q:\n%v", got, tc.flagged, before.Diags)
			}
			for _, rel := range rels {
				n := 0
				for _, d := range before.Diags {
					if d.File == rel && d.Code == "source-incomplete" {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%s: %d source-incomplete, want the one stub", rel, n)
				}
			}

			for _, p := range res.Written {
				fillStubs(t, p)
			}
			// The whole archive, the config's own warnings aside.
			after, err := Check(context.Background(), Options{Source: src, Today: today, Paths: []string{"content"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(after.Diags) != 0 {
				t.Errorf("after filling the stubs: %v", after.Diags)
			}

			// Again: every record is skipped and the filled files stay.
			filled := map[string][]byte{}
			for _, p := range res.Written {
				filled[p], _ = os.ReadFile(p)
			}
			again, err := ImportFiles(context.Background(), opts, inputs, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Written) != 0 {
				t.Errorf("a second import wrote %q", again.Written)
			}
			skipped := 0
			for _, d := range again.Diags {
				if d.Code == "import-skipped" {
					skipped++
				}
			}
			if skipped != len(tc.written) {
				t.Errorf("%d skipped, want %d: %v", skipped, len(tc.written), again.Diags)
			}
			for p, data := range filled {
				if now, _ := os.ReadFile(p); string(now) != string(data) {
					t.Errorf("%s was overwritten", p)
				}
			}
		})
	}
}

// A site's rating_map maps a rating the default does not know; a file
// already at the slug is not overwritten; -o takes one check only.
func TestImportClaimReviewSiteMapAndRefusals(t *testing.T) {
	src := newSite(t)
	cfgPath := filepath.Join(src, "factpress.yaml")
	cfg, _ := os.ReadFile(cfgPath)
	os.WriteFile(cfgPath, append(cfg, []byte("rating_map:\n  \"Fuzzy math\": misleading\n")...), 0o644)
	opts := Options{Source: src, Today: today}

	// A hand-written check already has the slug of one review.
	mine := filepath.Join(src, "content", "checks", "does-a-video-show-the-harbour-bridge-collapsing.md")
	os.WriteFile(mine, []byte("---\ntitle: mine\n---\n"), 0o644)

	if _, err := ImportFiles(context.Background(), opts, []string{claimReviewFile("datafeed.json")}, filepath.Join(src, "one.md")); err == nil || !strings.Contains(err.Error(), "5 checks") {
		t.Errorf("-o with five checks: %v", err)
	}
	res, err := ImportFiles(context.Background(), opts, []string{claimReviewFile("datafeed.json")}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 4 {
		t.Errorf("wrote %q", res.Written)
	}
	if data, _ := os.ReadFile(mine); string(data) != "---\ntitle: mine\n---\n" {
		t.Error("the hand-written check was overwritten")
	}
	var skip *diag.Diagnostic
	for i, d := range res.Diags {
		if d.Code == "import-skipped" {
			skip = &res.Diags[i]
		}
	}
	if skip == nil || skip.Line != 11 || !strings.Contains(skip.Message, "does-a-video-show-the-harbour-bridge-collapsing") {
		t.Errorf("skip not reported at the record: %v", res.Diags)
	}
	wall, _ := os.ReadFile(filepath.Join(src, "content", "checks", "does-the-border-wall-pay-for-itself.md"))
	if !strings.Contains(string(wall), `verdict: "misleading"   # rated "Fuzzy math"`) {
		t.Errorf("the site's rating_map was not used:\n%s", wall)
	}

	out := filepath.Join(src, "content", "checks", "flat.md")
	res, err = ImportFiles(context.Background(), opts, []string{claimReviewFile("google-example.html")}, out)
	if err != nil || !slices.Equal(res.Written, []string{out}) {
		t.Errorf("-o: %v %v", res, err)
	}
}

// A plain-text report still imports, beside ClaimReview files.
func TestImportFilesReportAndClaimReview(t *testing.T) {
	report := filepath.Join(sampleSite, "..", "shared", "examples", "minneapolis-ice-report.txt")
	if _, err := os.Stat(report); err != nil {
		t.Skip("../shared/examples is not here")
	}
	src := newSite(t)
	notAReport := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notAReport, []byte("just some words\n"), 0o644)
	res, err := ImportFiles(context.Background(), Options{Source: src, Today: today}, []string{report, notAReport, claimReviewFile("google-example.html")}, "")
	if err != nil {
		t.Fatal(err)
	}
	rels := relPaths(t, src, res.Written)
	want := []string{"content/checks/did-minneapolis-police-officers-resign-and-work-for-ice.md", "content/checks/is-it-true-that-the-world-is-flat.md"}
	if !slices.Equal(rels, want) {
		t.Errorf("wrote %q", rels)
	}
	if res.Diags.Errors() != 1 || res.Diags[0].File != notAReport || !strings.Contains(res.Diags[0].Message, "not a fact-check report") {
		t.Errorf("diags %v", res.Diags)
	}
}
