package importer

import (
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/config"
)

// The claimant's @type in ClaimReview becomes claimant_type: a Person is a
// person; an Organization, or any of schema.org's kinds of one, an
// organization; anything else, or a bare name, is left to the default.
func TestClaimantTypeFromAuthor(t *testing.T) {
	cfg := config.Default()
	for _, tc := range []struct {
		name, author string
		want         string
	}{
		{"person", `{"@type":"Person","name":"Jane Roe"}`, "person"},
		{"organization", `{"@type":"Organization","name":"Ministry"}`, "organization"},
		{"government", `{"@type":"GovernmentOrganization","name":"Ministry"}`, "organization"},
		{"prefixed", `{"@type":"schema:Person","name":"Jane Roe"}`, "person"},
		{"full IRI", `{"@type":"https://schema.org/NewsMediaOrganization","name":"Paper"}`, "organization"},
		{"a party", `{"@type":"PoliticalParty","name":"Party"}`, "organization"},
		{"a list of types", `{"@type":["Thing","Person"],"name":"Jane Roe"}`, "person"},
		{"thing", `{"@type":"Thing","name":"A viral post"}`, ""},
		{"untyped", `{"name":"A viral post"}`, ""},
		{"text", `"A viral post"`, ""},
		{"no name", `{"@type":"Person"}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := `{"@type":"ClaimReview","claimReviewed":"A","url":"https://x.example/a","itemReviewed":{"@type":"Claim","author":` + tc.author + `}}`
			reviews, diags := ReadClaimReviews("in.json", []byte(in))
			if len(reviews) != 1 || diags.Errors() > 0 {
				t.Fatalf("%d reviews, %v", len(reviews), diags)
			}
			r := reviews[0]
			if r.ClaimantType != tc.want {
				t.Errorf("ClaimantType %q, want %q", r.ClaimantType, tc.want)
			}
			text := string(r.Check(&cfg))
			if got := strings.Contains(text, "\nclaimant_type: "+tc.want+"\n"); got != (tc.want != "") || tc.want == "" && strings.Contains(text, "claimant_type") {
				t.Errorf("the check file, for %q:\n%s", tc.want, text)
			}
		})
	}
}
