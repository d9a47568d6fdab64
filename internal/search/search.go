// Package search builds the full-text index that the search page loads as a script, so search works without a server.
package search

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"

	"github.com/factpress/factpress/internal/site"
)

// Doc is one search result as the page shows it.
type Doc struct {
	Title    string `json:"t"`
	Path     string `json:"p"` // site path, made relative by the page
	Verdict  int    `json:"v"` // index into Index.Verdicts
	Date     string `json:"d"`
	DateText string `json:"dt"` // as the site's pages write it
}

// Verdict is a verdict's label and colour, for result badges.
type Verdict struct {
	Label  string `json:"l"`
	Colour string `json:"c"`
}

// Index is what the search script receives. Terms are sorted; Postings[i]
// lists the documents holding Terms[i], as base-36 gaps joined by '.', in
// ascending document order (documents are newest first).
type Index struct {
	Verdicts []Verdict `json:"verdicts"`
	Docs     []Doc     `json:"docs"`
	Terms    []string  `json:"terms"`
	Postings []string  `json:"postings"`
}

// Tokens splits text as the search script does: into words at Unicode's
// word boundaries (UAX #29), lower case, with combining marks dropped so
// that policía and policia are one word; runs of Chinese or Japanese, which
// have no spaces between words, become pairs of characters, so that any
// word of two or more of them is found.
func Tokens(text string) []string {
	var out, ideographs []string
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
			out = append(out, fold(word))
		default:
			flush()
		}
	}
	flush()
	return out
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

// fold is a word as the index keeps it: lower case, its combining marks
// dropped.
func fold(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// Build indexes title, claim, claimant, summary, topics and verdict of every
// check; date writes a date as the site's pages do.
func Build(s *site.Site, date func(time.Time) string) *Index {
	ix := &Index{}
	verdictIndex := map[string]int{}
	for i, v := range s.Verdicts {
		verdictIndex[v.Key] = i
		ix.Verdicts = append(ix.Verdicts, Verdict{Label: v.Label, Colour: v.Colour})
	}
	postings := map[string][]int{}
	var text strings.Builder
	for i, c := range s.Checks {
		ix.Docs = append(ix.Docs, Doc{Title: c.Title, Path: c.Path, Verdict: verdictIndex[c.Verdict.Key], Date: c.Date.String(), DateText: date(c.Date.Time)})
		text.Reset()
		for _, part := range []string{c.Title, c.Claim, c.Check.Claimant, c.Summary, c.Verdict.Label, c.Verdict.Key} {
			text.WriteString(part)
			text.WriteByte(' ')
		}
		for _, t := range c.Topics {
			text.WriteString(t.Title + " " + t.Slug + " ")
		}
		for _, w := range Tokens(text.String()) {
			if p := postings[w]; len(p) == 0 || p[len(p)-1] != i {
				postings[w] = append(p, i)
			}
		}
	}
	ix.Terms = slices.Sorted(maps.Keys(postings))
	ix.Postings = make([]string, len(ix.Terms))
	var line []byte
	for i, term := range ix.Terms {
		line = line[:0]
		prev := 0
		for j, d := range postings[term] {
			if j > 0 {
				line = append(line, '.')
			}
			line = strconv.AppendInt(line, int64(d-prev), 36)
			prev = d
		}
		ix.Postings[i] = string(line)
	}
	return ix
}

// Script is the index as a classic script that sets a global, because
// fetch() of a JSON file fails on file:// pages. It is the JSON encoding of
// the Index, written by hand: the terms and postings, most of the script,
// need no escaping.
func (ix *Index) Script() ([]byte, error) {
	docs, err := json.Marshal(ix.Docs)
	if err != nil {
		return nil, err
	}
	verdicts, err := json.Marshal(ix.Verdicts)
	if err != nil {
		return nil, err
	}
	size := 128 + len(verdicts) + len(docs)
	for i := range ix.Terms {
		size += len(ix.Terms[i]) + len(ix.Postings[i]) + 6
	}
	out := make([]byte, 0, size)
	out = append(out, `window.FACTPRESS_SEARCH={"verdicts":`...)
	out = append(out, verdicts...)
	out = append(out, `,"docs":`...)
	out = append(out, docs...)
	out = append(out, `,"terms":`...)
	out = appendStrings(out, ix.Terms)
	out = append(out, `,"postings":`...)
	out = appendStrings(out, ix.Postings)
	return append(out, "};\n"...), nil
}

// appendStrings appends list as encoding/json would.
func appendStrings(out []byte, list []string) []byte {
	if list == nil {
		return append(out, "null"...)
	}
	out = append(out, '[')
	for i, s := range list {
		if i > 0 {
			out = append(out, ',')
		}
		if plain(s) {
			out = append(out, '"')
			out = append(out, s...)
			out = append(out, '"')
		} else {
			b, _ := json.Marshal(s) // a string always marshals
			out = append(out, b...)
		}
	}
	return append(out, ']')
}

// plain reports whether encoding/json writes s as it is between quotes.
func plain(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
		ascii = ascii && c < 0x80
	}
	return ascii || utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")
}
