package card

import (
	"fmt"
	"testing"
)

// BenchmarkClaim draws claim cards of distinct claims, of the length of
// the bench corpus's, on one verdict's picture, as a build of many checks
// does; it reports their size.
func BenchmarkClaim(b *testing.B) {
	d, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	who := []string{"Akron bankers", "Miami nurses", "The governor of Ohio", "Senator Albright", "Austin firefighters"}
	did := []string{"deported unpaid signatures", "exported 200 million turbines", "secretly expanded urban flights", "privatized the expired survey on subsidies"}
	where := []string{"in Pittsburgh.", "in 2026.", "in Nebraska last year.", "during the pandemic."}
	c := Card{Kind: Claim, Lang: "en", Label: "Mostly false", Colour: "#b0470a", Org: "Bench Fact Check", Footer: "factcheck.example.org"}
	i, size := 0, 0
	for b.Loop() {
		c.Text = fmt.Sprintf("%s %s %s (%d)", who[i%len(who)], did[i/len(who)%len(did)], where[i/len(who)/len(did)%len(where)], i)
		i++
		out, err := d.Draw(c)
		if err != nil {
			b.Fatal(err)
		}
		size += len(out)
	}
	b.ReportMetric(float64(size)/float64(i), "bytes/card")
}
