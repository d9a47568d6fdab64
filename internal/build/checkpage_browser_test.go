package build

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/urls"
)

// checkPage is what TestCheckPageVerdictFirst reads of a check's page.
type checkPage struct {
	Found    string   `json:"found"`    // "What we found"
	Paras    []string `json:"paras"`    // every other paragraph of the article, blanks collapsed
	Label    string   `json:"label"`    // the verdict block's label
	Caption  string   `json:"caption"`  // the scale picture's caption
	Steps    []string `json:"steps"`    // the text of each step of the picture
	Current  []string `json:"current"`  // the text of the marked steps
	Visible  bool     `json:"visible"`  // the verdict block and its picture have a size on screen
	Hidden   bool     `json:"hidden"`   // the picture is hidden from screen readers, which read the caption
	Order    []string `json:"order"`    // the blocks of the page, top to bottom
	Left     float64  `json:"left"`     // the empty margin left of the page's content
	Right    float64  `json:"right"`    // and right of it
	Beside   bool     `json:"beside"`   // the verdict block is beside the claim, not below it
	Overflow bool     `json:"overflow"` // the page scrolls sideways
	Seen     []string `json:"seen"`     // the labels of the places the claim appeared
}

const readCheckPage = `(function () {
	function norm(s) { return s.replace(/\s+/g, " ").trim(); }
	function rect(css) { var e = document.querySelector(css); return e ? e.getBoundingClientRect() : null; }
	var a = document.querySelector("article.check"), found = document.querySelector(".found p");
	var paras = Array.from(a.querySelectorAll("p")).filter(function (p) { return !p.closest(".found, .verdict-block"); }).map(function (p) { return norm(p.textContent); });
	var vb = rect(".verdict-block"), pic = rect(".scale-picture"), claim = rect(".claim-box");
	var blocks = Array.from(document.querySelectorAll(".claim-box, .verdict-block, .found, .check-grid > .body"))
		.sort(function (x, y) { return x.getBoundingClientRect().top - y.getBoundingClientRect().top; })
		.map(function (e) { return e.classList[0]; });
	var l = Infinity, r = -Infinity;
	a.querySelectorAll("h1, .check-grid > *").forEach(function (e) { var b = e.getBoundingClientRect(); if (b.width) { l = Math.min(l, b.left); r = Math.max(r, b.right); } });
	return JSON.stringify({
		found: found ? norm(found.textContent) : "",
		paras: paras,
		label: norm((document.querySelector(".verdict-label") || {textContent: ""}).textContent),
		caption: norm((document.querySelector(".scale figcaption") || {textContent: ""}).textContent),
		steps: Array.from(document.querySelectorAll(".scale-steps .step")).map(function (e) { return norm(e.textContent); }),
		current: Array.from(document.querySelectorAll(".scale .step.current")).map(function (e) { return norm(e.textContent); }),
		visible: !!(vb && vb.height > 0 && pic && pic.height > 0 && pic.width > 0),
		hidden: !!document.querySelector(".scale-picture[aria-hidden=true]"),
		order: blocks,
		left: l, right: document.documentElement.clientWidth - r,
		beside: !!(vb && claim && vb.top < claim.bottom && (vb.left >= claim.right || vb.right <= claim.left)),
		overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
		seen: Array.from(document.querySelectorAll(".appearances a")).map(function (e) { return norm(e.textContent); })
	});
})()`

