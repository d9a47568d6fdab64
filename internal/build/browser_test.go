package build

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/testsite"
)

// waitLocation polls until the tab's URL ends with suffix and that page has
// finished loading: a query made while the old document is still in place
// would hold nodes the new one discards ("Could not find node with given id").
func waitLocation(t *testing.T, b *browsertest.Browser, suffix string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	loc := ""
	for time.Now().Before(deadline) {
		var err error
		loc, err = chromedp.Run(b.Ctx, chromedp.Location())
		if err == nil && strings.HasSuffix(loc, suffix) {
			state, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string]("document.readyState"))
			if err == nil && state == "complete" {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("location %q, want one ending in %q", loc, suffix)
}

func click(t *testing.T, b *browsertest.Browser, css string) {
	t.Helper()
	if err := chromedp.Do(b.Ctx, chromedp.Click(chromedp.CSS(css))); err != nil {
		t.Fatalf("click %s: %v", css, err)
	}
}

func eval[T any](t *testing.T, b *browsertest.Browser, js string) T {
	t.Helper()
	v, err := chromedp.Run(b.Ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// TestOfflineBrowsing opens the offline build from file:// and walks it as a
// reader would: home, a topic, a check, a citation, its source, a related
// question; then searches and opens a result.
func TestOfflineBrowsing(t *testing.T) {
	b := browsertest.New(t)
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: sampleSite, Destination: dest, Offline: true})
	home := "file://" + dest + "/index.html"

	if err := chromedp.Do(b.Ctx, chromedp.Navigate(home)); err != nil {
		t.Fatal(err)
	}
	click(t, b, `.tags a[href="topics/immigration/index.html"]`)
	waitLocation(t, b, "/topics/immigration/index.html")

	click(t, b, `.check-item h3 a`)
	waitLocation(t, b, "/checks/minneapolis-police-ice/index.html")

	click(t, b, `#cite-4-1 a`)
	waitLocation(t, b, "/checks/minneapolis-police-ice/index.html#src-4")
	if target := eval[string](t, b, `document.querySelector(":target") && document.querySelector(":target").id`); target != "src-4" {
		t.Errorf("the citation did not land on its source entry: :target is %q", target)
	}
	click(t, b, `#src-4 .backlinks a`)
	waitLocation(t, b, "#cite-4-1")

	click(t, b, `section[aria-labelledby="questions"] li a`)
	waitLocation(t, b, "/index.html")
	if h1 := eval[string](t, b, `document.querySelector("h1").textContent`); !strings.HasSuffix(h1, "?") {
		t.Errorf("related question page heading %q", h1)
	}

	click(t, b, `nav a[href$="search/index.html"]`)
	waitLocation(t, b, "/search/index.html")
	if err := chromedp.Do(b.Ctx, chromedp.SendKeys(chromedp.CSS("#search-input"), "immig polic")); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.Ctx, chromedp.WaitVisible(chromedp.CSS("#search-results li a"))); err != nil {
		t.Fatal(err)
	}
	if status := eval[string](t, b, `document.getElementById("search-status").textContent`); !strings.HasPrefix(status, "1 check matches") {
		t.Errorf("search status %q", status)
	}
	if n := eval[int](t, b, `window.factpressSearch("minneapols").then(function (h) { return h ? h.length : 0; })`); n != 1 {
		t.Errorf("a one-letter typo found %d checks, want 1", n)
	}
	if n := eval[int](t, b, `window.factpressSearch("immigration nothingmatches").then(function (h) { return h ? h.length : 0; })`); n != 0 {
		t.Errorf("a second, unmatched word should narrow to nothing, got %d", n)
	}
	click(t, b, `#search-results li a`)
	waitLocation(t, b, "/checks/minneapolis-police-ice/index.html")

	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("the pages reported errors: %v", errs)
	}
	for _, u := range b.Requests() {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("a request left file://: %s", u)
		}
	}
}

// TestSearchWithoutJavaScript checks the page says plainly that search
// needs JavaScript when scripts do not run.
func TestSearchWithoutJavaScript(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: sampleSite, Destination: dest})
	page := read(t, dest, "search/index.html")
	if !strings.Contains(page, `id="search-nojs"`) || !strings.Contains(page, "Search needs JavaScript") || !strings.Contains(page, `<form id="search-form" role="search" hidden>`) {
		t.Error("without JavaScript the search page must show a plain message and hide the form")
	}
}

