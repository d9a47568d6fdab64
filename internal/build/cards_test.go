package build

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/testsite"
)

var (
	metaRE     = regexp.MustCompile(`<meta (?:property|name)="([^"]+)" content="([^"]*)">`)
	iconRE     = regexp.MustCompile(`<link rel="icon" href="([^"]*)"`)
	brandImgRE = regexp.MustCompile(`<a class="brand" href="[^"]*"><img src="([^"]*)" alt(?:="")? height="32">`)
)

// metas are a page's meta tags by property or name, each with every
// value it has.
func metas(html string) map[string][]string {
	out := map[string][]string{}
	for _, m := range metaRE.FindAllStringSubmatch(html, -1) {
		out[m[1]] = append(out[m[1]], m[2])
	}
	return out
}

// shareCards checks every page of a built site: it names one og:image, a
// PNG of 1200×630 in the output, with its size, type and alt, and a
// summary_large_image Twitter card; a check also has its published and
// modified dates. It gives the cards each page names, by page.
func shareCards(t *testing.T, dest, base string) map[string]string {
	t.Helper()
	cards := map[string]string{}
	checked := map[string]bool{}
	err := filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Contains(data, []byte("<head>")) {
			return nil // the root of a site in language folders, which leads on
		}
		m := metas(string(data))
		img := m["og:image"]
		if len(img) != 1 {
			t.Errorf("%s: og:image %v, want one", rel, img)
			return nil
		}
		for k, want := range map[string]string{"og:image:width": "1200", "og:image:height": "630", "og:image:type": "image/png", "twitter:card": "summary_large_image"} {
			if got := m[k]; len(got) != 1 || got[0] != want {
				t.Errorf("%s: %s %v, want %s", rel, k, got, want)
			}
		}
		if alt := m["og:image:alt"]; len(alt) != 1 || alt[0] == "" {
			t.Errorf("%s: og:image:alt %v", rel, alt)
		}
		isCheck := strings.Contains(string(data), `<meta property="og:type" content="article">`)
		for _, k := range []string{"article:published_time", "article:modified_time"} {
			got := m[k]
			if isCheck && (len(got) != 1 || !regexp.MustCompile(`^\d{4}-\d\d-\d\d$`).MatchString(got[0])) {
				t.Errorf("%s: %s %v, want a date", rel, k, got)
			}
			if !isCheck && len(got) != 0 {
				t.Errorf("%s: %s on a page that is not a check", rel, k)
			}
		}
		file, ok := strings.CutPrefix(img[0], base)
		if !ok {
			t.Errorf("%s: og:image %s is not under %s", rel, img[0], base)
			return nil
		}
		cards[filepath.ToSlash(rel)] = file
		if checked[file] {
			return nil
		}
		checked[file] = true
		pic, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("%s: its og:image: %v", rel, err)
			return nil
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(pic))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: %s is %v×%v (%v), want a PNG of 1200×630", rel, file, cfg.Width, cfg.Height, err)
		}
		if _, err := png.Decode(bytes.NewReader(pic)); err != nil {
			t.Errorf("%s: %s: %v", rel, file, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return cards
}

func TestEveryPageHasAShareCard(t *testing.T) {
	for _, tc := range []struct {
		name, src, baseURL, base string
	}{
		{"sample, address with a host", sampleSite, "https://org.github.io/archive/", "https://org.github.io/archive/"},
		{"sample, a path", sampleSite, "/archive/", "/archive/"},
		{"arabic", testsite.Write(t, testsite.Arabic()), "https://example.org/", "https://example.org/"},
		{"chinese", testsite.Write(t, testsite.Chinese()), "https://example.org/", "https://example.org/"},
		{"bilingual", testsite.Write(t, testsite.Bilingual()), "https://example.org/", "https://example.org/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			res := buildOK(t, Options{Source: tc.src, Destination: dest, BaseURL: tc.baseURL})
			cards := shareCards(t, dest, tc.base)
			if len(cards) != res.Stats.Pages {
				t.Errorf("%d pages with a card, %d pages", len(cards), res.Stats.Pages)
			}
			for page, c := range cards {
				if !strings.HasPrefix(c, "cards/") || !regexp.MustCompile(`^cards/[0-9a-f]{16}\.png$`).MatchString(c) {
					t.Errorf("%s: card %s, want cards/<hash>.png", page, c)
				}
			}
			for _, c := range res.Site.Checks {
				page := strings.TrimPrefix(c.Path, "/") + "index.html"
				if tc.name == "bilingual" && !strings.HasPrefix(c.Path, "checks/") {
					continue
				}
				if cards[page] == cards["index.html"] {
					t.Errorf("%s shows the site's card", page)
				}
			}
		})
	}
}

