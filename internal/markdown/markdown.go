// Package markdown renders a check's Markdown body with goldmark and its citation extension.
package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/factpress/factpress/internal/words"
)

// Options configures a Converter.
type Options struct {
	// UnsafeHTML lets raw HTML in the Markdown through; off by default, since
	// checks arrive from contributors.
	UnsafeHTML bool
	// NoHTML parses without rendering, for validation: Document.HTML is nil.
	NoHTML bool
}

// Converter turns Markdown into HTML. It is safe for concurrent use.
type Converter struct {
	md     goldmark.Markdown
	noHTML bool
	// tokenizers keep their buffers from one body to the next.
	tokenizers sync.Pool
}

// New makes a Converter: CommonMark, GFM tables, heading ids and citations.
func New(opts Options) *Converter {
	rendererOpts := []goldmark.Option{}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, Citations),
		// The ids come from headingIDs (see convert). parser.WithAttribute
		// stays off: an id written as {#main} would bypass the prefix and
		// could take an id the layouts use.
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
	return &Converter{md: md, noHTML: opts.NoHTML, tokenizers: sync.Pool{New: func() any { return new(words.Tokenizer) }}}
}

// Citation is one marker found in the body.
type Citation struct {
	Label      string // the digits as written
	Number     int    // 0 when Label overflows an int
	Offset     int    // byte offset of '[' in the source
	Occurrence int    // 1-based count of markers citing this number so far
}

// RefDef is a link reference definition whose label is a number.
type RefDef struct {
	Label  string
	Offset int
}

// FootnoteMarker is a footnote-style marker `[^N]` left as text: a citation
// written the wrong way.
type FootnoteMarker struct {
	Label  string // the digits as written
	Offset int    // byte offset of '[' in the source
}

// Document is the result of converting one body.
type Document struct {
	HTML            []byte
	Citations       []Citation
	NumericRefDefs  []RefDef
	FootnoteMarkers []FootnoteMarker
	// FirstParagraph is the plain text of the first top-level paragraph,
	// citations left out: the default summary.
	FirstParagraph string
	// Lede is the inline HTML of the body's first paragraph, citations
	// included, when the body opens with it (nothing, not even a heading,
	// comes before it): what a check without a summary says it found.
	// Empty otherwise, and when parsed without HTML.
	Lede []byte
	// LedeLen is how many bytes of HTML that first paragraph takes, its
	// <p> and </p> included: HTML[LedeLen:] is the body without it. 0 when
	// there is no Lede.
	LedeLen int
	// Terms are the words of the body's visible text (VisibleText),
	// counted, for the search index: worked out with the HTML, so that a
	// cached parse spares the index the tokenizing. Empty when parsed
	// without HTML.
	Terms words.Counts
}

// Convert parses and renders src.
func (c *Converter) Convert(src []byte) (Document, error) {
	return c.convert(src, !c.noHTML)
}

func (c *Converter) convert(src []byte, withHTML bool) (Document, error) {
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	var doc Document
	counts := map[int]int{}
	overflow := map[string]int{}
	// linkTexts maps where the text of a link starts to where it ends, to
	// tell a [^N] that became a link from one left as text.
	linkTexts := map[int]int{}
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *CitationNode:
			if n.Number > 0 {
				counts[n.Number]++
				n.Occurrence = counts[n.Number]
			} else {
				overflow[n.Label]++
				n.Occurrence = overflow[n.Label]
			}
			doc.Citations = append(doc.Citations, Citation{Label: n.Label, Number: n.Number, Offset: n.Offset, Occurrence: n.Occurrence})
		case *ast.Paragraph:
			if doc.FirstParagraph == "" && n.Parent() == root {
				doc.FirstParagraph = plainText(n, src)
			}
		case *ast.Link:
			first, okFirst := n.FirstChild().(*ast.Text)
			last, okLast := n.LastChild().(*ast.Text)
			if okFirst && okLast {
				linkTexts[first.Segment.Start] = last.Segment.Stop
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return doc, err
	}
	for _, m := range footnoteCandidates(pc) {
		// [^N](url), and [^N] with a definition, are links whose text is
		// the ^N between the brackets.
		if stop, ok := linkTexts[m.Offset+1]; ok && stop == m.Offset+2+len(m.Label) {
			continue
		}
		doc.FootnoteMarkers = append(doc.FootnoteMarkers, m)
	}
	for _, cand := range refDefCandidates(pc) {
		if _, ok := pc.Reference(cand.Label); ok {
			doc.NumericRefDefs = append(doc.NumericRefDefs, cand)
		}
	}

	if !withHTML {
		return doc, nil
	}
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := c.md.Renderer().Render(&buf, src, root); err != nil {
		return doc, fmt.Errorf("rendering markdown: %w", err)
	}
	// Kept for the whole build: no spare capacity.
	doc.HTML = bytes.Clone(buf.Bytes())
	if err := c.lede(&doc, src, root); err != nil {
		return doc, err
	}
	tok := c.tokenizers.Get().(*words.Tokenizer)
	doc.Terms = tok.Count(VisibleText(doc.HTML))
	c.tokenizers.Put(tok)
	return doc, nil
}

