package importer

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/weburl"
)

// Format is the kind of file an import reads.
type Format int

const (
	// FormatReport is a plain-text report, as Parse reads it.
	FormatReport Format = iota
	// FormatHTML is a saved article page, with ClaimReview in its JSON-LD.
	FormatHTML
	// FormatJSON is JSON: ClaimReview, a DataFeed of them, or the answer of
	// Google's Fact Check Tools claim search.
	FormatJSON
)

// Sniff tells the format of a file by its first character: '<' is HTML,
// '{' or '[' is JSON, anything else a report. Names are not trusted:
// a saved page may be called anything.
func Sniff(data []byte) Format {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	switch {
	case len(data) == 0:
		return FormatReport
	case data[0] == '<':
		return FormatHTML
	case data[0] == '{' || data[0] == '[':
		return FormatJSON
	}
	return FormatReport
}

// Review is one ClaimReview, as much of it as a check can use.
type Review struct {
	// File, Line and Col are where the record starts; Path is where it is
	// in its document ("dataFeedElement[2]", "claims[0].claimReview[1]").
	File      string
	Line, Col int
	Path      string

	Title    string // the review's name or headline; may be empty
	Claim    string
	Claimant string
	// ClaimantType is "person" or "organization" when the claimant's
	// @type says which (a Person; an Organization or one of its kinds),
	// else "".
	ClaimantType string
	ClaimDate    string // YYYY-MM-DD, or empty
	Date         string // the review's, YYYY-MM-DD, or empty
	// Rating is the textual rating (reviewRating.alternateName, Fact Check
	// Tools' textualRating); Score the numeric one, when there is one.
	Rating      string
	Score       *Score
	URL         string // the review itself
	Publisher   string // who published the review
	Language    string
	Appearances []string // where the claim was seen, the first appearance first
}

// Score is a numeric rating on a scale from Worst to Best.
type Score struct {
	Value, Best, Worst float64
}

// Position says where the record is, for messages and the check's comment.
func (r *Review) Position() string {
	s := fmt.Sprintf("%s:%d:%d", r.File, r.Line, r.Col)
	if r.Path != "" {
		s += " (" + r.Path + ")"
	}
	return s
}

// reader collects the reviews of one file and the problems with them.
type reader struct {
	name string
	data []byte // the whole file, for line and column
	docs []doc
	// ids are the objects of the file that have an @id, for a property
	// that only refers to one ({"@id": "#claim"}), as an @graph does.
	ids map[string]*node
	// canonical is the page's <link rel="canonical">: the review's URL when
	// its markup names none.
	canonical string
	reviews   []*Review
	diags     diag.List
	cur       *doc // the document being walked
}

// doc is one JSON text of the file: the file itself, or a JSON-LD block.
type doc struct {
	base   int    // its offset in the file
	where  string // "JSON-LD block 2", or empty for a JSON file
	values []*node
}

func (rd *reader) pos(n *node) (int, int) {
	off := rd.cur.base
	if n != nil {
		off += n.off
	}
	return lineCol(rd.data, off)
}

func (rd *reader) fail(n *node, path, format string, args ...any) {
	line, col := rd.pos(n)
	rd.diags = append(rd.diags, diag.Errorf(rd.name, line, col, "import-record", "%s%s", rd.label(path), fmt.Sprintf(format, args...)))
}

func (rd *reader) warn(n *node, path, format string, args ...any) {
	line, col := rd.pos(n)
	rd.diags = append(rd.diags, diag.Warnf(rd.name, line, col, "import-format", "%s%s", rd.label(path), fmt.Sprintf(format, args...)))
}

// label names a place in the file for a message: "JSON-LD block 2,
// @graph[1]: ".
func (rd *reader) label(path string) string {
	where := ""
	if rd.cur != nil {
		where = rd.cur.where
	}
	switch {
	case where != "" && path != "":
		return where + ", " + path + ": "
	case where != "":
		return where + ": "
	case path != "":
		return path + ": "
	}
	return ""
}

