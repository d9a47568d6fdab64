// Package card draws share cards: 1200×630 PNG pictures of a check's claim and verdict, a verdict or the site, with text shaped in every script.
package card

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strconv"
	"strings"
	"sync"

	"github.com/go-text/typesetting/di"
	xdraw "golang.org/x/image/draw"
)

// Width and Height are a card's size in pixels: what Facebook, X and
// LinkedIn show large.
const Width, Height = 1200, 630

// version changes when a card of the same content would be drawn
// otherwise, so that no old file keeps its name.
const version = "card 1"

// Kind is what a card shows.
type Kind uint8

const (
	// Site is the site's own card: its title and description.
	Site Kind = iota
	// Verdict is a verdict's card: its label.
	Verdict
	// Claim is a check's card: its claim and verdict.
	Claim
)

// Card is what one card shows. Two equal cards are one picture, with one
// name.
type Card struct {
	Kind   Kind
	Lang   string // the site's language, a hint for shaping: "ar"
	RTL    bool   // the site's language is written right to left
	Title  string // Site: the site's title
	Text   string // Site: its description; Verdict: its definition; Claim: the claim
	Label  string // Verdict, Claim: the verdict's label
	Colour string // Verdict, Claim: the verdict's colour, a CSS hex colour or name
	Org    string // the organisation's name, at the top
	Footer string // the site's address, at the foot
	Logo   *Logo  // the organisation's logo; nil for none
}

// Logo is a picture file to draw as the organisation's logo: PNG, JPEG
// or GIF.
type Logo struct {
	name string // for errors: "assets/logo.png"
	data []byte
	sum  [sha256.Size]byte
}

// NewLogo is a logo from its file's name and bytes.
func NewLogo(name string, data []byte) *Logo {
	return &Logo{name: name, data: data, sum: sha256.Sum256(data)}
}

// Drawer draws cards. It is safe for concurrent use and keeps what every
// card reuses: the fonts, the glyphs drawn and the pictures that claim
// cards are drawn on.
type Drawer struct {
	fonts    *fontSet
	painters sync.Pool
	glyphs   sync.Map // glyphKey → *glyphMask
	bases    sync.Map // Key of the card without its claim → *base
	logos    sync.Map // sha256 of a logo's bytes → *logo
}

// New makes a Drawer with the embedded fonts and a site's own, which are
// tried first.
func New(own []Font) (*Drawer, error) {
	fs, err := loadFonts(own)
	if err != nil {
		return nil, err
	}
	d := &Drawer{fonts: fs}
	d.painters.New = func() any { return newPainter(fs) }
	return d, nil
}

