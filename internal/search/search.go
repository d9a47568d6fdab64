// Package search builds the full-text index that the search page loads as a script, so search works without a server.
package search

import (
	"encoding/json"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/words"
)

// Doc is one search result as the page shows it: its claimant, publishers,
// topics and date are indexes into the Index's tables, which name each once.
type Doc struct {
	Title      string `json:"t"`
	Claim      string `json:"c,omitempty"`
	Claimant   int    `json:"w,omitempty"`  // into Index.Claimants; 0 when none
	Path       string `json:"p"`            // site path, made relative by the page
	Verdict    int    `json:"v"`            // into Index.Verdicts
	Date       int    `json:"d"`            // into Index.Dates
	Snippet    string `json:"s,omitempty"`  // the start of the summary
	Publishers []int  `json:"pb,omitempty"` // into Index.Publishers
	Topics     []int  `json:"tp,omitempty"` // into Index.Topics
}

// Verdict is a verdict's label and colour, for result badges.
type Verdict struct {
	Label  string `json:"l"`
	Colour string `json:"c"`
}

// Date is a date as ISO 8601 and as the site's pages write it.
type Date struct {
	ISO  string `json:"d"`
	Text string `json:"t"`
}

// Index is what the search script receives. Terms are sorted; Postings[i]
// lists the documents holding Terms[i] in ascending order (documents are
// newest first), each as a number: twice the gap from the document before
// (from 0 for the first), plus 1 when the term is only in the document's
// body text. The numbers are written one after another in Digits, five
// bits to a character, high bits first: a digit below 32 ends a number, one
// of 32 or more carries its value minus 32 and says more follow, so that
// the gaps of a common term take a character each.
type Index struct {
	Verdicts   []Verdict `json:"verdicts"`
	Claimants  []string  `json:"claimants"` // the first is ""
	Publishers []string  `json:"publishers"`
	Topics     []string  `json:"topics"`
	Dates      []Date    `json:"dates"`
	Docs       []Doc     `json:"docs"`
	Terms      []string  `json:"terms"`
	Postings   []string  `json:"postings"`
}

const (
	// BodyTerms bounds the words of a check's body text that the index
	// keeps beyond those of its title, claim, claimant, summary, topics,
	// verdict and publishers, which it keeps all of: the ones that say most
	// about the check (most frequent in it, rarest in the archive).
	BodyTerms = 64
	// SnippetRunes bounds the summary shipped with each result.
	SnippetRunes = 160
)

// Build indexes the title, claim, claimant, summary, topics, verdict and
// sources' publishers of every check, and BodyTerms words of its body;
// date writes a date as the site's pages do.
func Build(s *site.Site, date func(time.Time) string) *Index {
	ix := &Index{Claimants: []string{""}}
	verdictIndex := map[string]int{}
	for i, v := range s.Verdicts {
		verdictIndex[v.Key] = i
		ix.Verdicts = append(ix.Verdicts, Verdict{Label: v.Label, Colour: v.Colour})
	}
	claimants, publishers, topics, dates := table{}, table{}, table{}, map[string]int{}
	for _, c := range s.Checks {
		doc := Doc{Title: c.Title, Claim: c.Claim, Path: c.Path, Verdict: verdictIndex[c.Verdict.Key], Snippet: cut(c.Summary, SnippetRunes)}
		iso := c.Date.String()
		n, ok := dates[iso]
		if !ok {
			n = len(ix.Dates)
			dates[iso] = n
			ix.Dates = append(ix.Dates, Date{ISO: iso, Text: date(c.Date.Time)})
		}
		doc.Date = n
		if c.Check.Claimant != "" {
			doc.Claimant = claimants.add(&ix.Claimants, c.Check.Claimant)
		}
		for _, t := range c.Topics {
			doc.Topics = append(doc.Topics, topics.add(&ix.Topics, t.Title))
		}
		for _, src := range c.Sources {
			if p := publishers.add(&ix.Publishers, src.Publisher); src.Publisher != "" && !slices.Contains(doc.Publishers, p) {
				doc.Publishers = append(doc.Publishers, p)
			}
		}
		ix.Docs = append(ix.Docs, doc)
	}
	if i, ok := publishers[""]; ok { // no source without a publisher names one
		ix.Publishers = slices.Delete(ix.Publishers, i, i+1)
		for d := range ix.Docs {
			for j, p := range ix.Docs[d].Publishers {
				if p > i {
					ix.Docs[d].Publishers[j] = p - 1
				}
			}
		}
	}
	ix.Terms, ix.Postings = postings(s.Checks, min(runtime.GOMAXPROCS(0), 1+len(s.Checks)/500))
	return ix
}

