// Package search builds the full-text index that the search page loads as a script, so search works without a server.
package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/site"
)

// Doc is one search result as the page shows it.
type Doc struct {
	Title   string `json:"t"`
	Path    string `json:"p"` // site path, made relative by the page
	Verdict int    `json:"v"` // index into Index.Verdicts
	Date    string `json:"d"`
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

// Tokens splits text as the search script does: lower case, letters and
// digits, accents kept.
func Tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// Build indexes title, claim, claimant, summary, topics and verdict of every
// check.
func Build(s *site.Site) *Index { return NewBuilder().Build(s) }

// Builder builds indexes again and again, keeping each check's words while
// the check and what the index shows of it do not change. Not safe for
// concurrent use.
type Builder struct {
	words map[*content.Check]cachedWords
}

type cachedWords struct {
	key   string // verdict and topics as shown, which come from outside the file
	words []string
}

// NewBuilder makes a Builder with an empty cache.
func NewBuilder() *Builder { return &Builder{words: map[*content.Check]cachedWords{}} }

// wordsOf returns a check's distinct index words, in order of appearance.
func (b *Builder) wordsOf(c *site.Check) []string {
	var key strings.Builder
	key.WriteString(c.Verdict.Key + "\x00" + c.Verdict.Label)
	for _, t := range c.Topics {
		key.WriteString("\x00" + t.Slug + "\x00" + t.Title)
	}
	if w, ok := b.words[c.Check]; ok && w.key == key.String() {
		return w.words
	}
	var text strings.Builder
	for _, part := range []string{c.Title, c.Claim, c.Check.Claimant, c.Summary, c.Verdict.Label, c.Verdict.Key} {
		text.WriteString(part)
		text.WriteByte(' ')
	}
	for _, t := range c.Topics {
		text.WriteString(t.Title + " " + t.Slug + " ")
	}
	seen := map[string]bool{}
	var words []string
	for _, tok := range Tokens(text.String()) {
		if !seen[tok] {
			seen[tok] = true
			words = append(words, tok)
		}
	}
	b.words[c.Check] = cachedWords{key: key.String(), words: words}
	return words
}

// Build indexes the site, reusing the words of unchanged checks.
func (b *Builder) Build(s *site.Site) *Index {
	ix := &Index{}
	verdictIndex := map[string]int{}
	for i, v := range s.Verdicts {
		verdictIndex[v.Key] = i
		ix.Verdicts = append(ix.Verdicts, Verdict{Label: v.Label, Colour: v.Colour})
	}
	postings := map[string][]int{}
	current := make(map[*content.Check]bool, len(s.Checks))
	for i, c := range s.Checks {
		current[c.Check] = true
		ix.Docs = append(ix.Docs, Doc{Title: c.Title, Path: c.Path, Verdict: verdictIndex[c.Verdict.Key], Date: c.Date.String()})
		for _, tok := range b.wordsOf(c) {
			postings[tok] = append(postings[tok], i)
		}
	}
	for c := range b.words {
		if !current[c] {
			delete(b.words, c) // a file that changed or went
		}
	}
	for term := range postings {
		ix.Terms = append(ix.Terms, term)
	}
	slices.Sort(ix.Terms)
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
// fetch() of a JSON file fails on file:// pages.
func (ix *Index) Script() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("window.FACTPRESS_SEARCH=")
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(ix); err != nil {
		return nil, err
	}
	buf.Truncate(buf.Len() - 1)
	buf.WriteString(";\n")
	return buf.Bytes(), nil
}