// Key is what a card is made from: equal keys are equal pictures.
func (d *Drawer) Key(c Card) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(version))
	h.Write(d.fonts.sum[:])
	var n [8]byte
	field := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field(strconv.Itoa(int(c.Kind)))
	field(c.Lang)
	field(strconv.FormatBool(c.RTL))
	for _, s := range []string{c.Title, c.Text, c.Label, c.Colour, c.Org, c.Footer} {
		field(s)
	}
	if c.Logo != nil {
		field(string(c.Logo.sum[:]))
	} else {
		field("")
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// Name is the card's file name, by its key: "3f2a…9c.png".
func Name(key [sha256.Size]byte) string { return hex.EncodeToString(key[:8]) + ".png" }

// Covers reports whether the fonts can draw every character of s.
func (d *Drawer) Covers(s string) bool { return d.fonts.covers(s) }

// Missing lists the characters of s that no font can draw, once each.
func (d *Drawer) Missing(s string) []rune { return d.fonts.missing(s) }

// The colours of a card, as the site's stylesheet has them in light mode.
var (
	paper  = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	ink    = color.NRGBA{0x1d, 0x21, 0x25, 0xff}
	muted  = color.NRGBA{0x54, 0x5b, 0x63, 0xff}
	accent = color.NRGBA{0x0b, 0x5c, 0xad, 0xff}
)

// Layout, in pixels of the card.
const (
	stripe   = 16                // the coloured band at the card's start
	margin   = 72                // from the band and the other edge
	headTop  = 52                // the organisation's line
	headH    = 76                // its height: the logo's at most
	logoMaxW = 300               // the logo's widest
	bodyTop  = 168               // the claim's or title's box
	bodyBot  = 462               //
	footTop  = 490               // the verdict's pill and the address
	footH    = 84                //
	textW    = Width - 2*margin  // the widest line
	bodyH    = bodyBot - bodyTop //
)

// Draw draws a card as a PNG file.
func (d *Drawer) Draw(c Card) ([]byte, error) {
	p := d.painters.Get().(*painter)
	defer d.painters.Put(p)
	if c.Kind == Claim {
		return d.drawClaim(p, c)
	}
	img, pal, err := d.drawBase(p, c)
	if err != nil {
		return nil, err
	}
	return encode(quantize(img, pal), png.DefaultCompression)
}

// drawBase draws every part of a card on an RGBA picture, a claim card's
// claim aside, and gives the colour ramps its palette needs.
func (d *Drawer) drawBase(p *painter, c Card) (*image.RGBA, *palette, error) {
	// A text the fonts cannot draw all of is left out, not drawn in
	// boxes: a site writing in another script adds its font to
	// assets/fonts/.
	for _, s := range []*string{&c.Title, &c.Text, &c.Label, &c.Org, &c.Footer} {
		if !d.fonts.covers(*s) {
			*s = ""
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	pal := &palette{}
	pal.ramp(ink, paper)
	pal.ramp(muted, paper)
	fallback := di.DirectionLTR
	if c.RTL {
		fallback = di.DirectionRTL
	}
	// mirror turns a span measured from the card's start into pixels.
	mirror := func(x0, x1 int) (int, int) {
		if c.RTL {
			return Width - x1, Width - x0
		}
		return x0, x1
	}
	startAlign := alignLeft
	if c.RTL {
		startAlign = alignRight
	}
	band := accent
	if c.Kind != Site {
		band = parseColour(c.Colour)
	}
	pal.ramp(band, paper)
	x0, x1 := mirror(0, stripe)
	draw.Draw(img, image.Rect(x0, 0, x1, Height), image.NewUniform(band), image.Point{}, draw.Src)

	// The head: the logo, then the organisation's name.
	var logoRect image.Rectangle
	textStart := margin
	if c.Logo != nil {
		lg, err := d.logo(c.Logo)
		if err != nil {
			return nil, nil, err
		}
		w, h := fit(lg.img.Bounds().Size(), logoMaxW, headH)
		a, b := mirror(margin, margin+w)
		top := headTop + (headH-h)/2
		logoRect = image.Rect(a, top, b, top+h)
		xdraw.CatmullRom.Scale(img, logoRect, lg.img, lg.img.Bounds(), xdraw.Over, nil)
		pal.logo = logoRect
		textStart = margin + w + 28
	}
	if c.Org != "" && !(c.Kind == Site && c.Org == c.Title) { // the title says it, larger
		st := style{size: 34, bold: true, maxWidth: Width - margin - textStart, maxLines: 1, lang: c.Lang}
		b := p.set(c.Org, st, fallback)
		a, z := mirror(textStart, Width-margin)
		p.drawBlock(d, newRGBATarget(img, ink), b, a, z, centreBaseline(b, headTop+headH/2), 0, startAlign)
	}

	switch c.Kind {
	case Site:
		title := p.set(c.Title, style{size: 68, bold: true, maxWidth: textW, maxLines: 2, lang: c.Lang}, fallback)
		a, z := mirror(margin, Width-margin)
		y := float32(bodyTop) + firstAscent(title)
		lead := leading(title, 68)
		p.drawBlock(d, newRGBATarget(img, ink), title, a, z, y, lead, startAlign)
		if c.Text != "" {
			desc := p.set(c.Text, style{size: 34, maxWidth: textW, maxLines: 3, lang: c.Lang}, fallback)
			y += title.height(lead) - firstAscent(title) + 28 + firstAscent(desc)
			p.drawBlock(d, newRGBATarget(img, muted), desc, a, z, y, leading(desc, 34), startAlign)
		}
		d.footer(p, img, c, fallback, mirror, startAlign, 0)
	case Verdict:
		top, bottom := bodyTop+40, bodyBot-40
		var desc block
		if c.Text != "" {
			desc = p.set(c.Text, style{size: 32, maxWidth: textW, maxLines: 2, lang: c.Lang}, fallback)
			top, bottom = bodyTop, bodyTop+150
		}
		d.pill(p, img, pal, c, 84, 60, top, bottom, fallback, mirror)
		if len(desc.lines) > 0 {
			a, z := mirror(margin, Width-margin)
			p.drawBlock(d, newRGBATarget(img, muted), desc, a, z, float32(bottom+32)+firstAscent(desc), leading(desc, 32), startAlign)
		}
		d.footer(p, img, c, fallback, mirror, startAlign, 0)
	case Claim:
		w := d.pill(p, img, pal, c, 40, 32, footTop, footTop+footH, fallback, mirror)
		d.footer(p, img, c, fallback, mirror, startAlign, w+32)
	}
	return img, pal, nil
}

// pill draws the verdict's label in white or black on its colour, in a
// rounded box from the card's start between top and bottom; it gives the
// box's width.
func (d *Drawer) pill(p *painter, img *image.RGBA, pal *palette, c Card, size float32, pad, top, bottom int, fallback di.Direction, mirror func(int, int) (int, int)) int {
	bg := parseColour(c.Colour)
	fg := onColour(bg)
	pal.ramp(fg, bg)
	b := p.set(c.Label, style{size: size, bold: true, maxWidth: textW - 2*pad, maxLines: 1, lang: c.Lang}, fallback)
	if c.Label == "" {
		return 0
	}
	w := min(b.width().Ceil()+2*pad, textW)
	a, z := mirror(margin, margin+w)
	roundRect(img, image.Rect(a, top, z, bottom), float32(bottom-top)/5, bg)
	p.drawBlock(d, newRGBATarget(img, fg), b, a, z, centreBaseline(b, (top+bottom)/2), 0, alignCentre)
	return w
}

// footer draws the site's address at the foot: at the card's end when
// something (the pill, reserve pixels wide) is at its start.
func (d *Drawer) footer(p *painter, img *image.RGBA, c Card, fallback di.Direction, mirror func(int, int) (int, int), startAlign align, reserve int) {
	if c.Footer == "" {
		return
	}
	b := p.set(c.Footer, style{size: 28, maxWidth: textW - reserve, maxLines: 1, lang: c.Lang}, fallback)
	a, z := mirror(margin+reserve, Width-margin)
	al := startAlign
	if reserve > 0 { // at the end
		al = map[align]align{alignLeft: alignRight, alignRight: alignLeft}[startAlign]
	}
	p.drawBlock(d, newRGBATarget(img, muted), b, a, z, centreBaseline(b, footTop+footH/2), 0, al)
}

// base is the picture a claim card is drawn on, with everything but the
// claim, in the palette the claim's ramp is part of.
type base struct {
	img     *image.Paletted
	bands   []band     // its rows compressed
	ramp    []uint8    // the palette's indices from paper to ink
	levelOf [256]uint8 // each index's place on that ramp; 255 off it
}

func (d *Drawer) base(p *painter, c Card) (*base, error) {
	c.Text = ""
	k := d.Key(c)
	if b, ok := d.bases.Load(k); ok {
		return b.(*base), nil
	}
	img, pal, err := d.drawBase(p, c)
	if err != nil {
		return nil, err
	}
	b := &base{img: quantize(img, pal)}
	for i := range b.levelOf {
		b.levelOf[i] = 255
	}
	for l := range rampSteps {
		idx := pal.index(mix(ink, paper, l))
		b.ramp = append(b.ramp, idx)
		if b.levelOf[idx] == 255 {
			b.levelOf[idx] = uint8(l)
		}
	}
	b.levelOf[pal.index(paper)] = 0
	b.bands = bands(b.img)
	actual, _ := d.bases.LoadOrStore(k, b)
	return actual.(*base), nil
}

// drawClaim draws a claim card: the claim on the picture of its verdict,
// straight into the palette.
func (d *Drawer) drawClaim(p *painter, c Card) ([]byte, error) {
	if !d.fonts.covers(c.Text) {
		c.Text = ""
	}
	b, err := d.base(p, c)
	if err != nil {
		return nil, err
	}
	// The painter's pixels are the base's but for the rows its last claim
	// was drawn in, when that was on this base.
	if p.pixOf != b {
		p.pix = append(p.pix[:0], b.img.Pix...)
		p.pixOf = b
	} else {
		lo, hi := p.dirty[0]*b.img.Stride, p.dirty[1]*b.img.Stride
		copy(p.pix[lo:hi], b.img.Pix[lo:hi])
	}
	img := &image.Paletted{Pix: p.pix, Stride: b.img.Stride, Rect: b.img.Rect, Palette: b.img.Palette}
	fallback := di.DirectionLTR
	if c.RTL {
		fallback = di.DirectionRTL
	}
	blk, size := p.fit(c.Text, c.Lang, fallback)
	lead := leading(blk, size)
	h := blk.height(lead)
	y := float32(bodyTop) + (float32(bodyH)-h)/2 + firstAscent(blk)
	al := alignLeft
	if blk.dir == di.DirectionRTL {
		al = alignRight
	}
	t := &palTarget{dst: img, b: b, y0: Height}
	p.drawBlock(d, t, blk, margin, Width-margin, y, lead, al)
	p.dirty = [2]int{min(t.y0, t.y1), t.y1}
	return p.enc.encodeOn(img, b.bands, t.y0, t.y1), nil
}

// claimSizes are the sizes a claim is tried at, largest first; at the
// last it is cut to the lines that fit, with an ellipsis.
var claimSizes = [...]float32{58, 50, 44, 38}

func (p *painter) fit(text, lang string, fallback di.Direction) (block, float32) {
	for i, size := range claimSizes {
		last := i == len(claimSizes)-1
		st := style{size: size, maxWidth: textW, lang: lang}
		b := p.set(text, st, fallback)
		if b.height(leading(b, size)) <= bodyH {
			return b, size
		}
		if last {
			lead := leading(b, size)
			lines := 1
			for float32(lines)*lead+float32(b.lines[0].ascent-b.lines[0].descent)/64 <= bodyH {
				lines++
			}
			st.maxLines = lines
			return p.set(text, st, fallback), size
		}
	}
	panic("unreachable")
}

// leading is the distance between a block's baselines: 1.3 times its
// size, or more for a font whose lines are taller (Arabic's).
func leading(b block, size float32) float32 {
	l := size * 1.3
	for _, ln := range b.lines {
		l = max(l, float32(ln.ascent-ln.descent)/64*0.92)
	}
	return l
}

// firstAscent is how far the first baseline is below the block's top,
// in pixels.
func firstAscent(b block) float32 {
	if len(b.lines) == 0 {
		return 0
	}
	// The line's bounds hold the font's tallest glyphs; a line's own
	// glyphs sit a little lower.
	return float32(b.lines[0].ascent) / 64 * 0.85
}

// centreBaseline is the baseline that centres a one-line block's glyphs
// on y.
func centreBaseline(b block, y int) float32 {
	if len(b.lines) == 0 {
		return float32(y)
	}
	l := b.lines[0]
	return float32(y) + float32(l.inkUp+l.inkDown)/64/2
}

// fit scales a size to fit within w×h, keeping its shape.
func fit(s image.Point, w, h int) (int, int) {
	if s.X <= 0 || s.Y <= 0 {
		return 0, 0
	}
	if s.X*h > w*s.Y {
		return w, max(1, s.Y*w/s.X)
	}
	return max(1, s.X*h/s.Y), h
}

// logo is a decoded logo.
type logo struct{ img image.Image }

// maxLogo is the largest logo decoded, in pixels each way.
const maxLogo = 4096

func (d *Drawer) logo(lg *Logo) (*logo, error) {
	data, sum := lg.data, lg.sum
	if l, ok := d.logos.Load(sum); ok {
		return l.(*logo), nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: the organisation's logo is not a PNG, JPEG or GIF picture: %w", lg.name, err)
	}
	if cfg.Width > maxLogo || cfg.Height > maxLogo {
		return nil, fmt.Errorf("%s: the organisation's logo is %d×%d pixels; the cards take one of at most %d×%d", lg.name, cfg.Width, cfg.Height, maxLogo, maxLogo)
	}
	var img image.Image
	switch format {
	case "png":
		img, err = png.Decode(bytes.NewReader(data))
	case "jpeg":
		img, err = jpeg.Decode(bytes.NewReader(data))
	case "gif":
		img, err = gif.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%s: the organisation's logo: %w", lg.name, err)
	}
	l := &logo{img: img}
	d.logos.Store(sum, l)
	return l, nil
}

// IsLogo reports whether a file can be a card's logo, by its name.
func IsLogo(name string) bool {
	name = strings.ToLower(name)
	return strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".jpg") || strings.HasSuffix(name, ".jpeg") || strings.HasSuffix(name, ".gif")
}
