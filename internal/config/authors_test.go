package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/bidi"
	"github.com/factpress/factpress/internal/weburl"
)

func TestAuthors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string
		want  map[string]Author
		diags []string // line:col:code
	}{
		{"full", "authors:\n  jane-roe:\n    name: Jane Roe\n    bio: Covers health.\n    url: https://example.org/jane\n",
			map[string]Author{"jane-roe": {Name: "Jane Roe", Bio: "Covers health.", URL: "https://example.org/jane"}}, nil},
		{"a name alone", "authors:\n  john-doe: John Doe\n", map[string]Author{"john-doe": {Name: "John Doe"}}, nil},
		{"flow mapping", "authors: {a: {bio: ' B '}}\n", map[string]Author{"a": {Bio: "B"}}, nil},
		{"unknown key", "authors:\n  a:\n    name: A\n    biography: x\n", map[string]Author{"a": {Name: "A"}}, []string{"4:5:unknown-field"}},
		{"bad url dropped", "authors:\n  a:\n    url: javascript:alert(1)\n", map[string]Author{"a": {}}, []string{"3:5:bad-url"}},
		{"bidi stripped", "authors:\n  a:\n    name: \"A\u202eB\"\n", map[string]Author{"a": {Name: "AB"}}, []string{"3:5:bidi-control"}},
		{"no authors", "title: x\n", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, diags, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(cfg.Authors) != fmt.Sprint(tc.want) {
				t.Errorf("authors %+v, want %+v", cfg.Authors, tc.want)
			}
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%d:%d:%s", d.Line, d.Column, d.Code))
			}
			if strings.Join(got, " ") != strings.Join(tc.diags, " ") {
				t.Errorf("diagnostics %v, want %v (%v)", got, tc.diags, diags)
			}
		})
	}
}

func TestAuthorsWrongType(t *testing.T) {
	for _, src := range []string{"authors: [a, b]\n", "authors:\n  a: [x]\n", "authors:\n  a:\n    name: [x]\n"} {
		_, _, err := Parse([]byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), "factpress.yaml:") {
			t.Errorf("%q: got %v, want an error at a line of factpress.yaml", src, err)
		}
	}
}

func FuzzAuthors(f *testing.F) {
	for _, s := range []string{"authors: {a: b}", "authors: {a: {name: n, url: 'https://x.org'}}", "authors: {a: {url: 'javascript:x'}}", "authors: {a: ~}", "authors: {? [a]: b}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		cfg, _, err := Parse([]byte(src))
		if err != nil {
			return
		}
		for slug, a := range cfg.Authors {
			if a.URL != "" && !weburl.Valid(a.URL) {
				t.Fatalf("author %q keeps the URL %q", slug, a.URL)
			}
			if strings.ContainsFunc(a.Name+a.Bio, bidi.Reorders) {
				t.Fatalf("author %q keeps bidi controls: %q %q", slug, a.Name, a.Bio)
			}
		}
	})
}
