// Package importer turns a plain-text fact-check report, as fact-check tools export it, into a check file.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factpress/factpress/internal/diag"
)

// Section is a heading with its paragraphs.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Report is what a report says, by part.
type Report struct {
	Title     string
	Date      time.Time // zero when the report gives none
	Summary   []string  // the executive summary's paragraphs
	Sections  []Section // the numbered findings, then the conclusion
	Questions []string  // "Want to dive deeper?"
	Citations []int     // every cited number, ascending
}

// ErrNotAReport is returned for text that has none of a report's parts.
var ErrNotAReport = errors.New("this is not a fact-check report: expected a question on the first line, then \"Checked on <date>\", an executive summary, numbered findings and citation markers like [1]")

var (
	checkedOnRE = regexp.MustCompile(`(?i)^checked on[:\s]+(.+?)\.?$`)
	findingRE   = regexp.MustCompile(`^(\d{1,2})[.)]\s+(\S.*)$`)
	markerRE    = regexp.MustCompile(`\[([1-9][0-9]{0,5})\]`)
	questionRE  = regexp.MustCompile(`(?i)^(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|who|what|when|where|why|how|which)\b`)
)

type block struct {
	line  int // first line, 1-based
	lines []string
}

// Parse reads a report. Parts that stray from the format come back as
// warnings with the report's line; text with no part of a report at all is
// ErrNotAReport.
func Parse(name string, data []byte) (*Report, diag.List, error) {
	if !utf8.Valid(data) {
		return nil, nil, fmt.Errorf("%s: not UTF-8 text", name)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, nil, fmt.Errorf("%s: %w", name, ErrNotAReport)
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var blocks []block
	var cur *block
	for i, raw := range strings.Split(text, "\n") {
		l := strings.TrimSpace(raw)
		if l == "" {
			cur = nil
			continue
		}
		if cur == nil {
			blocks = append(blocks, block{line: i + 1})
			cur = &blocks[len(blocks)-1]
		}
		cur.lines = append(cur.lines, l)
	}
	if len(blocks) == 0 {
		return nil, nil, fmt.Errorf("%s: the file is empty", name)
	}
	var warns diag.List
	warn := func(line int, format string, args ...any) {
		warns = append(warns, diag.Warnf(name, line, 0, "import-format", format, args...))
	}

	r := &Report{}
	// The question is the first line; a block may run it into the date line.
	first := blocks[0]
	r.Title = first.lines[0]
	rest := blocks[1:]
	if len(first.lines) > 1 {
		rest = append([]block{{line: first.line + 1, lines: first.lines[1:]}}, rest...)
	}
	if !strings.HasSuffix(r.Title, "?") && questionRE.MatchString(r.Title) {
		r.Title += "?"
	}
	if len(r.Title) > 300 {
		return nil, nil, fmt.Errorf("%s:1: %w", name, ErrNotAReport)
	}

	const (
		inPreamble = iota
		inSummary
		inSection
		inQuestions
	)
	state := inPreamble
	sawSummary, sawDate := false, false
	for _, b := range rest {
		// A block may hold heading lines followed by text; take lines one by one
		// where they are headings, and the rest as one paragraph.
		lines := b.lines
		for len(lines) > 0 {
			l := lines[0]
			lower := strings.ToLower(l)
			switch {
			case checkedOnRE.MatchString(l) && !sawDate:
				sawDate = true
				raw := checkedOnRE.FindStringSubmatch(l)[1]
				d, err := parseDate(raw)
				if err != nil {
					warn(b.line, "could not read the date %q; set date: by hand", raw)
				} else {
					r.Date = d
				}
				lines = lines[1:]
				continue
			case strings.HasPrefix(lower, "disclaimer:"):
				lines = nil
				continue
			case lower == "executive summary" || lower == "summary":
				state, sawSummary = inSummary, true
				lines = lines[1:]
				continue
			case strings.HasPrefix(lower, "want to dive deeper"):
				state = inQuestions
				lines = lines[1:]
				continue
			case state != inQuestions && isHeading(l):
				r.Sections = append(r.Sections, Section{Heading: l})
				state = inSection
				lines = lines[1:]
				continue
			}
			if state == inQuestions {
				r.Questions = append(r.Questions, lines...)
				lines = nil
				continue
			}
			para := strings.Join(lines, " ")
			lines = nil
			switch state {
			case inSection:
				s := &r.Sections[len(r.Sections)-1]
				s.Paragraphs = append(s.Paragraphs, para)
			default:
				if state == inPreamble && !sawSummary {
					warn(b.line, "text before the executive summary is taken as part of it")
				}
				state = inSummary
				r.Summary = append(r.Summary, para)
			}
		}
	}

	seen := map[int]bool{}
	for _, m := range markerRE.FindAllStringSubmatch(text, -1) {
		n, _ := strconv.Atoi(m[1])
		if !seen[n] {
			seen[n] = true
			r.Citations = append(r.Citations, n)
		}
	}
	slices.Sort(r.Citations)

	if !sawDate && !sawSummary && len(r.Sections) == 0 && len(r.Citations) == 0 {
		return nil, nil, fmt.Errorf("%s: %w", name, ErrNotAReport)
	}
	if !sawDate {
		warn(1, "no \"Checked on <date>\" line; set date: by hand")
	}
	if !sawSummary {
		warn(1, "no \"Executive summary\" heading")
	}
	if len(r.Sections) == 0 {
		warn(1, "no numbered findings (\"1. …\") or conclusion; the body is one section")
	}
	if len(r.Citations) == 0 {
		warn(1, "no citation markers such as [1]; the check will need sources")
	}
	return r, warns, nil
}

// isHeading tells a finding or conclusion heading from a paragraph: one short
// line, numbered or starting with "Conclusion", with text after it.
func isHeading(l string) bool {
	if len(l) > 200 {
		return false
	}
	if strings.HasPrefix(strings.ToLower(l), "conclusion") {
		return true
	}
	return findingRE.MatchString(l) && !strings.HasSuffix(l, ".")
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"January 2, 2006", "January 2 2006", "Jan 2, 2006", "2 January 2006", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unknown date format")
}
