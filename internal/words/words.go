// Package words splits text into words in any script, as the search script does, for the search index and related checks.
package words

import (
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// Tokens splits text as the search script does: into words at Unicode's
// word boundaries (UAX #29), lower case, with combining marks dropped so
// that policía and policia are one word; a word is cut where a letter meets
// a digit and at connectors, so that covid19, covid-19 and covid 19 are all
// the two words covid and 19; runs of Chinese or Japanese, which have no
// spaces between words, become pairs of characters, so that any word of two
// or more of them is found.
func Tokens(text string) []string {
	var out []string
	var t Tokenizer
	t.Each(text, func(w []byte) { out = append(out, string(w)) })
	return out
}

// Tokenizer splits texts into tokens, reusing its buffer. The zero value
// is ready to use; it is not safe for concurrent use.
type Tokenizer struct {
	buf []byte
	// seen, tokens and counts are Count's, kept for the next text.
	seen   map[string]int
	tokens []string
	counts []int
}

// Each calls f with each token of text, in order; f must not keep the
// bytes past its call. Text is cut at runs of ASCII white space that an
// ASCII character follows, where every word boundary rule agrees there is
// a break and none looks across; a piece of plain ASCII, most of an
// English archive, is split by asciiWords, the others by uniseg.
func (t *Tokenizer) Each(text string, f func([]byte)) {
	for len(text) > 0 {
		end, next := chunk(text)
		if piece := text[:end]; ascii(piece) {
			t.asciiWords(piece, f)
		} else {
			for _, w := range uniWords(nil, piece) {
				t.buf = append(t.buf[:0], w...)
				f(t.buf)
			}
		}
		text = text[next:]
	}
}

// chunk finds the end of the first piece of text and where the next one
// starts: after a run of ASCII white space followed by an ASCII character
// that is not white space.
func chunk(text string) (end, next int) {
	for i := 0; i < len(text); i++ {
		if !asciiSpace(text[i]) {
			continue
		}
		j := i + 1
		for j < len(text) && asciiSpace(text[j]) {
			j++
		}
		if j == len(text) || text[j] < utf8.RuneSelf {
			return i, j
		}
		i = j - 1
	}
	return len(text), len(text)
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// uniWords appends the tokens of text split by uniseg.
func uniWords(out []string, text string) []string {
	var ideographs []string
	flush := func() {
		switch len(ideographs) {
		case 0:
		case 1:
			out = append(out, ideographs[0])
		default:
			for i := 0; i+1 < len(ideographs); i++ {
				out = append(out, ideographs[i]+ideographs[i+1])
			}
		}
		ideographs = ideographs[:0]
	}
	state := -1
	for rest := text; len(rest) > 0; {
		var word string
		word, rest, state = uniseg.FirstWordInString(rest, state)
		switch {
		case ideographic(word):
			ideographs = append(ideographs, word)
		case wordlike(word):
			flush()
			out = pieces(out, word)
		default:
			flush()
		}
	}
	flush()
	return out
}

// Word break classes of ASCII characters (UAX #29's Word_Break property).
const (
	wbOther byte = iota
	wbLetter
	wbDigit
	wbConnector // _: ExtendNumLet
	wbMidLetter // :
	wbMidNumLet // . '
	wbMidNum    // , ;
)

// asciiClasses holds the class of each ASCII character, as a digit.
const asciiClasses = "00000000000000000000000000000000000000050000605022222222224600000111111111111111111111111110000301111111111111111111111111100000"

func asciiClass(c byte) byte { return asciiClasses[c&0x7f] - '0' }

// asciiWords splits an ASCII text without white space at the word
// boundaries uniseg finds in it (rules WB5 to WB13b; the others concern
// characters ASCII lacks) and into pieces as pieces does, calling f with
// each in lower case. A test and a fuzzer hold it to uniseg and pieces.
func (t *Tokenizer) asciiWords(s string, f func([]byte)) {
	inWord, alnum := false, false
	t.buf = t.buf[:0]
	emit := func() {
		if alnum {
			f(t.buf)
		}
		t.buf, alnum = t.buf[:0], false
	}
	prev := wbOther
	for i := 0; i < len(s); i++ {
		c := asciiClass(s[i])
		keep := true
		switch {
		case inWord && joins(s, i, prev, c):
			switch {
			case c == wbConnector, prev == wbLetter && (s[i] == '.' || s[i] == ':'):
				emit() // a piece ends at _, and at a stop after a letter
				keep = false
			case prev == wbLetter && c == wbDigit, prev == wbDigit && c == wbLetter:
				emit() // and where a letter meets a digit
			}
		case inWord:
			emit()
			inWord = false
			fallthrough
		default:
			inWord = c == wbLetter || c == wbDigit || c == wbConnector
		}
		if inWord && keep && c != wbConnector {
			b := s[i]
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			t.buf = append(t.buf, b)
			alnum = alnum || c == wbLetter || c == wbDigit
		}
		prev = c
	}
	if inWord {
		emit()
	}
}

// joins reports whether there is no word boundary before s[i], between
// classes prev and c, inside a word that started before i.
func joins(s string, i int, prev, c byte) bool {
	word := func(k byte) bool { return k == wbLetter || k == wbDigit || k == wbConnector }
	switch {
	case word(prev) && c == wbConnector, prev == wbConnector && word(c): // WB13a, WB13b
		return true
	case (prev == wbLetter || prev == wbDigit) && (c == wbLetter || c == wbDigit): // WB5, WB8, WB9, WB10
		return true
	case prev == wbLetter && (c == wbMidLetter || c == wbMidNumLet): // WB6
		return i+1 < len(s) && asciiClass(s[i+1]) == wbLetter
	case prev == wbDigit && (c == wbMidNum || c == wbMidNumLet): // WB12
		return i+1 < len(s) && asciiClass(s[i+1]) == wbDigit
	case c == wbLetter && (prev == wbMidLetter || prev == wbMidNumLet): // WB7
		return i >= 2 && asciiClass(s[i-2]) == wbLetter
	case c == wbDigit && (prev == wbMidNum || prev == wbMidNumLet): // WB11
		return i >= 2 && asciiClass(s[i-2]) == wbDigit
	}
	return false
}

// pieces appends the tokens of one word: cut where a letter meets a digit,
// at connectors (_) and at a stop after a letter, each piece folded; pieces with neither a letter nor
// a digit are left out.
func pieces(out []string, w string) []string {
	start, prev := 0, 0
	emit := func(p string) {
		if wordlike(p) {
			out = append(out, fold(p))
		}
	}
	for i, r := range w {
		k := 0
		switch {
		case unicode.Is(unicode.Pc, r), prev == 1 && stop(r):
			emit(w[start:i])
			start, prev = i+utf8.RuneLen(r), 0
			continue
		case unicode.IsMark(r):
			continue // a mark goes with what it marks
		case unicode.IsLetter(r):
			k = 1
		case unicode.IsDigit(r):
			k = 2
		}
		if prev != 0 && k != 0 && k != prev {
			emit(w[start:i])
			start = i
		}
		prev = k
	}
	emit(w[start:])
	return out
}

// stop reports whether r is a full stop or a colon, which join letters into
// one word in UAX #29 (e.g, twitter.com, a:b) but not in browsers (ICU's
// rules): a piece ends at one that follows a letter. Between digits (3.5)
// a stop stays.
func stop(r rune) bool {
	switch r {
	case '.', ':', '\u2024', '\ufe13', '\ufe52', '\ufe55', '\uff0e', '\uff1a':
		return true
	}
	return false
}

// wordlike reports whether a segment holds a letter or a digit, not only
// spaces and punctuation.
func wordlike(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// ideographic reports whether a segment is one character of a script
// written without spaces between words.
func ideographic(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

// fold is a word as the index keeps it: lower case (a final sigma as any
// other, since browsers lower Σ to ς at the end of a word), its combining
// marks dropped, a typographic apostrophe (’) written as a plain one.
func fold(w string) string {
	if ascii(w) {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\u2019':
			b.WriteByte('\'')
		case r == 'ς':
			b.WriteRune('σ')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// Ideographic reports whether a token is Chinese or Japanese: a pair of
// characters (or one alone) from a run written without spaces.
func Ideographic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// Counts is the distinct tokens of a text, in the order they first occur,
// each with how often it occurs: one string (a length, the token, the
// count, as uvarints) that costs one allocation to keep and none to read.
type Counts string

// Count is the tokens of text, counted; it reuses the tokenizer's buffers.
func (t *Tokenizer) Count(text string) Counts {
	if t.seen == nil {
		t.seen = map[string]int{}
	}
	clear(t.seen)
	t.tokens, t.counts = t.tokens[:0], t.counts[:0]
	t.Each(text, func(w []byte) {
		if i, ok := t.seen[string(w)]; ok {
			t.counts[i]++
			return
		}
		t.seen[string(w)] = len(t.tokens)
		t.tokens, t.counts = append(t.tokens, string(w)), append(t.counts, 1)
	})
	var out []byte
	for i, w := range t.tokens {
		out = binary.AppendUvarint(out, uint64(len(w)))
		out = append(out, w...)
		out = binary.AppendUvarint(out, uint64(t.counts[i]))
	}
	return Counts(out)
}

// Each calls f with each token and its count, in the order the tokens
// first occur in the text. A Counts that was not made by Count ends at
// the first token it cannot read.
func (c Counts) Each(f func(token string, n int)) {
	for rest := string(c); len(rest) > 0; {
		size, k := uvarint(rest)
		if k <= 0 || uint64(len(rest)-k) < size {
			return
		}
		token := rest[k : k+int(size)]
		rest = rest[k+int(size):]
		n, k := uvarint(rest)
		if k <= 0 {
			return
		}
		rest = rest[k:]
		f(token, int(n))
	}
}

// uvarint is binary.Uvarint of a string.
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			return x | uint64(b)<<(7*i), i + 1
		}
		x |= uint64(b&0x7f) << (7 * i)
	}
	return 0, 0
}
