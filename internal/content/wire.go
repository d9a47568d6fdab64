package content

import (
	"encoding/gob"
	"fmt"
)

// wireCheck is a Check as a parse cache stores it: gob carries exported
// fields only, so the ones Parse works out and keeps unexported travel
// beside it.
type wireCheck struct {
	Check       *Check
	Parsed      bool
	HTML        []byte
	CitePos     []Pos
	RefDefPos   []Pos
	FootnotePos []Pos
	URLSlug     string
}

// Encode writes c for Decode to read back, in a later run: everything
// Parse found, so that reading it again costs no parsing.
func Encode(enc *gob.Encoder, c *Check) error {
	return enc.Encode(wireCheck{
		Check: c, Parsed: c.parsed, HTML: c.html,
		CitePos: c.citePos, RefDefPos: c.refDefPos, FootnotePos: c.footnotePos,
		URLSlug: c.urlSlug,
	})
}

// Decode reads a Check that Encode wrote.
func Decode(dec *gob.Decoder) (*Check, error) {
	var w wireCheck
	if err := dec.Decode(&w); err != nil {
		return nil, err
	}
	if w.Check == nil {
		return nil, fmt.Errorf("a cached file without its check")
	}
	c := w.Check
	c.parsed, c.html, c.urlSlug = w.Parsed, w.HTML, w.URLSlug
	c.citePos, c.refDefPos, c.footnotePos = w.CitePos, w.RefDefPos, w.FootnotePos
	return c, nil
}