// lede sets doc.Lede and doc.LedeLen when the body opens with a paragraph
// that has text: that paragraph, rendered alone, is where doc.HTML starts.
func (c *Converter) lede(doc *Document, src []byte, root ast.Node) error {
	first := root.FirstChild()
	for first != nil && first.Kind() == ast.KindLinkReferenceDefinition {
		first = first.NextSibling() // shows nothing
	}
	p, ok := first.(*ast.Paragraph)
	if !ok || doc.FirstParagraph == "" || plainText(p, src) != doc.FirstParagraph {
		return nil // none, or one without text (an image), which FirstParagraph passed over
	}
	var block, inline bytes.Buffer
	r := c.md.Renderer()
	if err := r.Render(&block, src, p); err != nil {
		return fmt.Errorf("rendering markdown: %w", err)
	}
	if !bytes.HasPrefix(doc.HTML, block.Bytes()) {
		return nil // not how the whole body begins: keep the body whole
	}
	for n := p.FirstChild(); n != nil; n = n.NextSibling() {
		if err := r.Render(&inline, src, n); err != nil {
			return fmt.Errorf("rendering markdown: %w", err)
		}
	}
	doc.Lede = bytes.Clone(bytes.TrimSpace(inline.Bytes()))
	doc.LedeLen = block.Len()
	return nil
}

// plainText collects the visible text of an inline tree, without citations.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *CitationNode:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(util.UnescapePunctuations(n.Segment.Value(src)))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

var refDefCandidatesKey = parser.NewContextKey()

var numericRefDefLine = regexp.MustCompile(`^ {0,3}\[([0-9]+)\]:`)

func refDefCandidates(pc parser.Context) []RefDef {
	v, _ := pc.Get(refDefCandidatesKey).([]RefDef)
	return v
}

// refDefSpotter records where paragraphs start with numeric reference
// definitions, before goldmark's own transformer removes them without a trace
// of their position.
type refDefSpotter struct{}

func (refDefSpotter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	src := reader.Source()
	found := refDefCandidates(pc)
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		m := numericRefDefLine.FindSubmatchIndex(seg.Value(src))
		if m == nil {
			continue
		}
		found = append(found, RefDef{Label: string(seg.Value(src)[m[2]:m[3]]), Offset: seg.Start + m[2] - 1})
	}
	pc.Set(refDefCandidatesKey, found)
}

var footnoteCandidatesKey = parser.NewContextKey()

func footnoteCandidates(pc parser.Context) []FootnoteMarker {
	v, _ := pc.Get(footnoteCandidatesKey).([]FootnoteMarker)
	return v
}

// HeadingIDPrefix starts every heading id of a body. No id of the layouts
// starts with it (main, sources, src-1, cite-1-1, search-input, …), so a
// heading "Sources" cannot give the page a second id="sources", whatever ids
// a site's own layouts add later.
const HeadingIDPrefix = "h-"

// headingIDs makes heading ids as goldmark's default does (ASCII letters and
// digits lowercased, spaces, '-' and '_' as '-', the rest dropped, a repeat
// numbered -1, -2, …), with HeadingIDPrefix, and keeping the letters and
// digits of other scripts, which the default drops: two headings in
// Cyrillic would both be "heading". One is made for each body.
type headingIDs struct {
	used map[string]bool
	n    map[string]int // the last number given to a repeated id
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, n: map[string]int{}}
}

// Generate implements parser.IDs.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := []byte(HeadingIDPrefix)
	for _, r := range string(bytes.TrimSpace(value)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			id = utf8.AppendRune(id, unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			id = append(id, '-')
		}
	}
	if len(id) == len(HeadingIDPrefix) {
		if kind == ast.KindHeading {
			id = append(id, "heading"...)
		} else {
			id = append(id, "id"...)
		}
	}
	key := string(id)
	if !s.used[key] {
		s.used[key] = true
		return id
	}
	for i := s.n[key] + 1; ; i++ {
		next := key + "-" + strconv.Itoa(i)
		if !s.used[next] {
			s.used[next] = true
			s.n[key] = i
			return []byte(next)
		}
	}
}

// Put implements parser.IDs. goldmark calls it with an id written in the
// source ({#id}), which it reads only with parser.WithAttribute: off, so
// that no id escapes the prefix.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }
