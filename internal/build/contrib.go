package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/importer"
	"github.com/factpress/factpress/internal/scaffold"
	"github.com/factpress/factpress/internal/slug"
	"github.com/factpress/factpress/internal/validate"
)

// writeNewCheck writes a new check file at out, by default under
// content/checks/, refusing to overwrite a file or to reuse a slug that
// another check of its language already has.
func writeNewCheck(ctx context.Context, opts Options, cfg *config.Config, sl string, body []byte, out string) (string, error) {
	if sl == "" {
		return "", fmt.Errorf("the question gives an empty slug; write it with letters or digits")
	}
	if out == "" {
		out = filepath.Join(opts.Source, "content", "checks", sl+".md")
	}
	lang := cfg.LanguageOf("")
	if rel, err := filepath.Rel(opts.Source, out); err == nil && filepath.IsLocal(rel) {
		lang = cfg.LanguageOf(filepath.ToSlash(rel))
	}
	if _, err := os.Stat(out); err == nil {
		return "", fmt.Errorf("%s already exists; not overwriting it", out)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	// Front matter only: the slugs are all that matter here.
	l, err := load(ctx, opts, func(string) bool { return false })
	if err != nil {
		return "", err
	}
	defer l.wait()
	for _, f := range l.files {
		// A translation may share its original's slug: slugs are a
		// language's.
		if f.Kind == content.KindCheck && f.URLSlug() == sl && cfg.LanguageOf(f.Path).Code == lang.Code {
			return "", fmt.Errorf("the slug %q is already used by %s; choose another question or set slug: by hand", sl, f.Path)
		}
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(body); err != nil {
		f.Close()
		return "", err
	}
	return out, f.Close()
}

// NewCheck scaffolds a check for question in content/checks/<slug>.md, or
// in the content folder of the language lang ("fr": content/fr/checks/)
// when lang is not "".
func NewCheck(ctx context.Context, opts Options, question string, topics []string, lang string) (string, error) {
	opts.defaults()
	question = strings.TrimSpace(question)
	if question == "" {
		return "", fmt.Errorf("give the question the check answers, e.g. factpress new \"Did X happen?\"")
	}
	cfg, _, err := config.Load(opts.Source)
	if err != nil {
		return "", &ConfigError{Err: err}
	}
	dir := "content/"
	if lang != "" {
		var codes []string
		found := false
		for _, l := range cfg.Languages {
			codes = append(codes, l.Code)
			if l.Code == lang {
				dir, found = cfg.LanguageSite(l).ContentDir, true
			}
		}
		if len(cfg.Languages) == 0 {
			codes, found = []string{cfg.Language}, lang == cfg.Language
		}
		if !found {
			return "", fmt.Errorf("--lang %s: not one of the site's languages (%s); add it to languages: in factpress.yaml", lang, strings.Join(codes, ", "))
		}
	}
	sl := slug.Of(question, cfg.KeepDiacritics)
	body := scaffold.NewCheck(question, topics, cfg.VerdictKeys(), opts.Today)
	out := ""
	if sl != "" {
		out = filepath.Join(opts.Source, filepath.FromSlash(dir), "checks", sl+".md")
	}
	return writeNewCheck(ctx, opts, &cfg, sl, []byte(body), out)
}

// Import turns the report at reportPath into a check file, at out or at
// content/checks/<slug>.md. Warnings say where the report strays from the
// expected format.
func Import(ctx context.Context, opts Options, reportPath, out string) (string, diag.List, error) {
	opts.defaults()
	data, err := os.ReadFile(reportPath)
	if err != nil {
		return "", nil, err
	}
	r, warns, err := importer.Parse(reportPath, data)
	if err != nil {
		return "", nil, err
	}
	cfg, _, err := config.Load(opts.Source)
	if err != nil {
		return "", warns, &ConfigError{Err: err}
	}
	path, err := writeNewCheck(ctx, opts, &cfg, slug.Of(r.Title, cfg.KeepDiacritics), r.Check(cfg.VerdictKeys()), out)
	return path, warns, err
}

// ImportResult is what an import wrote and what it found in its inputs.
type ImportResult struct {
	// Written are the check files written, in the order of the inputs.
	Written []string
	// Diags are the records that could not be read (errors), and the
	// values left out and records skipped (warnings), at their files and
	// positions.
	Diags diag.List
}

// Failed reports whether a record could not be read.
func (r *ImportResult) Failed() bool { return r.Diags.Errors() > 0 }

// imported is one check an import is about to write.
type imported struct {
	file      string // the input, and the record's place in it
	line, col int
	title     string // for the slug
	fallback  string // for the slug, when the title gives none
	publisher string // tells apart two reviews of one claim
	reviewURL string
	body      []byte
}

// ImportFiles imports every file into content/checks/<slug>.md (or, for a
// single check, into out): a plain-text report as Import does, and
// ClaimReview as publishers have it, told apart by content: the JSON-LD of
// a saved HTML page, JSON of ClaimReview (alone, listed, in an @graph or a
// schema.org DataFeed), or a Fact Check Tools claim search answer, where
// each review of each claim is one check. A record that cannot be read is
// an error at its file and position and the others are still imported.
// Nothing is overwritten: a file or slug that exists, or a review already
// imported (the source 1 of a check), is a warning and skipped, so that a
// feed can be imported again as it grows.
func ImportFiles(ctx context.Context, opts Options, paths []string, out string) (*ImportResult, error) {
	opts.defaults()
	cfg, _, err := config.Load(opts.Source)
	if err != nil {
		return nil, &ConfigError{Err: err}
	}
	res := &ImportResult{}
	var todo []imported
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			res.Diags = append(res.Diags, diag.Errorf(p, 0, 0, "import-record", "%v", err))
			continue
		}
		if importer.Sniff(data) == importer.FormatReport {
			r, warns, err := importer.Parse(p, data)
			res.Diags = append(res.Diags, warns...)
			if err != nil {
				res.Diags = append(res.Diags, diag.Errorf(p, 0, 0, "import-record", "%v", err))
				continue
			}
			todo = append(todo, imported{file: p, title: r.Title, body: r.Check(cfg.VerdictKeys())})
			continue
		}
		reviews, diags := importer.ReadClaimReviews(p, data)
		res.Diags = append(res.Diags, diags...)
		for _, r := range reviews {
			todo = append(todo, imported{file: p, line: r.Line, col: r.Col, title: r.QuestionTitle(cfg.Language),
				fallback: r.Claim, publisher: r.Publisher, reviewURL: r.URL, body: r.Check(&cfg)})
		}
	}
	if out != "" && len(todo) != 1 {
		return res, fmt.Errorf("-o names one file, and these inputs hold %d checks; leave -o out to write each into content/checks/", len(todo))
	}
	if len(todo) == 0 {
		return res, nil
	}
	// Front matter only: slugs and first sources are all that matter here.
	l, err := load(ctx, opts, func(string) bool { return false })
	if err != nil {
		return res, err
	}
	defer l.wait()
	taken := map[string]string{}    // slug → the check that has it
	reviewed := map[string]string{} // review URL → the check imported from it
	for _, f := range l.files {
		if f.Kind != content.KindCheck {
			continue
		}
		taken[f.URLSlug()] = f.Path
		if len(f.Sources) > 0 && f.Sources[0].URL != "" {
			reviewed[f.Sources[0].URL] = f.Path
		}
	}
	ours := map[string]bool{} // slugs written by this import
	for _, t := range todo {
		skip := func(format string, args ...any) {
			res.Diags = append(res.Diags, diag.Warnf(t.file, t.line, t.col, "import-skipped", format+"; skipped", args...))
		}
		if f, ok := reviewed[t.reviewURL]; ok && t.reviewURL != "" {
			skip("this review is already imported: %s cites it as source 1", f)
			continue
		}
		sl, path := "", out
		if out != "" {
			sl = slug.FileSlug(out, cfg.KeepDiacritics)
		} else if sl = importSlug(t.title, cfg.KeepDiacritics); sl == "" {
			if sl = importSlug(t.fallback, cfg.KeepDiacritics); sl == "" {
				sl = "imported-check"
			}
		}
		if f, ok := taken[sl]; ok && !ours[sl] {
			skip("the slug %q is already used by %s; set slug: by hand, or remove that check first", sl, f)
			continue
		}
		if out == "" {
			// Two reviews of one claim in one import (a Fact Check Tools
			// answer lists every publisher's) are both kept.
			sl = freeSlug(sl, t.publisher, cfg.KeepDiacritics, func(s string) bool { _, ok := taken[s]; return ok })
			path = filepath.Join(opts.Source, "content", "checks", sl+".md")
		}
		switch err := writeExclusive(path, t.body); {
		case errors.Is(err, fs.ErrExist):
			skip("%s already exists; not overwriting it", path)
			continue
		case err != nil:
			return res, err
		}
		taken[sl], ours[sl] = path, true
		if t.reviewURL != "" {
			reviewed[t.reviewURL] = path
		}
		res.Written = append(res.Written, path)
	}
	res.Diags.Sort()
	return res, nil
}

