// Package scaffold writes the files of a new site for `factpress init`.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
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
	files := []struct{ path, body string }{
		{"factpress.yaml", config},
		{"content/checks/example-check.md", fmt.Sprintf(example, day, day)},
		{"content/pages/methodology.md", methodology},
		{"content/pages/corrections-policy.md", corrections},
		{"content/pages/contact.md", contact},
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

const config = `# factpress site configuration. See the README for every key.
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

const contact = `---
title: Contact
---

How to reach the editors.
`