// postings lists the terms of checks, sorted, and their posting lists.
// Checks are split into runs, one worker each, whose terms are numbered
// apart and then together.
func postings(checks []*site.Check, runs int) ([]string, []string) {
	workers := make([]worker, runs)
	docs := make([]docTerms, len(checks))
	var wg sync.WaitGroup
	for r := range workers {
		from, to := r*len(checks)/runs, (r+1)*len(checks)/runs
		wg.Go(func() {
			w := &workers[r]
			w.d.ids = map[string]int32{}
			for i := from; i < to; i++ {
				docs[i] = w.terms(i, checks[i])
			}
		})
	}
	wg.Wait()

	d := dictionary{ids: map[string]int32{}}
	for r := range workers {
		w := &workers[r]
		ids := make([]int32, len(w.d.words))
		for local, word := range w.d.words {
			ids[local] = d.id([]byte(word))
			d.df[ids[local]] += w.d.df[local]
		}
		for i := r * len(checks) / runs; i < (r+1)*len(checks)/runs; i++ {
			for j, id := range docs[i].fields {
				docs[i].fields[j] = ids[id]
			}
			for j, t := range docs[i].body {
				docs[i].body[j].id = ids[t.id]
			}
		}
	}

	lists := make([][]int, len(d.words)) // document<<1, | 1 when only in its body
	for i := range docs {
		for _, id := range docs[i].fields {
			lists[id] = append(lists[id], i<<1)
		}
		for _, t := range best(docs[i].body, d.df, len(checks), BodyTerms) {
			lists[t.id] = append(lists[t.id], i<<1|1)
		}
	}
	order := make([]int32, 0, len(d.words))
	for id := range d.words {
		if len(lists[id]) > 0 {
			order = append(order, int32(id))
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(d.words[a], d.words[b]) })
	terms, postings := make([]string, len(order)), make([]string, len(order))
	var line []byte
	for i, id := range order {
		terms[i] = d.words[id]
		line = line[:0]
		prev := 0
		for _, p := range lists[id] {
			doc := p >> 1
			line = appendNumber(line, (doc-prev)<<1|p&1)
			prev = doc
		}
		postings[i] = string(line)
	}
	return terms, postings
}

// docTerms are the terms of one check: those of its fields, distinct, and
// those of its body that are not among them, with their counts.
type docTerms struct {
	fields []int32
	body   []bodyTerm
}

// worker finds the terms of checks, numbered in its own dictionary.
type worker struct {
	d    dictionary
	tok  words.Tokenizer
	text strings.Builder
	// seenIn and seenAt tell, for each term, the last check it was seen in
	// (plus one, so that 0 is none) and where: -1 in the fields, i in the
	// body's terms.
	seenIn, seenAt []int32
}

func (w *worker) see(id int32, doc int) (at int32, ok bool) {
	if int(id) == len(w.seenIn) { // a new term
		w.seenIn, w.seenAt = append(w.seenIn, 0), append(w.seenAt, 0)
	}
	return w.seenAt[id], w.seenIn[id] == int32(doc+1)
}

