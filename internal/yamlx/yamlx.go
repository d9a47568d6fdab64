// Package yamlx has the small helpers for reading YAML with positions that config and content share.
package yamlx

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Key is one key of a mapping with the nodes of the key and its value.
type Key struct {
	Name  string
	Key   *yaml.Node
	Value *yaml.Node
}

// Keys lists a mapping node's keys in order; nil for anything but a mapping.
func Keys(m *yaml.Node) []Key {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	out := make([]Key, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, Key{Name: m.Content[i].Value, Key: m.Content[i], Value: m.Content[i+1]})
	}
	return out
}

// Document returns the content of a document node: the top-level value.
func Document(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	if n != nil && n.Kind == yaml.DocumentNode {
		return nil
	}
	return n
}

// LineError is a YAML error at a line relative to the start of the YAML text.
type LineError struct {
	Line int // 1-based; 0 when the parser gave none
	Msg  string
}

func (e *LineError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

var lineRE = regexp.MustCompile(`^line (\d+): `)

// Errors turns an error from yaml.v3 into errors with line numbers and
// messages written for a person: a type error becomes one error per field.
func Errors(err error) []LineError {
	if err == nil {
		return nil
	}
	var te *yaml.TypeError
	var msgs []string
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	out := make([]LineError, 0, len(msgs))
	for _, m := range msgs {
		m = strings.TrimPrefix(strings.TrimSpace(m), "yaml: ")
		le := LineError{Msg: m}
		if sub := lineRE.FindStringSubmatch(m); sub != nil {
			le.Line, _ = strconv.Atoi(sub[1])
			le.Msg = m[len(sub[0]):]
		}
		le.Msg = humanType(le.Msg)
		out = append(out, le)
	}
	return out
}

var typeRE = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")

func humanType(msg string) string {
	m := typeRE.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	want := m[3]
	switch {
	case strings.HasPrefix(want, "[]"):
		want = "a list"
	case strings.HasPrefix(want, "map["), strings.Contains(want, "."):
		want = "a mapping (key: value lines)"
	case want == "int":
		want = "a whole number"
	case want == "bool":
		want = "true or false"
	case want == "string":
		want = "a single value"
	}
	got := map[string]string{"str": "text", "int": "a number", "float": "a number", "bool": "true/false", "seq": "a list", "map": "a mapping", "timestamp": "a date", "null": "empty"}[m[1]]
	if got == "" {
		got = m[1]
	}
	if m[2] == "" {
		return fmt.Sprintf("expected %s here, found %s", want, got)
	}
	return fmt.Sprintf("expected %s here, found %s %q", want, got, m[2])
}

// DropDuplicateKeys removes every key that repeats an earlier key of the same
// mapping, anywhere in the tree, and reports it with the line of the first
// one; yaml.v3 would refuse to decode the whole tree otherwise.
func DropDuplicateKeys(n *yaml.Node, report func(dup *yaml.Node, firstLine int)) {
	if n == nil {
		return
	}
	if n.Kind == yaml.MappingNode {
		seen := map[string]int{}
		kept := n.Content[:0]
		for _, k := range Keys(n) {
			if first, ok := seen[k.Name]; ok {
				report(k.Key, first)
				continue
			}
			seen[k.Name] = k.Key.Line
			kept = append(kept, k.Key, k.Value)
		}
		n.Content = kept
	}
	for _, c := range n.Content {
		DropDuplicateKeys(c, report)
	}
}
