// Package snapshot packs a built site into a reproducible, self-verifying zip archive and verifies one.
package snapshot

import (
	"archive/zip"
	"bufio"
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
		data, err := os.ReadFile(f.Path)
		if err != nil {
			return err
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

// Report is what Verify found.
type Report struct {
	Files   int
	Added   []string // in the archive, not in the manifest
	Missing []string // in the manifest, not in the archive
	Changed []string // checksum differs
}

// OK reports whether the archive matches its manifest exactly.
func (r *Report) OK() bool { return len(r.Added)+len(r.Missing)+len(r.Changed) == 0 }

// Verify checks every file of the zip at path against its SHA256SUMS.
func Verify(path string) (*Report, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	sums := map[string]string{}
	actual := map[string]string{}
	var names []string
	haveManifest := false
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, f.Name, err)
		}
		h := sha256.New()
		var manifest bytes.Buffer
		dst := io.Writer(h)
		if f.Name == ManifestName {
			dst = &manifest
		}
		_, err = io.Copy(dst, rc)
		rc.Close()
		if err != nil && f.Name != ManifestName {
			// A damaged entry (bad CRC, bad deflate data) is a changed file.
			actual[f.Name] = "unreadable: " + err.Error()
			names = append(names, f.Name)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, f.Name, err)
		}
		if f.Name == ManifestName {
			haveManifest = true
			if err := parseManifest(manifest.Bytes(), sums); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", path, ManifestName, err)
			}
			continue
		}
		actual[f.Name] = hex.EncodeToString(h.Sum(nil))
		names = append(names, f.Name)
	}
	if !haveManifest {
		return nil, fmt.Errorf("%s: no %s manifest in the archive", path, ManifestName)
	}
	r := &Report{Files: len(names)}
	for _, n := range names {
		want, ok := sums[n]
		switch {
		case !ok:
			r.Added = append(r.Added, n)
		case want != actual[n]:
			r.Changed = append(r.Changed, n)
		}
	}
	for n := range sums {
		if _, ok := actual[n]; !ok {
			r.Missing = append(r.Missing, n)
		}
	}
	slices.Sort(r.Added)
	slices.Sort(r.Missing)
	slices.Sort(r.Changed)
	return r, nil
}

func parseManifest(b []byte, into map[string]string) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" {
			continue
		}
		sum, name, ok := strings.Cut(text, "  ")
		if !ok || len(sum) != 64 {
			return fmt.Errorf("line %d is not \"<sha256>  <file>\"", line)
		}
		into[strings.TrimPrefix(name, "*")] = sum
	}
	return sc.Err()
}
