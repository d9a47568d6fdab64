// Package slug normalises names: the slugs of URL path segments (checks, topics, claimants) and the keys that match questions.
package slug

import (
	"path"
	"strings"
	"unicode"
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

// maxPage bounds the slug of a page named by a sentence.
const maxPage = 80

// Page is the slug of a page named by a sentence (a related question):
// normalised, cut at a word boundary to a length a URL can bear, never empty.
func Page(text string) string {
	s := Normalize(text)
	if len(s) > maxPage {
		s = s[:maxPage]
		if i := strings.LastIndexByte(s, '-'); i > maxPage/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	if s == "" {
		s = "question"
	}
	return s
}

// Question is the form in which two questions count as the same:
// lower case, punctuation dropped, spaces collapsed.
func Question(q string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(q) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case unicode.IsSpace(r):
			space = true
		}
	}
	return b.String()
}
