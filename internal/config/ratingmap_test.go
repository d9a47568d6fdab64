package config

import (
	"strings"
	"testing"
)

func TestRatingMap(t *testing.T) {
	cfg, diags, err := Parse([]byte("rating_map:\n  \"Pants on Fire\": false\n  \"engañoso\": misleading\n  \"Sin Contexto\": mixed\n  'cuestionable': dudoso\n"))
	if err != nil || len(diags) != 0 {
		t.Fatalf("%v %v", err, diags)
	}
	for _, tc := range []struct {
		rating, want string
		ok           bool
	}{
		{"Pants on Fire!", "false", true},          // the site's own, read as "pants on fire"
		{"ENGAÑOSO", "misleading", true},           // lower-cased, non-ASCII too
		{"sin contexto", "mixed", true},            // the site's own wins over the default
		{"cuestionable", "dudoso", true},           // given back even though the scale lacks it
		{"  Mostly   True. ", "mostly-true", true}, // the default map
		{"Mayormente verdadero", "mostly-true", true},
		{"Medio verdadero", "mixed", true},
		{"Four Pinocchios", "false", true},
		{"No hay pruebas", "unsupported", true},
		{"Missing context", "misleading", true},
		{"Spin", "", false},
		{"", "", false},
	} {
		got, ok := cfg.RatingVerdict(tc.rating)
		if got != tc.want || ok != tc.ok {
			t.Errorf("RatingVerdict(%q) = %q, %v; want %q, %v", tc.rating, got, ok, tc.want, tc.ok)
		}
	}
}

// A config without rating_map, and the default config, have the default map.
func TestRatingMapDefault(t *testing.T) {
	cfg, _, err := Parse([]byte("title: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	for _, c := range []*Config{&cfg, &def} {
		if v, ok := c.RatingVerdict("Falso"); v != "false" || !ok {
			t.Errorf("Falso gives %q %v", v, ok)
		}
	}
}

// A default entry whose verdict the site's scale lacks gives nothing: the
// site's scale is not the default one.
func TestRatingMapOwnScale(t *testing.T) {
	cfg, _, err := Parse([]byte("verdicts:\n  - key: correct\n  - key: wrong\nrating_map:\n  \"False\": wrong\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := cfg.RatingVerdict("false"); v != "wrong" || !ok {
		t.Errorf("false: %q %v", v, ok)
	}
	if v, ok := cfg.RatingVerdict("true"); ok {
		t.Errorf("true gives %q on a scale without it", v)
	}
}

func TestRatingMapRefused(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title: x\nrating_map:\n  \"False\": false\n  \"false \": mixed\n", "factpress.yaml:2: rating_map: \"false\" is given twice"},
		{"rating_map:\n  \"  \": false\n", "factpress.yaml:1: rating_map: the rating"},
		{"rating_map: [false]\n", "factpress.yaml:1:"},
	} {
		_, _, err := Parse([]byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.src, err, tc.want)
		}
	}
	// The same rating twice with the same verdict is no contradiction.
	if _, _, err := Parse([]byte("rating_map:\n  \"False\": false\n  \"false\": false\n")); err != nil {
		t.Error(err)
	}
}

// Each default rating means one verdict, and every verdict of the default
// scale has ratings, in English and in Spanish.
func TestDefaultRatings(t *testing.T) {
	seen := map[string]string{}
	def := Default()
	for verdict, ratings := range defaultRatings {
		if _, ok := def.Verdict(verdict); !ok {
			t.Errorf("%q is not in the default scale", verdict)
		}
		if len(ratings) < 2 {
			t.Errorf("%q has too few ratings", verdict)
		}
		for _, r := range ratings {
			if NormalizeRating(r) != r {
				t.Errorf("%q is not written as NormalizeRating writes it", r)
			}
			if prev, ok := seen[r]; ok {
				t.Errorf("%q means both %q and %q", r, prev, verdict)
			}
			seen[r] = verdict
		}
	}
	if len(defaultRatings) != len(DefaultVerdicts()) {
		t.Errorf("ratings for %d verdicts of %d", len(defaultRatings), len(DefaultVerdicts()))
	}
}
