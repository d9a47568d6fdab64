// Package starter holds the files a new archive starts with only to be replaced, the example check and the trust pages, and tells them by their content.
package starter

import (
	"crypto/sha256"
	"fmt"
)

// File is a file of a new archive that is there to be replaced: the
// example check, or a trust page with nothing but a line saying what to
// write in it.
type File struct {
	Path    string // where factpress init writes it
	Title   string // its title, as written
	Example bool   // the example check, not a page
	// Hint says what the page should say instead; empty for the example.
	Hint string
	text string // the example's with %s for its two dates
}

// Text is the file as init writes it on day (YYYY-MM-DD), the date of the
// example check and of its source.
func (f File) Text(day string) string {
	if f.Example {
		return fmt.Sprintf(f.text, day, day)
	}
	return f.text
}

// Files are the files init writes to be replaced, in the order it writes
// them.
func Files() []File {
	return []File{
		{Path: "content/checks/example-check.md", Title: "Is this an example check?", Example: true, text: example},
		{Path: "content/pages/methodology.md", Title: "Methodology", Hint: "how you choose claims, research them and decide a verdict", text: methodology},
		{Path: "content/pages/corrections-policy.md", Title: "Corrections policy", Hint: "how readers ask for a correction and how corrections are shown", text: corrections},
		{Path: "content/pages/contact.md", Title: "Contact", Hint: "how readers reach the editors", text: contact},
		{Path: "content/pages/funding.md", Title: "Funding and organisation", Hint: "who publishes the archive, who funds it and who decides what is checked", text: funding},
	}
}

// Unchanged tells whether a file is still as init wrote it, by its
// content: its title, its date as written (the example's, which init sets
// to the day it ran; any for a page) and the SHA-256 of its text without
// a byte-order mark and with LF line ends. A file moved or renamed is
// still found; one edited by so much as a letter is not.
func Unchanged(title, date string, sum [sha256.Size]byte) (File, bool) {
	for _, f := range Files() {
		// The title first: most files are none of these, and that costs
		// no hash.
		if f.Title == title && sha256.Sum256([]byte(f.Text(date))) == sum {
			return f, true
		}
	}
	return File{}, false
}

const example = `---
# yaml-language-server: $schema=../../schema/check.schema.json
title: "Is this an example check?"
claim: "This archive has no checks yet."
claimant: "factpress init"
verdict: false
date: %s
summary: "It has one: this example, which you can edit or delete."
topics: [examples]
sources:
  - title: "The factpress README"
    publisher: "factpress"
    date: %s
related:
  - "How do I write my first check?"
---

This archive was created with an example check [1]. Replace it with your own.
`

const methodology = `---
title: Methodology
---

How we choose claims, research them, and decide a verdict. Describe your process here.
`

const corrections = `---
title: Corrections policy
---

How readers can ask for a correction, and how corrections are shown. Every correction is listed on the corrections page.
`

const funding = `---
title: Funding and organisation
slug: funding
---

Who publishes this archive, who funds it, and who decides what is checked.
`

const contact = `---
title: Contact
---

How to reach the editors.
`