// ReadClaimReviews reads every ClaimReview in a file: the JSON-LD blocks of
// an HTML page, or a JSON file (ClaimReview objects, lists of them, a
// schema.org DataFeed, a JSON-LD @graph, or a Fact Check Tools claim
// search answer, whose every claimReview is one Review). A record that
// cannot be read is an error diagnostic (code import-record) at its line
// and column, and the others are still read; a value that is left out of a
// readable record is a warning (import-format).
func ReadClaimReviews(name string, data []byte) ([]*Review, diag.List) {
	rd := &reader{name: name, data: data, ids: map[string]*node{}}
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		// Blanked rather than cut, so that offsets stay those of the file.
		data = append([]byte("   "), data[3:]...)
	}
	isHTML := Sniff(data) == FormatHTML
	if isHTML {
		for i, b := range scripts(data, &rd.canonical) {
			rd.parse(b.text, b.off, fmt.Sprintf("JSON-LD block %d", i+1))
		}
	} else {
		rd.parse(data, 0, "")
	}
	for i := range rd.docs {
		rd.cur = &rd.docs[i]
		for _, v := range rd.cur.values {
			rd.index(v)
		}
	}
	for i := range rd.docs {
		rd.cur = &rd.docs[i]
		for j, v := range rd.cur.values {
			path := ""
			if len(rd.cur.values) > 1 {
				path = fmt.Sprintf("value %d", j+1)
			}
			rd.walk(v, path)
		}
	}
	if isHTML && len(rd.reviews) == 1 && rd.reviews[0].Title == "" {
		// The article's headline is the review's title, when the page
		// reviews one claim; with several it names none of them alone.
		for _, d := range rd.docs {
			for _, v := range d.values {
				if h := headline(v); h != "" && rd.reviews[0].Title == "" {
					rd.reviews[0].Title = h
				}
			}
		}
	}
	rd.diags.Sort()
	if len(rd.reviews) == 0 && rd.diags.Errors() == 0 {
		what := "The JSON"
		if isHTML {
			what = "The page's JSON-LD"
		}
		rd.diags = append(rd.diags, diag.Errorf(name, 0, 0, "import-record", "%s holds no ClaimReview (nor a DataFeed of them, nor a Fact Check Tools claim search answer)", what))
	}
	return rd.reviews, rd.diags
}

// parse reads one JSON text of the file, starting at base; a syntax error
// is reported where it is, after the values read before it.
func (rd *reader) parse(data []byte, base int, where string) {
	values, off, err := parseJSON(data)
	rd.docs = append(rd.docs, doc{base: base, where: where, values: values})
	if err != nil {
		rd.cur = &rd.docs[len(rd.docs)-1]
		line, col := lineCol(rd.data, base+off)
		msg := fmt.Sprintf("%snot valid JSON: %v", rd.label(""), err)
		if len(values) > 0 {
			msg += "; the records before this point were read, none after it"
		}
		rd.diags = append(rd.diags, diag.Errorf(rd.name, line, col, "import-record", "%s", msg))
		rd.cur = nil
	}
}

// index records every object with an @id and more in it than the @id.
func (rd *reader) index(n *node) {
	if n == nil {
		return
	}
	for _, c := range n.arr {
		rd.index(c)
	}
	if n.kind != 'o' {
		return
	}
	if id, err := n.get("@id").text(); err == nil && id != "" && len(n.obj) > 1 {
		if _, ok := rd.ids[id]; !ok {
			rd.ids[id] = n
		}
	}
	for _, k := range n.keys {
		rd.index(n.obj[k])
	}
}

// deref is the object that a reference ({"@id": …} alone) stands for.
func (rd *reader) deref(n *node) *node {
	if n == nil || n.kind != 'o' || len(n.obj) != 1 || n.obj["@id"] == nil {
		return n
	}
	if id, err := n.obj["@id"].text(); err == nil {
		if t := rd.ids[id]; t != nil {
			return t
		}
	}
	return n
}

type script struct {
	off  int
	text []byte
}

