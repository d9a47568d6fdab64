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
)

// ManifestName is the checksum manifest at the root of every snapshot.
const ManifestName = "SHA256SUMS"

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

// Write packs files with a SHA256SUMS manifest into w. Entries are sorted
// and every timestamp is mtime, so the same files give the same bytes.
func Write(w io.Writer, files []File, mtime time.Time) error {
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
		if err := add(zw, f.Name, data, mtime); err != nil {
			return err
		}
	}
	if err := add(zw, ManifestName, manifest.Bytes(), mtime); err != nil {
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
