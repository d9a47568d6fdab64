// Package diag defines the diagnostics that every stage reports and the formats they are printed in.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity is how serious a finding is.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Diagnostic is one finding about one place in one file.
type Diagnostic struct {
	File     string   `json:"file"` // relative to the site root, '/'-separated
	Line     int      `json:"line"` // 1-based; 0 when the finding is about the whole file
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
}

// Errorf makes an error diagnostic.
func Errorf(file string, line, col int, code, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Column: col, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning diagnostic.
func Warnf(file string, line, col int, code, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Column: col, Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...)}
}

// List is a set of diagnostics.
type List []Diagnostic

// Sort orders diagnostics by file, line, column, then code, so output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			strings.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			strings.Compare(a.Code, b.Code),
			strings.Compare(a.Message, b.Message),
		)
	})
}

// Errors counts the errors.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the warnings.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Strict returns a copy in which every warning is an error.
func (l List) Strict() List {
	out := slices.Clone(l)
	for i := range out {
		out[i].Severity = Error
	}
	return out
}

// Format names an output format.
type Format string

const (
	Text   Format = "text"
	JSON   Format = "json"
	GitHub Format = "github"
)

// ParseFormat checks a format name given on the command line.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, JSON, GitHub:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, json or github)", s)
}

// Write prints the diagnostics in the given format. colour applies to text only.
func Write(w io.Writer, l List, f Format, colour bool) error {
	switch f {
	case JSON:
		if l == nil {
			l = List{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(l)
	case GitHub:
		var b strings.Builder
		for _, d := range l {
			b.WriteString(githubCommand(d))
			b.WriteByte('\n')
		}
		_, err := io.WriteString(w, b.String())
		return err
	default:
		var b strings.Builder
		for _, d := range l {
			b.WriteString(textLine(d, colour))
			b.WriteByte('\n')
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
}

func textLine(d Diagnostic, colour bool) string {
	sev := d.Severity.String()
	if colour {
		c := "\x1b[1;33m"
		if d.Severity == Error {
			c = "\x1b[1;31m"
		}
		sev = c + sev + "\x1b[0m"
	}
	return fmt.Sprintf("%s:%d:%d: %s[%s]: %s", d.File, d.Line, d.Column, sev, d.Code, d.Message)
}

// githubCommand renders a GitHub Actions workflow command; the escaping follows
// the runner's own (toolkit/core command.ts): data escapes % CR LF, properties
// also escape : and ,.
func githubCommand(d Diagnostic) string {
	props := []string{"file=" + escapeProperty(d.File)}
	if d.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", d.Line))
		if d.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Column))
		}
	}
	props = append(props, "title="+escapeProperty(d.Code))
	return "::" + d.Severity.String() + " " + strings.Join(props, ",") + "::" + escapeData(d.Message)
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
