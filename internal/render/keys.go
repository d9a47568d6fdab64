package render

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/factpress/factpress/internal/site"
)

// Keys identify what a page was rendered from, so that an incremental build
// renders again only the pages whose inputs changed. A parsed file is an
// immutable value that lives across rebuilds while the file does not
// change, so its address stands for its content. Keys are made for every
// page of every rebuild, so they are written without fmt.

// keyWriter builds a key from fields separated by a byte that text in them
// cannot confuse (a NUL), and notes the checks the key names: the page
// depends on them.
type keyWriter struct {
	strings.Builder
	deps []*site.Check
}

func (k *keyWriter) str(s string) {
	k.WriteString(s)
	k.WriteByte(0)
}

func (k *keyWriter) num(n int) {
	var buf [20]byte
	k.Write(strconv.AppendInt(buf[:0], int64(n), 10))
	k.WriteByte(0)
}

// ptr writes the address of a parsed file.
func (k *keyWriter) ptr(p any) {
	var buf [20]byte
	k.Write(strconv.AppendUint(buf[:0], uint64(reflect.ValueOf(p).Pointer()), 36))
	k.WriteByte(0)
}

// check writes the address of a check's parsed file.
func (k *keyWriter) check(c *site.Check) {
	k.ptr(c.Check)
	k.deps = append(k.deps, c)
}

func (k *keyWriter) checks(checks []*site.Check) {
	k.num(len(checks))
	for _, c := range checks {
		k.check(c)
	}
}

func (k *keyWriter) question(q *site.Question) {
	k.str(q.Text)
	k.str(q.Path)
	if q.Answer != nil {
		k.check(q.Answer)
	} else {
		k.str("")
	}
}

func (k *keyWriter) tally(tally []site.Tally) {
	for _, t := range tally {
		k.num(t.Count)
	}
}

func (k *keyWriter) topics(topics []*site.Topic) {
	for _, t := range topics {
		k.str(t.Slug)
		k.str(t.Title)
		k.str(t.Description)
		k.num(len(t.Checks))
	}
}

// siteKey covers what every page shows: the configuration and the list of
// plain pages in the footer.
func siteKey(s *site.Site) string {
	var k keyWriter
	k.ptr(s.Config)
	for _, p := range s.Pages {
		k.ptr(p.Check)
	}
	return k.String()
}

// inputs is the key of a page's own inputs, or "" for a page that is always
// rendered, and the checks the page shows.
func (p *Page) inputs() (string, []*site.Check) {
	var k keyWriter
	for _, f := range []string{p.Kind, p.Path, p.Title, p.Heading, p.Intro, p.Description} {
		k.str(f)
	}
	k.num(p.Total)
	if p.Pager != nil {
		k.num(p.Pager.Number)
		k.num(p.Pager.Total)
	}
	k.tally(p.Tally)
	switch p.Kind {
	case "check":
		c := p.Check
		k.check(c)
		for _, t := range c.Topics {
			k.str(t.Slug)
			k.str(t.Title)
		}
		k.checks(c.Related)
		for _, q := range c.Questions {
			k.question(q)
		}
	case "list":
		k.checks(p.Checks)
	case "questions":
		for _, q := range p.Questions {
			k.question(q)
		}
	case "question":
		q := p.Question
		k.question(q)
		k.checks(q.AskedBy)
		k.checks(q.Closest)
		k.str(q.Proposal)
	case "page":
		k.ptr(p.Content.Check)
	case "claimants":
		for _, c := range p.Claimants {
			k.str(c.Slug)
			k.str(c.Name)
			k.tally(c.Tally)
		}
	case "topics":
		k.topics(p.Site.Topics)
	case "verdicts":
		k.tally(p.Site.Tally())
	case "home":
		k.checks(p.Checks)
		k.tally(p.Site.Tally())
		k.topics(p.Site.Topics)
		for _, q := range p.Questions {
			k.question(q)
		}
		k.num(len(p.Site.Checks))
		k.str(p.Site.Latest.String())
	case "sources":
		for _, pub := range p.Site.Publishers {
			k.str(pub.Name)
			k.num(pub.Citations)
			k.num(len(pub.Checks))
			k.checks(pub.Checks[:min(10, len(pub.Checks))])
		}
	case "corrections":
		for _, c := range p.Site.Corrections {
			k.str(c.Date.String())
			k.str(c.Note)
			k.check(c.Check)
		}
	case "404":
	default:
		return "", nil // search: its index changes with every edit anyway
	}
	return k.String(), k.deps
}
