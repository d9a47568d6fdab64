package importer

import (
	"errors"
	"os"
	"strings"
	"testing"
)

const example = "../../../shared/examples/minneapolis-ice-report.txt"

func readExample(t testing.TB) string {
	b, err := os.ReadFile(example)
	if err != nil {
		t.Skip("../shared/examples is not here")
	}
	return string(b)
}

func TestExampleReport(t *testing.T) {
	r, warns, err := Parse("report.txt", []byte(readExample(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("warnings on the reference report: %v", warns)
	}
	if r.Title != "Did Minneapolis police officers resign and work for ICE?" {
		t.Errorf("title %q", r.Title)
	}
	if r.Date.Format("2006-01-02") != "2026-01-17" {
		t.Errorf("date %v", r.Date)
	}
	if len(r.Citations) != 8 || r.Citations[0] != 1 || r.Citations[7] != 8 {
		t.Errorf("citations %v", r.Citations)
	}
	if len(r.Questions) != 3 || !strings.HasPrefix(r.Questions[2], "How have Minneapolis city policies") {
		t.Errorf("questions %q", r.Questions)
	}
	if len(r.Sections) != 5 || !strings.HasPrefix(r.Sections[0].Heading, "1. What actually resigned") || !strings.HasPrefix(r.Sections[4].Heading, "Conclusion") {
		t.Errorf("sections %d: %+v", len(r.Sections), r.Sections)
	}
	if len(r.Summary) != 1 || strings.Contains(r.Summary[0], "Disclaimer") {
		t.Errorf("summary %q", r.Summary)
	}
	out := string(r.Check([]string{"true", "false"}))
	if strings.Count(out, "title: \"TODO: source") != 8 || strings.Count(out, "\n## ") != 5 {
		t.Errorf("check file:\n%s", out)
	}
}

func TestStrayReportsImportWithWarnings(t *testing.T) {
	ex := readExample(t)
	for _, tc := range []struct {
		name, text string
		warns      int
		mustWarn   string
	}{
		{"windows line endings", strings.ReplaceAll(ex, "\n", "\r\n"), 0, ""},
		{"extra blank lines", strings.ReplaceAll(ex, "\n\n", "\n\n\n\n"), 0, ""},
		{"no date", strings.Replace(ex, "Checked on January 17, 2026\n", "", 1), 1, "Checked on"},
		{"unreadable date", strings.Replace(ex, "January 17, 2026", "the 17th", 1), 1, "could not read the date"},
		{"no sections", "Is it true?\n\nChecked on January 17, 2026\n\nExecutive summary\n\nIt is not [1].\n", 1, "numbered findings"},
		{"no markers", "Is it true?\n\nChecked on January 17, 2026\n\nExecutive summary\n\nIt is not.\n\n1. Finding\n\nText.\n", 1, "citation markers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, warns, err := Parse("r.txt", []byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) != tc.warns || (tc.mustWarn != "" && !strings.Contains(warns[0].Message, tc.mustWarn)) {
				t.Errorf("warnings %v", warns)
			}
			_ = r.Check(nil)
		})
	}
}

func TestNotAReport(t *testing.T) {
	for _, text := range []string{"", "\n\n", "just some words\n", "\x00\x01binary", "a,b,c\n1,2,3\n"} {
		if _, _, err := Parse("x.txt", []byte(text)); err == nil {
			t.Errorf("%q imported", text)
		} else if text != "" && strings.TrimSpace(text) != "" && !errors.Is(err, ErrNotAReport) && !strings.Contains(err.Error(), "UTF-8") {
			t.Errorf("%q: %v", text, err)
		}
	}
}

func TestEscaping(t *testing.T) {
	r, _, err := Parse("r.txt", []byte("Is *this* <b>it</b>?\n\nChecked on January 1, 2026\n\nExecutive summary\n\n# Not a heading, [a link](x) and `code` [1].\n"))
	if err != nil {
		t.Fatal(err)
	}
	out := string(r.Check(nil))
	for _, want := range []string{`\# Not a heading`, `\[a link](x)`, "\\`code\\`", "[1]."} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("Did it?\n\nChecked on January 17, 2026\n\nExecutive summary\n\nText [1].\n\n1. A\n\nB [2].\n\nWant to dive deeper?\nQ1?\n")
	f.Add("x\r\n\r\n1. y\r\n")
	f.Add("Conclusion\n[99999999]")
	f.Fuzz(func(t *testing.T, text string) {
		r, _, err := Parse("f.txt", []byte(text))
		if err == nil {
			_ = r.Check([]string{"true"})
		}
	})
}
