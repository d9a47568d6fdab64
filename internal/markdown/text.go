package markdown

import (
	"bytes"
	stdhtml "html"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// inline reports whether an element sits inside a line of text, so that no
// space is put where it starts and ends (a word may be half emphasised).
func inline(tag string) bool {
	switch tag {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
		"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr":
		return true
	}
	return false
}

// VisibleText is the text a reader sees in a check's body HTML: tags,
// scripts and citation markers (<sup class="cite">) left out, entities
// decoded, a space where a block starts or ends. It is what the search
// index reads of a body (Document.Terms).
func VisibleText(body []byte) string {
	var b strings.Builder
	b.Grow(len(body) / 2)
	lx := html.NewLexer(parse.NewInputBytes(body))
	tag := ""
	cite := 0 // depth of <sup> elements inside a citation marker
	raw := 0  // depth of script, style and template elements
	for {
		tt, data := lx.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			tag = strings.ToLower(string(lx.Text()))
			if cite > 0 && tag == "sup" {
				cite++
			}
			if !inline(tag) {
				b.WriteByte(' ')
			}
		case html.AttributeToken:
			if cite == 0 && tag == "sup" && strings.EqualFold(string(lx.Text()), "class") &&
				strings.Contains(" "+string(unquote(lx.AttrVal()))+" ", " cite ") {
				cite = 1
			}
		case html.StartTagCloseToken:
			if tag == "script" || tag == "style" || tag == "template" {
				raw++
			}
		case html.EndTagToken:
			name := strings.ToLower(string(lx.Text()))
			switch {
			case cite > 0 && name == "sup":
				cite--
			case raw > 0 && (name == "script" || name == "style" || name == "template"):
				raw--
			}
			if !inline(name) {
				b.WriteByte(' ')
			}
		case html.TextToken:
			switch {
			case cite > 0 || raw > 0:
			case bytes.IndexByte(data, '&') < 0:
				b.Write(data)
			default:
				b.WriteString(stdhtml.UnescapeString(string(data)))
			}
		}
	}
}

func unquote(v []byte) []byte {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
