package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/testsite"
)

// requirePdftotext finds Debian's pdftotext (poppler-utils); a test
// without it skips, except under CI, which must install it.
func requirePdftotext(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no pdftotext; CI must install it (apt-get install poppler-utils)")
		}
		t.Skip("no pdftotext; install Debian's poppler-utils to run the print test")
	}
	return p
}

// printed is the text of a page as Chromium prints it to PDF, through
// pdftotext.
func printed(t *testing.T, b *browsertest.Browser, pdftotext, url string) string {
	t.Helper()
	if err := chromedp.Do(b.Ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	// A4, as most of the world prints; no header or footer of Chromium's.
	res, err := chromedp.Call(b.Ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatalf("printing %s: %v", url, err)
	}
	pdf := res.Data
	file := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("FACTPRESS_KEEP_PDF"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, filepath.Base(strings.TrimSuffix(url, "/index.html"))+".pdf"), pdf, 0o644)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var spaces = regexp.MustCompile(`\s+`)

// The print of a check holds the claim, the verdict, every source and the
// page's address with the organisation's name, and none of what leads
// elsewhere: no related checks or questions, navigation, search or footer
// links. A source with no title prints its address once.
func TestPrintedCheck(t *testing.T) {
	b := browsertest.New(t)
	pdftotext := requirePdftotext(t)
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	// A second check on the same topics, so that the sample's check has a
	// related check; its sources have addresses, one of them no title.
	second := `---
title: "Did Minneapolis hire former police officers into ICE?"
claim: "Dozens of former Minneapolis officers now work for ICE."
claimant: "A local radio host"
verdict: unsupported
date: 2026-01-18
topics: [immigration, policing, minneapolis]
sources:
  - title: "Minneapolis police staffing report"
    publisher: "City of Minneapolis"
    url: "https://www.minneapolismn.gov/government/departments/police/staffing-report-2025/"
  - url: "https://example.org/untitled/source/with/a/long/path/that/wraps/on/paper/2026-01-18"
related:
  - "How many Minneapolis police officers left in 2025?"
---

The city's staffing report names no officers who left for ICE [1], and the
post that started the claim cites nothing [2].
`
	if err := os.WriteFile(filepath.Join(src, "content/checks/minneapolis-hiring.md"), []byte(second), 0o644); err != nil {
		t.Fatal(err)
	}
	const base = "https://org.github.io/archive/"
	dest := filepath.Join(t.TempDir(), "public")
	res := buildOK(t, Options{Source: src, Destination: dest, BaseURL: base})
	if len(res.Site.Related(res.Site.Checks[1])) == 0 && len(res.Site.Related(res.Site.Checks[0])) == 0 {
		t.Fatal("the two checks are not related, so the test would prove nothing")
	}

	for _, tc := range []struct {
		page    string
		want    []string // in the printed text, blanks aside
		urls    []string // printed exactly once, line breaks aside
		related string   // the related check's title, which must not print
	}{
		{
			page: "checks/minneapolis-police-ice/",
			want: []string{
				"Did Minneapolis police officers resign and work for ICE?",
				"Many Minneapolis police officers are quitting and applying for ICE.",
				"Our verdict: Unsupported",
				"A fact check by factpress project",
				"Reporting on resignations of federal prosecutors in Minnesota, The Guardian",
				"Reporting on resignations of federal prosecutors and Civil Rights Division supervisors, PBS",
				"Reporting on Justice Department resignations over the Minneapolis ICE shooting, CBC",
				`Viral post: "MANY Minneapolis police officers are quitting and applying for ICE", Social media post (unverified)`,
				"Reporting on Minneapolis distancing city police from ICE cooperation, Minnesota Reformer",
				"Reporting on a judge barring certain crowd-control tactics by federal immigration officers in Minneapolis, News report named in the source report",
				"Opinion and investigative pieces on ICE recruitment and culture, Opinion and investigative outlets named in the source report",
				"Partisan coverage of the political fallout, Partisan outlets named in the source report",
			},
			urls:    []string{base + "checks/minneapolis-police-ice/"},
			related: "Did Minneapolis hire former police officers into ICE?",
		},
		{
			page: "checks/minneapolis-hiring/",
			want: []string{
				"Dozens of former Minneapolis officers now work for ICE.",
				"Our verdict: Unsupported",
				"A fact check by factpress project",
				"Minneapolis police staffing report",
				"City of Minneapolis",
			},
			urls: []string{
				base + "checks/minneapolis-hiring/",
				"https://www.minneapolismn.gov/government/departments/police/staffing-report-2025/",
				"https://example.org/untitled/source/with/a/long/path/that/wraps/on/paper/2026-01-18",
			},
			related: "Did Minneapolis police officers resign and work for ICE?",
		},
	} {
		t.Run(tc.page, func(t *testing.T) {
			text := printed(t, b, pdftotext, "file://"+filepath.Join(dest, tc.page, "index.html"))
			flat := spaces.ReplaceAllString(text, " ")
			// An address may be broken across lines anywhere.
			bare := spaces.ReplaceAllString(text, "")
			for _, w := range tc.want {
				if !strings.Contains(flat, w) {
					t.Errorf("the print lacks %q", w)
				}
			}
			for _, u := range tc.urls {
				if n := strings.Count(bare, u); n != 1 {
					t.Errorf("the print has %s %d times, want once", u, n)
				}
			}
			for _, not := range []string{tc.related, "Related checks", "Related questions", "Atom feed", "JSON feed", "Edit this check", "Skip to content", "Claimants", "Corrections policy"} {
				if strings.Contains(flat, not) {
					t.Errorf("the print has %q", not)
				}
			}
			if t.Failed() {
				t.Logf("printed:\n%s", text)
			}
		})
	}
}
