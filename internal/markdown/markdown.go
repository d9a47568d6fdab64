// Package markdown renders a check's Markdown body with goldmark and its citation extension.
package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
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
}

// New makes a Converter: CommonMark, GFM tables, heading ids and citations.
func New(opts Options) *Converter {
	rendererOpts := []goldmark.Option{}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, Citations),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
	return &Converter{md: md, noHTML: opts.NoHTML}
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

// Document is the result of converting one body.
type Document struct {
	HTML           []byte
	Citations      []Citation
	NumericRefDefs []RefDef
	// FirstParagraph is the plain text of the first top-level paragraph,
	// citations left out: the default summary.
	FirstParagraph string
}

// Convert parses and renders src.
func (c *Converter) Convert(src []byte) (Document, error) {
	return c.convert(src, !c.noHTML)
}

func (c *Converter) convert(src []byte, withHTML bool) (Document, error) {
	pc := parser.NewContext()
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))

	var doc Document
	counts := map[int]int{}
	overflow := map[string]int{}
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
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return doc, err
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
	return doc, nil
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
