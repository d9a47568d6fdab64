package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// FuzzCheckPathAgrees builds random archives of three files and checks
// that `check PATH` reports on PATH exactly what the full check reports on
// it: the files it does not report on are read through the same parser, in
// front-matter-only mode, and must never make it see less or more.
func FuzzCheckPathAgrees(f *testing.F) {
	check := func(extra string) string {
		return "---\ntitle: \"Q?\"\nclaim: \"C.\"\nverdict: \"false\"\ndate: 2026-01-17\ntopics: [a]\n" + extra + "sources:\n  - title: T\n    publisher: P\n---\n\nText [1].\n"
	}
	for _, seed := range [][3]string{
		{check(""), check(""), check("")},
		{check("slug: same\n"), check(""), check("related:\n  - question: \"Q?\"\n    check: same\n")},
		{check("\"slug\": same\n"), check("slug: 'same' # c\n"), check("draft: true\nslug: same\n")},
		{check("slug: >\n  folded\n"), check("related:\n  - {question: \"Q?\", check: folded}\n"), "+++\nslug = \"same\"\n+++\n"},
		{"---\nslug: x\n", check("slug: x\n"), "\ufeff---\r\nslug: x\r\n---\r\n"},
		{check("draft: yes\n"), check("related:\n  - question: Q\n    check: b\n"), check("slug: b\ndraft: true\n")},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	cfg := []byte("title: Fuzz\n")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		src := t.TempDir()
		os.MkdirAll(filepath.Join(src, "content/checks"), 0o755)
		os.WriteFile(filepath.Join(src, "factpress.yaml"), cfg, 0o644)
		names := []string{"content/checks/a.md", "content/checks/b.md", "content/checks/same.md"}
		for i, body := range []string{a, b, c} {
			os.WriteFile(filepath.Join(src, names[i]), []byte(body), 0o644)
		}
		full, err := Check(context.Background(), Options{Source: src, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			one, err := Check(context.Background(), Options{Source: src, Today: today, Paths: []string{name}})
			if err != nil {
				t.Fatal(err)
			}
			var want, got []string
			for _, d := range full.Diags {
				if d.File == name {
					want = append(want, fmt.Sprint(d))
				}
			}
			for _, d := range one.Diags {
				got = append(got, fmt.Sprint(d))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("check %s:\n%v\nthe full check on it:\n%v", name, got, want)
			}
		}
	})
}
