// Package snapshot packs a built site into a reproducible, self-verifying zip archive and verifies one.
package snapshot

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/factpress/factpress/internal/slug"
)

// ManifestName is the checksum manifest in the folder of every snapshot.
const ManifestName = "SHA256SUMS"

// Folder is the name of the one folder a snapshot's files are in: the slug
// of the site's title and the date of the archive's last update, as in
// "factpress-demonstration-archive-2026-01-20". One folder, so that
// unpacking a snapshot never spills files among others; named so, so that
// two snapshots unpack side by side. With no last update there is no date.
func Folder(title string, updated time.Time) string {
	name := "factpress-archive"
	if slug.Normalize(title) != "" {
		// Page, for its cut: a long title must not make a folder name past
		// the 255 bytes most file systems allow.
		name = slug.Page(title)
	}
	if !updated.IsZero() {
		name += "-" + updated.UTC().Format(time.DateOnly)
	}
	return name
}

// File is one file to pack: its name in the archive and where to read it.
type File struct {
	Name string // '/'-separated
	Path string // on disk
}

// Dir lists every file under dir, named relative to it under prefix.
func Dir(dir, prefix string) ([]File, error) {
	var out []File
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return nil // symlinks and devices do not belong in an archive
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, File{Name: prefix + filepath.ToSlash(rel), Path: p})
		return nil
	})
	return out, err
}

// Write packs files with a SHA256SUMS manifest into w, every entry under
// folder: a file named "index.html" is the entry "folder/index.html", and
// the manifest, "folder/SHA256SUMS", lists it as "index.html", so that
// `sha256sum -c SHA256SUMS` checks the unpacked folder. Entries are sorted
// and every timestamp is mtime, so the same files give the same bytes.
func Write(w io.Writer, folder string, files []File, mtime time.Time) error {
	why := unsafeName(folder)
	if why == "" && strings.Contains(folder, "/") {
		why = "the name has a '/', so it is more than one folder"
	}
	if why != "" {
		return fmt.Errorf("snapshot folder %q: %s", folder, why)
	}
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(files); i++ {
		if files[i].Name == files[i-1].Name {
			return fmt.Errorf("%s is in the snapshot twice", files[i].Name)
		}
	}
	zw := zip.NewWriter(w)
	var manifest bytes.Buffer
	for _, f := range files {
		if f.Name == ManifestName {
			return fmt.Errorf("a site file may not be named %s", ManifestName)
		}
		// Verify refuses such a name, so packing it would make a snapshot
		// that can never verify.
		if why := unsafeName(f.Name); why != "" {
			return fmt.Errorf("%s (%s): %s", f.Name, f.Path, why)
		}
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&manifest, "%s  %s\n", hex.EncodeToString(sum[:]), f.Name)
		if err := add(zw, folder+"/"+f.Name, data, mtime); err != nil {
			return err
		}
	}
	if err := add(zw, folder+"/"+ManifestName, manifest.Bytes(), mtime); err != nil {
		return err
	}
	return zw.Close()
}

func add(zw *zip.Writer, name string, data []byte, mtime time.Time) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mtime.UTC()}
	h.SetMode(0o644)
	fw, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = fw.Write(data)
	return err
}
