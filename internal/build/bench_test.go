package build

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/testsite"
)

// benchCorpus is a corpus made by ../shared/bench/gen_corpus.py (or the
// project's own generator), named by FACTPRESS_BENCH_CORPUS.
func benchCorpus(b *testing.B) string {
	dir := os.Getenv("FACTPRESS_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set FACTPRESS_BENCH_CORPUS to a corpus folder")
	}
	if _, err := os.Stat(filepath.Join(dir, "factpress.yaml")); err != nil {
		b.Skip("corpus has no factpress.yaml")
	}
	return dir
}

func BenchmarkBuild(b *testing.B) {
	src := benchCorpus(b)
	dest := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		res, err := Build(context.Background(), Options{Source: src, Destination: dest, Theme: factpress.DefaultTheme})
		if err != nil || res.Failed() {
			b.Fatal(err, res.Diags)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	src := benchCorpus(b)
	for b.Loop() {
		if _, err := Check(context.Background(), Options{Source: src}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchQueryInBrowser times two-word queries against the search
// index of a corpus, in headless Chromium, from file://.
func BenchmarkSearchQueryInBrowser(b *testing.B) {
	src := benchCorpus(b)
	dest := filepath.Join(b.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Destination: dest, Offline: true, Theme: factpress.DefaultTheme})
	if err != nil || res.Failed() {
		b.Fatal(err)
	}
	br := browsertest.New(b)
	// Two words from the titles of 41 checks spread over the archive, each
	// query run cold: its shard of terms loaded, its postings decoded.
	var queries []string
	for i := range 41 {
		c := res.Site.Checks[i*len(res.Site.Checks)/41]
		var long []string
		for _, w := range strings.FieldsFunc(strings.ToLower(c.Title), func(r rune) bool { return r < 'a' || r > 'z' }) {
			if len(w) >= 5 {
				long = append(long, w)
			}
		}
		if len(long) >= 2 {
			queries = append(queries, long[0]+" "+long[len(long)-1])
		}
	}
	list, _ := json.Marshal(queries)
	measure := `(async () => {
	  const times = [];
	  for (const q of ` + string(list) + `) {
	    const t0 = performance.now();
	    await window.factpressSearch(q);
	    times.push(performance.now() - t0);
	  }
	  times.sort((a, b) => a - b);
	  return times[Math.floor(times.length / 2)];
	})()`
	var median float64
	for b.Loop() {
		b.StopTimer()
		if err := chromedp.Do(br.Ctx, chromedp.Navigate("file://"+dest+"/search/index.html")); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		median, err = chromedp.Run(br.Ctx, chromedp.Evaluate[float64](measure, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(median, "ms/query")
}

// BenchmarkModel times the site model on an already parsed corpus, and
// then every related check and every open question's closest checks.
func BenchmarkModel(b *testing.B) {
	src := benchCorpus(b)
	opts := Options{Source: src}
	opts.defaults()
	l, err := load(context.Background(), opts, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("structure", func(b *testing.B) {
		for b.Loop() {
			site.Build(&l.cfg, l.files, false, nil)
		}
	})
	b.Run("related", func(b *testing.B) {
		for b.Loop() {
			s := site.Build(&l.cfg, l.files, false, nil)
			for _, c := range s.Checks {
				s.Related(c)
			}
			for _, q := range s.Questions() {
				s.Closest(q)
			}
		}
	})
}

// BenchmarkSessionEdit times serve's rebuild after one check changed,
// without the watcher: parsing it, validating, the model and the plan.
func BenchmarkSessionEdit(b *testing.B) {
	src := b.TempDir()
	if err := os.CopyFS(src, os.DirFS(benchCorpus(b))); err != nil {
		b.Fatal(err)
	}
	s := NewSession(Options{Source: src, Theme: factpress.DefaultTheme})
	if res, err := s.Rebuild(context.Background(), nil); err != nil || res.Failed() {
		b.Fatal(err, res.Diags)
	}
	files, _ := filepath.Glob(filepath.Join(src, "content/checks/*.md"))
	for _, edit := range testsite.Edits {
		b.Run(edit.Name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				f := files[(i*7919)%len(files)]
				data, _ := os.ReadFile(f)
				edited := strings.Replace(string(data), edit.At, fmt.Sprintf(edit.Insert, i), 1)
				if err := os.WriteFile(f, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				rel, _ := filepath.Rel(src, f)
				if res, err := s.Rebuild(context.Background(), []string{filepath.ToSlash(rel)}); err != nil || res.Failed() {
					b.Fatal(err, res.Diags)
				}
				i++
			}
		})
	}
}
