package server

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factpress/factpress/internal/testsite"
)

// BenchmarkEditToReload times, on the corpus named by
// FACTPRESS_BENCH_CORPUS, the way from writing one check's file to the
// reload event being sent (the watcher, the debounce, the rebuild), and to
// the edited check's page being served (what the reloaded tab shows first),
// for a body, a topic and a verdict edit.
func BenchmarkEditToReload(b *testing.B) {
	corpus := os.Getenv("FACTPRESS_BENCH_CORPUS")
	if corpus == "" {
		b.Skip("set FACTPRESS_BENCH_CORPUS to a corpus folder")
	}
	src := b.TempDir()
	if err := os.CopyFS(src, os.DirFS(corpus)); err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	srv := start(b, src)
	<-srv.Rebuilt
	b.Logf("first build: %s", time.Since(t0).Round(time.Millisecond))
	files, _ := filepath.Glob(filepath.Join(src, "content/checks/*.md"))
	i := 0
	for _, edit := range testsite.Edits {
		b.Run(edit.Name, func(b *testing.B) {
			var reload, served []time.Duration
			for b.Loop() {
				f := files[(i*7919)%len(files)]
				data, _ := os.ReadFile(f)
				edited := strings.Replace(string(data), edit.At, fmt.Sprintf(edit.Insert, i), 1)
				page := srv.URL() + "checks/" + strings.TrimSuffix(filepath.Base(f), ".md") + "/"
				start := time.Now()
				if err := os.WriteFile(f, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				<-srv.Rebuilt
				reload = append(reload, time.Since(start))
				// What the reloaded tab asks for first: the edited check.
				resp, err := http.Get(page)
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("%s: %v %v", page, err, resp)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				served = append(served, time.Since(start))
				i++
			}
			median := func(d []time.Duration) float64 {
				slices.Sort(d)
				return float64(d[len(d)/2].Microseconds()) / 1000
			}
			b.ReportMetric(median(reload), "ms-to-reload")
			b.ReportMetric(median(served), "ms-to-page")
		})
	}
}
