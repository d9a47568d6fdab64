package card

import (
	"bytes"
	"cmp"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
	"golang.org/x/image/vector"
)

// A card is a paletted PNG: text is drawn in ramps of rampSteps shades
// between its colour and what it is drawn on, and the logo gets the
// palette's other places. A paletted picture is a third of the bytes of
// an RGB one to compress, which is most of the time a card takes.
const rampSteps = 16

// palette is the colours a card is drawn in.
type palette struct {
	ramps []color.NRGBA
	logo  image.Rectangle // where the logo is, whose colours are its own
	all   color.Palette   // made by quantize
}

// ramp adds the shades from bg to fg.
func (p *palette) ramp(fg, bg color.NRGBA) {
	for l := range rampSteps {
		c := mix(fg, bg, l)
		if !slices.Contains(p.ramps, c) {
			p.ramps = append(p.ramps, c)
		}
	}
}

// index is the place of a colour of the ramps in the palette.
func (p *palette) index(c color.NRGBA) uint8 {
	for i, q := range p.all {
		if q == color.Color(c) {
			return uint8(i)
		}
	}
	return 0
}

// mix is step l of rampSteps from bg to fg.
func mix(fg, bg color.NRGBA, l int) color.NRGBA {
	t := float64(l) / (rampSteps - 1)
	m := func(a, b uint8) uint8 { return uint8(math.Round(float64(b) + (float64(a)-float64(b))*t)) }
	return color.NRGBA{m(fg.R, bg.R), m(fg.G, bg.G), m(fg.B, bg.B), 0xff}
}

// quantize turns an RGBA card into its palette: each pixel the nearest
// shade of a ramp, and the logo's pixels dithered among the logo's most
// common colours.
func quantize(img *image.RGBA, p *palette) *image.Paletted {
	p.all = make(color.Palette, 0, 256)
	for _, c := range p.ramps {
		p.all = append(p.all, c)
	}
	if !p.logo.Empty() {
		for _, c := range popular(img, p.logo, 256-len(p.all)) {
			p.all = append(p.all, c)
		}
	}
	out := image.NewPaletted(img.Bounds(), p.all)
	ramps := p.all[:len(p.ramps)]
	near := map[[4]uint8]uint8{}
	for y := range Height {
		row := img.Pix[y*img.Stride : y*img.Stride+4*Width]
		for x := range Width {
			px := [4]uint8(row[4*x : 4*x+4])
			i, ok := near[px]
			if !ok {
				i = uint8(ramps.Index(color.RGBA{px[0], px[1], px[2], px[3]}))
				near[px] = i
			}
			out.Pix[y*out.Stride+x] = i
		}
	}
	if !p.logo.Empty() {
		draw.FloydSteinberg.Draw(out.SubImage(p.logo).(*image.Paletted), p.logo, img, p.logo.Min)
	}
	return out
}

// popular is the n most common colours of r, five bits a channel.
func popular(img *image.RGBA, r image.Rectangle, n int) []color.NRGBA {
	type bin struct{ r, g, b, count int }
	bins := map[int]*bin{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			o := img.PixOffset(x, y)
			pr, pg, pb := int(img.Pix[o]), int(img.Pix[o+1]), int(img.Pix[o+2])
			k := pr>>3<<10 | pg>>3<<5 | pb>>3
			b := bins[k]
			if b == nil {
				b = &bin{}
				bins[k] = b
			}
			b.r, b.g, b.b, b.count = b.r+pr, b.g+pg, b.b+pb, b.count+1
		}
	}
	list := make([]*bin, 0, len(bins))
	for _, b := range bins {
		list = append(list, b)
	}
	slices.SortFunc(list, func(a, b *bin) int {
		return cmp.Or(b.count-a.count, a.r/a.count-b.r/b.count, a.g/a.count-b.g/b.count, a.b/a.count-b.b/b.count)
	})
	var out []color.NRGBA
	for _, b := range list[:min(n, len(list))] {
		out = append(out, color.NRGBA{uint8(b.r / b.count), uint8(b.g / b.count), uint8(b.b / b.count), 0xff})
	}
	return out
}

