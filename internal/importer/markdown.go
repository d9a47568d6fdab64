package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// SchemaComment lets editors with the YAML language server complete and
// check the front matter against the check schema.
const SchemaComment = "# yaml-language-server: $schema=../../schema/check.schema.json"

var (
	// Markdown syntax in report text that is not a citation marker.
	mdSpecial     = regexp.MustCompile("[\\\\`*_<>]|\\[(?:[^0-9]|[0-9]+[^0-9\\]])")
	leadingSyntax = regexp.MustCompile(`^(#+|[-+]|\d+[.)])(\s)`)
)

func escapeInline(s string) string {
	return mdSpecial.ReplaceAllStringFunc(s, func(m string) string { return `\` + m })
}

func escape(s string) string {
	s = escapeInline(s)
	return leadingSyntax.ReplaceAllStringFunc(s, func(m string) string {
		sub := leadingSyntax.FindStringSubmatch(m)
		marker := sub[1]
		if last := len(marker) - 1; marker[last] == '.' || marker[last] == ')' {
			return marker[:last] + `\` + marker[last:] + sub[2]
		}
		return `\` + marker + sub[2]
	})
}

// Check writes the report as a check file: front matter with a source stub
// for every cited number (each flagged by `factpress check` until filled)
// and the report's parts as Markdown. verdicts lists the scale's keys for
// the comment that helps the writer choose.
func (r *Report) Check(verdicts []string) []byte {
	var b strings.Builder
	b.WriteString("---\n" + SchemaComment + "\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(r.Title))
	b.WriteString("claim: \"\"          # TODO: the claim as it was made, in one sentence (under 140 characters)\n")
	b.WriteString("claimant: \"\"       # who made the claim\n")
	fmt.Fprintf(&b, "verdict:            # TODO: one of %s\n", strings.Join(verdicts, ", "))
	if r.Date.IsZero() {
		b.WriteString("date:               # TODO: the day the check was made, YYYY-MM-DD\n")
	} else {
		fmt.Fprintf(&b, "date: %s\n", r.Date.Format(time.DateOnly))
	}
	b.WriteString("topics: []         # e.g. [immigration, policing]\n")
	if len(r.Citations) == 0 {
		b.WriteString("sources: []\n")
	} else {
		b.WriteString("sources:           # TODO: fill every stub; the report lists no sources\n")
		for _, n := range r.Citations {
			fmt.Fprintf(&b, "  - id: %d\n    title: \"TODO: source %d\"\n    publisher: \"\"\n    url: \"\"\n", n, n)
		}
	}
	if len(r.Questions) > 0 {
		b.WriteString("related:\n")
		for _, q := range r.Questions {
			fmt.Fprintf(&b, "  - %s\n", strconv.Quote(q))
		}
	}
	b.WriteString("---\n")
	for _, p := range r.Summary {
		b.WriteString("\n" + escape(p) + "\n")
	}
	for _, s := range r.Sections {
		b.WriteString("\n## " + escapeInline(s.Heading) + "\n")
		for _, p := range s.Paragraphs {
			b.WriteString("\n" + escape(p) + "\n")
		}
	}
	return []byte(b.String())
}
