// Package search builds the full-text index that the search page loads as a script, so search works without a server.
package search

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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

	docsJSON []byte // Docs as JSON, kept while they do not change
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
// the check and what the index shows of it do not change, and the last
// index: when the documents are the same, only the postings of the words
// that came or went are made again. Not safe for concurrent use.
type Builder struct {
	words map[*content.Check]cachedWords
	last  *built
}

type cachedWords struct {
	key   string // verdict and topics as shown, which come from outside the file
	words []string
}

// built is the last index with what it was made from.
type built struct {
	site       *site.Site // the model, which site.BuildWith may update in place
	generation int
	position   map[*site.Check]int
	files      []*content.Check // each document's parsed file
	docs       []Doc
	words      [][]string       // each document's words
	postings   map[string][]int // term → documents, ascending
	encoded    map[string]string
	index      *Index
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

// Build indexes the site, reusing the words of unchanged checks and, when
// the documents are those of the last call, the last index. The Index is
// valid until the next call.
func (b *Builder) Build(s *site.Site) *Index {
	var verdicts []Verdict
	verdictIndex := map[string]int{}
	for i, v := range s.Verdicts {
		verdictIndex[v.Key] = i
		verdicts = append(verdicts, Verdict{Label: v.Label, Colour: v.Colour})
	}
	if last := b.last; last != nil && last.site == s && s.Generation == last.generation+1 {
		// The model was updated in place: the documents are in the same
		// order, and only the updated ones changed.
		last.generation = s.Generation
		var dirty []string
		for _, c := range s.Updated {
			i := last.position[c]
			delete(b.words, last.files[i])
			last.files[i] = c.Check
			dirty = last.update(i, b.wordsOf(c), dirty)
			if d := docOf(c, verdictIndex); d != last.docs[i] {
				last.docs[i] = d // a new title: the documents' JSON is made again
				last.index.docsJSON = nil
			}
		}
		last.refresh(dirty)
		last.index.Verdicts = verdicts
		return last.index
	}
	var docs []Doc
	words := make([][]string, len(s.Checks))
	current := make(map[*content.Check]bool, len(s.Checks))
	for i, c := range s.Checks {
		current[c.Check] = true
		docs = append(docs, docOf(c, verdictIndex))
		words[i] = b.wordsOf(c)
	}
	for c := range b.words {
		if !current[c] {
			delete(b.words, c) // a file that changed or went
		}
	}
	if b.last != nil && slices.Equal(docs, b.last.docs) {
		var dirty []string
		for i, ws := range words {
			dirty = b.last.update(i, ws, dirty)
		}
		b.last.refresh(dirty)
	} else {
		b.last = fresh(docs, words)
	}
	b.last.site, b.last.generation = s, s.Generation
	b.last.position = make(map[*site.Check]int, len(s.Checks))
	b.last.files = make([]*content.Check, len(s.Checks))
	for i, c := range s.Checks {
		b.last.position[c] = i
		b.last.files[i] = c.Check
	}
	ix := b.last.index
	ix.Verdicts = verdicts
	return ix
}

func docOf(c *site.Check, verdictIndex map[string]int) Doc {
	return Doc{Title: c.Title, Path: c.Path, Verdict: verdictIndex[c.Verdict.Key], Date: c.Date.String()}
}

// fresh indexes documents from scratch.
func fresh(docs []Doc, words [][]string) *built {
	bt := &built{docs: docs, words: words, postings: map[string][]int{}, encoded: map[string]string{}}
	for i, ws := range words {
		for _, w := range ws {
			bt.postings[w] = append(bt.postings[w], i)
		}
	}
	ix := &Index{Docs: docs}
	for term := range bt.postings {
		ix.Terms = append(ix.Terms, term)
	}
	slices.Sort(ix.Terms)
	ix.Postings = make([]string, len(ix.Terms))
	for i, term := range ix.Terms {
		ix.Postings[i] = bt.encode(term)
	}
	bt.index = ix
	return bt
}

// update gives document i the words ws, moving it in the postings of the
// words that came or went, which it appends to dirty.
func (bt *built) update(i int, ws []string, dirty []string) []string {
	old := bt.words[i]
	if len(ws) == len(old) && (len(ws) == 0 || &ws[0] == &old[0]) {
		return dirty // the cached words of an unchanged check
	}
	for _, w := range old {
		if !slices.Contains(ws, w) {
			p := bt.postings[w]
			if at, ok := slices.BinarySearch(p, i); ok {
				bt.postings[w] = slices.Delete(p, at, at+1)
			}
			dirty = append(dirty, w)
		}
	}
	for _, w := range ws {
		if !slices.Contains(old, w) {
			p := bt.postings[w]
			if at, ok := slices.BinarySearch(p, i); !ok {
				bt.postings[w] = slices.Insert(p, at, i)
			}
			dirty = append(dirty, w)
		}
	}
	bt.words[i] = ws
	return dirty
}

// refresh brings the index's terms and postings up to date with the
// postings of the dirty words, in place.
func (bt *built) refresh(dirty []string) {
	ix := bt.index
	for _, w := range dirty {
		at, found := slices.BinarySearch(ix.Terms, w)
		switch {
		case len(bt.postings[w]) == 0:
			delete(bt.postings, w)
			delete(bt.encoded, w)
			if found {
				ix.Terms = slices.Delete(ix.Terms, at, at+1)
				ix.Postings = slices.Delete(ix.Postings, at, at+1)
			}
		case found:
			delete(bt.encoded, w)
			ix.Postings[at] = bt.encode(w)
		default:
			ix.Terms = slices.Insert(ix.Terms, at, w)
			ix.Postings = slices.Insert(ix.Postings, at, bt.encode(w))
		}
	}
}

// encode writes a term's postings as base-36 gaps joined by '.'.
func (bt *built) encode(term string) string {
	if e, ok := bt.encoded[term]; ok {
		return e
	}
	var line []byte
	prev := 0
	for j, d := range bt.postings[term] {
		if j > 0 {
			line = append(line, '.')
		}
		line = strconv.AppendInt(line, int64(d-prev), 36)
		prev = d
	}
	bt.encoded[term] = string(line)
	return bt.encoded[term]
}

// Script is the index as a classic script that sets a global, because
// fetch() of a JSON file fails on file:// pages. It is the JSON encoding of
// the Index, written by hand: it runs on every rebuild of serve and the
// terms and postings need no escaping.
func (ix *Index) Script() ([]byte, error) {
	if ix.docsJSON == nil {
		b, err := json.Marshal(ix.Docs)
		if err != nil {
			return nil, err
		}
		ix.docsJSON = b
	}
	verdicts, err := json.Marshal(ix.Verdicts)
	if err != nil {
		return nil, err
	}
	size := 128 + len(verdicts) + len(ix.docsJSON)
	for i := range ix.Terms {
		size += len(ix.Terms[i]) + len(ix.Postings[i]) + 6
	}
	out := make([]byte, 0, size)
	out = append(out, `window.FACTPRESS_SEARCH={"verdicts":`...)
	out = append(out, verdicts...)
	out = append(out, `,"docs":`...)
	out = append(out, ix.docsJSON...)
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
