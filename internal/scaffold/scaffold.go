// Package scaffold writes the files of a new site for `factpress init`.
package scaffold

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/schema"
	"github.com/factpress/factpress/internal/starter"
)

// Site is what `factpress init` asks for: what factpress.yaml says of the
// archive, and the factpress its workflows install. An empty field takes
// the default that Ask offers for it.
type Site struct {
	Title        string // the archive's name
	Organization string // who publishes it: the ClaimReview author
	// Repository is where the archive lives, as host/owner/name
	// (github.com/org/archive); "" for none.
	Repository string
	// BaseURL is where the site is published. Empty, it is the GitHub
	// Pages address of Repository, or "/" when there is none.
	BaseURL string
	// Version is the factpress the workflows install: a release tag, or
	// "latest" (see InstallVersion).
	Version string
}

// Defaults for a Site's fields.
const (
	DefaultTitle        = "My fact-check archive"
	DefaultOrganization = "My fact-checking organisation"
)

// GoVersion is the Go the workflows install factpress with: the go
// directive of factpress's go.mod (a test keeps them equal). A later
// release that needs a newer Go still installs, since `go install` fetches
// the toolchain a module asks for.
const GoVersion = "1.26"

// releaseTag is a semantic version as Go modules tag releases, v1.2.3 or
// v1.2.3-rc.1; the v may be missing from a stamp.
var releaseTag = regexp.MustCompile(`^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// pseudoVersion is the tail of a Go pseudo-version, which names a commit,
// not a release: v0.0.0-20260119100000-abcdef123456.
var pseudoVersion = regexp.MustCompile(`[.-][0-9]{14}-[0-9a-f]{12}$`)

// InstallVersion is the version the workflows install, given the version
// of the factpress that runs init (version.Read): the same release when it
// is one, so that CI builds what the author previewed; "latest" for a
// build from a clone, a commit or a work tree with changes ("(devel)", a
// pseudo-version, "+dirty"), which `go install` could not fetch again.
func InstallVersion(v string) string {
	if !releaseTag.MatchString(v) || pseudoVersion.MatchString(v) {
		return "latest"
	}
	if !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	return v
}

// PagesURL is the GitHub Pages address of a repository on github.com
// (https://org.github.io/archive/, or https://org.github.io/ for the
// repository org.github.io), or "" for any other.
func PagesURL(repository string) string {
	host, path, _ := strings.Cut(NormalizeRepository(repository), "/")
	owner, name, ok := strings.Cut(path, "/")
	if !strings.EqualFold(host, "github.com") || !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return ""
	}
	// Pages host names are lower case; the path keeps the name's case.
	owner = strings.ToLower(owner)
	if strings.EqualFold(name, owner+".github.io") {
		return "https://" + owner + ".github.io/"
	}
	return "https://" + owner + ".github.io/" + name + "/"
}

// NormalizeRepository writes a repository as factpress.yaml takes it,
// host/owner/name, from the forms it is copied in: with https://, a
// trailing slash or .git.
func NormalizeRepository(r string) string {
	r = strings.TrimSpace(r)
	r = strings.TrimPrefix(strings.TrimPrefix(r, "https://"), "http://")
	r = strings.TrimSuffix(strings.TrimRight(r, "/"), ".git")
	return strings.TrimRight(r, "/")
}

// withDefaults fills the empty fields of s as init does when nothing is
// asked or the answer is empty.
func (s Site) withDefaults() Site {
	if s.Title = strings.TrimSpace(s.Title); s.Title == "" {
		s.Title = DefaultTitle
	}
	if s.Organization = strings.TrimSpace(s.Organization); s.Organization == "" {
		s.Organization = DefaultOrganization
	}
	s.Repository = NormalizeRepository(s.Repository)
	if s.BaseURL = strings.TrimSpace(s.BaseURL); s.BaseURL == "" {
		s.BaseURL = PagesURL(s.Repository)
	}
	if s.BaseURL == "" {
		s.BaseURL = "/"
	}
	if u, err := url.Parse(s.BaseURL); err == nil && u.Host != "" && !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	if s.Version == "" {
		s.Version = "latest"
	}
	return s
}

// question is one line Ask asks: the flag that answers it instead, the
// prompt, and the field it fills.
type question struct {
	flag, prompt string
	field        func(*Site) *string
}

func questions() []question {
	return []question{
		{"title", "Title of the archive", func(s *Site) *string { return &s.Title }},
		{"organization", "Organisation that publishes it", func(s *Site) *string { return &s.Organization }},
		{"repository", "Repository, as github.com/org/archive", func(s *Site) *string { return &s.Repository }},
		// After the repository, whose Pages address is the default.
		{"base-url", "Address of the site", func(s *Site) *string { return &s.BaseURL }},
	}
}

// Ask asks on out, one line each, for every field of s whose flag given
// does not name, and reads the answers from in. Each prompt shows in
// brackets what an empty answer gives, worked out from the answers before
// it; an answer that factpress.yaml would refuse is asked again. At the end
// of in, the rest take their defaults.
func Ask(in io.Reader, out io.Writer, s *Site, given func(flag string) bool) error {
	r := bufio.NewReader(in)
	for _, q := range questions() {
		if given(q.flag) {
			continue
		}
		for {
			defaults := s.withDefaults()
			def := *q.field(&defaults)
			shown := def
			if shown == "" {
				shown = "none"
			}
			fmt.Fprintf(out, "%s [%s]: ", q.prompt, shown)
			line, err := r.ReadString('\n')
			eof := errors.Is(err, io.EOF)
			if err != nil && !eof {
				return fmt.Errorf("reading the answer to %q: %w", q.prompt, err)
			}
			answer := strings.TrimSpace(line)
			if eof && answer == "" {
				fmt.Fprintln(out)
				return nil // nothing more to read: every other field takes its default
			}
			if answer == "" {
				answer = def
			}
			try := *s
			*q.field(&try) = answer
			if _, err := configText(try.withDefaults()); err != nil {
				if eof {
					return fmt.Errorf("--%s: %w", q.flag, err)
				}
				fmt.Fprintln(out, err)
				continue
			}
			*q.field(s) = answer
			break
		}
	}
	return nil
}

// A file of a new archive: its path, and the template it is made from.
type file struct{ path, template string }

// archiveFiles are the files of a new archive made from templates, beside
// the pages and the example check.
func archiveFiles() []file {
	return []file{
		{"README.md", "README.md.tmpl"},
		{"CONTRIBUTING.md", "CONTRIBUTING.md.tmpl"},
		{".gitignore", "gitignore.tmpl"},
		{".github/pull_request_template.md", "pull_request_template.md.tmpl"},
		{".github/workflows/pages.yml", "pages.yml.tmpl"},
		{".github/workflows/check.yml", "check.yml.tmpl"},
	}
}

//go:embed archive
var archiveFS embed.FS

// templates parses the templates of archive/. Their delimiters are [[ ]],
// since the workflows are full of GitHub's ${{ }}.
func templates() (*template.Template, error) {
	t, err := template.New("").Delims("[[", "]]").Funcs(template.FuncMap{"q": strconv.Quote}).ParseFS(archiveFS, "archive/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("scaffold templates: %w", err)
	}
	return t, nil
}

// data is what the templates see.
type data struct {
	Site
	GoVersion string
	PagesURL  string // the address the site is published at, when it has a host
}

func execute(t *template.Template, name string, s Site) (string, error) {
	d := data{Site: s, GoVersion: GoVersion}
	if u, err := url.Parse(s.BaseURL); err == nil && u.Host != "" {
		d.PagesURL = s.BaseURL
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, d); err != nil {
		return "", fmt.Errorf("scaffold template %s: %w", name, err)
	}
	return b.String(), nil
}

// configText is the factpress.yaml of s, refused when factpress would
// refuse it or read back other values than s has: init writes no config
// that the first build fails on.
func configText(s Site) (string, error) {
	t, err := templates()
	if err != nil {
		return "", err
	}
	text, err := execute(t, "factpress.yaml.tmpl", s)
	if err != nil {
		return "", err
	}
	cfg, diags, err := config.Parse([]byte(text))
	if err != nil {
		return "", fmt.Errorf("the new factpress.yaml: %w", err)
	}
	for _, d := range diags {
		if d.Severity == diag.Error {
			return "", errors.New(d.Message)
		}
	}
	if cfg.Title != s.Title || cfg.Organization.Name != s.Organization || cfg.Repository != s.Repository {
		return "", fmt.Errorf("the title, organisation or repository does not survive being written into factpress.yaml: %q, %q, %q", s.Title, s.Organization, s.Repository)
	}
	return text, nil
}

// Result is what Create did: the files it wrote, and those it found
// already there and left as they were, '/'-separated and relative to the
// archive's folder.
type Result struct {
	Written, Kept []string
}

// Init creates a new site in dir with every default, as `factpress init
// DIR` does when asked nothing.
func Init(dir string, today time.Time) ([]string, error) {
	res, err := Create(dir, Site{}, today)
	return res.Written, err
}

// Refused says why Create would refuse dir, or is nil: init asks nothing
// of a person before it knows that it can go on.
func Refused(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		return fmt.Errorf("%s already has a %s; not overwriting it", dir, config.FileName)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("looking for %s: %w", config.FileName, err)
	}
	return nil
}

