package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/bidi"
)

func TestClaimants(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string
		want  map[string]Claimant
		index map[string]string // slug → key
		diags []string          // line:col:code
	}{
		{"name and aliases", "claimants:\n  buhari:\n    name: Muhammadu Buhari\n    aliases: [Buhari, \"President  Buhari\"]\n",
			map[string]Claimant{"buhari": {Name: "Muhammadu Buhari", Aliases: []string{"Buhari", "President Buhari"}}},
			map[string]string{"buhari": "buhari", "muhammadu-buhari": "buhari", "president-buhari": "buhari"}, nil},
		{"a name alone", "claimants:\n  who: World Health Organization\n",
			map[string]Claimant{"who": {Name: "World Health Organization"}},
			map[string]string{"who": "who", "world-health-organization": "who"}, nil},
		{"case and punctuation", "claimants:\n  Sen. Jane Roe: {aliases: ['SEN JANE ROE', 'jane-roe']}\n",
			map[string]Claimant{"Sen. Jane Roe": {Aliases: []string{"SEN JANE ROE", "jane-roe"}}},
			map[string]string{"sen-jane-roe": "Sen. Jane Roe", "jane-roe": "Sen. Jane Roe"}, nil},
		{"unknown key", "claimants:\n  a:\n    name: A\n    alias: [x]\n",
			map[string]Claimant{"a": {Name: "A"}}, map[string]string{"a": "a"}, []string{"4:5:unknown-field"}},
		{"bidi stripped", "claimants:\n  a:\n    name: \"A\u202eB\"\n    aliases: [\"C\u202eD\"]\n",
			map[string]Claimant{"a": {Name: "AB", Aliases: []string{"CD"}}},
			map[string]string{"a": "a", "ab": "a", "cd": "a"}, []string{"3:5:bidi-control", "4:15:bidi-control"}},
		{"alias of two", "claimants:\n  a:\n    aliases: [X]\n  b:\n    aliases: [x, Y]\n",
			map[string]Claimant{"a": {Aliases: []string{"X"}}, "b": {Aliases: []string{"x", "Y"}}},
			map[string]string{"a": "a", "x": "a", "b": "b", "y": "b"}, []string{"5:15:claimant-alias-twice"}},
		{"no page name", "claimants:\n  '!!':\n    name: Bang\n", map[string]Claimant{}, nil, []string{"2:3:bad-slug"}},
		{"empty alias dropped", "claimants:\n  a: {aliases: ['', ' ']}\n", map[string]Claimant{"a": {Aliases: []string{}}}, map[string]string{"a": "a"}, nil},
		{"no claimants", "title: x\n", nil, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, diags, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(cfg.Claimants) != fmt.Sprint(tc.want) {
				t.Errorf("claimants %#v, want %#v", cfg.Claimants, tc.want)
			}
			if got := cfg.ClaimantIndex(); !maps.Equal(got, tc.index) {
				t.Errorf("index %v, want %v", got, tc.index)
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

func TestClaimantsWrongType(t *testing.T) {
	for _, src := range []string{"claimants: [a, b]\n", "claimants:\n  a: [x]\n", "claimants:\n  a:\n    aliases: x\n    name: [y]\n", "claimants:\n  a:\n    aliases: {x: y}\n"} {
		_, _, err := Parse([]byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), "factpress.yaml:") {
			t.Errorf("%q: got %v, want an error at a line of factpress.yaml", src, err)
		}
	}
}

func FuzzClaimants(f *testing.F) {
	for _, s := range []string{"claimants: {a: b}", "claimants: {a: {name: n, aliases: [x, y]}}", "claimants: {a: {aliases: [a, b]}, b: {aliases: [a]}}", "claimants: {a: ~}", "claimants: {? [a]: b}", "claimants: {'': {aliases: ['']}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		cfg, _, err := Parse([]byte(src))
		if err != nil {
			return
		}
		index := cfg.ClaimantIndex()
		for s, k := range index {
			if _, ok := cfg.Claimants[k]; !ok || s == "" {
				t.Fatalf("spelling %q leads to %q, which is not a claimant", s, k)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(cfg.Claimants)) {
			cl := cfg.Claimants[k]
			if strings.ContainsFunc(cl.Name+strings.Join(cl.Aliases, ""), bidi.Reorders) {
				t.Fatalf("claimant %q keeps bidi controls: %q", k, cl)
			}
		}
	})
}
