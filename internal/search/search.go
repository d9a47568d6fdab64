// Package search builds the full-text index that the search page loads as a script, so search works without a server.
package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode"

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
func Build(s *site.Site) *Index {
	ix := &Index{}
	verdictIndex := map[string]int{}
	for i, v := range s.Verdicts {
		verdictIndex[v.Key] = i
		ix.Verdicts = append(ix.Verdicts, Verdict{Label: v.Label, Colour: v.Colour})
	}
	postings := map[string][]int{}
	for i, c := range s.Checks {
		ix.Docs = append(ix.Docs, Doc{Title: c.Title, Path: c.Path, Verdict: verdictIndex[c.Verdict.Key], Date: c.Date.String()})
		var text strings.Builder
		for _, part := range []string{c.Title, c.Claim, c.Check.Claimant, c.Summary, c.Verdict.Label, c.Verdict.Key} {
			text.WriteString(part)
			text.WriteByte(' ')
		}
		for _, t := range c.Topics {
			text.WriteString(t.Title + " " + t.Slug + " ")
		}
		for _, tok := range Tokens(text.String()) {
			p := postings[tok]
			if len(p) == 0 || p[len(p)-1] != i {
				postings[tok] = append(p, i)
			}
		}
	}
	for term := range postings {
		ix.Terms = append(ix.Terms, term)
	}
	slices.Sort(ix.Terms)
	ix.Postings = make([]string, len(ix.Terms))
	var b strings.Builder
	for i, term := range ix.Terms {
		b.Reset()
		prev := 0
		for j, d := range postings[term] {
			if j > 0 {
				b.WriteByte('.')
			}
			b.WriteString(strconv.FormatInt(int64(d-prev), 36))
			prev = d
		}
		ix.Postings[i] = b.String()
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
