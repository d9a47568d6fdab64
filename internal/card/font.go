package card

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
)

// The embedded fonts, gzipped: see fonts/README.md.
//
//go:embed fonts/*.ttf.gz
var embedded embed.FS

// Font is a font file of a site's own, from its assets/fonts/.
type Font struct {
	Name string // for errors: "assets/fonts/NotoSansSC-Regular.otf"
	Data []byte
}

// fontSet is the fonts a Drawer draws with, in the order they are tried
// for a character: the site's own, then the embedded ones. A *font.Font
// is safe for concurrent use; the faces made from it are not.
type fontSet struct {
	fonts []*font.Font
	bold  []bool // whether each is a bold face (weight 600 or more)
	sum   [sha256.Size]byte
}

func loadFonts(own []Font) (*fontSet, error) {
	fs := &fontSet{}
	h := sha256.New()
	add := func(name string, data []byte) error {
		f, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: not a font the share cards can use: %w", name, err)
		}
		fs.fonts = append(fs.fonts, f.Font)
		fs.bold = append(fs.bold, f.Describe().Aspect.Weight >= font.WeightSemibold)
		fmt.Fprintf(h, "%s %d\n", path.Base(name), len(data))
		h.Write(data)
		return nil
	}
	for _, f := range own {
		if err := add(f.Name, f.Data); err != nil {
			return nil, err
		}
	}
	names, err := embedded.ReadDir("fonts")
	if err != nil {
		return nil, err
	}
	for _, e := range names {
		ttf, err := readEmbedded(e.Name())
		if err != nil {
			return nil, err
		}
		if err := add(strings.TrimSuffix(e.Name(), ".gz"), ttf); err != nil {
			return nil, err
		}
	}
	copy(fs.sum[:], h.Sum(nil))
	return fs, nil
}

// readEmbedded is an embedded font, ungzipped.
func readEmbedded(name string) ([]byte, error) {
	data, err := embedded.ReadFile("fonts/" + name)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("fonts/%s: %w", name, err)
	}
	ttf, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("fonts/%s: %w", name, err)
	}
	return ttf, nil
}

// IsFont reports whether a file of assets/fonts/ is one the cards read,
// by its name.
func IsFont(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".ttf" || ext == ".otf"
}

// covers reports whether some font has a glyph for every character of s
// that needs one: spaces, controls and format characters aside.
func (fs *fontSet) covers(s string) bool {
	for _, r := range s {
		if !needsGlyph(r) {
			continue
		}
		if !slices.ContainsFunc(fs.fonts, func(f *font.Font) bool { _, ok := f.Cmap.Lookup(r); return ok }) {
			return false
		}
	}
	return true
}

// Missing lists the characters of s, once each, that no font can draw.
func (fs *fontSet) missing(s string) []rune {
	var out []rune
	for _, r := range s {
		if needsGlyph(r) && !slices.Contains(out, r) && !fs.covers(string(r)) {
			out = append(out, r)
		}
	}
	return out
}

func needsGlyph(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r)
}

// fontmap picks a face for each character, for the segmenter: among the
// faces of the wanted weight first, the first that has the character;
// a character common to scripts (a digit, punctuation) stays in the face
// of the letters before it when that face has it, so that Arabic text's
// digits are drawn by the Arabic font.
type fontmap struct {
	faces []*font.Face
	bold  []bool
	want  bool
	last  *font.Face
}

func (m *fontmap) SetScript(language.Script) { m.last = nil }

func (m *fontmap) ResolveFace(r rune) *font.Face {
	if m.last != nil {
		if s := language.LookupScript(r); s == language.Common || s == language.Inherited {
			if _, ok := m.last.NominalGlyph(r); ok {
				return m.last
			}
		}
	}
	for pass := range 2 {
		for i, f := range m.faces {
			if pass == 0 && m.bold[i] != m.want {
				continue
			}
			if _, ok := f.NominalGlyph(r); ok {
				m.last = f
				return f
			}
		}
	}
	for i, f := range m.faces {
		if m.bold[i] == m.want {
			return f
		}
	}
	return m.faces[0]
}
