package content

import (
	"bytes"
	"strconv"
	"strings"
)

// Peek reads only what the archive-wide rules need of a file that is not
// itself being checked: its slug and whether it is a draft. It scans the
// top-level lines of the front matter instead of decoding it, which is a
// hundred times cheaper; anything it cannot read plainly (block scalars,
// flow mappings) falls back to Parse without the body.
func Peek(path string, data []byte, kind Kind) *Check {
	c := &Check{Path: path, Kind: kind, parsed: true}
	src := bytes.TrimPrefix(data, bom)
	delimLine, delim := openingLine(src)
	if delim == "" {
		return Parse(path, data, kind, nil)
	}
	sep := ":"
	if delim == "+++" || delim == "---toml" {
		sep = "="
	}
	lines := bytes.Split(src, []byte("\n"))
	closed := false
	for i := delimLine; i < len(lines); i++ {
		line := string(bytes.TrimRight(lines[i], "\r"))
		if strings.TrimSpace(line) == closing(delim) {
			closed = true
			break
		}
		if line == "" || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' {
			continue
		}
		key, value, ok := strings.Cut(line, sep)
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		if key != "slug" && key != "draft" {
			continue
		}
		v, ok := plainScalar(value)
		if !ok {
			return Parse(path, data, kind, nil)
		}
		c.Fields = append(c.Fields, Field{key, Pos{Line: i + 1, Col: 1}})
		if key == "slug" {
			c.Slug = v
		} else {
			c.Draft = v == "true"
		}
	}
	if !closed {
		return Parse(path, data, kind, nil)
	}
	c.urlSlug = c.slugOf()
	return c
}

// plainScalar reads a one-line YAML or TOML scalar: bare, or quoted without
// tricks, with an optional trailing comment.
func plainScalar(s string) (string, bool) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", true
	case s[0] == '"':
		end := strings.LastIndexByte(s, '"')
		if end == 0 {
			return "", false
		}
		rest := strings.TrimSpace(s[end+1:])
		v, err := strconv.Unquote(s[:end+1])
		return v, err == nil && (rest == "" || rest[0] == '#')
	case s[0] == '\'':
		end := strings.LastIndexByte(s, '\'')
		if end == 0 || strings.Contains(s[1:end], "'") {
			return "", false
		}
		rest := strings.TrimSpace(s[end+1:])
		return s[1:end], rest == "" || rest[0] == '#'
	case strings.ContainsAny(s[:1], "|>{[&*!%@`"):
		return "", false
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return s, true
}
