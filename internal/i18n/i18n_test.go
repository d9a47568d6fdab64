package i18n

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func theme(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	en, err := os.ReadFile("../../i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"i18n/en.yaml": {Data: en}}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestTranslateWithFallbackAndPlurals(t *testing.T) {
	site := fstest.MapFS{"i18n/es.yaml": {Data: []byte("our-verdict: \"Nuestro veredicto:\"\nchecks-count:\n  one: \"{{.Count}} verificación\"\n  other: \"{{.Count}} verificaciones\"\n")}}
	tables, err := Load(theme(t, nil), site)
	if err != nil {
		t.Fatal(err)
	}
	es := tables.Language("es")
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"our-verdict", nil, "Nuestro veredicto:"},
		{"checks-count", []any{1}, "1 verificación"},
		{"checks-count", []any{21}, "21 verificaciones"},
		{"sources", nil, "Sources"}, // missing in Spanish: English
		{"topic-title", []any{"Name", "Salud"}, "Topic: Salud"},
		{"verdict.false.label", nil, "False"},
		{"checks-count", []any{1}, "1 verificación"},
	} {
		// Twice: the second answer is the one T kept.
		for pass := range 2 {
			got, err := es.T(tc.key, tc.args...)
			if err != nil || got != tc.want {
				t.Errorf("pass %d: T(%q, %v) = %q, %v; want %q", pass, tc.key, tc.args, got, err, tc.want)
			}
		}
	}
	if got := es.Date(time.Date(2026, 1, 17, 0, 0, 0, 0, time.UTC)); got != "17 de enero de 2026" {
		t.Errorf("Spanish date %q", got)
	}
	missing := tables.Missing("es")
	if len(missing) == 0 || missing[0].File != "i18n/es.yaml" || !strings.Contains(missing[0].Message, "readers see the English") {
		t.Errorf("missing Spanish keys: %v", missing)
	}
	for _, d := range missing {
		if strings.Contains(d.Message, `"our-verdict"`) {
			t.Errorf("a translated key is reported missing: %v", d)
		}
	}
	if len(tables.Missing("en")) != 0 {
		t.Error("English is the fallback: nothing is missing")
	}
}

func TestArabicPluralsAndDirection(t *testing.T) {
	site := fstest.MapFS{"i18n/ar.yaml": {Data: []byte("checks-count:\n  zero: \"لا تحققات\"\n  one: \"تحقق واحد\"\n  two: \"تحققان\"\n  few: \"{{.Count}} تحققات\"\n  many: \"{{.Count}} تحققًا\"\n  other: \"{{.Count}} تحقق\"\n")}}
	tables, err := Load(theme(t, nil), site)
	if err != nil {
		t.Fatal(err)
	}
	ar := tables.Language("ar")
	for n, want := range map[int]string{0: "لا تحققات", 1: "تحقق واحد", 2: "تحققان", 3: "3 تحققات", 11: "11 تحققًا", 100: "100 تحقق"} {
		if got, _ := ar.T("checks-count", n); got != want {
			t.Errorf("Arabic %d: %q, want %q", n, got, want)
		}
	}
	if ar.Dir() != "rtl" || tables.Language("es").Dir() != "ltr" {
		t.Error("direction")
	}
}

// TestShippedTablesAreComplete: every language the theme ships has every
// key of the English table, and every plural text has the forms its
// language's CLDR rules ask for, at any count.
func TestShippedTablesAreComplete(t *testing.T) {
	tables, err := Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "es", "fr", "pt", "de", "ar", "hi", "id", "zh"} {
		if missing := tables.Missing(lang); len(missing) > 0 {
			t.Errorf("%s lacks %d keys, the first %v", lang, len(missing), missing[0])
		}
		l := tables.Language(lang)
		for _, key := range []string{"checks-count", "search-matches"} {
			for n := range 1200 {
				if s, err := l.T(key, n, "Query", "q"); err != nil || s == "" {
					t.Errorf("%s %s(%d): %q %v", lang, key, n, s, err)
					break
				}
			}
		}
		if got := l.Date(time.Date(2026, 1, 17, 0, 0, 0, 0, time.UTC)); !strings.Contains(got, "2026") {
			t.Errorf("%s date %q", lang, got)
		}
	}
}

// TestChineseTable: the Simplified Chinese table counts with CLDR's one
// form for Chinese, other, and dates come from CLDR's Chinese.
func TestChineseTable(t *testing.T) {
	tables, err := Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	zh := tables.Language("zh")
	for _, tc := range []struct {
		key  string
		args []any
		want string
	}{
		{"our-verdict", nil, "我们的结论："},
		{"checks-count", []any{1}, "1 篇核查"},
		{"checks-count", []any{21}, "21 篇核查"},
		{"search-matches", []any{2, "Query", "疫苗"}, "2 篇核查与“疫苗”相符"},
		{"verdict.false.label", nil, "错误"},
	} {
		if got, err := zh.T(tc.key, tc.args...); err != nil || got != tc.want {
			t.Errorf("T(%q, %v) = %q, %v; want %q", tc.key, tc.args, got, err, tc.want)
		}
	}
	if forms := zh.Forms("checks-count"); len(forms) != 1 || forms[0].Category != "other" {
		t.Errorf("Chinese plural forms %+v, want other alone", forms)
	}
	if got := zh.Date(time.Date(2026, 1, 17, 0, 0, 0, 0, time.UTC)); got != "2026年1月17日" {
		t.Errorf("Chinese date %q", got)
	}
	if zh.Dir() != "ltr" {
		t.Error("Chinese is written left to right")
	}
}
