// Package scaffold writes the files of a new site for `factpress init`.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/schema"
)

// Init creates a new site in dir: a config, one example check and the trust
// pages a fact-checker publishes. It refuses to touch an existing site.
func Init(dir string, today time.Time) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "factpress.yaml")); err == nil {
		return nil, fmt.Errorf("%s already has a factpress.yaml; not overwriting it", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	day := today.UTC().Format(time.DateOnly)
	defaults := config.Default()
	checkSchema, err := schema.Check(defaults.VerdictKeys())
	if err != nil {
		return nil, err
	}
	files := []struct{ path, body string }{
		{"schema/check.schema.json", string(checkSchema)},
		{"factpress.yaml", siteConfig},
		{"content/checks/example-check.md", fmt.Sprintf(example, day, day)},
		{"content/pages/methodology.md", methodology},
		{"content/pages/corrections-policy.md", corrections},
		{"content/pages/contact.md", contact},
		{"content/pages/funding.md", funding},
		{".gitignore", "public/\n"},
	}
	var written []string
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if _, err := os.Stat(p); err == nil {
			return written, fmt.Errorf("%s already exists; not overwriting it", p)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(p, []byte(f.body), 0o644); err != nil {
			return written, err
		}
		written = append(written, f.path)
	}
	return written, nil
}

const siteConfig = `# factpress site configuration. See the README for every key.
title: "My fact-check archive"
base_url: "/"
language: en
description: "Fact checks with every source cited."
organization:
  name: "My fact-checking organisation"
  url: ""
# repository: github.com/org/archive   # for "edit this page" and "propose a check" links
# require_archive: true                # every source with a URL must have an archived copy
paginate: 20
`

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

// NewCheck is the text of a new check file for a question: every field,
// each with a comment saying what it takes.
func NewCheck(question string, topics, verdicts []string, today time.Time) string {
	var b strings.Builder
	quoted := make([]string, len(topics))
	for i, t := range topics {
		quoted[i] = strconv.Quote(t)
	}
	fmt.Fprintf(&b, `---
# yaml-language-server: $schema=../../schema/check.schema.json
title: %s
claim: ""            # the claim as it was made, in one sentence (under 140 characters)
claimant: ""         # who made it: a person, an organisation, "A viral post"
claim_date:          # when the claim was made, YYYY-MM-DD
appearances: []      # where the claim was seen: ["https://…"]
verdict:             # one of: %s
date: %s     # the day this check is published
summary: ""          # one or two sentences; left empty, the first paragraph is used
topics: [%s]
authors: []
sources:             # every source must be cited in the body as [1], [2], …
  - title: ""
    publisher: ""
    url: ""          # http(s); leave empty for print or interview sources
    date:            # when the source was published
    archive: ""      # an archived copy, e.g. from the Wayback Machine
    kind: news       # news, official, primary, social, opinion, research or other
related: []          # questions this check raises: ["Did …?"]
draft: true          # remove when the check is ready
---

Start with the answer in one paragraph, citing the source that shows it [1].

## What the evidence shows

Each finding with its source [1].

## Conclusion

The verdict and why.
`, strconv.Quote(question), strings.Join(verdicts, ", "), today.UTC().Format(time.DateOnly), strings.Join(quoted, ", "))
	return b.String()
}
