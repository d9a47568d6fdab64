package config

import (
	"errors"
	"strings"
	"testing"
)

func TestDefaultsAndOverrides(t *testing.T) {
	cfg, diags, err := Parse([]byte("title: T\nbase_url: https://org.github.io/archive\nsoruces: 1\norganization:\n  nmae: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != "https://org.github.io/archive/" || cfg.Paginate != 20 || len(cfg.Verdicts) != 7 {
		t.Errorf("cfg %+v", cfg)
	}
	if len(diags) != 2 || diags[0].Line != 3 || diags[1].Line != 5 || diags[0].Code != "unknown-field" {
		t.Errorf("diags %v", diags)
	}
	if _, ok := cfg.Verdict("mostly-false"); !ok {
		t.Error("default scale lacks mostly-false")
	}
}

func TestWrongTypesNameTheLine(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
	}{
		{"title: x\npaginate: lots\n", 2},
		{"title: x\nverdicts:\n  - key: a\n    rating: 9\n", 2},
		{"title: [x\n", 1},
		{"- a\n", 1},
		{"title: x\nbase_url: \"ftp://x\"\n", 2},
	} {
		_, _, err := Parse([]byte(tc.src))
		var ce *Error
		if !errors.As(err, &ce) || ce.Line != tc.line || !strings.HasPrefix(err.Error(), "factpress.yaml:") {
			t.Errorf("%q: got %v, want factpress.yaml:%d", tc.src, err, tc.line)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "title: x", "verdicts: [{key: a}]", "topics: {a: {title: b}}", "paginate: -1", "base_url: '::'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, _, _ = Parse([]byte(src))
	})
}
