package content

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"github.com/golang/snappy"
	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/bidi"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/markdown"
	"github.com/factpress/factpress/internal/slug"
	"github.com/factpress/factpress/internal/yamlx"
)

var bom = []byte("\xef\xbb\xbf")

// frontMatter receives what the front matter formats decode.
type frontMatter struct {
	node   yaml.Node
	isTOML bool
	toml   string
}

func formats() []*frontmatter.Format {
	yamlFormat := func(data []byte, v any) error {
		return yaml.Unmarshal(data, &v.(*frontMatter).node)
	}
	tomlFormat := func(data []byte, v any) error {
		fm := v.(*frontMatter)
		fm.isTOML = true
		fm.toml = string(data)
		return tomlToNode(data, &fm.node)
	}
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlFormat),
		frontmatter.NewFormat("---yaml", "---", yamlFormat),
		frontmatter.NewFormat("+++", "+++", tomlFormat),
		frontmatter.NewFormat("---toml", "---", tomlFormat),
	}
}

// Parse reads one file. path is relative to the site root and only names the
// file in diagnostics. It never fails: what is wrong is in the Check's Diags.
// With a nil md only the front matter is read, for the archive-wide rules:
// every reader of a file goes through Parse, so they cannot disagree.
func Parse(path string, data []byte, kind Kind, md *markdown.Converter) *Check {
	return ParseKeeping(path, data, kind, md, false)
}

// ParseKeeping is Parse for a site whose config keeps Latin diacritics in
// slugs, which decides the slug a file name gives.
func ParseKeeping(path string, data []byte, kind Kind, md *markdown.Converter, keepDiacritics bool) *Check {
	c := parse(path, data, kind, md)
	c.urlSlug = c.slugOf(keepDiacritics)
	c.ClaimantSlug = slug.Of(c.Claimant, keepDiacritics)
	return c
}

func parse(path string, data []byte, kind Kind, md *markdown.Converter) *Check {
	c := &Check{Path: path, Kind: kind}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		c.Diags = append(c.Diags, diag.Errorf(path, line, 0, "bad-encoding", "line %d is not valid UTF-8; save the file as UTF-8", line))
		return c
	}
	src := normalized(data)
	c.Sum = sha256.Sum256(src)
	lines := newLineIndex(src)

	delimLine, delim := openingLine(src)
	switch {
	case delim == "":
		if len(bytes.TrimSpace(src)) == 0 {
			c.fail(1, "the file is empty; a check starts with front matter between two --- lines")
		} else {
			c.fail(1, "no front matter: the file must start with a --- line, the fields, and a closing --- line")
		}
		return c
	}

	var fm frontMatter
	rest, err := frontmatter.Parse(bytes.NewReader(src), &fm, formats()...)
	if err != nil {
		for _, e := range yamlx.Errors(err) {
			line := delimLine + e.Line
			if e.Line == 0 {
				line = delimLine + 1
			}
			if fm.isTOML {
				line = delimLine + tomlErrorLine(err)
			}
			c.fail(line, "front matter does not parse: "+e.Msg)
		}
		return c
	}
	if len(rest) == len(src) {
		c.fail(1, fmt.Sprintf("the front matter opened with %s on line %d is never closed; add a closing %s line", delim, delimLine, closing(delim)))
		return c
	}
	bodyOff := len(src) - len(rest)

	root := yamlx.Document(&fm.node)
	if root == nil {
		root = &yaml.Node{Kind: yaml.MappingNode}
	}
	if !fm.isTOML {
		shiftLines(root, delimLine)
	} else {
		placeTOML(root, fm.toml, delimLine)
	}
	if root.Kind != yaml.MappingNode {
		c.fail(root.Line, "front matter must be key: value lines")
		return c
	}
	yamlx.DropDuplicateKeys(root, func(dup *yaml.Node, first int) {
		c.Diags = append(c.Diags, diag.Errorf(path, dup.Line, dup.Column, "frontmatter-syntax", "%q is already set on line %d; give each field once", dup.Value, first))
	})
	c.decode(root)
	if md == nil {
		return c
	}

	doc, err := md.Convert(rest)
	if err != nil {
		c.Diags = append(c.Diags, diag.Errorf(path, lines.lineOf(bodyOff), 0, "markdown", "%v", err))
	}
	// Bodies are held for the whole build, and HTML shrinks to about a
	// third: compressed, they cost less memory than the time to unpack.
	c.html = bytes.Clone(snappy.Encode(make([]byte, snappy.MaxEncodedLen(len(doc.HTML))), doc.HTML))
	doc.HTML = nil
	c.Body = doc
	offs := make([]int, len(doc.Citations))
	for i, ct := range doc.Citations {
		offs[i] = bodyOff + ct.Offset
	}
	c.citePos = lines.positions(offs)
	offs = offs[:0]
	for _, d := range doc.NumericRefDefs {
		offs = append(offs, bodyOff+d.Offset)
	}
	c.refDefPos = lines.positions(offs)
	offs = offs[:0]
	for _, m := range doc.FootnoteMarkers {
		offs = append(offs, bodyOff+m.Offset)
	}
	c.footnotePos = lines.positions(offs)
	return c
}