// terms finds the terms of check c, document i.
func (w *worker) terms(i int, c *site.Check) docTerms {
	var out docTerms
	w.text.Reset()
	for _, part := range []string{c.Title, c.Claim, c.Check.Claimant, c.Summary, c.Verdict.Label, c.Verdict.Key} {
		w.text.WriteString(part)
		w.text.WriteByte(' ')
	}
	if c.Claimant != nil && c.Claimant.Name != c.Check.Claimant {
		w.text.WriteString(c.Claimant.Name + " ")
	}
	for _, t := range c.Topics {
		w.text.WriteString(t.Title + " " + t.Slug + " ")
	}
	for _, src := range c.Sources {
		w.text.WriteString(src.Publisher + " ")
	}
	w.tok.Each(w.text.String(), func(word []byte) {
		id := w.d.id(word)
		if _, ok := w.see(id, i); !ok {
			w.seenIn[id], w.seenAt[id] = int32(i+1), -1
			out.fields = append(out.fields, id)
		}
	})
	c.Body.Terms.Each(func(word string, n int) {
		id := w.d.idOf(word)
		if _, ok := w.see(id, i); !ok { // not among the fields'
			out.body = append(out.body, bodyTerm{id: id, count: n})
			w.d.df[id]++
		}
	})
	return out
}

// Digits are the characters of posting lists, by value (see Index).
const Digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

// appendNumber writes n ≥ 0 in Digits, five bits to a character.
func appendNumber(out []byte, n int) []byte {
	shift := 0
	for n>>(shift+5) > 0 {
		shift += 5
	}
	for ; shift > 0; shift -= 5 {
		out = append(out, Digits[32+(n>>shift)&31])
	}
	return append(out, Digits[n&31])
}

// table numbers the distinct names of a list in the order they come.
type table map[string]int

func (t table) add(list *[]string, name string) int {
	n, ok := t[name]
	if !ok {
		n = len(*list)
		t[name] = n
		*list = append(*list, name)
	}
	return n
}

// dictionary numbers the terms of the archive; df counts, for each, the
// documents whose body holds it outside their fields.
type dictionary struct {
	ids   map[string]int32
	words []string
	df    []int32
}

func (d *dictionary) idOf(w string) int32 {
	id, ok := d.ids[w]
	if !ok {
		id = int32(len(d.words))
		d.ids[w] = id
		d.words = append(d.words, w)
		d.df = append(d.df, 0)
	}
	return id
}

func (d *dictionary) id(w []byte) int32 {
	id, ok := d.ids[string(w)]
	if !ok {
		id = int32(len(d.words))
		d.ids[string(w)] = id
		d.words = append(d.words, string(w))
		d.df = append(d.df, 0)
	}
	return id
}

// bodyTerm is a term of a check's body with how often it occurs there.
type bodyTerm struct {
	id    int32
	count int
}

// best keeps at most n terms of a body, in their order: those of most
// weight (tf-idf: occurrences in the body times the log of how rare the
// term is in the archive's bodies), the first in the text at equal weight.
func best(terms []bodyTerm, df []int32, docs, n int) []bodyTerm {
	if len(terms) <= n {
		return terms
	}
	weights := make([]float64, len(terms))
	for i, t := range terms {
		weights[i] = float64(t.count) * math.Log(float64(docs+1)/float64(df[t.id]))
	}
	sorted := slices.Clone(weights)
	slices.Sort(sorted)
	least := sorted[len(sorted)-n] // the lowest weight kept
	ties := n - (len(sorted) - sort.SearchFloat64s(sorted, math.Nextafter(least, math.Inf(1))))
	out := make([]bodyTerm, 0, n)
	for i, t := range terms {
		switch w := weights[i]; {
		case w > least:
			out = append(out, t)
		case w == least && ties > 0:
			out = append(out, t)
			ties--
		}
	}
	return out
}

// cut shortens s to at most n characters and an ellipsis, at a space when
// there is one in the second half.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	end := len(s)
	for i := range s {
		if n == 0 {
			end = i
			break
		}
		n--
	}
	if sp := strings.LastIndexByte(s[:end], ' '); sp > end/2 {
		end = sp
	}
	return strings.TrimRight(s[:end], " ,;:.") + "…"
}