// encode writes a paletted card as PNG.
func encode(img *image.Paletted, level png.CompressionLevel) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(64 << 10)
	enc := png.Encoder{CompressionLevel: level}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// palTarget draws a claim in the ink ramp of its base's palette: a pixel
// takes the darker of its shade and the glyph's.
type palTarget struct {
	dst    *image.Paletted
	b      *base
	y0, y1 int // the rows drawn in
}

func (t *palTarget) mask(m *glyphMask, at image.Point) {
	r := m.img.Bounds().Add(at).Intersect(t.dst.Rect)
	if r.Empty() {
		return
	}
	t.y0, t.y1 = min(t.y0, r.Min.Y), max(t.y1, r.Max.Y)
	levelOf, ramp := &t.b.levelOf, t.b.ramp
	for y := r.Min.Y; y < r.Max.Y; y++ {
		src := m.levels[(y-at.Y)*m.img.Stride+r.Min.X-at.X:][:r.Dx()]
		dst := t.dst.Pix[y*t.dst.Stride+r.Min.X:][:r.Dx()]
		for x, l := range src {
			// A pixel off the ramp is at 255, above any glyph's.
			if l != 0 && levelOf[dst[x]] < l {
				dst[x] = ramp[l]
			}
		}
	}
}

// roundRect fills r, its corners rounded to radius, in c.
func roundRect(img *image.RGBA, r image.Rectangle, radius float32, c color.NRGBA) {
	w, h := float32(r.Dx()), float32(r.Dy())
	radius = min(radius, w/2, h/2)
	var z vector.Rasterizer
	z.Reset(r.Dx(), r.Dy())
	k := radius * 0.4477 // 1 - 0.5523, the cubic that draws a quarter circle
	z.MoveTo(radius, 0)
	z.LineTo(w-radius, 0)
	z.CubeTo(w-k, 0, w, k, w, radius)
	z.LineTo(w, h-radius)
	z.CubeTo(w, h-k, w-k, h, w-radius, h)
	z.LineTo(radius, h)
	z.CubeTo(k, h, 0, h-k, 0, h-radius)
	z.LineTo(0, radius)
	z.CubeTo(0, k, k, 0, radius, 0)
	z.ClosePath()
	z.Draw(img.SubImage(r).(*image.RGBA), r, image.NewUniform(c), image.Point{})
}

// parseColour reads a verdict's colour as the config gives it: a hex
// colour or a CSS name. Another is grey; a translucent one is seen on
// the card's paper.
func parseColour(s string) color.NRGBA {
	s = strings.ToLower(strings.TrimSpace(s))
	if c, ok := colornames.Map[s]; ok {
		return color.NRGBA{c.R, c.G, c.B, 0xff}
	}
	hex, ok := strings.CutPrefix(s, "#")
	if !ok {
		return muted
	}
	if len(hex) == 3 || len(hex) == 4 {
		var b strings.Builder
		for _, r := range hex {
			b.WriteRune(r)
			b.WriteRune(r)
		}
		hex = b.String()
	}
	if len(hex) == 6 {
		hex += "ff"
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if len(hex) != 8 || err != nil {
		return muted
	}
	c := color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}
	over := func(x, p uint8) uint8 { return uint8((int(x)*int(c.A) + int(p)*(255-int(c.A)) + 127) / 255) }
	return color.NRGBA{over(c.R, paper.R), over(c.G, paper.G), over(c.B, paper.B), 0xff}
}

// onColour is white or black, whichever reads better on bg; white while
// it keeps WCAG's 4.5:1.
func onColour(bg color.NRGBA) color.NRGBA {
	white, black := color.NRGBA{0xff, 0xff, 0xff, 0xff}, color.NRGBA{0, 0, 0, 0xff}
	lw, lb := contrast(white, bg), contrast(black, bg)
	if lw >= 4.5 || lw >= lb {
		return white
	}
	return black
}

func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func luminance(c color.NRGBA) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}
