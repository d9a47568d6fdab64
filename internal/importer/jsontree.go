package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// node is a JSON value with the byte offset where it starts, so that a
// record that cannot be read is reported at its line and column.
type node struct {
	off  int
	kind byte // 's' string, 'n' number, 'b' bool, '0' null, 'o' object, 'a' array
	str  string
	num  json.Number
	obj  map[string]*node
	keys []string // the object's keys, in the order written
	arr  []*node
	// partial marks a value cut short by a syntax error: its finished
	// children may be read, the value itself is not a record.
	partial bool
}

// maxDepth bounds nesting: ClaimReview is a few levels deep, and a file of
// a million '[' must not take the stack with it.
const maxDepth = 64

type depthError struct{ off int }

func (e *depthError) Error() string {
	return fmt.Sprintf("values nested more than %d deep", maxDepth)
}

type treeReader struct {
	data []byte
	dec  *json.Decoder
}

// parseJSON reads every JSON value in data (one, or one a line as in JSON
// Lines). On a syntax error it returns what was read before it, with the
// error's byte offset.
func parseJSON(data []byte) ([]*node, int, error) {
	r := &treeReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	r.dec.UseNumber()
	var out []*node
	for {
		start := r.start()
		if start >= len(data) {
			return out, 0, nil
		}
		n, err := r.value(0)
		if n != nil {
			out = append(out, n)
		}
		if err != nil {
			off := int(r.dec.InputOffset())
			var se *json.SyntaxError
			var de *depthError
			switch {
			case errors.As(err, &se):
				off = int(se.Offset)
			case errors.As(err, &de):
				off = de.off
			case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
				err, off = errors.New("the JSON ends before its last value is complete"), len(data)
			}
			return out, off, err
		}
	}
}

// start is the offset of the next value: past the last token, blanks and
// the comma or colon before it.
func (r *treeReader) start() int {
	off := int(r.dec.InputOffset())
	for off < len(r.data) && strings.IndexByte(" \t\r\n,:", r.data[off]) >= 0 {
		off++
	}
	return off
}

func (r *treeReader) value(depth int) (*node, error) {
	n := &node{off: r.start()}
	if depth > maxDepth {
		return nil, &depthError{off: n.off}
	}
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case string:
		n.kind, n.str = 's', t
	case json.Number:
		n.kind, n.num = 'n', t
	case bool:
		n.kind = 'b'
		if t {
			n.str = "true"
		} else {
			n.str = "false"
		}
	case nil:
		n.kind = '0'
	case json.Delim:
		switch t {
		case '{':
			n.kind, n.obj = 'o', map[string]*node{}
			for r.dec.More() {
				k, err := r.dec.Token()
				if err != nil {
					n.partial = true
					return n, err
				}
				key, _ := k.(string)
				child, err := r.value(depth + 1)
				if child != nil {
					if _, ok := n.obj[key]; !ok {
						n.keys = append(n.keys, key)
					}
					n.obj[key] = child // a repeated key: the last wins, as in encoding/json
				}
				if err != nil {
					n.partial = true
					return n, err
				}
			}
		case '[':
			n.kind = 'a'
			for r.dec.More() {
				child, err := r.value(depth + 1)
				if child != nil {
					n.arr = append(n.arr, child)
				}
				if err != nil {
					n.partial = true
					return n, err
				}
			}
		}
		if _, err := r.dec.Token(); err != nil { // the closing delimiter
			n.partial = true
			return n, err
		}
	}
	return n, nil
}

// get is the value of an object's key; for a JSON-LD property given as a
// list, its first element.
func (n *node) get(key string) *node {
	if n == nil || n.kind != 'o' {
		return nil
	}
	v := n.obj[key]
	if v != nil && v.kind == 'a' {
		if len(v.arr) == 0 {
			return nil
		}
		return v.arr[0]
	}
	return v
}

// all is an object's key as a list: a single value is a list of one.
func (n *node) all(key string) []*node {
	if n == nil || n.kind != 'o' {
		return nil
	}
	v := n.obj[key]
	switch {
	case v == nil:
		return nil
	case v.kind == 'a':
		return v.arr
	}
	return []*node{v}
}

// text is a value as text: a string, a number, or a JSON-LD value object
// ({"@value": …}). It fails on an object or a list, which a field that
// should hold text must not be.
func (n *node) text() (string, error) {
	if n == nil {
		return "", nil
	}
	switch n.kind {
	case 's', 'b':
		return cleanText(n.str), nil
	case 'n':
		return n.num.String(), nil
	case '0':
		return "", nil
	case 'o':
		if v, ok := n.obj["@value"]; ok {
			return v.text()
		}
		return "", errors.New("an object")
	}
	return "", errors.New("a list")
}

// name is the name of a thing given as an object with a name, or as text.
func (n *node) name() string {
	if n == nil {
		return ""
	}
	if n.kind == 'o' {
		if _, ok := n.obj["@value"]; !ok {
			s, _ := n.get("name").text()
			return s
		}
	}
	s, _ := n.text()
	return s
}

// types are the @type values of an object, without a schema.org prefix
// ("schema:ClaimReview", "https://schema.org/ClaimReview").
func (n *node) types() []string {
	var out []string
	for _, t := range n.all("@type") {
		s, err := t.text()
		if err != nil {
			continue
		}
		if i := strings.LastIndexAny(s, "/:#"); i >= 0 {
			s = s[i+1:]
		}
		out = append(out, s)
	}
	return out
}

func (n *node) is(typ string) bool {
	for _, t := range n.types() {
		if t == typ {
			return true
		}
	}
	return false
}

// cleanText makes text one line: newlines and runs of blanks become one
// space, so that it fits in a YAML value and a comment.
func cleanText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// lineCol turns a byte offset in data into a 1-based line and column
// (counted in characters).
func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, len([]rune(string(before[lineStart:]))) + 1
}

func describeKind(n *node) string {
	switch n.kind {
	case 's':
		return fmt.Sprintf("the text %q", n.str)
	case 'n':
		return "a number"
	case 'b':
		return "true or false"
	case '0':
		return "null"
	case 'a':
		return "a list"
	}
	return "an object"
}
