// Package slug normalises the names that become URL path segments: check slugs, topics, claimants.
package slug

import (
	"path"
	"strings"
)

// Normalize lower-cases s and turns every run of characters other than a-z
// and 0-9 into one '-', trimmed at both ends.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteByte(c)
			continue
		}
		dash = true
	}
	return b.String()
}

// Valid reports whether s is already a slug: [a-z0-9]+(-[a-z0-9]+)*.
func Valid(s string) bool {
	return s != "" && Normalize(s) == s
}

// Escapes reports whether a raw value would try to leave the output folder:
// a ".." path segment, or a leading '/'.
func Escapes(raw string) bool {
	if strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, `\`) {
		return true
	}
	for _, seg := range strings.FieldsFunc(raw, func(r rune) bool { return r == '/' || r == '\\' }) {
		if strings.TrimSpace(seg) == ".." {
			return true
		}
	}
	return false
}

// FromFile is the default slug of a content file: its base name without
// extension, normalised.
func FromFile(p string) string {
	base := path.Base(p)
	return Normalize(strings.TrimSuffix(base, path.Ext(base)))
}
