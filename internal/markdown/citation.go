package markdown

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindCitation is the AST kind of a citation marker.
var KindCitation = ast.NewNodeKind("Citation")

// CitationNode is a citation marker `[N]` in the body.
type CitationNode struct {
	ast.BaseInline
	Label      string
	Number     int
	Offset     int
	Occurrence int
}

// Kind implements ast.Node.
func (n *CitationNode) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (n *CitationNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.Label}, nil)
}

// Citations is the goldmark extension for citation markers.
var Citations goldmark.Extender = citationExtension{}

type citationExtension struct{}

func (citationExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// Before the link parser (200), so that a bare [1] is a marker even when
		// a reference definition [1]: … exists.
		parser.WithInlineParsers(util.Prioritized(citationParser{}, 150)),
		parser.WithParagraphTransformers(util.Prioritized(refDefSpotter{}, 50)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(citationRenderer{}, 500)))
}

type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

// markerLen returns the length of a marker `[digits]` at the start of b, or 0.
func markerLen(b []byte) int {
	if len(b) < 3 || b[0] != '[' || b[1] < '1' || b[1] > '9' {
		return 0
	}
	i := 2
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i >= len(b) || b[i] != ']' {
		return 0
	}
	return i + 1
}

// endsWithMarker reports whether b ends with a marker `[digits]`.
func endsWithMarker(b []byte) bool {
	i := len(b) - 1
	if i < 0 || b[i] != ']' {
		return false
	}
	j := i - 1
	for j >= 0 && b[j] >= '0' && b[j] <= '9' {
		j--
	}
	return j >= 0 && b[j] == '[' && markerLen(b[j:]) == len(b)-j
}

// footnoteLen returns the length of a footnote-style marker `[^digits]` at
// the start of b, or 0.
func footnoteLen(b []byte) int {
	if len(b) < 2 || b[0] != '[' || b[1] != '^' {
		return 0
	}
	i := 2
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == 2 || i >= len(b) || b[i] != ']' {
		return 0
	}
	return i + 1
}

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if n := footnoteLen(line); n > 0 {
		// Recorded for the footnote-syntax warning, and left to the link
		// parser: Convert drops those that become links.
		found := footnoteCandidates(pc)
		pc.Set(footnoteCandidatesKey, append(found, FootnoteMarker{Label: string(line[2 : n-1]), Offset: seg.Start}))
		return nil
	}
	n := markerLen(line)
	if n == 0 {
		return nil
	}
	// [N](url) is an ordinary link.
	if n < len(line) && line[n] == '(' {
		return nil
	}
	// [text][N] is an ordinary (full reference) link, but [1][2] is two markers.
	if block.PrecendingCharacter() == ']' && !endsWithMarker(block.Source()[:seg.Start]) {
		return nil
	}
	label := string(line[1 : n-1])
	num, err := strconv.Atoi(label)
	if err != nil {
		num = 0
	}
	block.Advance(n)
	return &CitationNode{Label: label, Number: num, Offset: seg.Start}
}

type citationRenderer struct{}

func (citationRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCitation, renderCitation)
}

func renderCitation(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*CitationNode)
	id := `<sup class="cite" id="cite-` + n.Label + `-` + strconv.Itoa(n.Occurrence) + `">`
	if inLink(n) {
		// A link inside a link is invalid HTML. The id stays, so the source's
		// back-link still lands here.
		_, _ = w.WriteString(id + `[` + n.Label + `]</sup>`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(id + `<a href="#src-` + n.Label + `" aria-label="source ` + n.Label + `">[` + n.Label + `]</a></sup>`)
	return ast.WalkContinue, nil
}

// inLink reports whether n is rendered inside an <a>.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *ast.AutoLink:
			return true
		}
	}
	return false
}
