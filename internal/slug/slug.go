// Package slug normalises names: the slugs of URL path segments (checks, topics, claimants) and the keys that match questions.
package slug

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize makes a name into a slug: NFC, lower case where the script has
// case, Latin letters' diacritics folded to ASCII (José → jose, ß → ss),
// every run of characters that are not letters, marks or digits (of any
// script: Arabic, Devanagari and Chinese names are slugs) made one '-', and
// trimmed.
func Normalize(s string) string { return normalize(s, true) }

// NormalizeKeep is Normalize that keeps Latin diacritics (josé-pérez).
func NormalizeKeep(s string) string { return normalize(s, false) }

// Of is the slug of a name: Normalize, or NormalizeKeep when the site's
// config keeps diacritics.
func Of(name string, keepDiacritics bool) string { return normalize(name, !keepDiacritics) }

func normalize(s string, fold bool) string {
	s = norm.NFC.String(s)
	if fold {
		s = foldLatin(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	dash, ascii := false, true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		r = unicode.ToLower(r)
		ascii = ascii && r < utf8.RuneSelf
		b.WriteRune(r)
	}
	if ascii {
		return b.String()
	}
	return norm.NFC.String(b.String()) // lower case may undo a composition
}

// latinLetters are the Latin letters that do not decompose into a base
// letter and marks, as folding to ASCII writes them.
var latinLetters = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ł': "l", 'Ł': "l",
	'ħ': "h", 'Ħ': "h", 'ı': "i", 'ŧ': "t", 'Ŧ': "t", 'ŋ': "ng", 'Ŋ': "ng",
}

// foldLatin drops the diacritics of Latin letters, and only theirs: the
// vowel signs of Devanagari or the harakat of Arabic are marks too, and are
// part of the word.
func foldLatin(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	latinBase := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			if latinBase {
				continue
			}
		case latinLetters[r] != "":
			b.WriteString(latinLetters[r])
			latinBase = true
			continue
		default:
			latinBase = unicode.Is(unicode.Latin, r)
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Valid reports whether s is already a slug: runs of lower-case letters,
// marks and digits of any script, in NFC, joined by single '-'. Latin
// diacritics are allowed in a slug written by hand.
func Valid(s string) bool {
	return s != "" && NormalizeKeep(s) == s
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
func FromFile(p string) string { return FileSlug(p, false) }

// FileSlug is FromFile, keeping diacritics when the site's config does.
func FileSlug(p string, keepDiacritics bool) string {
	base := path.Base(p)
	return Of(strings.TrimSuffix(base, path.Ext(base)), keepDiacritics)
}

// maxPage bounds the slug of a page named by a sentence.
const maxPage = 80

// Page is the slug of a page named by a sentence (a related question):
// normalised, cut at a word boundary to a length a URL can bear, never empty.
func Page(text string) string {
	s := Normalize(text)
	if len(s) > maxPage {
		cut := maxPage
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut-- // not inside a letter of a script written in several bytes
		}
		s = s[:cut]
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