// TestMinifiedLayoutsKeepScriptsAndWords: a site's layout with an inline
// script of several lines and // comments, and two links on two lines,
// survives the layouts' minification: the script runs in Chromium and the
// links' words stay apart.
func TestMinifiedLayoutsKeepScriptsAndWords(t *testing.T) {
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	layout := `{{define "main"}}
<nav><a href="{{rel .Root ""}}">home</a>
<a href="{{rel .Root "checks/"}}">all checks</a></nav>
<p id="out"></p>
<script>
// a comment on its own line
const n = 1 // and one after code
const greeting = "counted " + n
document.getElementById("out").textContent = greeting
</script>
<pre id="pre">  two
    lines</pre>
{{end}}
`
	os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
	os.WriteFile(filepath.Join(src, "layouts/404.html"), []byte(layout), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: src, Destination: dest, Offline: true})
	page := read(t, dest, "404.html")
	// html/template drops the comments; the lines must stay lines.
	if !strings.Contains(page, "const n = 1 \nconst greeting") {
		t.Errorf("the script's lines were joined:\n%s", page)
	}
	b := browsertest.New(t)
	if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+dest+"/404.html")); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, b, `document.getElementById("out").textContent`); got != "counted 1" {
		t.Errorf("the inline script gave %q", got)
	}
	if got := eval[string](t, b, `document.querySelector("main nav").innerText`); got != "home all checks" {
		t.Errorf("the links read %q", got)
	}
	if got := eval[string](t, b, `document.getElementById("pre").textContent`); got != "  two\n    lines" {
		t.Errorf("preformatted text became %q", got)
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}

// TestPagesInTheSiteLanguage opens a Spanish and an Arabic site in
// Chromium: the Spanish check page speaks Spanish and dates as Spanish
// does, in the page and in search results; the Arabic page is laid out
// right to left, its claim card mirrored.
func TestPagesInTheSiteLanguage(t *testing.T) {
	b := browsertest.New(t)
	sites := map[string]map[string]string{"es": testsite.Spanish(), "ar": testsite.Arabic(), "zh": testsite.Chinese()}
	for lang, files := range sites {
		dest := filepath.Join(t.TempDir(), "public")
		res := buildOK(t, Options{Source: testsite.Write(t, files), Destination: dest, Offline: true, CheckLinks: true})
		diags := res.Diags
		if lang == "zh" {
			diags = withoutCardFont(t, diags)
		}
		if len(diags) != 0 {
			t.Errorf("%s: %v", lang, diags)
		}
		c := res.Site.Checks[0]
		if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+dest+"/"+c.Path+"index.html")); err != nil {
			t.Fatal(err)
		}
		text := eval[string](t, b, `document.body.textContent`)
		switch lang {
		case "es":
			for _, want := range []string{"Nuestro veredicto:", "La afirmación", "Fuentes", "17 de enero de 2026", "Falso"} {
				if !strings.Contains(text, want) {
					t.Errorf("the Spanish page lacks %q", want)
				}
			}
			if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+dest+"/search/index.html")); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(b.Ctx, chromedp.SendKeys(chromedp.CSS("#search-input"), "Bogotá")); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(b.Ctx, chromedp.WaitVisible(chromedp.CSS("#search-results li time"))); err != nil {
				t.Fatal(err)
			}
			if got := eval[string](t, b, `document.querySelector("#search-results li time").textContent`); got != "17 de enero de 2026" {
				t.Errorf("a search result's date: %q", got)
			}
			if got := eval[string](t, b, `document.getElementById("search-status").textContent`); !strings.HasPrefix(got, "1 verificación coincide con «Bogotá»") {
				t.Errorf("the search status: %q", got)
			}
			// Accents fold away, both ways.
			for query, want := range map[string]int{"policia": 1, "policía": 1, "POLICÍA bogota": 1, "niños": 1, "ninos": 1} {
				if n := eval[int](t, b, `window.factpressSearch(`+strconv.Quote(query)+`).then(function (h) { return h ? h.length : 0; })`); n != want {
					t.Errorf("a search for %q found %d checks, want %d", query, n, want)
				}
			}
		case "zh":
			for _, want := range []string{"我们的结论：", "说法", "来源", "2026年1月17日", "错误"} {
				if !strings.Contains(text, want) {
					t.Errorf("the Chinese page lacks %q", want)
				}
			}
			if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+dest+"/search/index.html")); err != nil {
				t.Fatal(err)
			}
			for query, want := range map[string]int{"疫苗": 1, "疫苗安全": 1, "房价": 1, "安全吗": 1, "北京": 0} {
				if n := eval[int](t, b, `window.factpressSearch(`+strconv.Quote(query)+`).then(function (h) { return h ? h.length : 0; })`); n != want {
					t.Errorf("a search for %q found %d checks, want %d", query, n, want)
				}
			}
		case "ar":
			if dir := eval[string](t, b, `getComputedStyle(document.querySelector(".check")).direction`); dir != "rtl" {
				t.Errorf("the Arabic check page's direction is %q", dir)
			}
			// The card's rule is on its start side: the right, in Arabic.
			right := eval[string](t, b, `getComputedStyle(document.querySelector(".claim-box")).borderRightWidth`)
			left := eval[string](t, b, `getComputedStyle(document.querySelector(".claim-box")).borderLeftWidth`)
			if right == "0px" || left != "0px" {
				t.Errorf("the claim card is not mirrored: border right %s, left %s", right, left)
			}
			if !strings.Contains(text, "حكمنا:") {
				t.Error("the Arabic page lacks its labels")
			}
		}
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}
