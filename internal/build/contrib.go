package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/importer"
	"github.com/factpress/factpress/internal/scaffold"
	"github.com/factpress/factpress/internal/slug"
)

// writeNewCheck writes a new check file under content/checks/, refusing to
// overwrite a file or to reuse a slug that another check already has.
func writeNewCheck(ctx context.Context, opts Options, sl string, body []byte, out string) (string, error) {
	if sl == "" {
		return "", fmt.Errorf("the question gives an empty slug; write it with letters or digits")
	}
	if out == "" {
		out = filepath.Join(opts.Source, "content", "checks", sl+".md")
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
	for _, f := range l.files {
		if f.Kind == content.KindCheck && f.URLSlug() == sl {
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

// NewCheck scaffolds a check for question in content/checks/<slug>.md.
func NewCheck(ctx context.Context, opts Options, question string, topics []string) (string, error) {
	opts.defaults()
	question = strings.TrimSpace(question)
	if question == "" {
		return "", fmt.Errorf("give the question the check answers, e.g. factpress new \"Did X happen?\"")
	}
	cfg, _, err := config.Load(opts.Source)
	if err != nil {
		return "", &ConfigError{Err: err}
	}
	body := scaffold.NewCheck(question, topics, cfg.VerdictKeys(), opts.Today)
	return writeNewCheck(ctx, opts, slug.Normalize(question), []byte(body), "")
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
	path, err := writeNewCheck(ctx, opts, slug.Normalize(r.Title), r.Check(cfg.VerdictKeys()), out)
	return path, warns, err
}

// ChangedSince lists the site files changed since a git ref: committed,
// staged, unstaged and untracked, relative to the site root.
func ChangedSince(source, ref string) ([]string, error) {
	run := func(args ...string) ([]string, error) {
		cmd := exec.Command("git", append([]string{"-C", source}, args...)...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return strings.Split(strings.TrimSpace(string(out)), "\n"), nil
	}
	changed, err := run("diff", "--name-only", "--relative", "--no-renames", ref, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := run("ls-files", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := []string{}
	for _, p := range append(changed, untracked...) {
		if p == "" || seen[p] {
			continue
		}
		seen[p] = true
		if _, err := os.Stat(filepath.Join(source, filepath.FromSlash(p))); err != nil {
			continue // deleted
		}
		if p == config.FileName || strings.HasPrefix(p, "content/") && strings.HasSuffix(strings.ToLower(p), ".md") {
			out = append(out, p)
		}
	}
	return out, nil
}
