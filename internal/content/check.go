// Package content reads check and page files: front matter with positions, and the Markdown body.
package content

import (
	"path"
	"strings"
	"time"

	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/slug"
)

// Pos is a place in a file: 1-based line and column (column 0 when unknown).
type Pos struct {
	Line, Col int
}

// Field is a key written in a mapping, and where it was written.
type Field struct {
	Name string
	Pos  Pos
}

// Fields lists the keys of a mapping in the order they were written. A
// slice, not a map: there is one for every source of every check.
type Fields []Field

// Lookup gives the position of the key name.
func (f Fields) Lookup(name string) (Pos, bool) {
	for _, fl := range f {
		if fl.Name == name {
			return fl.Pos, true
		}
	}
	return Pos{}, false
}

// At is the position of the key name, or the zero Pos.
func (f Fields) At(name string) Pos {
	p, _ := f.Lookup(name)
	return p
}

// Date is a date field as written, and its value when it parses.
type Date struct {
	Raw   string
	Time  time.Time
	Valid bool
}

// Set reports whether the field was given at all.
func (d Date) Set() bool { return d.Raw != "" }

// String is the date as YYYY-MM-DD, or the raw text when it does not parse.
func (d Date) String() string {
	if d.Valid {
		return d.Time.Format(time.DateOnly)
	}
	return d.Raw
}

// Source is one entry of a check's sources.
type Source struct {
	ID        string // as written; empty when not given
	Title     string
	Publisher string
	URL       string
	Date      Date
	Accessed  Date
	Archive   string
	Kind      string
	Pos       Pos // where the list item starts
	Fields    Fields
}

// Related is a related question, with the check that answers it if named.
type Related struct {
	Question string
	Key      string // the question normalised (slug.Question), for matching
	Slug     string // slug.Page(Question): its page's slug, before numbering
	Check    string
	Pos      Pos
	Fields   Fields
}

// Correction is an entry of a check's corrections log.
type Correction struct {
	Date   Date
	Note   string
	Pos    Pos
	Fields Fields
}

// Item is a plain list item with its position.
type Item struct {
	Value string
	Pos   Pos
}

// Kind tells a check from a plain page.
type Kind int

const (
	KindCheck Kind = iota
	KindPage
)

// Check is one parsed file: a fact-check, or a plain page (KindPage) that
// uses only Title, Slug, Draft and the body. It is never modified after Parse.
type Check struct {
	Path string // relative to the site root, '/'-separated
	Kind Kind

	Title        string
	TitleKey     string // the title normalised (slug.Question), for matching questions
	Claim        string
	Claimant     string
	ClaimantSlug string // Claimant as a slug (slug.Of), as keep_diacritics writes it
	ClaimDate    Date
	Appearances  []Item
	Verdict      string
	Date         Date
	Updated      Date
	Summary      string
	Topics       []Item
	Authors      []string
	Sources      []Source
	Related      []Related
	Corrections  []Correction
	Slug         string // as written; empty when not given
	Draft        bool
	// TranslationKey links the translations of one check or page in a
	// multilingual archive, as written; empty when not given, and then
	// the file's path within its language's folder links them.
	TranslationKey string

	// ClaimantType is claimant_type as written: "person" or
	// "organization" (what validate accepts), "" when not given.
	ClaimantType string

	// Fields holds every top-level key as written, in order.
	Fields Fields
	// parsed tells that the front matter could be read.
	parsed bool

	// Body is what parsing the body found; its HTML is in BodyHTML.
	Body markdown.Document
	html []byte // Body's HTML, snappy-compressed
	// citePos, refDefPos and footnotePos are the file positions of
	// Body.Citations, Body.NumericRefDefs and Body.FootnoteMarkers, worked
	// out once so the file's bytes can go.
	citePos     []Pos
	refDefPos   []Pos
	footnotePos []Pos
	urlSlug     string

	// Sum is the SHA-256 of the file's text without a byte-order mark and
	// with LF line ends: of what it says, however it was saved.
	Sum [32]byte

	// Diags holds what went wrong reading the file: encoding, syntax, types.
	Diags diag.List
}

// Parsed reports whether the front matter could be read at all.
func (c *Check) Parsed() bool { return c.parsed }

// RefDefPositions gives the position in the file of every numeric link
// reference definition of the body, in order.
func (c *Check) RefDefPositions() []Pos { return c.refDefPos }

// FootnotePositions gives the position in the file of every footnote-style
// marker [^N] of the body, in order.
func (c *Check) FootnotePositions() []Pos { return c.footnotePos }

// FieldPos is the position of a top-level key, or line 1 when it is absent.
func (c *Check) FieldPos(name string) Pos {
	if p, ok := c.Fields.Lookup(name); ok {
		return p
	}
	return Pos{Line: 1}
}

// LastChange is the later of Date and Updated.
func (c *Check) LastChange() time.Time {
	if c.Updated.Valid && c.Updated.Time.After(c.Date.Time) {
		return c.Updated.Time
	}
	return c.Date.Time
}

// URLSlug is the slug the check is published under: the slug field when
// given, else the file name, normalised either way.
func (c *Check) URLSlug() string {
	return c.urlSlug // worked out by Parse
}

func (c *Check) slugOf(keepDiacritics bool) string {
	if c.Slug != "" {
		// Written by hand, and valid when it is its own NormalizeKeep.
		return slug.NormalizeKeep(c.Slug)
	}
	return slug.FileSlug(c.Path, keepDiacritics)
}

// CitationPositions gives the position in the file of every citation marker
// of the body, in order.
func (c *Check) CitationPositions() []Pos { return c.citePos }

// TranslationOf is the key that links the file to its translations: its
// translation_key, else its path within dir, the folder of its language
// ("content/" or "content/fr/"), without the extension.
func (c *Check) TranslationOf(dir string) string {
	if c.TranslationKey != "" {
		return c.TranslationKey
	}
	rel := strings.TrimPrefix(c.Path, dir)
	return strings.TrimSuffix(rel, path.Ext(rel))
}