// scripts finds the JSON-LD blocks of a page, every <script
// type="application/ld+json">, and its canonical link.
func scripts(data []byte, canonical *string) []script {
	in := parse.NewInputBytes(data)
	defer in.Restore()
	lx := html.NewLexer(in)
	var tag string
	var attrs map[string]string
	var out []script
	ldNext := false
	for {
		tt, text := lx.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			tag, attrs, ldNext = strings.ToLower(string(text[1:])), map[string]string{}, false
		case html.AttributeToken:
			attrs[strings.ToLower(string(lx.AttrKey()))] = strings.TrimSpace(string(unquoteAttr(lx.AttrVal())))
		case html.StartTagCloseToken, html.StartTagVoidToken:
			switch tag {
			case "script":
				typ, _, _ := strings.Cut(strings.ToLower(attrs["type"]), ";")
				ldNext = strings.TrimSpace(typ) == "application/ld+json"
			case "link":
				if rel := strings.Fields(strings.ToLower(attrs["rel"])); slices.Contains(rel, "canonical") && *canonical == "" {
					*canonical = attrs["href"]
				}
			}
		case html.TextToken:
			if ldNext {
				// The lexer's input is at the end of the script's text.
				out = append(out, script{off: in.Offset() - len(text), text: text})
			}
			ldNext = false
		default:
			ldNext = false
		}
	}
}