// The index is shipped in parts, so that a query waits only for what it
// needs: the main script has the tables and names the others; each term
// shard has the terms that begin with certain characters and their
// postings (a query word's prefixes and typos begin as it does); each
// chunk of documents has ChunkDocs documents, to show.
const (
	// ChunkDocs is how many documents a chunk has.
	ChunkDocs = 100
	// shardBytes is about how much of the terms and postings a shard has.
	shardBytes = 32 << 10
	maxShards  = 256
)

// Shards is how many term shards the index is cut into, by the size of
// its terms and postings.
func (ix *Index) Shards() int {
	size := 0
	for i := range ix.Terms {
		size += len(ix.Terms[i]) + len(ix.Postings[i])
	}
	return min(maxShards, max(1, (size+shardBytes-1)/shardBytes))
}

// ShardOf is the shard of a term: its first character's number modulo
// the shards, which the search script computes alike.
func ShardOf(term string, shards int) int {
	// A bad byte decodes as U+FFFD, as the page reads it.
	r, _ := utf8.DecodeRuneInString(term)
	return int(r) % shards
}

// Main is what the main script of the index sets.
type Main struct {
	Verdicts   []Verdict         `json:"verdicts"`
	Claimants  []string          `json:"claimants"`
	Publishers []string          `json:"publishers"`
	Topics     []string          `json:"topics"`
	Dates      []Date            `json:"dates"`
	Count      int               `json:"count"`  // documents
	Chunk      int               `json:"chunk"`  // documents a chunk
	Shards     int               `json:"shards"` // term shards
	Parts      map[string]string `json:"parts"`  // part → site path
}

// File is one script of the index: Part names it among the others ("" for
// the main one, "t3" a term shard, "d12" a chunk of documents), Path is
// where the site has it.
type File struct {
	Part, Path string
	Data       []byte
}

// Scripts are the index's scripts, the main one first: classic scripts,
// because fetch() of a JSON file fails on file:// pages. The parts call
// factpressSearchPart(name, value), which the search script defines before
// it loads them. name gives each file's site path from its part and bytes.
func (ix *Index) Scripts(name func(part string, data []byte) string) ([]File, error) {
	var files []File
	shards := ix.Shards()
	terms, postings := make([][]string, shards), make([][]string, shards)
	for i, t := range ix.Terms {
		k := ShardOf(t, shards)
		terms[k], postings[k] = append(terms[k], t), append(postings[k], ix.Postings[i])
	}
	add := func(part string, data []byte) {
		files = append(files, File{Part: part, Path: name(part, data), Data: data})
	}
	for k := range shards {
		out := append([]byte(nil), `factpressSearchPart("t`+strconv.Itoa(k)+`",{"terms":`...)
		out = appendStrings(out, terms[k])
		out = append(out, `,"postings":`...)
		out = appendStrings(out, postings[k])
		add("t"+strconv.Itoa(k), append(out, "});\n"...))
	}
	for from := 0; from < len(ix.Docs); from += ChunkDocs {
		chunk, err := json.Marshal(ix.Docs[from:min(from+ChunkDocs, len(ix.Docs))])
		if err != nil {
			return nil, err
		}
		part := "d" + strconv.Itoa(from/ChunkDocs)
		add(part, append(append([]byte(`factpressSearchPart("`+part+`",`), chunk...), ");\n"...))
	}
	m := Main{Verdicts: ix.Verdicts, Claimants: ix.Claimants, Publishers: ix.Publishers, Topics: ix.Topics, Dates: ix.Dates,
		Count: len(ix.Docs), Chunk: ChunkDocs, Shards: shards, Parts: map[string]string{}}
	for _, f := range files {
		m.Parts[f.Part] = f.Path
	}
	head, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	data := append(append([]byte("window.FACTPRESS_SEARCH="), head...), ";\n"...)
	return append([]File{{Path: name("", data), Data: data}}, files...), nil
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
