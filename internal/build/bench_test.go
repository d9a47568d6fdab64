package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/factpress/factpress"
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
