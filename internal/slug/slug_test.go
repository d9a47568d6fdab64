package slug

import "testing"

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Immigration", "immigration"},
		{"  Public Health!! ", "public-health"},
		{"a--b__c", "a-b-c"},
		{"Café au lait", "caf-au-lait"},
		{"!!!", ""},
		{"2026 Elections", "2026-elections"},
		{"../etc", "etc"},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
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
