package card

import (
	"strconv"
	"testing"
)

// BenchmarkClaim draws claim cards of distinct claims on one verdict's
// picture, as a build of many checks does.
func BenchmarkClaim(b *testing.B) {
	d, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	c := Card{Kind: Claim, Lang: "en", Label: "Mostly false", Colour: "#b0470a", Org: "Bench Fact Check", Footer: "factcheck.example.org"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		c.Text = "Akron bankers deported unpaid signatures in Pittsburgh in " + strconv.Itoa(i) + "."
		if _, err := d.Draw(c); err != nil {
			b.Fatal(err)
		}
	}
}