// TestCheckPageVerdictFirst opens every check of the 200 real ones in
// Chromium: none says its first paragraph twice (as "What we found" and
// again in the body), each has a verdict block with its label and a
// picture of its place on the scale that says it in words, and the page
// is balanced: the verdict beside the claim on a wide screen, with the
// same margin either side; below the claim and above what was found on a
// phone, with nothing wider than the screen.
func TestCheckPageVerdictFirst(t *testing.T) {
	src := filepath.Join(sampleSite, "..", "shared", "corpus", "real-sample")
	if _, err := os.Stat(filepath.Join(src, "factpress.yaml")); err != nil {
		t.Skip("../shared/corpus/real-sample is not here")
	}
	b := browsertest.New(t)
	dest := filepath.Join(t.TempDir(), "public")
	res := buildOK(t, Options{Source: src, Destination: dest, Offline: true})
	caption := regexp.MustCompile(`^(.+): ([1-5]) on a scale of 1 to 5$`)
	off := regexp.MustCompile(`^(.+): off the scale of 1 to 5$`)
	site := regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)+( \([0-9]+\))?$`) // facebook.com, perma.cc (2)
	read := func(path string) checkPage {
		t.Helper()
		if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+filepath.Join(dest, path))); err != nil {
			t.Fatal(err)
		}
		waitLocation(t, b, path)
		var p checkPage
		if err := json.Unmarshal([]byte(eval[string](t, b, readCheckPage)), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	widths := []int64{1280, 390, 768, 1920}
	for _, w := range widths {
		if err := chromedp.Do(b.Ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		checks := res.Site.Checks
		if w != widths[0] {
			checks = checks[:10] // the layout at other widths, on a few
		}
		for _, c := range checks {
			path := urls.File(c.Path)
			p := read(path)
			where := fmt.Sprintf("%s at %d px", path, w)
			if p.Found == "" {
				t.Errorf("%s: no \"What we found\"", where)
			}
			for _, para := range p.Paras {
				if para == p.Found {
					t.Errorf("%s says what it found twice: %q", where, para)
				}
			}
			if p.Label != c.Verdict.Label || !p.Visible || !p.Hidden {
				t.Errorf("%s: verdict block %q (want %q), shown %v, picture hidden from screen readers %v", where, p.Label, c.Verdict.Label, p.Visible, p.Hidden)
			}
			if len(p.Steps) != 5 || len(p.Current) != 1 {
				t.Fatalf("%s: the scale has steps %q, marked %q; want 5 steps, one marked", where, p.Steps, p.Current)
			}
			if r := c.Verdict.Rating; r > 0 {
				m := caption.FindStringSubmatch(p.Caption)
				if m == nil || m[1] != c.Verdict.Label || m[2] != fmt.Sprint(r) || p.Current[0] != fmt.Sprint(r) || p.Steps[r-1] != fmt.Sprint(r) {
					t.Errorf("%s: caption %q, marked step %q; want %s at %d on the scale", where, p.Caption, p.Current, c.Verdict.Label, r)
				}
			} else if m := off.FindStringSubmatch(p.Caption); m == nil || m[1] != c.Verdict.Label || p.Current[0] != c.Verdict.Label {
				t.Errorf("%s: caption %q, marked %q; want %s off the scale", where, p.Caption, p.Current, c.Verdict.Label)
			}
			if len(p.Seen) != len(c.Appearances) {
				t.Errorf("%s: %d places it appeared, want %d", where, len(p.Seen), len(c.Appearances))
			}
			for _, s := range p.Seen {
				if !site.MatchString(s) {
					t.Errorf("%s: a place it appeared is labelled %q, not by its site", where, s)
				}
			}
			if p.Overflow {
				t.Errorf("%s scrolls sideways", where)
			}
			wide := w >= 1024
			if p.Beside != wide {
				t.Errorf("%s: the verdict is beside the claim: %v", where, p.Beside)
			}
			if want := "claim-box verdict-block found body"; !wide && strings.Join(p.Order, " ") != want {
				t.Errorf("%s: blocks in the order %q, want %q", where, p.Order, want)
			}
			if wide && math.Abs(p.Left-p.Right) > 0.05*float64(w) {
				t.Errorf("%s is lopsided: %.0f px free on the left, %.0f on the right", where, p.Left, p.Right)
			}
		}
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("browser errors: %v", errs)
	}
}
