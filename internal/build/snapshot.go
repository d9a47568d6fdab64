package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/output"
	"github.com/factpress/factpress/internal/snapshot"
)

// Snapshot builds the site for offline reading and packs it, with its
// source under source/ and a SHA256SUMS manifest, into the zip at out. The
// zip is written beside out and renamed over it only when complete.
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
	sources := []string{config.FileName, "content", "layouts", "assets"}
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
	mtime := res.Site.Latest
	if mtime.IsZero() {
		mtime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(out), ".factpress-snapshot-*.zip")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if err := snapshot.Write(f, files, mtime); err != nil {
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
