package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/scaffold"
)

// check warns, at the file's title, of every file of a new archive that
// is still as init wrote it, found by its content wherever it is, and of
// none once it is edited; the sample archive, which is no new archive,
// gets no such warning.
func TestPlaceholderWarnings(t *testing.T) {
	all := []string{
		"content/checks/example-check.md:3 example-check",
		"content/pages/contact.md:2 placeholder-page",
		"content/pages/corrections-policy.md:2 placeholder-page",
		"content/pages/funding.md:2 placeholder-page",
		"content/pages/methodology.md:2 placeholder-page",
	}
	without := func(drop ...string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(s string) bool {
			return slices.ContainsFunc(drop, func(d string) bool { return strings.HasPrefix(s, d) })
		})
	}
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, dir string)
		want []string
	}{
		{"as init wrote it", func(*testing.T, string) {}, all},
		{"a page written", func(t *testing.T, dir string) {
			appendTo(t, filepath.Join(dir, "content/pages/methodology.md"), "We check claims that spread widely.\n")
		}, without("content/pages/methodology.md")},
		{"one letter changed", func(t *testing.T, dir string) {
			replaceIn(t, filepath.Join(dir, "content/pages/contact.md"), "editors.", "editors!")
		}, without("content/pages/contact.md")},
		{"the example edited", func(t *testing.T, dir string) {
			replaceIn(t, filepath.Join(dir, "content/checks/example-check.md"), "Replace it with your own.", "It is ours now.")
		}, without("content/checks/example-check.md")},
		{"the example deleted", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "content/checks/example-check.md")); err != nil {
				t.Fatal(err)
			}
		}, without("content/checks/example-check.md")},
		{"the example renamed", func(t *testing.T, dir string) {
			if err := os.Rename(filepath.Join(dir, "content/checks/example-check.md"), filepath.Join(dir, "content/checks/first.md")); err != nil {
				t.Fatal(err)
			}
		}, append(without("content/checks/example-check.md"), "content/checks/first.md:3 example-check")},
		{"saved with CR LF and a BOM", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "content/pages/funding.md")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			crlf := "\xef\xbb\xbf" + strings.ReplaceAll(string(b), "\n", "\r\n")
			if err := os.WriteFile(p, []byte(crlf), 0o644); err != nil {
				t.Fatal(err)
			}
		}, all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := scaffold.Create(dir, scaffold.Site{BaseURL: "https://checks.example.org/"}, today); err != nil {
				t.Fatal(err)
			}
			tc.edit(t, dir)
			res, err := Check(context.Background(), Options{Source: dir, Theme: factpress.DefaultTheme, Today: today})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range res.Diags {
				if d.Severity != diag.Warning {
					t.Errorf("not a warning: %v", d)
				}
				got = append(got, d.File+":"+strconv.Itoa(d.Line)+" "+d.Code)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(got, want) {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}

	// Nor is the sample archive one, though it has the same trust pages.
	res, err := Check(context.Background(), Options{Source: sampleSite, Theme: factpress.DefaultTheme, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		if d.Code == "example-check" || d.Code == "placeholder-page" {
			t.Errorf("the sample archive: %v", d)
		}
	}
}

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
