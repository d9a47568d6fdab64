package server

import (
	"fmt"
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
// reload event being sent: the watcher, the debounce, the rebuild; for a
// body, a topic and a verdict edit.
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
			var times []time.Duration
			for b.Loop() {
				f := files[(i*7919)%len(files)]
				data, _ := os.ReadFile(f)
				edited := strings.Replace(string(data), edit.At, fmt.Sprintf(edit.Insert, i), 1)
				start := time.Now()
				if err := os.WriteFile(f, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				<-srv.Rebuilt
				times = append(times, time.Since(start))
				i++
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
		})
	}
}
