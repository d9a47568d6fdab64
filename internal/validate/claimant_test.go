package validate

import (
	"slices"
	"strings"
	"testing"
)

// claimant_type is person or organization; anything else is an error at
// its line that suggests the nearest when it is a slip.
func TestClaimantType(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       []string // line:col:code
		says       string   // in the message
	}{
		{"person", "claimant_type: person", nil, ""},
		{"organization", "claimant_type: organization", nil, ""},
		{"capitalised", "claimant_type: Person", []string{"4:1:unknown-claimant-type"}, `did you mean person?`},
		{"British spelling", "claimant_type: organisation", []string{"4:1:unknown-claimant-type"}, `did you mean organization?`},
		{"something else", "claimant_type: government", []string{"4:1:unknown-claimant-type"}, `write person or organization`},
		{"empty", `claimant_type: ""`, []string{"4:1:unknown-claimant-type"}, `claimant_type ""`},
		{"a list", "claimant_type: [person]", []string{"4:0:wrong-type"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(good, "claim: \"It happened.\"\n", "claim: \"It happened.\"\n"+tc.line+"\n", 1)
			got := run(t, nil, map[string]string{"content/checks/a.md": src})
			lines := found(got)
			slices.Sort(lines)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(lines, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
			if tc.says != "" && !strings.Contains(got[len(got)-1].Message, tc.says) {
				t.Errorf("message %q does not say %q", got[len(got)-1].Message, tc.says)
			}
		})
	}
}
