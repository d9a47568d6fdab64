package qa

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/build"
	"github.com/factpress/factpress/internal/linkcheck"
)

// pwn is what every payload tries to do; a page where it happened shows it.
const pwn = `window.__pwned=1`

var hostileCheck = `---
title: "<script>` + pwn + `</script> Is it safe?"
claim: "\"><img src=x onerror=\"` + pwn + `\">"
claimant: "</script><script>` + pwn + `</script>"
claim_date: 2026-01-01
appearances: ["https://e.org/\"><script>` + pwn + `</script>"]
verdict: false
date: 2026-01-17
summary: "<svg onload=\"` + pwn + `\"></svg>"
topics: ["<b onmouseover=alert(1)>x</b>", "\u202eevil\u202c", "javascript:alert(1)"]
authors: ["<img src=x onerror=alert(1)>"]
sources:
  - title: "<iframe src=javascript:alert(1)></iframe>"
    publisher: "</title><script>` + pwn + `</script>"
    url: "https://e.org/\"onmouseover=\"` + pwn + `"
    archive: "https://web.archive.org/'><script>` + pwn + `</script>"
related:
  - "<script>` + pwn + `</script>?"
  - question: "\"><img src=x onerror=` + pwn + `>"
corrections:
  - date: 2026-01-18
    note: "<script>` + pwn + `</script>"
---

Body <script>` + pwn + `</script> cites [1].

<img src=x onerror="` + pwn + `">

[click](javascript:` + pwn + `) [data](data:text/html,<script>alert(1)</script>) <javascript:alert(1)> [vb](vbscript:msgbox)

[ref][x] and <a href="javascript:alert(1)">raw</a>

[x]: javascript:alert(1)
`

func hostileSite(t *testing.T, unsafeHTML bool) string {
	t.Helper()
	src := t.TempDir()
	cfg := "title: \"<script>" + pwn + "</script>\"\nbase_url: \"https://example.org/\"\nrepository: github.com/org/archive\n"
	if unsafeHTML {
		cfg += "unsafe_html: true\n"
	}
	files := map[string]string{
		"factpress.yaml":                     cfg,
		"content/checks/hostile.md":          hostileCheck,
		"content/checks/\u202eevil\u202e.md": strings.Replace(hostileCheck, "Is it safe?", "Is it bidi?", 1),
		"content/pages/about.md":             "---\ntitle: \"<script>" + pwn + "</script>\"\n---\n\n<script>" + pwn + "</script>\n",
	}
	for name, body := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site(t, src, build.Options{Offline: true})
}

// scriptURLs lists every link or source (as the HTML parser reads the
// attributes) that would run script or load an HTML document from data:.
func scriptURLs(t *testing.T, dir string) []string {
	t.Helper()
	var bad []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, link := range linkcheck.Extract(b).Links {
			v := strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, strings.ToLower(link))
			if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html") {
				rel, _ := filepath.Rel(dir, p)
				bad = append(bad, rel+": "+link)
			}
		}
		return nil
	})
	return bad
}

// injected opens every page and reports any sign that a payload ran or
// planted an event handler or a script of its own.
func injected(t *testing.T, b *browsertest.Browser, dir string) []string {
	t.Helper()
	const probe = `(() => {
	  const bad = [];
	  if (window.__pwned) bad.push("a payload ran");
	  for (const el of document.querySelectorAll("*")) {
	    for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push("event handler " + a.name + " on <" + el.localName + ">");
	  }
	  for (const s of document.scripts) {
	    const ours = s.type === "application/ld+json" || /assets\/(search|search-index|search-[td][0-9]+)\.[0-9a-f]+\.js$/.test(s.getAttribute("src") || "");
	    if (!ours) bad.push("script not from the theme: " + s.outerHTML.slice(0, 80));
	  }
	  return bad;
	})()`
	var problems []string
	pages := 0
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+p)); err != nil {
			t.Fatal(err)
		}
		found, err := chromedp.Run(b.Ctx, chromedp.Evaluate[[]string](probe))
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		for _, f := range found {
			problems = append(problems, rel+": "+f)
		}
		return nil
	})
	t.Logf("hostile input: %d pages opened, %d problems", pages, len(problems))
	return problems
}

func TestHostileInputRunsNoScript(t *testing.T) {
	b := browsertest.New(t)
	dir := hostileSite(t, false)
	for _, bad := range scriptURLs(t, dir) {
		t.Errorf("script URL in the output: %s", bad)
	}
	for _, p := range injected(t, b, dir) {
		t.Error(p)
	}
	if _, err := os.Stat(filepath.Join(dir, "checks", "evil", "index.html")); err != nil {
		t.Errorf("the bidi file name did not become the plain slug evil: %v", err)
	}
}

// TestHostileGateCatchesAnInjectedScript turns raw HTML on, as a site may,
// and expects the gate to see the body's script run.
func TestHostileGateCatchesAnInjectedScript(t *testing.T) {
	b := browsertest.New(t)
	dir := hostileSite(t, true)
	problems := strings.Join(injected(t, b, dir), "\n")
	if !strings.Contains(problems, "a payload ran") || !strings.Contains(problems, "script not from the theme") {
		t.Errorf("the gate missed the injected script:\n%s", problems)
	}
	if len(scriptURLs(t, dir)) == 0 {
		t.Error("the raw <a href=\"javascript:…\"> went unnoticed")
	}
}