func unquoteAttr(b []byte) []byte {
	if len(b) >= 2 && (b[0] == '"' || b[0] == '\'') && b[len(b)-1] == b[0] {
		return b[1 : len(b)-1]
	}
	return b
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// walk finds the records in a JSON-LD value: ClaimReviews wherever they
// are (a list, an @graph, a DataFeed's elements, a DataFeedItem's item)
// and Fact Check Tools claims.
func (rd *reader) walk(n *node, path string) {
	switch {
	case n == nil:
	case n.kind == 'a':
		for i, c := range n.arr {
			rd.walk(c, fmt.Sprintf("%s[%d]", path, i))
		}
	case n.kind != 'o':
	case isClaimReview(n):
		if !n.partial { // the syntax error in it is reported
			rd.claimReview(n, path)
		}
	case n.obj["claimReview"] != nil && len(n.types()) == 0:
		if !n.partial {
			rd.factCheckClaim(n, path)
		}
	case n.is("DataFeed"):
		// Every element of a feed of reviews is meant as a review: one
		// that is something else is reported, not passed over.
		for i, e := range n.all("dataFeedElement") {
			p := fmt.Sprintf("%s[%d]", join(path, "dataFeedElement"), i)
			before := len(rd.reviews) + rd.diags.Errors()
			rd.walk(e, p)
			if len(rd.reviews)+rd.diags.Errors() == before && !e.partial {
				what := describeKind(e)
				if t := e.types(); len(t) > 0 {
					what = "a " + strings.Join(t, ", ")
				}
				rd.fail(e, p, "this feed element holds no ClaimReview: it is %s", what)
			}
		}
	default:
		for _, k := range n.keys {
			if k != "@context" {
				rd.walk(n.obj[k], join(path, k))
			}
		}
	}
}

// headline is the headline of the first article in a JSON-LD value.
func headline(n *node) string {
	if n == nil {
		return ""
	}
	for _, c := range n.arr {
		if h := headline(c); h != "" {
			return h
		}
	}
	// Not inside a review: the article there is where the claim appeared.
	if n.kind != 'o' || isClaimReview(n) {
		return ""
	}
	for _, t := range n.types() {
		if strings.HasSuffix(t, "Article") || t == "BlogPosting" {
			if h, err := textField(n, "headline"); err == nil && h != "" {
				return h
			}
		}
	}
	for _, k := range n.keys {
		if h := headline(n.obj[k]); h != "" {
			return h
		}
	}
	return ""
}

// claimantType is what ClaimReview says a claimant is: "person" for a
// Person, "organization" for an Organization or one of schema.org's kinds
// of it, "" for anything else or nothing.
func claimantType(n *node) string {
	if n == nil || n.kind != 'o' {
		return ""
	}
	for _, t := range n.types() {
		switch t {
		case "Person", "Patient":
			return "person"
		case "Corporation", "NGO", "PoliticalParty", "Airline", "Consortium", "Cooperative", "LibrarySystem",
			"LocalBusiness", "OnlineBusiness", "PerformingGroup", "Project", "FundingScheme", "WorkersUnion":
			return "organization"
		}
		if strings.HasSuffix(t, "Organization") {
			return "organization" // GovernmentOrganization, NewsMediaOrganization, …
		}
	}
	return ""
}

// isClaimReview: typed ClaimReview, or untyped with a claimReviewed, as
// some feeds leave @type out of their items.
func isClaimReview(n *node) bool {
	if n.is("ClaimReview") {
		return true
	}
	return len(n.types()) == 0 && n.obj["claimReviewed"] != nil
}

// textField reads a property that must be text; a value of another kind
// makes the record unreadable.
func textField(n *node, key string) (string, error) {
	v := n.get(key)
	s, err := v.text()
	if err != nil {
		return "", fmt.Errorf("%s is %s, where text was expected", key, err)
	}
	return s, nil
}

func (rd *reader) claimReview(n *node, path string) {
	line, col := rd.pos(n)
	r := &Review{File: rd.name, Line: line, Col: col, Path: rd.label(path)}
	r.Path = strings.TrimSuffix(r.Path, ": ")
	item := rd.deref(n.get("itemReviewed"))
	if item != nil && item.kind != 'o' && item.kind != '0' {
		rd.fail(n, path, "itemReviewed is %s, where the claim (an object) was expected", describeKind(item))
		return
	}
	var err error
	if r.Claim, err = textField(n, "claimReviewed"); err != nil {
		rd.fail(n, path, "%v", err)
		return
	}
	if r.Claim == "" {
		// Some publishers put the claim's words on the Claim itself.
		for _, k := range []string{"text", "name"} {
			if s, err := textField(item, k); err == nil && s != "" {
				r.Claim = s
				break
			}
		}
	}
	if r.Claim == "" {
		rd.fail(n, path, "this ClaimReview has no claimReviewed: the claim it rates is missing")
		return
	}
	for _, k := range []string{"name", "headline"} {
		if r.Title, err = textField(n, k); err != nil {
			rd.fail(n, path, "%v", err)
			return
		}
		if r.Title != "" {
			break
		}
	}
	claimant := rd.deref(item.get("author"))
	if r.Claimant = claimant.name(); r.Claimant == "" {
		claimant = rd.deref(item.get("creator"))
		r.Claimant = claimant.name()
	}
	if r.Claimant != "" {
		r.ClaimantType = claimantType(claimant)
	}
	r.ClaimDate = rd.date(item.get("datePublished"), path, "itemReviewed.datePublished")
	r.Date = rd.date(n.get("datePublished"), path, "datePublished")
	r.Publisher = rd.deref(n.get("author")).name()
	if r.Publisher == "" {
		r.Publisher = rd.deref(n.get("publisher")).name()
	}
	r.Language, _ = textField(n, "inLanguage")

	var urls []*node
	urls = append(urls, item.all("firstAppearance")...)
	urls = append(urls, item.all("appearance")...)
	for _, a := range urls {
		u := urlOf(a)
		if u == "" {
			continue
		}
		if msg := weburl.Problem(u); msg != "" {
			rd.warn(a, path, "appearance %q %s; left out", u, msg)
			continue
		}
		if !containsString(r.Appearances, u) {
			r.Appearances = append(r.Appearances, u)
		}
	}

	r.URL = urlOf(n.get("url"))
	if r.URL == "" {
		r.URL = urlOf(n.get("mainEntityOfPage"))
	}
	if r.URL == "" {
		r.URL = rd.canonical
	}
	r.URL = rd.checkURL(n, path, r.URL)

	rating := rd.deref(n.get("reviewRating"))
	switch {
	case rating == nil:
	case rating.kind == 'o':
		for _, k := range []string{"alternateName", "name"} {
			if r.Rating, _ = textField(rating, k); r.Rating != "" {
				break
			}
		}
		r.Score = score(rating)
	default:
		// A bare rating, as a few publishers write it.
		r.Rating, _ = rating.text()
	}
	rd.reviews = append(rd.reviews, r)
}

func (rd *reader) checkURL(n *node, path, u string) string {
	if u == "" {
		rd.warn(n, path, "the review gives no url: source 1 has none")
		return ""
	}
	if msg := weburl.Problem(u); msg != "" {
		rd.warn(n, path, "the review's url %q %s; source 1 has none", u, msg)
		return ""
	}
	return u
}

// factCheckClaim reads one claim of a Fact Check Tools claim search
// answer: each of its reviews is a record.
func (rd *reader) factCheckClaim(n *node, path string) {
	claim, err := textField(n, "text")
	if err != nil {
		rd.fail(n, path, "%v", err)
		return
	}
	if claim == "" {
		rd.fail(n, path, "this claim has no text")
		return
	}
	claimant, _ := textField(n, "claimant")
	claimDate := rd.date(n.get("claimDate"), path, "claimDate")
	reviews := n.all("claimReview")
	if len(reviews) == 0 {
		rd.fail(n, path, "this claim has no claimReview")
	}
	for i, cr := range reviews {
		p := fmt.Sprintf("%s[%d]", join(path, "claimReview"), i)
		if cr.kind != 'o' {
			rd.fail(cr, p, "a claimReview is %s, where an object was expected", describeKind(cr))
			continue
		}
		line, col := rd.pos(cr)
		r := &Review{File: rd.name, Line: line, Col: col, Path: strings.TrimSuffix(rd.label(p), ": "),
			Claim: claim, Claimant: claimant, ClaimDate: claimDate}
		bad := false
		for _, f := range []struct {
			key string
			to  *string
		}{{"title", &r.Title}, {"textualRating", &r.Rating}, {"languageCode", &r.Language}} {
			if *f.to, err = textField(cr, f.key); err != nil {
				rd.fail(cr, p, "%v", err)
				bad = true
				break
			}
		}
		if bad {
			continue
		}
		r.Date = rd.date(cr.get("reviewDate"), p, "reviewDate")
		pub := cr.get("publisher")
		r.Publisher = pub.name()
		if r.Publisher == "" {
			r.Publisher, _ = textField(pub, "site")
		}
		u, _ := textField(cr, "url")
		r.URL = rd.checkURL(cr, p, u)
		rd.reviews = append(rd.reviews, r)
	}
}

// urlOf is the URL a value gives: text, or an object's url or @id.
func urlOf(n *node) string {
	if n == nil {
		return ""
	}
	if n.kind == 'o' {
		for _, k := range []string{"url", "@id"} {
			if s, err := n.get(k).text(); err == nil && s != "" {
				return s
			}
		}
		return ""
	}
	s, _ := n.text()
	return s
}

// date reads a date as YYYY-MM-DD: ISO 8601 with or without a time (the
// day as the publisher wrote it, not moved to UTC), or a written-out date.
// One that cannot be read is a warning, and the field is left to fill.
func (rd *reader) date(n *node, path, field string) string {
	s, err := n.text()
	if err != nil {
		rd.warn(n, path, "%s is %v, not a date; left for you to fill", field, err)
		return ""
	}
	if s == "" {
		return ""
	}
	if len(s) >= 10 {
		if _, err := time.Parse(time.DateOnly, s[:10]); err == nil && (len(s) == 10 || s[10] == 'T' || s[10] == ' ') {
			return s[:10]
		}
	}
	if t, err := parseDate(s); err == nil {
		return t.Format(time.DateOnly)
	}
	rd.warn(n, path, "%s %q is not a date; left for you to fill", field, s)
	return ""
}

// score reads a numeric rating; schema.org's defaults are a scale of 1 to 5.
func score(rating *node) *Score {
	num := func(key string, def float64) (float64, bool) {
		s, err := rating.get(key).text()
		if err != nil || s == "" {
			return def, def != 0
		}
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	v, ok := num("ratingValue", 0)
	if !ok {
		return nil
	}
	best, ok1 := num("bestRating", 5)
	worst, ok2 := num("worstRating", 1)
	if !ok1 || !ok2 || best == worst {
		return nil
	}
	if p := (v - worst) / (best - worst); p < 0 || p > 1 {
		return nil
	}
	return &Score{Value: v, Best: best, Worst: worst}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
