package config

import (
	"strings"
	"testing"
)

func TestLanguages(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		err        string   // part of the error, "" for none
		codes      []string // the languages in order, the default first
		prefixes   []string
	}{
		{"one language", "title: x\n", "", nil, nil},
		{"default first", "languages:\n  - code: en\n    name: English\n  - code: fr\n    name: Français\n", "", []string{"en", "fr"}, []string{"", "fr/"}},
		{"default named", "languages:\n  - code: fr\n  - code: en\n    default: true\n", "", []string{"en", "fr"}, []string{"", "fr/"}},
		{"in a subfolder", "default_language_in_subdir: true\nlanguages:\n  - code: en\n  - code: pt-br\n", "", []string{"en", "pt-br"}, []string{"en/", "pt-br/"}},
		{"upper case is folded", "languages:\n  - code: EN\n  - code: Fr\n", "", []string{"en", "fr"}, []string{"", "fr/"}},
		{"two defaults", "languages:\n  - code: en\n    default: true\n  - code: fr\n    default: true\n", "both the default", nil, nil},
		{"twice", "languages:\n  - code: en\n  - code: en\n", "listed twice", nil, nil},
		{"no code", "languages:\n  - name: English\n", "has no code", nil, nil},
		{"not a code", "languages:\n  - code: en\n  - code: \"fr/../x\"\n", "not a language code", nil, nil},
		{"a site folder", "languages:\n  - code: en\n  - code: api\n", "name of a site folder", nil, nil},
		{"language disagrees", "language: fr\nlanguages:\n  - code: en\n  - code: fr\n", "not the default", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, diags, err := Parse([]byte(tc.yaml))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				if e, ok := err.(*Error); !ok || e.Line == 0 {
					t.Errorf("error %v names no line", err)
				}
				return
			}
			if err != nil || len(diags) > 0 {
				t.Fatalf("%v %v", err, diags)
			}
			var codes, prefixes []string
			for _, l := range cfg.Languages {
				codes = append(codes, l.Code)
				prefixes = append(prefixes, cfg.OutputPrefix(l))
			}
			if strings.Join(codes, " ") != strings.Join(tc.codes, " ") || strings.Join(prefixes, " ") != strings.Join(tc.prefixes, " ") {
				t.Errorf("languages %v at %q, want %v at %q", codes, prefixes, tc.codes, tc.prefixes)
			}
			if len(codes) > 0 && cfg.Language != codes[0] {
				t.Errorf("language %q, want the default %q", cfg.Language, codes[0])
			}
		})
	}
}

func TestLanguageOf(t *testing.T) {
	cfg, _, err := Parse([]byte("languages:\n  - code: en\n  - code: fr\n"))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"content/checks/x.md":    "en",
		"content/fr/checks/x.md": "fr",
		"content/fr/pages/a.md":  "fr",
		"content/de/checks/x.md": "en", // not a language of the site
		"content/fr.md":          "en",
	} {
		l := cfg.LanguageOf(path)
		if l.Code != want {
			t.Errorf("%s is in %q, want %q", path, l.Code, want)
		}
		if dir := cfg.LanguageSite(l).ContentDir; !strings.HasPrefix(path, dir) {
			t.Errorf("%s is not under its language's folder %s", path, dir)
		}
	}
}
