package render

import (
	"fmt"
	"strings"

	"github.com/factpress/factpress/internal/site"
)

// Keys identify what a page was rendered from, so that an incremental build
// renders again only the pages whose inputs changed. A parsed file is an
// immutable value that lives across rebuilds while the file does not
// change, so its address stands for its content.

// siteKey covers what every page shows: the configuration and the list of
// plain pages in the footer.
func siteKey(s *site.Site) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cfg=%p;", s.Config)
	for _, p := range s.Pages {
		fmt.Fprintf(&b, "page=%p;", p.Check)
	}
	return b.String()
}

func writeChecks(b *strings.Builder, checks []*site.Check) {
	for _, c := range checks {
		fmt.Fprintf(b, "%p,", c.Check)
	}
	b.WriteByte(';')
}

func writeTally(b *strings.Builder, tally []site.Tally) {
	for _, t := range tally {
		fmt.Fprintf(b, "%d,", t.Count)
	}
	b.WriteByte(';')
}

func writeTopics(b *strings.Builder, topics []*site.Topic) {
	for _, t := range topics {
		fmt.Fprintf(b, "%s|%s|%s|%d;", t.Slug, t.Title, t.Description, len(t.Checks))
	}
}

func writeQuestion(b *strings.Builder, q *site.Question) {
	fmt.Fprintf(b, "%s|%s|%t;", q.Text, q.Path, q.Answer != nil)
}

// inputs is the key of a page's own inputs, or "" for a page that is always
// rendered.
func (p *Page) inputs() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s|%d;", p.Kind, p.Path, p.Title, p.Heading, p.Intro, p.Description, p.Total)
	if p.Pager != nil {
		fmt.Fprintf(&b, "pager=%d/%d;", p.Pager.Number, p.Pager.Total)
	}
	for _, t := range p.Tally {
		fmt.Fprintf(&b, "%d,", t.Count)
	}
	switch p.Kind {
	case "check":
		c := p.Check
		fmt.Fprintf(&b, "check=%p;", c.Check)
		for _, t := range c.Topics {
			fmt.Fprintf(&b, "%s|%s,", t.Slug, t.Title)
		}
		writeChecks(&b, c.Related)
		for _, q := range c.Questions {
			writeQuestion(&b, q)
		}
	case "list":
		writeChecks(&b, p.Checks)
	case "questions":
		for _, q := range p.Questions {
			writeQuestion(&b, q)
		}
	case "question":
		q := p.Question
		writeQuestion(&b, q)
		writeChecks(&b, q.AskedBy)
		writeChecks(&b, q.Closest)
		if q.Answer != nil {
			fmt.Fprintf(&b, "answer=%p;", q.Answer.Check)
		}
		b.WriteString(q.Proposal)
	case "page":
		fmt.Fprintf(&b, "page=%p;", p.Content.Check)
	case "claimants":
		for _, c := range p.Claimants {
			fmt.Fprintf(&b, "%s|%s|", c.Slug, c.Name)
			writeTally(&b, c.Tally)
		}
	case "topics":
		writeTopics(&b, p.Site.Topics)
	case "verdicts":
		writeTally(&b, p.Site.Tally())
	case "home":
		writeChecks(&b, p.Checks)
		writeTally(&b, p.Site.Tally())
		writeTopics(&b, p.Site.Topics)
		for _, q := range p.Questions {
			writeQuestion(&b, q)
		}
		fmt.Fprintf(&b, "%d|%s;", len(p.Site.Checks), p.Site.Latest)
	case "sources":
		for _, pub := range p.Site.Publishers {
			fmt.Fprintf(&b, "%s|%d|%d|", pub.Name, pub.Citations, len(pub.Checks))
			writeChecks(&b, pub.Checks[:min(10, len(pub.Checks))])
		}
	case "corrections":
		for _, c := range p.Site.Corrections {
			fmt.Fprintf(&b, "%s|%s|%p;", c.Date, c.Note, c.Check.Check)
		}
	case "404":
	default:
		return "" // search: its index changes with every edit anyway
	}
	return b.String()
}
