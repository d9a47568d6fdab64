package card

import (
	"bytes"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/go-text/typesetting/di"
)

func newDrawer(t testing.TB) *Drawer {
	t.Helper()
	d, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// logoPNG is a small two-colour logo.
func logoPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 120, 60))
	for y := range 60 {
		for x := range 120 {
			c := color.NRGBA{0x0b, 0x5c, 0xad, 0xff}
			if (x/20+y/20)%2 == 0 {
				c = color.NRGBA{0xf0, 0xa0, 0x20, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// decode reads a card back, checking it is a PNG of the cards' size.
func decode(t *testing.T, name string, data []byte) *image.Paletted {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not a PNG: %v", name, err)
	}
	if img.Bounds() != image.Rect(0, 0, Width, Height) {
		t.Fatalf("%s: %v, want 1200×630", name, img.Bounds())
	}
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("%s: a %T, want a paletted picture", name, img)
	}
	return p
}

func TestDrawEveryKind(t *testing.T) {
	d := newDrawer(t)
	logo := NewLogo("logo.png", logoPNG(t))
	long := strings.Repeat("A claim that goes on and on about the council's budget, ", 12)
	for _, tc := range []struct {
		name string
		card Card
		ink  bool // the body's box holds text
	}{
		{"site", Card{Kind: Site, Lang: "en", Title: "Bench Fact Check", Text: "Independent fact checks.", Org: "Bench Media", Footer: "example.org"}, true},
		{"site with logo", Card{Kind: Site, Lang: "en", Title: "Bench", Org: "Bench", Footer: "example.org", Logo: logo}, true},
		{"verdict", Card{Kind: Verdict, Lang: "en", Label: "Mostly false", Colour: "#b0470a", Org: "Bench", Footer: "example.org", Logo: logo}, true},
		{"verdict in Arabic", Card{Kind: Verdict, Lang: "ar", RTL: true, Label: "خطأ", Colour: "#c4232d", Org: "مرصد", Footer: "example.org"}, true},
		{"claim", Card{Kind: Claim, Lang: "en", Text: "Bread prices doubled in 2025.", Label: "False", Colour: "red", Org: "Bench", Footer: "example.org"}, true},
		{"claim in Arabic", Card{Kind: Claim, Lang: "ar", RTL: true, Text: "قال الوزير إن الأسعار تضاعفت.", Label: "مضلل", Colour: "#7a44c9", Org: "مرصد", Footer: "example.org", Logo: logo}, true},
		{"claim in Hindi", Card{Kind: Claim, Lang: "hi", Text: "प्रधानमंत्री ने कहा कि स्वास्थ्य मंत्रालय ने अस्पताल बनाए।", Label: "अधिकतर सच", Colour: "#3f7a12", Org: "तथ्य जाँच", Footer: "example.org"}, true},
		{"long claim", Card{Kind: Claim, Lang: "en", Text: long, Label: "Mixed", Colour: "#8a6100", Org: "Bench", Footer: "example.org"}, true},
		{"empty claim", Card{Kind: Claim, Lang: "en", Label: "Mixed", Colour: "#8a6100"}, false},
		{"colour not a colour", Card{Kind: Verdict, Lang: "en", Label: "Odd", Colour: "rgb(1 2 3)"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := d.Draw(tc.card)
			if err != nil {
				t.Fatal(err)
			}
			img := decode(t, tc.name, data)
			paper := img.ColorIndexAt(Width/2, 2)
			inked := 0
			for y := bodyTop; y < bodyBot; y++ {
				for x := margin; x < Width-margin; x++ {
					if img.ColorIndexAt(x, y) != paper {
						inked++
					}
				}
			}
			if got := inked > 500; got != tc.ink {
				t.Errorf("%d pixels inked in the body's box; want text there: %v", inked, tc.ink)
			}
		})
	}
}

// The claim card is drawn on its base through the banded encoder: it must
// hold the same pixels as the picture drawn, whatever rows the claim takes.
func TestClaimCardIsItsPixels(t *testing.T) {
	d := newDrawer(t)
	p := d.painters.Get().(*painter)
	for _, text := range []string{"x", "A claim.", strings.Repeat("word ", 80), "قال الوزير إن الأسعار تضاعفت.", "झूठ"} {
		c := Card{Kind: Claim, Lang: "en", Text: text, Label: "False", Colour: "#c4232d", Org: "Bench", Footer: "example.org"}
		b, err := d.base(p, c)
		if err != nil {
			t.Fatal(err)
		}
		data, err := d.drawClaim(p, c)
		if err != nil {
			t.Fatal(err)
		}
		got := decode(t, text, data)
		if !bytes.Equal(got.Pix, p.pix) {
			t.Errorf("%.20q: the PNG's pixels are not the card drawn", text)
		}
		if bytes.Equal(got.Pix, b.img.Pix) {
			t.Errorf("%.20q: the claim was not drawn", text)
		}
	}
}

func TestAdlerRows(t *testing.T) {
	img := image.NewPaletted(image.Rect(0, 0, 300, 20), color.Palette{color.White, color.Black})
	for i := range img.Pix {
		if i%7 == 0 || i%300 > 280 {
			img.Pix[i] = byte(i % 256)
		}
	}
	for _, rows := range [][2]int{{0, 1}, {0, 20}, {3, 11}, {19, 20}} {
		h := adler32.New()
		writeRows(img, rows[0], rows[1], h)
		if got, want := adlerRows(img, rows[0], rows[1]), h.Sum32(); got != want {
			t.Errorf("rows %v: %08x, want %08x", rows, got, want)
		}
	}
}

func TestAdlerCombine(t *testing.T) {
	for _, tc := range []struct{ a, b string }{{"", ""}, {"a", ""}, {"", "b"}, {"hello, ", "world"}, {strings.Repeat("\xff", 70000), strings.Repeat("\xfe", 65521)}} {
		want := adler32.Checksum([]byte(tc.a + tc.b))
		if got := adlerCombine(adler32.Checksum([]byte(tc.a)), adler32.Checksum([]byte(tc.b)), len(tc.b)); got != want {
			t.Errorf("%.10q+%.10q: %08x, want %08x", tc.a, tc.b, got, want)
		}
	}
}

// Arabic letters join: shaped, a word's letters take their initial,
// medial and final forms (other glyphs than the letters' own) and the word
// is narrower than the same letters kept apart by zero-width non-joiners,
// which the shaper draws in their isolated forms.
func TestArabicIsJoined(t *testing.T) {
	d := newDrawer(t)
	p := d.painters.Get().(*painter)
	st := style{size: 58, maxWidth: 4 * Width}
	word := "بالعالم"
	joined := p.set(word, st, di.DirectionRTL)
	apart := p.set(strings.Join(strings.Split(word, ""), "\u200c"), st, di.DirectionRTL)
	if joined.dir != di.DirectionRTL {
		t.Errorf("direction %v, want right to left", joined.dir)
	}
	run := joined.lines[0].runs[0]
	forms := 0
	for _, g := range run.Glyphs {
		r := []rune(word)[g.TextIndex()]
		if nominal, _ := run.Face.NominalGlyph(r); nominal != g.GlyphID {
			forms++
		}
	}
	if forms < 4 {
		t.Errorf("%d of %d glyphs are joining forms, want at least 4", forms, len(run.Glyphs))
	}
	if jw, aw := joined.width(), apart.width(); jw >= aw {
		t.Errorf("joined %v wide, apart %v: joining should narrow the word", jw, aw)
	}
	// And so on the card: the joined claim is other pixels.
	a, _ := d.Draw(Card{Kind: Claim, Lang: "ar", RTL: true, Text: word, Label: "خطأ", Colour: "#c4232d"})
	b, _ := d.Draw(Card{Kind: Claim, Lang: "ar", RTL: true, Text: strings.Join(strings.Split(word, ""), "\u200c"), Label: "خطأ", Colour: "#c4232d"})
	if bytes.Equal(a, b) {
		t.Error("the joined and the unjoined word draw the same card")
	}
}

// Devanagari conjuncts: क्ष (ka, virama, ssa) is one glyph, and the
// vowel sign ि of कि is drawn before the consonant it follows.
func TestDevanagariIsShaped(t *testing.T) {
	d := newDrawer(t)
	p := d.painters.Get().(*painter)
	st := style{size: 58, maxWidth: 4 * Width}
	for _, tc := range []struct {
		text   string
		glyphs int
	}{{"क्ष", 1}, {"क्षत्रिय", 5}} {
		b := p.set(tc.text, st, di.DirectionLTR)
		if got := b.glyphCount(); got > tc.glyphs {
			t.Errorf("%s: %d glyphs for %d characters, want at most %d", tc.text, got, len([]rune(tc.text)), tc.glyphs)
		}
	}
	b := p.set("कि", st, di.DirectionLTR)
	run := b.lines[0].runs[0]
	if len(run.Glyphs) != 2 || run.Glyphs[0].TextIndex() != 0 || run.Glyphs[1].TextIndex() != 0 {
		t.Errorf("कि: glyphs %v, want the vowel sign and ka in one cluster", run.Glyphs)
	}
	if ka, _ := run.Face.NominalGlyph('क'); len(run.Glyphs) == 2 && (run.Glyphs[1].GlyphID != ka || run.Glyphs[0].GlyphID == ka) {
		t.Errorf("कि: ka should come second, after the vowel sign: glyphs %d, %d (ka is %d)", run.Glyphs[0].GlyphID, run.Glyphs[1].GlyphID, ka)
	}
}

// A card's key is what it shows: the same card is the same name, and any
// change of what it shows a new one.
func TestKeyIsWhatItShows(t *testing.T) {
	d := newDrawer(t)
	base := Card{Kind: Claim, Lang: "en", Text: "A claim.", Label: "False", Colour: "#c4232d", Org: "Bench", Footer: "example.org", Logo: NewLogo("logo.png", []byte("logo"))}
	same := base
	same.Logo = NewLogo("logo.png", []byte("logo"))
	if d.Key(base) != d.Key(same) || Name(d.Key(base)) != Name(d.Key(same)) {
		t.Error("equal cards have different keys")
	}
	seen := map[string]string{Name(d.Key(base)): "base"}
	for name, change := range map[string]func(*Card){
		"text":   func(c *Card) { c.Text = "Another claim." },
		"label":  func(c *Card) { c.Label = "True" },
		"colour": func(c *Card) { c.Colour = "#1a7f37" },
		"org":    func(c *Card) { c.Org = "Other" },
		"footer": func(c *Card) { c.Footer = "other.org" },
		"logo":   func(c *Card) { c.Logo = NewLogo("logo.png", []byte("logo2")) },
		"nologo": func(c *Card) { c.Logo = nil },
		"lang":   func(c *Card) { c.Lang = "fr" },
		"rtl":    func(c *Card) { c.RTL = true },
		"kind":   func(c *Card) { c.Kind = Verdict },
		"fields": func(c *Card) { c.Text, c.Label = "A claim.False", "" },
	} {
		c := base
		change(&c)
		n := Name(d.Key(c))
		if other, ok := seen[n]; ok {
			t.Errorf("a change of %s gives the name of %s", name, other)
		}
		seen[n] = name
	}
	own, err := New([]Font{{Name: "assets/fonts/x.ttf", Data: mustFont(t)}})
	if err != nil {
		t.Fatal(err)
	}
	if own.Key(base) == d.Key(base) {
		t.Error("another set of fonts gives the same key")
	}
}

// mustFont is an embedded font's bytes, as a site's own would be.
func mustFont(t *testing.T) []byte {
	t.Helper()
	data, err := readEmbedded("NotoSans-Regular.ttf.gz")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCovers(t *testing.T) {
	d := newDrawer(t)
	for _, tc := range []struct {
		text    string
		covered bool
	}{
		{"Hello, world — 2026 “quoted” €5", true},
		{"Ça coûte 5 € à São Paulo, Łódź, Hà Nội", true},
		{"Αθήνα, Москва", true},
		{"قال الرئيس ٥ في المئة", true},
		{"प्रधानमंत्री ने कहा", true},
		{"疫苗安全吗？", false},
		{"ok 😀", false},
		{" \t\u200d", true},
	} {
		if got := d.Covers(tc.text); got != tc.covered {
			t.Errorf("Covers(%q) = %v, want %v (missing %q)", tc.text, got, tc.covered, string(d.Missing(tc.text)))
		}
	}
	if got := string(d.Missing("疫苗疫")); got != "疫苗" {
		t.Errorf("Missing = %q, want each missing character once", got)
	}
}

func TestNotAFont(t *testing.T) {
	if _, err := New([]Font{{Name: "assets/fonts/broken.ttf", Data: []byte("not a font")}}); err == nil || !strings.Contains(err.Error(), "assets/fonts/broken.ttf") {
		t.Errorf("a broken font: %v, want an error naming it", err)
	}
}

func TestParseColour(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want color.NRGBA
	}{
		{"#c4232d", color.NRGBA{0xc4, 0x23, 0x2d, 0xff}},
		{"#FFF", color.NRGBA{0xff, 0xff, 0xff, 0xff}},
		{"#0008", color.NRGBA{0x77, 0x77, 0x77, 0xff}}, // black, half seen on white
		{"Crimson", color.NRGBA{0xdc, 0x14, 0x3c, 0xff}},
		{"#12345", muted},
		{"", muted},
		{"#gggggg", muted},
	} {
		if got := parseColour(tc.in); got != tc.want {
			t.Errorf("parseColour(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if onColour(color.NRGBA{0xc4, 0x23, 0x2d, 0xff}) != (color.NRGBA{0xff, 0xff, 0xff, 0xff}) {
		t.Error("white should go on red")
	}
	if onColour(color.NRGBA{0xff, 0xe0, 0x40, 0xff}) != (color.NRGBA{0, 0, 0, 0xff}) {
		t.Error("black should go on yellow")
	}
}

// FuzzDraw: any claim, label and logo bytes make a card or an error,
// never a panic, and a card is a PNG of its size.
func FuzzDraw(f *testing.F) {
	f.Add("A claim.", "False", []byte(nil))
	f.Add("قال\u200f الرئيس", "خطأ", []byte("\x89PNG\r\n\x1a\n"))
	f.Add(strings.Repeat("आ", 500), "", []byte("GIF89a"))
	d, err := New(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, label string, logo []byte) {
		var lg *Logo
		if logo != nil {
			lg = NewLogo("logo.png", logo)
		}
		for _, k := range []Kind{Claim, Verdict, Site} {
			data, err := d.Draw(Card{Kind: k, Lang: "en", Title: label, Text: text, Label: label, Colour: label, Org: text, Footer: label, Logo: lg})
			if err != nil {
				continue
			}
			img, err := png.DecodeConfig(bytes.NewReader(data))
			if err != nil || img.Width != Width || img.Height != Height {
				t.Fatalf("kind %d: %v %v", k, img, err)
			}
		}
	})
}