// Create makes dir a complete archive repository: factpress.yaml, one
// example check, the trust pages a fact-checker publishes, a README and a
// CONTRIBUTING for the archive, a pull-request template, and the workflows
// that check pull requests and publish main on GitHub Pages. It refuses a
// folder that already holds a factpress.yaml, and never overwrites a file:
// one that exists (a README GitHub made, say) is kept and listed in Kept.
// Nothing is written unless every file can be made.
func Create(dir string, s Site, today time.Time) (Result, error) {
	var res Result
	if err := Refused(dir); err != nil {
		return res, err
	}
	s = s.withDefaults()
	siteConfig, err := configText(s)
	if err != nil {
		return res, fmt.Errorf("factpress.yaml: %w", err)
	}
	day := today.UTC().Format(time.DateOnly)
	defaults := config.Default()
	checkSchema, err := schema.Check(defaults.VerdictKeys())
	if err != nil {
		return res, err
	}
	files := []struct{ path, body string }{
		{config.FileName, siteConfig},
		{"schema/check.schema.json", string(checkSchema)},
	}
	for _, p := range starter.Files() {
		files = append(files, struct{ path, body string }{p.Path, p.Text(day)})
	}
	t, err := templates()
	if err != nil {
		return res, err
	}
	for _, f := range archiveFiles() {
		body, err := execute(t, f.template, s)
		if err != nil {
			return res, err
		}
		files = append(files, struct{ path, body string }{f.path, body})
	}
	var todo []int
	for i, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if _, err := os.Lstat(p); err == nil {
			res.Kept = append(res.Kept, f.path)
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return res, fmt.Errorf("looking for %s: %w", p, err)
		}
		todo = append(todo, i)
	}
	for _, i := range todo {
		f := files[i]
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return res, fmt.Errorf("creating %s: %w", filepath.Dir(p), err)
		}
		// O_EXCL: a file made since the look above is not overwritten either.
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return res, fmt.Errorf("creating %s: %w", p, err)
		}
		_, err = w.WriteString(f.body)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return res, fmt.Errorf("writing %s: %w", p, err)
		}
		res.Written = append(res.Written, f.path)
	}
	return res, nil
}

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