// SumOf is the Sum a parse of data gives (see Check.Sum), without parsing:
// what tells a cached parse of a file from one of other bytes.
func SumOf(data []byte) [32]byte { return sha256.Sum256(normalized(data)) }

// normalized is a file's text as it is parsed: without a byte order mark,
// with LF line ends, so that a BOM or CRLF does not shift lines or offsets.
func normalized(data []byte) []byte {
	src := bytes.TrimPrefix(data, bom)
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src
}

// BodyHTML is the body rendered, or nil when it was parsed without.
func (c *Check) BodyHTML() ([]byte, error) {
	if c.html == nil {
		return nil, nil
	}
	html, err := snappy.Decode(nil, c.html)
	if err != nil {
		return nil, fmt.Errorf("%s: the body's HTML: %w", c.Path, err)
	}
	return html, nil
}

func (c *Check) fail(line int, msg string) {
	c.Diags = append(c.Diags, diag.Errorf(c.Path, line, 0, "frontmatter-syntax", "%s", msg))
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// openingLine finds the front matter's opening delimiter as the frontmatter
// library does: the first line that is not blank.
func openingLine(src []byte) (int, string) {
	line := 1
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		var text []byte
		if end < 0 {
			text, src = src, nil
		} else {
			text, src = src[:end], src[end+1:]
		}
		t := string(bytes.TrimSpace(text))
		if t != "" {
			switch t {
			case "---", "---yaml", "+++", "---toml":
				return line, t
			}
			return line, ""
		}
		line++
	}
	return 0, ""
}

func closing(delim string) string {
	if delim == "+++" {
		return "+++"
	}
	return "---"
}

func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

// rawCheck is the front matter as decoded; positions are read separately.
type rawCheck struct {
	Title       string          `yaml:"title"`
	Claim       string          `yaml:"claim"`
	Claimant    string          `yaml:"claimant"`
	ClaimDate   string          `yaml:"claim_date"`
	Appearances []string        `yaml:"appearances"`
	Verdict     string          `yaml:"verdict"`
	Date        string          `yaml:"date"`
	Updated     string          `yaml:"updated"`
	Summary     string          `yaml:"summary"`
	Topics      []string        `yaml:"topics"`
	Authors     []string        `yaml:"authors"`
	Sources     []rawSource     `yaml:"sources"`
	Related     []rawRelated    `yaml:"related"`
	Corrections []rawCorrection `yaml:"corrections"`
	Slug        string          `yaml:"slug"`
	Draft       bool            `yaml:"draft"`
	Translation string          `yaml:"translation_key"`

	ClaimantType string `yaml:"claimant_type"`
}

type rawSource struct {
	ID        string `yaml:"id"`
	Title     string `yaml:"title"`
	Publisher string `yaml:"publisher"`
	URL       string `yaml:"url"`
	Date      string `yaml:"date"`
	Accessed  string `yaml:"accessed"`
	Archive   string `yaml:"archive"`
	Kind      string `yaml:"kind"`
}

type rawRelated struct {
	Question string `yaml:"question"`
	Check    string `yaml:"check"`
}

// UnmarshalYAML takes a related question written as plain text or as a
// mapping with question and check.
func (r *rawRelated) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		r.Question = n.Value
		return nil
	}
	type plain rawRelated
	return n.Decode((*plain)(r))
}

type rawCorrection struct {
	Date string `yaml:"date"`
	Note string `yaml:"note"`
}

