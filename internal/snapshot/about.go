package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/factpress/factpress/internal/version"
)

// The page and the data in which a snapshot says what it is, beside its
// index.html. No page of the site links to them: they are about the
// snapshot, not the archive, and the site is the same with or without them.
const (
	AboutPage = "ABOUT-THIS-SNAPSHOT.html"
	AboutData = "ABOUT-THIS-SNAPSHOT.json"
)

// About is what a snapshot says of itself: which site, as of when, from which
// source and made by which factpress. It has no clock time: the date of the
// archive's last update stands in for when it was made, since a clock would
// make two snapshots of the same input differ.
type About struct {
	Title      string       `json:"title"`
	Folder     string       `json:"folder"`      // the folder the snapshot unpacks into
	LastUpdate string       `json:"last_update"` // YYYY-MM-DD; "" when the archive has no check or update
	Source     Source       `json:"source"`
	Factpress  version.Info `json:"factpress"`
}

// Source is the state of the site's source as git saw it.
type Source struct {
	State  string `json:"state"`            // one of the Source… constants
	Commit string `json:"commit,omitempty"` // HEAD: the source's commit, or the one its changes are on
}

// Source states.
const (
	SourceCommitted   = "committed"            // every packed source file is as in Commit
	SourceUncommitted = "uncommitted changes"  // on Commit, or on no commit yet
	SourceNoGit       = "not a git repository" // the site folder is in none
	SourceUnknown     = "unknown"              // git is not installed, or could not read the repository
)

// JSON is the about data, for tools.
func (a About) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", AboutData, err)
	}
	return append(b, '\n'), nil
}

// HTML is the about page: one self-contained file, with no script and
// nothing to fetch, as every value is escaped by html/template.
func (a About) HTML() ([]byte, error) {
	// Parsed on each call: a snapshot makes one page, and a template kept
	// in a package variable would be state shared by every caller.
	t, err := template.New(AboutPage).Parse(aboutTemplate)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", AboutPage, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, a); err != nil {
		return nil, fmt.Errorf("%s: %w", AboutPage, err)
	}
	return b.Bytes(), nil
}

const aboutTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>About this snapshot of {{.Title}}</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
dt { font-weight: 600; margin-top: 1rem; }
dd { margin: 0; }
code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
</style>
</head>
<body>
<main>
<h1>About this snapshot</h1>
<p>This folder, <code>{{.Folder}}</code>, is a snapshot of <a href="index.html">{{.Title}}</a> for reading offline: open <code>index.html</code>. The site's source is in <code>source/</code>.</p>
<dl>
<dt>Site</dt>
<dd>{{.Title}}</dd>
<dt>The archive's last update</dt>
<dd>{{with .LastUpdate}}<time datetime="{{.}}">{{.}}</time>{{else}}none: the archive has no check or update{{end}}</dd>
<dt>Source</dt>
<dd>{{if eq .Source.State "committed"}}git commit <code>{{.Source.Commit}}</code>
{{- else if eq .Source.State "uncommitted changes"}}uncommitted changes{{with .Source.Commit}} on top of git commit <code>{{.}}</code>{{else}}, in a git repository with no commit yet{{end}}
{{- else if eq .Source.State "not a git repository"}}not a git repository
{{- else}}not known: git is not installed, or could not read the repository{{end}}</dd>
<dt>Made with</dt>
<dd>factpress {{.Factpress.Version}}{{with .Factpress.Go}}, built with {{.}}{{end}}
{{- with .Factpress.Revision}}, from commit <code>{{.}}</code>{{end}}
{{- with .Factpress.Time}} of {{.}}{{end}}
{{- if eq .Factpress.Modified "true"}}, with uncommitted changes{{end}}</dd>
</dl>
<p>A snapshot gives no time it was made, only the date of the archive's last update: a clock would make two snapshots of the same archive differ.</p>
<h2>Checking it</h2>
<p><code>SHA256SUMS</code> in this folder lists the checksum of every file in it, this page included. To check them, run <code>factpress verify</code> on the zip, or <code>sha256sum -c SHA256SUMS</code> in this folder.</p>
</main>
</body>
</html>
`
