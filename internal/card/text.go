package card

import (
	"slices"
	"strings"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
)

// painter is what one goroutine draws with: faces, shaper, segmenter and
// line wrapper are not safe for concurrent use, so each drawing takes
// one from the Drawer's pool.
type painter struct {
	faces   []*font.Face
	index   map[*font.Face]int
	maps    [2]*fontmap // regular, bold
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	wrapper shaping.LineWrapper
	// pix and enc are a claim card's pixels and its compressor; pix is
	// pixOf's but for the rows dirty.
	pix   []byte
	pixOf *base
	dirty [2]int
	enc   encoder
}

func newPainter(fs *fontSet) *painter {
	p := &painter{index: map[*font.Face]int{}}
	for i, f := range fs.fonts {
		face := font.NewFace(f)
		p.faces = append(p.faces, face)
		p.index[face] = i
	}
	p.maps[0] = &fontmap{faces: p.faces, bold: fs.bold}
	p.maps[1] = &fontmap{faces: p.faces, bold: fs.bold, want: true}
	return p
}

// style is how a text is set.
type style struct {
	size     float32 // pixels
	bold     bool
	maxWidth int
	maxLines int    // 0 for no limit
	lang     string // the site's language, a hint for shaping
}

// line is one line of set text: its runs in visual order.
type line struct {
	runs            []shaping.Output
	width           fixed.Int26_6
	ascent, descent fixed.Int26_6 // the fonts', descent negative
	inkUp, inkDown  fixed.Int26_6 // the glyphs' own, inkDown negative
}

// block is a paragraph set in lines.
type block struct {
	lines     []line
	dir       di.Direction // the paragraph's own
	truncated bool
}

func (b *block) height(leading float32) float32 {
	if len(b.lines) == 0 {
		return 0
	}
	return float32(len(b.lines)-1)*leading + float32(b.lines[len(b.lines)-1].ascent-b.lines[len(b.lines)-1].descent)/64
}

func (b *block) width() fixed.Int26_6 {
	var w fixed.Int26_6
	for _, l := range b.lines {
		w = max(w, l.width)
	}
	return w
}

// direction is a paragraph's direction by its first strong character, as
// dir="auto" finds it; fallback when it has none.
func direction(s string, fallback di.Direction) di.Direction {
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return di.DirectionLTR
		case bidi.R, bidi.AL:
			return di.DirectionRTL
		}
	}
	return fallback
}

// maxRunes is the most of a text that is set.
const maxRunes = 800

// set shapes s and wraps it in lines of at most st.maxWidth pixels; over
// st.maxLines lines it ends with an ellipsis.
func (p *painter) set(s string, st style, fallback di.Direction) block {
	s = strings.Join(strings.Fields(s), " ")
	text := []rune(s)
	// No card holds more than a few hundred characters: shaping the rest
	// of a long text would only take time.
	if len(text) > maxRunes {
		text = text[:maxRunes]
		s = string(text)
	}
	dir := direction(s, fallback)
	b := block{dir: dir}
	if len(text) == 0 {
		return b
	}
	fm := p.maps[0]
	if st.bold {
		fm = p.maps[1]
	}
	size := fixed.Int26_6(st.size * 64)
	in := shaping.Input{Text: text, RunStart: 0, RunEnd: len(text), Direction: dir, Size: size, Language: language.NewLanguage(st.lang)}
	runs := p.seg.Split(in, fm)
	outs := make([]shaping.Output, len(runs))
	for i, r := range runs {
		outs[i] = p.shaper.Shape(r)
	}
	// Lines break between words: a word is cut only when it is wider than
	// a line, and a truncated line ends with a whole word.
	cfg := shaping.WrapConfig{Direction: dir, BreakPolicy: shaping.Never}
	if st.maxLines > 0 {
		cfg.TruncateAfterLines = st.maxLines
		ell := []rune("…")
		face := fm.ResolveFace(ell[0])
		cfg.Truncator = p.shaper.Shape(shaping.Input{Text: ell, RunEnd: 1, Direction: dir, Size: size, Face: face, Language: in.Language, Script: language.Common})
	}
	lines, truncated := p.wrapper.WrapParagraph(cfg, st.maxWidth, text, shaping.NewSliceIterator(outs))
	if wider(lines, st.maxWidth) {
		// A word wider than a line: break within words after all.
		cfg.BreakPolicy = shaping.WhenNecessary
		lines, truncated = p.wrapper.WrapParagraph(cfg, st.maxWidth, text, shaping.NewSliceIterator(outs))
	}
	b.truncated = truncated > 0
	for _, l := range lines {
		ln := line{runs: slices.Clone(l)}
		slices.SortFunc(ln.runs, func(a, b shaping.Output) int { return int(a.VisualIndex - b.VisualIndex) })
		for _, r := range ln.runs {
			ln.width += r.Advance
			ln.ascent = max(ln.ascent, r.LineBounds.Ascent)
			ln.descent = min(ln.descent, r.LineBounds.Descent)
			ln.inkUp = max(ln.inkUp, r.GlyphBounds.Ascent)
			ln.inkDown = min(ln.inkDown, r.GlyphBounds.Descent)
		}
		b.lines = append(b.lines, ln)
	}
	return b
}

// glyphCount is how many glyphs the block's lines draw.
func (b *block) glyphCount() int {
	n := 0
	for _, l := range b.lines {
		for _, r := range l.runs {
			n += len(r.Glyphs)
		}
	}
	return n
}

func wider(lines []shaping.Line, width int) bool {
	for _, l := range lines {
		var w fixed.Int26_6
		for _, r := range l {
			w += r.Advance
		}
		if w > fixed.I(width) {
			return true
		}
	}
	return false
}
