package build

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden compares pages of the sample archive with reviewed copies;
// `go test ./internal/build -update` rewrites them after a deliberate change.
func TestGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: sampleSite, Destination: dest, BaseURL: "https://org.github.io/archive/"})
	for _, page := range []string{
		"index.html",
		"checks/minneapolis-police-ice/index.html",
		"topics/immigration/index.html",
		"verdicts/index.html",
		"questions/index.html",
		"claimants/a-viral-social-media-thread/index.html",
		"sources/index.html",
		"sources/the-guardian/index.html",
		"corrections/index.html",
		"feed.xml",
		"feed.json",
		"api/checks.json",
		"sitemap.xml",
	} {
		got := read(t, dest, page)
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s; review the change and run with -update if it is right:\n%s", page, golden, difference(got, string(want)))
		}
	}
}

// difference shows where two texts first differ, with some context: pages
// are compacted into few long lines, so a line diff would say little.
func difference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	excerpt := func(s string) string { return s[from:min(len(s), i+80)] }
	return fmt.Sprintf("at byte %d:\n got …%s…\nwant …%s…", i, excerpt(got), excerpt(want))
}
