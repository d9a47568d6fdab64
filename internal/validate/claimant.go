package validate

import (
	"slices"
	"strings"

	"github.com/factpress/factpress/internal/diag"
)

// ClaimantTypes are the values claimant_type takes: what ClaimReview's
// itemReviewed.author is, a schema.org Person or Organization.
func ClaimantTypes() []string { return []string{"person", "organization"} }

// claimantType reports a claimant_type that is neither, with the nearest
// when it is a slip ("Person", "organisation").
func (v *checker) claimantType() {
	c := v.c
	at, given := c.Fields.Lookup("claimant_type")
	if !given || slices.ContainsFunc(c.Diags, func(d diag.Diagnostic) bool { return d.Line == at.Line && d.Code == "wrong-type" }) {
		return // not given, or not a word, which parsing reported
	}
	switch c.ClaimantType {
	case "person", "organization":
		return
	}
	types := ClaimantTypes()
	hint := "write " + strings.Join(types, " or ")
	if s := nearest(strings.ToLower(c.ClaimantType), types); s != "" {
		hint = "did you mean " + s + "?"
	}
	v.errorf(at, "unknown-claimant-type", "claimant_type %q is neither person nor organization (what ClaimReview calls the claimant); %s", c.ClaimantType, hint)
}
