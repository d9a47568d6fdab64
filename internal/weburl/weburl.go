// Package weburl holds the one rule for a URL that a site publishes as a link: absolute http(s), nothing hidden in it.
package weburl

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// Problem says what is wrong with a URL that must be absolute http(s), or
// "" when nothing is. The text reads after the URL in a message: "url
// %q " + Problem(u).
func Problem(raw string) string {
	if HasSpaceOrControl(raw) {
		return "contains whitespace or a control character"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "is not a well-formed URL"
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return "is not absolute; write the full address starting with https://"
		}
		return fmt.Sprintf("uses %q; only http and https links are allowed", u.Scheme+":")
	}
	if u.Host == "" || u.Hostname() == "" {
		return "has no host"
	}
	return ""
}

// HasSpaceOrControl reports whether raw holds whitespace or a control
// character, which no URL written in a file may: a browser would read the
// address otherwise than it looks. Bidi controls count (to unicode they
// are format characters): they make a link display as another address
// than the one it opens.
func HasSpaceOrControl(raw string) bool {
	return strings.ContainsFunc(raw, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
	})
}

// Valid reports whether raw is an absolute http(s) URL as Problem wants.
func Valid(raw string) bool { return Problem(raw) == "" }