// maxImportSlug bounds the slug made from an imported title, which may be
// a headline of any length: file names and URLs have limits.
const maxImportSlug = 80

// importSlug is the slug of an imported title, cut at a word to at most
// maxImportSlug bytes.
func importSlug(title string, keepDiacritics bool) string {
	s := slug.Of(title, keepDiacritics)
	if len(s) <= maxImportSlug {
		return s
	}
	cut := maxImportSlug
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	s = s[:cut]
	if i := strings.LastIndexByte(s, '-'); i > maxImportSlug/2 {
		s = s[:i]
	}
	return strings.Trim(s, "-")
}

// freeSlug is sl, or when that is taken sl with the publisher's name, or
// with a number, whichever is free first.
func freeSlug(sl, publisher string, keepDiacritics bool, taken func(string) bool) string {
	if !taken(sl) {
		return sl
	}
	if p := importSlug(publisher, keepDiacritics); p != "" && !taken(sl+"-"+p) {
		return sl + "-" + p
	}
	for n := 2; ; n++ {
		if s := sl + "-" + strconv.Itoa(n); !taken(s) {
			return s
		}
	}
}

// writeExclusive writes a new file, and fails with fs.ErrExist rather than
// replace one.
func writeExclusive(path string, body []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(body); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}

// Changes are what a branch changed in a site since a git ref.
type Changes struct {
	// Files are the site files changed or added since the ref (committed,
	// staged, unstaged and untracked) that are there now.
	Files []string
	// Deleted are the site files there at the ref and gone now; a renamed
	// file is deleted under its old name and added under its new one.
	Deleted []string
	// old holds the content files of Files and Deleted as they were at
	// the ref, by path; an added file has none.
	old map[string][]byte
}