func (c *Check) decode(root *yaml.Node) {
	var raw rawCheck
	if err := root.Decode(&raw); err != nil {
		for _, e := range yamlx.Errors(err) {
			c.Diags = append(c.Diags, diag.Errorf(c.Path, e.Line, 0, "wrong-type", "%s", e.Msg))
		}
	}
	c.Fields, c.parsed = fieldsOf(root), true
	c.Title = c.text("title", raw.Title, c.FieldPos("title"))
	c.TitleKey = slug.Question(c.Title)
	c.Claim = c.text("claim", raw.Claim, c.FieldPos("claim"))
	c.Claimant = c.text("claimant", raw.Claimant, c.FieldPos("claimant"))
	c.ClaimantType = strings.TrimSpace(raw.ClaimantType)
	c.ClaimDate = parseDate(raw.ClaimDate)
	c.Verdict = strings.TrimSpace(raw.Verdict)
	c.Date = parseDate(raw.Date)
	c.Updated = parseDate(raw.Updated)
	c.Summary = c.text("summary", raw.Summary, c.FieldPos("summary"))
	c.Slug = raw.Slug
	c.Draft = raw.Draft
	c.TranslationKey = strings.TrimSpace(raw.Translation)

	for _, k := range yamlx.Keys(root) {
		items := listItems(k.Value)
		switch k.Name {
		case "appearances":
			c.Appearances = plainItems(raw.Appearances, items)
		case "topics":
			c.Topics = plainItems(raw.Topics, items)
			for i := range c.Topics {
				c.Topics[i].Value = c.text("topic", c.Topics[i].Value, c.Topics[i].Pos)
			}
		case "authors":
			c.Authors = make([]string, len(raw.Authors))
			for i, a := range raw.Authors {
				p, _ := itemAt(items, i)
				c.Authors[i] = c.text("author", a, p)
			}
		case "sources":
			for i, s := range raw.Sources {
				src := Source{ID: s.ID, URL: strings.TrimSpace(s.URL),
					Date: parseDate(s.Date), Accessed: parseDate(s.Accessed), Archive: strings.TrimSpace(s.Archive), Kind: s.Kind}
				src.Pos, src.Fields = itemAt(items, i)
				src.Title = c.text("source title", s.Title, fieldOr(src.Fields, "title", src.Pos))
				src.Publisher = c.text("source publisher", s.Publisher, fieldOr(src.Fields, "publisher", src.Pos))
				c.Sources = append(c.Sources, src)
			}
		case "related":
			for i, r := range raw.Related {
				rel := Related{Check: strings.TrimSpace(r.Check)}
				rel.Pos, rel.Fields = itemAt(items, i)
				rel.Question = c.text("related question", r.Question, fieldOr(rel.Fields, "question", rel.Pos))
				rel.Key = slug.Question(rel.Question)
				rel.Slug = slug.Page(rel.Question)
				c.Related = append(c.Related, rel)
			}
		case "corrections":
			for i, r := range raw.Corrections {
				cor := Correction{Date: parseDate(r.Date)}
				cor.Pos, cor.Fields = itemAt(items, i)
				cor.Note = c.text("correction note", r.Note, fieldOr(cor.Fields, "note", cor.Pos))
				c.Corrections = append(c.Corrections, cor)
			}
		}
	}
}

// text is a text field as the model holds it: trimmed, and without the
// controls that reorder text, which a warning at p names. Every text field
// goes through it, so that no page, feed or API entry displays other text
// than the file holds; the warning names what the file holds.
func (c *Check) text(field, raw string, p Pos) string {
	if msg := bidi.Problem(raw); msg != "" {
		c.Diags = append(c.Diags, diag.Warnf(c.Path, p.Line, p.Col, "bidi-control", "%s %s", field, msg))
	}
	return strings.TrimSpace(bidi.Strip(raw))
}

func fieldOr(f Fields, name string, def Pos) Pos {
	if p, ok := f.Lookup(name); ok {
		return p
	}
	return def
}

func listItems(n *yaml.Node) []*yaml.Node {
	if n.Kind == yaml.SequenceNode {
		return n.Content
	}
	return nil
}

func nodePos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func fieldsOf(m *yaml.Node) Fields {
	keys := yamlx.Keys(m)
	f := make(Fields, 0, len(keys))
	for _, k := range keys {
		f = append(f, Field{k.Name, nodePos(k.Key)})
	}
	return f
}

func itemAt(items []*yaml.Node, i int) (Pos, Fields) {
	if i >= len(items) {
		return Pos{Line: 1}, nil
	}
	return nodePos(items[i]), fieldsOf(items[i])
}

func plainItems(values []string, items []*yaml.Node) []Item {
	out := make([]Item, 0, len(values))
	for i, v := range values {
		p := Pos{Line: 1}
		if i < len(items) {
			p = nodePos(items[i])
		}
		out = append(out, Item{Value: strings.TrimSpace(v), Pos: p})
	}
	return out
}

func parseDate(raw string) Date {
	raw = strings.TrimSpace(raw)
	d := Date{Raw: raw}
	if raw == "" {
		return d
	}
	if t, err := time.Parse(time.DateOnly, raw); err == nil && len(raw) == len(time.DateOnly) {
		d.Time, d.Valid = t, true
	}
	return d
}
