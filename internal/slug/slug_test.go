package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Immigration", "immigration"},
		{"  Public Health!! ", "public-health"},
		{"a--b__c", "a-b-c"},
		{"Café au lait", "cafe-au-lait"},
		{"José Pérez", "jose-perez"},
		{"economía", "economia"},
		{"Überprüfung", "uberprufung"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"صحة", "صحة"},
		{"وزارة الصحة", "وزارة-الصحة"},
		{"स्वास्थ्य मंत्रालय", "स्वास्थ्य-मंत्रालय"},
		{"疫苗 安全", "疫苗-安全"},
		{"Москва", "москва"},
		{"Ελλάδα", "ελλάδα"},
		{"١٢٣ test", "١٢٣-test"},
		{"cafe\u0301", "cafe"}, // decomposed é, as some editors write it
		{"ＡＢＣ", "ａｂｃ"},         // fullwidth letters keep their form
		{"«Hello», World!", "hello-world"},
		{"!!!", ""},
		{"2026 Elections", "2026-elections"},
		{"../etc", "etc"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeKeep(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"José Pérez", "josé-pérez"},
		{"jose\u0301", "josé"}, // NFC: one way of writing it
		{"صحة", "صحة"},
	} {
		if got := NormalizeKeep(tc.in); got != tc.want {
			t.Errorf("NormalizeKeep(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestValidAndEscapes(t *testing.T) {
	for _, tc := range []struct {
		in            string
		valid, escape bool
	}{
		{"minneapolis-police-ice", true, false},
		{"Bad_Slug", false, false},
		{"-lead", false, false},
		{"", false, false},
		{"../x", false, true},
		{"/abs", false, true},
		{"a/../b", false, true},
		{"a..b", false, false},
		{"josé", true, false},
		{"صحة-عامة", true, false},
		{"Josė", false, false},
		{"jose\u0301", false, false}, // not NFC
	} {
		if got := Valid(tc.in); got != tc.valid {
			t.Errorf("Valid(%q) = %v", tc.in, got)
		}
		if got := Escapes(tc.in); got != tc.escape {
			t.Errorf("Escapes(%q) = %v", tc.in, got)
		}
	}
}

func TestFromFile(t *testing.T) {
	if got := FromFile("content/checks/Some File.md"); got != "some-file" {
		t.Errorf("got %q", got)
	}
}

func TestPageCutsAtALetter(t *testing.T) {
	for _, text := range []string{strings.Repeat("صحة ", 30), strings.Repeat("स्वास्थ्य", 12), strings.Repeat("疫苗", 40), strings.Repeat("word ", 40)} {
		s := Page(text)
		if len(s) > maxPage || !utf8.ValidString(s) || s == "" || strings.HasSuffix(s, "-") {
			t.Errorf("Page(%.20q…) = %q", text, s)
		}
	}
}