// Empty reports whether nothing that check reads changed.
func (c *Changes) Empty() bool { return len(c.Files) == 0 && len(c.Deleted) == 0 }

// ChangedSince lists the site files changed and deleted since a git ref,
// relative to the site root, and reads the content files among them as
// they were at the ref.
func ChangedSince(source, ref string) (*Changes, error) {
	git := func(stdin string, args ...string) (string, error) {
		cmd := exec.Command("git", append([]string{"-C", source}, args...)...)
		cmd.Stdin = strings.NewReader(stdin)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			if errors.Is(err, exec.ErrNotFound) {
				return "", fmt.Errorf("running git: %w", err)
			}
			// git's first line says it; the rest is often its usage.
			msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
			return "", fmt.Errorf("git %s: %w: %s", args[0], err, msg)
		}
		return string(out), nil
	}
	// Asked first and apart, so that neither a folder outside a repository
	// (where git diff falls back to comparing two paths and prints its
	// usage) nor a ref that does not exist reaches the commands below.
	inside, err := git("", "rev-parse", "--is-inside-work-tree")
	if err != nil && !strings.Contains(err.Error(), "not a git repository") {
		return nil, err
	}
	if err != nil || strings.TrimSpace(inside) != "true" {
		where := source
		if abs, err := filepath.Abs(source); err == nil {
			where = abs // "." says little
		}
		return nil, fmt.Errorf("%s is not in a git repository", where)
	}
	// No ref begins with "-", and git would take one for an option (git
	// diff --output=FILE writes a file).
	if strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("no commit named %s", ref)
	}
	commit, err := git("", "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("no commit named %s", ref)
	}
	commit = strings.TrimSpace(commit)
	// NUL-separated, so that a name git would quote (é.md) stays a name.
	changed, err := git("", "diff", "--name-only", "-z", "--relative", "--no-renames", commit, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := git("", "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	ch := &Changes{Files: []string{}, old: map[string][]byte{}}
	seen := map[string]bool{}
	for _, p := range strings.Split(changed+untracked, "\x00") {
		if p == "" || seen[p] || p != config.FileName && !isContentFile(p) {
			continue
		}
		seen[p] = true
		if _, err := os.Stat(filepath.Join(source, filepath.FromSlash(p))); err != nil {
			ch.Deleted = append(ch.Deleted, p)
		} else {
			ch.Files = append(ch.Files, p)
		}
	}
	// The old versions, for the archive-wide findings the change caused:
	// the slug a deleted check had is what another check's link now misses.
	tree, err := git("", "ls-tree", "-r", "-z", commit, "--", "content")
	if err != nil {
		return nil, err
	}
	var ids strings.Builder
	var paths []string
	for _, entry := range strings.Split(tree, "\x00") {
		// "<mode> blob <id>\t<path>", the path relative to source.
		meta, p, ok := strings.Cut(entry, "\t")
		if fields := strings.Fields(meta); ok && seen[p] && len(fields) == 3 && fields[1] == "blob" {
			ids.WriteString(fields[2] + "\n")
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return ch, nil
	}
	blobs, err := git(ids.String(), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		// Each blob comes as "<id> blob <size>\n<data>\n".
		head, rest, _ := strings.Cut(blobs, "\n")
		fields := strings.Fields(head)
		size := -1
		if len(fields) == 3 {
			if n, err := strconv.Atoi(fields[2]); err == nil {
				size = n
			}
		}
		if size < 0 || size+1 > len(rest) {
			return nil, fmt.Errorf("git cat-file: unexpected answer %q for %s", head, p)
		}
		ch.old[p] = []byte(rest[:size])
		blobs = rest[size+1:]
	}
	return ch, nil
}

// isContentFile tells whether a site path is one of the files that load
// reads: Markdown under content/, outside hidden folders.
func isContentFile(rel string) bool {
	dir, name, ok := strings.Cut(rel, "/")
	if !ok || dir != "content" || !strings.EqualFold(filepath.Ext(rel), ".md") {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return false
		}
	}
	return true
}

// CheckChanges validates a change as the pull-request gate: the findings of
// Check on the whole site that are on a changed file (or one of
// opts.Paths), and the archive-wide findings on other files that the
// change caused, such as a link to a check it deleted or renamed, or a slug
// that a changed file now shares. A finding another file had at the ref
// already is not the change's.
func CheckChanges(ctx context.Context, opts Options, ch *Changes) (*Result, error) {
	if slices.Contains(ch.Files, config.FileName) || slices.Contains(ch.Deleted, config.FileName) {
		// Every file's rules read the config (the verdict scale, the
		// archive requirement), so any file's findings may have changed.
		opts.Paths = nil
		return Check(ctx, opts)
	}
	start := time.Now()
	opts.defaults()
	opts.Paths = append(slices.Clone(opts.Paths), ch.Files...)
	// Not opts.selected: with only deletions there are no paths, and no
	// paths would mean the whole site.
	selected := func(rel string) bool { return len(opts.Paths) > 0 && opts.selected(rel) }
	l, err := load(ctx, opts, selected)
	if err != nil {
		return nil, err
	}
	defer l.wait()
	diags := configFindings(l.diags, selected(config.FileName))
	vopts := validate.Options{Today: opts.Today, Drafts: true, Only: selected}
	for _, d := range validate.Site(&l.cfg, l.files, vopts) {
		if selected(d.File) {
			diags = append(diags, d)
		}
	}
	// The archive as it was: the files the change left alone, and the old
	// versions of those it changed or deleted. Front matter is all the
	// archive-wide rules read.
	changed := map[string]bool{}
	for _, p := range append(slices.Clone(ch.Files), ch.Deleted...) {
		changed[p] = true
	}
	var before []*content.Check
	for _, f := range l.files {
		if !changed[f.Path] {
			before = append(before, f)
		}
	}
	for p, data := range ch.old {
		before = append(before, content.ParseKeeping(p, data, kindOf(&l.cfg, p), nil, l.cfg.KeepDiacritics))
	}
	type place struct {
		file, code string
		line, col  int
	}
	had := map[place]bool{}
	for _, d := range validate.Archives(&l.cfg, before, vopts) {
		had[place{d.File, d.Code, d.Line, d.Column}] = true
	}
	for _, d := range validate.Archives(&l.cfg, l.files, vopts) {
		// An unchanged file's findings keep their places; its message may
		// name other files, which is no new finding.
		if !selected(d.File) && !had[place{d.File, d.Code, d.Line, d.Column}] {
			diags = append(diags, d)
		}
	}
	diags.Sort()
	if opts.Strict {
		diags = diags.Strict()
	}
	return &Result{Diags: diags, Files: len(l.files), Parsed: l.parsed, Elapsed: time.Since(start)}, nil
}