// A check's card shows its claim; a verdict's page and checks whose claims
// the fonts cannot draw show the verdict's; the others the site's.
func TestShareCardsByPage(t *testing.T) {
	files := map[string]string{
		"factpress.yaml":         "title: \"Cards\"\nbase_url: https://example.org/\norganization:\n  name: Cards Desk\n  logo: https://example.org/assets/logo.png\n",
		"content/checks/a.md":    testsite.Check("Did bread prices double?", "A page", "[economy]", "What does bread cost?", ""),
		"content/checks/b.md":    testsite.Check("Did bread prices double?", "A page", "[economy]", "What does bread cost?", ""),
		"content/checks/c.md":    testsite.Check("疫苗安全吗？", "A page", "[health]", "Is it safe?", ""),
		"content/pages/about.md": testsite.Page("About", "", "Who we are."),
	}
	src := testsite.Write(t, files)
	logo := new(bytes.Buffer)
	if err := png.Encode(logo, solid(40, 20)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(src, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "assets", "logo.png"), logo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	res := buildOK(t, Options{Source: src, Destination: dest})
	var warned []string
	for _, d := range res.Diags {
		if d.Code == "card-font" {
			warned = append(warned, fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message))
		}
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0], "content/checks/c.md:3: the share cards' fonts cannot draw 疫 苗 安 全 吗 ？, so this check's claim is left off") || !strings.Contains(warned[0], "assets/fonts/") {
		t.Errorf("warnings of what the cards cannot draw: %q, want one on c.md's claim, naming its characters and assets/fonts/", warned)
	}
	cards := shareCards(t, dest, "https://example.org/")
	a, b, c := cards["checks/a/index.html"], cards["checks/b/index.html"], cards["checks/c/index.html"]
	if a != b {
		t.Errorf("two checks of one claim and verdict show %s and %s, want one card", a, b)
	}
	if c != cards["verdicts/false/index.html"] || c == a {
		t.Errorf("a claim no font draws shows %s, want its verdict's %s", c, cards["verdicts/false/index.html"])
	}
	for _, p := range []string{"about/index.html", "topics/index.html", "404.html", "index.html"} {
		if cards[p] != cards["checks/index.html"] || cards[p] == a {
			t.Errorf("%s shows %s, want the site's card %s", p, cards[p], cards["checks/index.html"])
		}
	}
	home, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if m := iconRE.FindStringSubmatch(string(home)); m == nil || m[1] != "assets/logo.png" {
		t.Errorf("favicon %v, want the logo, assets/logo.png", m)
	}
	if m := brandImgRE.FindStringSubmatch(string(home)); m == nil || m[1] != "assets/logo.png" {
		t.Errorf("the header's brand link has no logo: %v", m)
	}

	// A favicon of the site's own comes first.
	if err := os.WriteFile(filepath.Join(src, "assets", "favicon.ico"), []byte("\x00\x00\x01\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	buildOK(t, Options{Source: src, Destination: dest})
	home, _ = os.ReadFile(filepath.Join(dest, "checks", "a", "index.html"))
	if m := iconRE.FindStringSubmatch(string(home)); m == nil || m[1] != "../../assets/favicon.ico" {
		t.Errorf("favicon %v, want ../../assets/favicon.ico", m)
	}
}

// An unchanged card is not drawn again, and a changed claim is a card of
// another name, the old one gone.
func TestShareCardsAreKeptByWhatTheyShow(t *testing.T) {
	files := map[string]string{
		"factpress.yaml":      "title: \"Cards\"\nbase_url: https://example.org/\n",
		"content/checks/a.md": testsite.Check("Did bread prices double?", "A page", "[economy]", "What does bread cost?", ""),
		"content/checks/b.md": testsite.Check("Did rents fall?", "A page", "[economy]", "What does rent cost?", ""),
	}
	src := testsite.Write(t, files)
	dest := filepath.Join(t.TempDir(), "public")
	var first map[string]string
	var res *Result
	// The output's second tree starts as the first's files: the second
	// build finds its cards.
	for range 2 {
		res = buildOK(t, Options{Source: src, Destination: dest})
		first = shareCards(t, dest, "https://example.org/")
	}
	kept := 0
	for _, f := range mustList(t, dest) {
		if !strings.HasSuffix(f, ".html") && !strings.HasPrefix(f, "cards/") {
			kept++
		}
	}
	// Nothing changed: no page and no card is rendered, only the files
	// made whole (feeds, assets, the index).
	if res.Stats.Rendered != kept {
		t.Errorf("a build of nothing new rendered %d outputs, want the %d files made whole", res.Stats.Rendered, kept)
	}
	files["content/checks/a.md"] = strings.Replace(files["content/checks/a.md"], "claim: \"Did bread prices double?\"", "claim: \"Bread prices doubled.\"", 1)
	if err := os.WriteFile(filepath.Join(src, "content", "checks", "a.md"), []byte(files["content/checks/a.md"]), 0o644); err != nil {
		t.Fatal(err)
	}
	buildOK(t, Options{Source: src, Destination: dest})
	now := shareCards(t, dest, "https://example.org/")
	if now["checks/a/index.html"] == first["checks/a/index.html"] {
		t.Error("a changed claim kept its card's name")
	}
	if now["checks/b/index.html"] != first["checks/b/index.html"] || now["index.html"] != first["index.html"] {
		t.Error("cards whose checks did not change changed their names")
	}
	if slices.Contains(mustList(t, dest), first["checks/a/index.html"]) {
		t.Errorf("the old card %s is still in the output", first["checks/a/index.html"])
	}
}

// claim_cards: false gives each check its verdict's card, and draws no
// card of a claim.
func TestClaimCardsCanBeLeftOut(t *testing.T) {
	files := map[string]string{
		"factpress.yaml":      "title: \"Cards\"\nbase_url: https://example.org/\nclaim_cards: false\n",
		"content/checks/a.md": testsite.Check("Did bread prices double?", "A page", "[economy]", "What does bread cost?", ""),
		"content/checks/b.md": testsite.Check("Did rents fall?", "A page", "[economy]", "What does rent cost?", ""),
	}
	dest := filepath.Join(t.TempDir(), "public")
	res := buildOK(t, Options{Source: testsite.Write(t, files), Destination: dest})
	cards := shareCards(t, dest, "https://example.org/")
	if a, v := cards["checks/a/index.html"], cards["verdicts/false/index.html"]; a != v || cards["checks/b/index.html"] != v {
		t.Errorf("the checks show %s and %s, want their verdict's card %s", a, cards["checks/b/index.html"], v)
	}
	drawn := 0
	for _, f := range mustList(t, dest) {
		if strings.HasPrefix(f, "cards/") {
			drawn++
		}
	}
	if want := 1 + len(res.Site.Verdicts); drawn != want {
		t.Errorf("%d cards drawn, want the site's and the %d verdicts'", drawn, len(res.Site.Verdicts))
	}
}

// solid is a picture of one colour, w×h.
func solid(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{0x0b, 0x5c, 0xad, 0xff})
	}
	return img
}

func mustList(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !strings.HasPrefix(filepath.Base(rel), ".") {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withoutCardFont takes out of a build's findings the one warning that a
// site in a script the embedded fonts lack (Chinese) gets, and fails when
// it is not there: its cards leave the text out.
func withoutCardFont(t *testing.T, diags diag.List) diag.List {
	t.Helper()
	var out diag.List
	warned := 0
	for _, d := range diags {
		if d.Code == "card-font" && d.Severity == diag.Warning {
			warned++
			continue
		}
		out = append(out, d)
	}
	if warned != 1 {
		t.Errorf("%d warnings that the cards' fonts cannot draw the site's text, want 1", warned)
	}
	return out
}
