package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/output"
	"github.com/factpress/factpress/internal/snapshot"
	"github.com/factpress/factpress/internal/version"
)

// Snapshot builds the site for offline reading and packs it into the zip at
// out, in one folder named after the site and its last update: the site,
// its source under source/, the about page and data, and a SHA256SUMS
// manifest. The zip is written beside out and renamed over it only when
// complete.
func Snapshot(ctx context.Context, opts Options, out string) (*Result, error) {
	opts.defaults()
	tmp, err := os.MkdirTemp("", "factpress-snapshot-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	opts.Offline = true
	opts.Destination = filepath.Join(tmp, "site")
	res, err := Build(ctx, opts)
	if err != nil || res.Failed() {
		return res, err
	}
	files, err := snapshot.Dir(opts.Destination, "")
	if err != nil {
		return nil, err
	}
	// The build's manifest is for the next build into the folder, not
	// part of the site.
	files = slices.DeleteFunc(files, func(f snapshot.File) bool { return f.Name == output.MarkerName })
	for _, f := range files {
		if f.Name == snapshot.AboutPage || f.Name == snapshot.AboutData {
			return nil, fmt.Errorf("the site has a file %s, the name of the page a snapshot writes about itself", f.Name)
		}
	}
	sources := []string{config.FileName, "content", "layouts", "assets", "i18n"}
	for _, name := range sources {
		p := filepath.Join(opts.Source, name)
		st, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, snapshot.File{Name: "source/" + name, Path: p})
			continue
		}
		more, err := snapshot.Dir(p, "source/"+name+"/")
		if err != nil {
			return nil, err
		}
		files = append(files, more...)
	}
	folder := snapshot.Folder(res.Site.Config.Title, res.Site.Latest)
	about := snapshot.About{
		Title:     res.Site.Config.Title,
		Folder:    folder,
		Source:    gitSource(ctx, opts.Source, sources),
		Factpress: version.Read(),
	}
	mtime := res.Site.Latest
	if mtime.IsZero() {
		mtime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		about.LastUpdate = mtime.UTC().Format(time.DateOnly)
	}
	for _, a := range []struct {
		name   string
		render func() ([]byte, error)
	}{{snapshot.AboutPage, about.HTML}, {snapshot.AboutData, about.JSON}} {
		data, err := a.render()
		if err != nil {
			return nil, err
		}
		p := filepath.Join(tmp, a.name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		files = append(files, snapshot.File{Name: a.name, Path: p})
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(out), ".factpress-snapshot-*.zip")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if err := snapshot.Write(f, folder, files, mtime); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", out, err)
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return nil, err
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return nil, err
	}
	// The files the manifest lists, as verify counts them: the manifest
	// itself is not one of them.
	res.Stats.Files = len(files)
	return res, nil
}

// gitSource is the state of the site's source in git: the commit of HEAD,
// and whether any of paths, the parts of the site folder a snapshot packs,
// differ from it. Anything else in the folder, such as the snapshot itself
// or a build, does not count. A snapshot is made whatever git says, so an
// error is a state, not a failure.
func gitSource(ctx context.Context, dir string, paths []string) snapshot.Source {
	git := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
		// A status in the user's repository must not take its index.lock
		// from under a commit they are making; and "not a git repository"
		// must be in English to be recognised.
		cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return "", fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
		}
		return string(out), nil
	}
	inside, err := git("rev-parse", "--is-inside-work-tree")
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return snapshot.Source{State: snapshot.SourceUnknown}
	case err != nil && strings.Contains(err.Error(), "not a git repository"):
		return snapshot.Source{State: snapshot.SourceNoGit}
	case err != nil:
		return snapshot.Source{State: snapshot.SourceUnknown}
	case strings.TrimSpace(inside) != "true":
		// Inside a repository's .git folder, or a bare one: no work tree
		// holds the site.
		return snapshot.Source{State: snapshot.SourceNoGit}
	}
	// No HEAD in a repository with no commit yet: all of it is uncommitted.
	head, err := git("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
	if err != nil {
		return snapshot.Source{State: snapshot.SourceUncommitted}
	}
	src := snapshot.Source{State: snapshot.SourceCommitted, Commit: strings.TrimSpace(head)}
	// --ignored too: an ignored file in content/ is built and packed like
	// any other, so a source that has one is not the commit's.
	status, err := git(append([]string{"status", "--porcelain", "--ignored", "--untracked-files=all", "--"}, paths...)...)
	switch {
	case err != nil:
		src.State = snapshot.SourceUnknown
	case status != "":
		src.State = snapshot.SourceUncommitted
	}
	return src
}
