package config

import "testing"

func TestClaimantType(t *testing.T) {
	for _, tc := range []struct {
		yaml, want, code string
	}{
		{"title: x\n", "", ""},
		{"claimant_type: organization\n", "organization", ""},
		{"claimant_type: person\n", "person", ""},
		{"title: x\nclaimant_type: company\n", "", "unknown-claimant-type"},
	} {
		cfg, diags, err := Parse([]byte(tc.yaml))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.ClaimantType != tc.want {
			t.Errorf("%q: claimant_type %q, want %q", tc.yaml, cfg.ClaimantType, tc.want)
		}
		code := ""
		if len(diags) > 0 {
			code = diags[0].Code
			if diags[0].Line != 2 {
				t.Errorf("%q: finding at line %d, want 2", tc.yaml, diags[0].Line)
			}
		}
		if code != tc.code {
			t.Errorf("%q: findings %v, want %q", tc.yaml, diags, tc.code)
		}
	}
}
