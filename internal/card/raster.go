package card

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// subpixel is how finely a glyph's position is kept: a quarter pixel.
const subpixel = 4

// glyphKey names a glyph drawn at one size and sub-pixel offset.
type glyphKey struct {
	font   int
	gid    font.GID
	size   fixed.Int26_6
	dx, dy uint8
}

// glyphMask is a glyph's coverage, placed at Off from the whole pixel
// its pen is on. Masks are made once and then only read.
type glyphMask struct {
	img *image.Alpha
	off image.Point
	// levels are img's coverage as steps of the ramps, 0 to rampSteps-1,
	// for claims drawn in a palette.
	levels []uint8
}

// glyph is a drawn glyph, from the Drawer's cache.
func (d *Drawer) glyph(face *font.Face, fontIndex int, gid font.GID, size fixed.Int26_6, dx, dy uint8) *glyphMask {
	k := glyphKey{font: fontIndex, gid: gid, size: size, dx: dx, dy: dy}
	if m, ok := d.glyphs.Load(k); ok {
		return m.(*glyphMask)
	}
	m := rasterize(face, gid, size, float32(dx)/subpixel, float32(dy)/subpixel)
	d.glyphs.Store(k, m)
	return m
}

func rasterize(face *font.Face, gid font.GID, size fixed.Int26_6, sx, sy float32) *glyphMask {
	outline, ok := face.GlyphDataOutline(gid)
	if !ok || len(outline.Segments) == 0 {
		return &glyphMask{}
	}
	scale := float32(size) / 64 / float32(face.Upem())
	minX, minY := float32(math.MaxFloat32), float32(math.MaxFloat32)
	maxX, maxY := -minX, -minY
	for i := range outline.Segments {
		for _, a := range outline.Segments[i].ArgsSlice() {
			x, y := a.X*scale+sx, -a.Y*scale+sy
			minX, maxX = min(minX, x), max(maxX, x)
			minY, maxY = min(minY, y), max(maxY, y)
		}
	}
	x0, y0 := int(math.Floor(float64(minX))), int(math.Floor(float64(minY)))
	x1, y1 := int(math.Ceil(float64(maxX))), int(math.Ceil(float64(maxY)))
	w, h := x1-x0, y1-y0
	if w <= 0 || h <= 0 || w > 4*Width || h > 4*Height {
		return &glyphMask{}
	}
	var z vector.Rasterizer
	z.Reset(w, h)
	pt := func(a ot.SegmentPoint) (float32, float32) {
		return a.X*scale + sx - float32(x0), -a.Y*scale + sy - float32(y0)
	}
	open := false
	for _, s := range outline.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(pt(s.Args[0]))
			open = true
		case ot.SegmentOpLineTo:
			z.LineTo(pt(s.Args[0]))
		case ot.SegmentOpQuadTo:
			bx, by := pt(s.Args[0])
			cx, cy := pt(s.Args[1])
			z.QuadTo(bx, by, cx, cy)
		case ot.SegmentOpCubeTo:
			bx, by := pt(s.Args[0])
			cx, cy := pt(s.Args[1])
			dx, dy := pt(s.Args[2])
			z.CubeTo(bx, by, cx, cy, dx, dy)
		}
	}
	if open {
		z.ClosePath()
	}
	img := image.NewAlpha(image.Rect(0, 0, w, h))
	z.Draw(img, img.Bounds(), image.Opaque, image.Point{})
	levels := make([]uint8, len(img.Pix))
	for i, a := range img.Pix {
		levels[i] = uint8((int(a)*(rampSteps-1) + 127) / 255)
	}
	return &glyphMask{img: img, off: image.Pt(x0, y0), levels: levels}
}

// target is what text is drawn on: a glyph's coverage at a point.
type target interface {
	mask(m *glyphMask, at image.Point)
}

// rgbaTarget paints in one colour over an RGBA picture.
type rgbaTarget struct {
	dst *image.RGBA
	src *image.Uniform
}

func (t rgbaTarget) mask(m *glyphMask, at image.Point) {
	r := m.img.Bounds().Add(at)
	draw.DrawMask(t.dst, r, t.src, image.Point{}, m.img, image.Point{}, draw.Over)
}

func newRGBATarget(dst *image.RGBA, c color.NRGBA) rgbaTarget {
	return rgbaTarget{dst: dst, src: image.NewUniform(c)}
}

// align places a block's lines within their box.
type align int

const (
	alignLeft align = iota
	alignRight
	alignCentre
)

// drawBlock draws a set paragraph with its first baseline at y, its lines
// aligned within [x0, x1). leading is the distance between baselines.
func (p *painter) drawBlock(d *Drawer, t target, b block, x0, x1 int, y float32, leading float32, al align) {
	for i, l := range b.lines {
		base := y + float32(i)*leading
		x := fixed.I(x0)
		free := fixed.I(x1-x0) - l.width
		switch al {
		case alignCentre:
			x += free / 2
		case alignRight:
			x += free
		}
		p.drawLine(d, t, l, x, fixed.Int26_6(base*64))
	}
}

func (p *painter) drawLine(d *Drawer, t target, l line, x, baseline fixed.Int26_6) {
	for _, run := range l.runs {
		fi := p.index[run.Face]
		for _, g := range run.Glyphs {
			gx := x + g.XOffset
			gy := baseline - g.YOffset
			ix, iy := gx.Floor(), gy.Floor()
			dx := uint8((gx - fixed.I(ix)) * subpixel / 64)
			dy := uint8((gy - fixed.I(iy)) * subpixel / 64)
			m := d.glyph(run.Face, fi, g.GlyphID, run.Size, dx, dy)
			if m.img != nil {
				t.mask(m, image.Pt(ix, iy).Add(m.off))
			}
			x += g.Advance
		}
	}
}
