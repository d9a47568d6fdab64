// Package bidi finds and removes the Unicode controls that reorder text, so that a page shows the text its file holds.
package bidi

import (
	"fmt"
	"strings"
)

// Reorders reports whether r is an embedding, override or isolate: a control
// that reorders all the text after it, up to its pop or the end of the
// paragraph ("Trojan Source"), so that a title can display as other words
// than those written.
func Reorders(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// Strip returns s without the controls that reorder text. The marks (U+200E,
// U+200F, U+061C) stay: they only give a direction to the characters beside
// them, and right-to-left writing needs them.
func Strip(s string) string {
	if !strings.ContainsFunc(s, Reorders) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Reorders(r) {
			return -1
		}
		return r
	}, s)
}

// Problem says which controls that reorder text s holds, to follow the
// name of the field in a message, or "" when it holds none.
func Problem(s string) string {
	if !strings.ContainsFunc(s, Reorders) {
		return ""
	}
	var names []string
	seen := map[rune]bool{}
	for _, r := range s {
		if Reorders(r) && !seen[r] {
			seen[r] = true
			names = append(names, Name(r))
		}
	}
	if len(names) == 1 {
		return fmt.Sprintf("contains %s, which can make it display as other text than the file holds; the site leaves it out", names[0])
	}
	list := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	return fmt.Sprintf("contains %s, which can make it display as other text than the file holds; the site leaves them out", list)
}

// Name is the code point and Unicode name of a bidi control, as
// "U+202E RIGHT-TO-LEFT OVERRIDE".
func Name(r rune) string {
	name := ""
	switch r {
	case '\u202A':
		name = "LEFT-TO-RIGHT EMBEDDING"
	case '\u202B':
		name = "RIGHT-TO-LEFT EMBEDDING"
	case '\u202C':
		name = "POP DIRECTIONAL FORMATTING"
	case '\u202D':
		name = "LEFT-TO-RIGHT OVERRIDE"
	case '\u202E':
		name = "RIGHT-TO-LEFT OVERRIDE"
	case '\u2066':
		name = "LEFT-TO-RIGHT ISOLATE"
	case '\u2067':
		name = "RIGHT-TO-LEFT ISOLATE"
	case '\u2068':
		name = "FIRST STRONG ISOLATE"
	case '\u2069':
		name = "POP DIRECTIONAL ISOLATE"
	case '\u200E':
		name = "LEFT-TO-RIGHT MARK"
	case '\u200F':
		name = "RIGHT-TO-LEFT MARK"
	case '\u061C':
		name = "ARABIC LETTER MARK"
	}
	if name == "" {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}
