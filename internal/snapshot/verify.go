package snapshot

import (
	"archive/zip"
	"bufio"
	"cmp"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Limits bound what Verify inflates. A zip's sizes are the archive's own
// claims, and a small zip can claim, or inflate to, far more than a disk or
// memory holds, so an archive past any limit is refused, not read. A field
// left zero takes its value from DefaultLimits.
type Limits struct {
	Entry    int64 // uncompressed bytes of one file
	Total    int64 // uncompressed bytes of all the files together
	Manifest int64 // uncompressed bytes of SHA256SUMS
	// Ratio is the most uncompressed bytes per compressed byte of a file
	// larger than RatioFrom. Smaller files are exempt: they cannot do harm,
	// and a short run of spaces deflates far past any sensible ratio.
	Ratio     int64
	RatioFrom int64
}

// DefaultLimits suit a fact-check archive's snapshot: pages, feeds, a search
// index, images and the Markdown source. A 1 GiB file or 16 GiB in all is far
// beyond any such site; HTML and JSON deflate at 5 to 20:1, while deflate's
// best, a long run of one byte, is about 1030:1, so 1000:1 is left to bombs;
// 64 MiB of SHA256SUMS lists some 600,000 files.
func DefaultLimits() Limits {
	return Limits{
		Entry:     1 << 30,
		Total:     16 << 30,
		Manifest:  64 << 20,
		Ratio:     1000,
		RatioFrom: 8 << 10,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	for _, f := range []struct{ v, d *int64 }{
		{&l.Entry, &d.Entry}, {&l.Total, &d.Total}, {&l.Manifest, &d.Manifest},
		{&l.Ratio, &d.Ratio}, {&l.RatioFrom, &d.RatioFrom},
	} {
		if *f.v <= 0 {
			*f.v = *f.d
		}
	}
	return l
}

// over says which limit an entry of size bytes deflated to packed breaks,
// or "" if none; manifest says whether the entry is a SHA256SUMS. It is
// asked of the sizes an entry declares before anything is read, and again
// of the bytes counted while reading.
func (l Limits) over(manifest bool, size, packed uint64) string {
	most, what := l.Entry, "one file"
	if manifest {
		most, what = l.Manifest, ManifestName
	}
	if size > uint64(most) {
		return fmt.Sprintf("over the %s limit for %s", byteSize(uint64(most)), what)
	}
	if size > uint64(l.RatioFrom) && (packed == 0 || size/packed > uint64(l.Ratio)) {
		return fmt.Sprintf("from %s of compressed data, over the %d:1 limit on compression", byteSize(packed), l.Ratio)
	}
	return ""
}

// maxManifestLine is the longest SHA256SUMS line a snapshot can need: a
// checksum, two separators, the longest name a zip can hold, and CRLF.
const maxManifestLine = 64 + 2 + math.MaxUint16 + 2

// Report is what Verify found. Its names are as in the archive, Folder/ and
// all, as they are where the archive is unpacked; a name from the manifest,
// which lists files relative to Folder, has Folder/ put before it.
type Report struct {
	Folder  string    // the one folder every file is in, holding SHA256SUMS
	Files   int       // files checked against the manifest, the manifest aside
	Refused []Problem // names no snapshot may have; these files are not read
	Added   []string  // in the archive, not in the manifest
	Missing []string  // in the manifest, not in the archive
	Changed []string  // checksum differs, or the file's data is damaged
}

// Problem is a name Verify refuses, and why.
type Problem struct {
	Name   string
	Reason string
}

func (p Problem) String() string { return printable(p.Name) + ": " + p.Reason }

// printable is name as it may go to a terminal: quoted, with escapes, if it
// holds characters that are not printable. A refused name is the archive's
// to choose, and could hold escape sequences or reorder the line it is on.
func printable(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name {
		return q
	}
	return name
}

// OK reports whether the archive matches its manifest exactly.
func (r *Report) OK() bool {
	return len(r.Refused)+len(r.Added)+len(r.Missing)+len(r.Changed) == 0
}

// RefusedError is an archive Verify stopped reading because reading on
// would be unsafe: past a limit, or entries that share data. It is not a
// snapshot this package wrote.
type RefusedError struct {
	Archive string
	Entry   string // "" when no one entry is to blame
	Reason  string
}

func (e *RefusedError) Error() string {
	if e.Entry == "" {
		return fmt.Sprintf("%s: refused: %s", e.Archive, e.Reason)
	}
	return fmt.Sprintf("%s: %s: refused: %s", e.Archive, printable(e.Entry), e.Reason)
}

// damagedError is an entry whose data cannot be read back: bad deflate
// data, a bad CRC, fewer bytes than it declares. Such a file is changed.
type damagedError struct{ err error }

func (e *damagedError) Error() string { return e.err.Error() }
func (e *damagedError) Unwrap() error { return e.err }

// Verify checks every file of the zip at path against its SHA256SUMS, with
// the default limits and no way to stop it early.
func Verify(path string) (*Report, error) {
	return VerifyContext(context.Background(), path, DefaultLimits())
}

// VerifyContext checks every file of the zip at path against its SHA256SUMS.
// A snapshot is one folder, its SHA256SUMS at the folder's top listing the
// files relative to it. Names that are absolute, climb out with "..", hold a
// backslash, repeat or are outside that folder are refused in the report; an
// archive past lim, whose entries overlap, or with SHA256SUMS in more than
// one folder or at the top of the archive, is refused with a *RefusedError
// before its data is read. It stops, with ctx's error, within one read of
// ctx being done.
func VerifyContext(ctx context.Context, path string, lim Limits) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, st.Size())
	// With GODEBUG=zipinsecurepath=0 the reader flags the very names this
	// package refuses one by one; it is still whole.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	v := &verifier{
		ctx:     ctx,
		archive: path,
		lim:     lim.withDefaults(),
		buf:     make([]byte, 32<<10),
		sha:     sha256.New(),
		crc:     crc32.NewIEEE(),
		entries: map[string]*entry{},
		refused: map[string]string{},
	}
	return v.run(zr, st.Size())
}

type verifier struct {
	ctx     context.Context
	archive string
	lim     Limits
	total   uint64 // uncompressed bytes read so far, of every entry

	// Reused from entry to entry, so that an archive of many small files
	// costs no more memory than one of few.
	buf []byte
	br  *bufio.Reader
	fr  io.ReadCloser // a flate reader
	sha hash.Hash
	crc hash.Hash32

	folder   string            // the snapshot's folder, which survey finds
	manifest *zip.File         // folder/SHA256SUMS
	entries  map[string]*entry // the files read, by name
	refused  map[string]string // names refused, and why
}

// entry is what reading one file found.
type entry struct {
	sum     [sha256.Size]byte
	damaged bool // its data could not be read back, so it matches nothing
	listed  bool // SHA256SUMS has a line for it
}

func (v *verifier) run(zr *zip.Reader, size int64) (*Report, error) {
	if err := v.survey(zr, size); err != nil {
		return nil, err
	}
	r := &Report{Folder: v.folder}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") || f == v.manifest || v.refused[f.Name] != "" {
			continue
		}
		e := &entry{}
		v.sha.Reset()
		err := v.copy(v.sha, f)
		var damaged *damagedError
		switch {
		case errors.As(err, &damaged):
			e.damaged = true
		case err != nil:
			return nil, err
		default:
			v.sha.Sum(e.sum[:0])
		}
		v.entries[f.Name] = e
	}
	r.Files = len(v.entries)
	if err := v.compare(r); err != nil {
		return nil, err
	}
	for name, e := range v.entries {
		if !e.listed {
			r.Added = append(r.Added, name)
		}
	}
	for name, why := range v.refused {
		r.Refused = append(r.Refused, Problem{name, why})
	}
	slices.SortFunc(r.Refused, func(a, b Problem) int { return cmp.Compare(a.Name, b.Name) })
	slices.Sort(r.Added)
	slices.Sort(r.Changed)
	return r, nil
}

// survey looks at every entry before any is read: it finds the snapshot's
// folder and manifest, refuses the names no snapshot has, and the whole
// archive if the sizes its entries declare break a limit, two entries' data
// overlap, or which folder is the snapshot is unclear.
func (v *verifier) survey(zr *zip.Reader, size int64) error {
	type span struct {
		start, end uint64
		name       string
	}
	var (
		spans     []span
		manifests = map[string]*zip.File{} // by the folder each is in
		atTop     bool                     // a SHA256SUMS in no folder
		total     uint64
		seen      = make(map[string]int, len(zr.File))
	)
	for _, f := range zr.File {
		if err := v.ctx.Err(); err != nil {
			return fmt.Errorf("%s: %w", v.archive, err)
		}
		seen[f.Name]++
		why := unsafeName(f.Name)
		if why != "" {
			v.refused[f.Name] = why
		}
		folder, rest, inFolder := strings.Cut(f.Name, "/")
		isManifest := f.Name == ManifestName || inFolder && rest == ManifestName
		switch {
		case f.Name == ManifestName:
			atTop = true
		case isManifest && why == "":
			manifests[folder] = f
		}
		if why := v.lim.over(isManifest, f.UncompressedSize64, f.CompressedSize64); why != "" {
			return v.refuse(f.Name, "declares %s %s", byteSize(f.UncompressedSize64), why)
		}
		// Each entry is at most the entry limit, so the sum cannot wrap.
		total += f.UncompressedSize64
		if total > uint64(v.lim.Total) {
			return v.refuse("", "its files declare more than the %s limit for a whole archive", byteSize(uint64(v.lim.Total)))
		}
		if f.CompressedSize64 == 0 {
			continue // no data to share
		}
		off, err := f.DataOffset()
		if err != nil {
			return fmt.Errorf("%s: %s: %w", v.archive, printable(f.Name), err)
		}
		if off < 0 || off > size || f.CompressedSize64 > uint64(size-off) {
			return v.refuse(f.Name, "its compressed data runs past the end of the archive")
		}
		spans = append(spans, span{uint64(off), uint64(off) + f.CompressedSize64, f.Name})
	}
	// Entries that point into the same bytes are how a zip of a megabyte
	// inflates to hundreds of gigabytes, each entry within every limit. No
	// writer makes them, so they are refused before any is inflated; with
	// them gone, the compressed data is at most the archive's own size.
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return v.refuse(spans[i].name, "its data overlaps that of %s: entries that share data are a zip bomb", printable(spans[i-1].name))
		}
	}
	// The snapshot is the folder its manifest is in. A second folder with
	// a manifest could be a second snapshot, or a decoy that a reader takes
	// for the first, so neither is checked.
	folders := slices.Sorted(maps.Keys(manifests))
	switch {
	case len(folders) > 1:
		for i, f := range folders {
			folders[i] = printable(f) + "/"
		}
		return v.refuse("", "%s is in %d folders, %s: a snapshot is one folder", ManifestName, len(folders), strings.Join(folders, ", "))
	case len(folders) == 0 && atTop:
		return v.refuse(ManifestName, "it is at the top of the archive, in no folder: a snapshot's files are all in one folder")
	case len(folders) == 0:
		return fmt.Errorf("%s: no %s manifest in the archive", v.archive, ManifestName)
	}
	v.folder = folders[0]
	v.manifest = manifests[v.folder]
	for name, n := range seen {
		if n < 2 {
			continue
		}
		// Unzip tools differ on which copy they keep, so neither is
		// trusted, whichever one the manifest matches.
		if name == v.manifest.Name {
			return v.refuse(name, "the archive has %d of them, so which is the manifest is unclear", n)
		}
		if v.refused[name] == "" {
			v.refused[name] = fmt.Sprintf("the archive has %d entries of this name", n)
		}
	}
	// Unpacked, an entry outside the folder lands beside it, among the
	// files of whoever unpacks it, where no manifest vouches for it.
	prefix := v.folder + "/"
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, prefix) && v.refused[f.Name] == "" {
			v.refused[f.Name] = fmt.Sprintf("it is outside %s, the folder the snapshot's files are in", printable(prefix))
		}
	}
	return nil
}

func (v *verifier) refuse(entry, format string, args ...any) error {
	return &RefusedError{Archive: v.archive, Entry: entry, Reason: fmt.Sprintf(format, args...)}
}

// copy writes the uncompressed data of f to dst.
func (v *verifier) copy(dst io.Writer, f *zip.File) error {
	src, err := v.open(f)
	if err != nil {
		return err
	}
	_, err = io.CopyBuffer(dst, src, v.buf)
	return err
}

// open returns a reader of f's uncompressed data that checks, on every
// read, ctx and the limits, and at the end the size f declares and its CRC.
// It inflates itself rather than through f.Open, so that it alone decides
// what happens to a file that inflates past what it declares.
func (v *verifier) open(f *zip.File) (io.Reader, error) {
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", v.archive, printable(f.Name), err)
	}
	r := &entryReader{v: v, f: f, src: raw}
	switch f.Method {
	case zip.Store:
	case zip.Deflate:
		if v.br == nil {
			v.br = bufio.NewReaderSize(raw, len(v.buf))
			v.fr = flate.NewReader(v.br)
		} else {
			v.br.Reset(raw)
			if err := v.fr.(flate.Resetter).Reset(v.br, nil); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", v.archive, printable(f.Name), err)
			}
		}
		r.src = v.fr
	default:
		return nil, &damagedError{fmt.Errorf("%s: %s: compression method %d: %w", v.archive, printable(f.Name), f.Method, zip.ErrAlgorithm)}
	}
	v.crc.Reset()
	return r, nil
}

type entryReader struct {
	v   *verifier
	f   *zip.File
	src io.Reader
	n   uint64 // bytes given so far
}

func (r *entryReader) Read(p []byte) (int, error) {
	v, f := r.v, r.f
	if err := v.ctx.Err(); err != nil {
		return 0, fmt.Errorf("%s: %s: %w", v.archive, printable(f.Name), err)
	}
	n, err := r.src.Read(p)
	r.n += uint64(n)
	v.total += uint64(n)
	// Counted, not taken on trust: the sizes the survey checked are the
	// archive's claims.
	if r.n > f.UncompressedSize64 {
		return 0, v.refuse(f.Name, "inflates to more than the %s it declares", byteSize(f.UncompressedSize64))
	}
	if why := v.lim.over(f == v.manifest, r.n, f.CompressedSize64); why != "" {
		return 0, v.refuse(f.Name, "inflates to %s %s", byteSize(r.n), why)
	}
	if v.total > uint64(v.lim.Total) {
		return 0, v.refuse(f.Name, "the files inflate to more than the %s limit for a whole archive", byteSize(uint64(v.lim.Total)))
	}
	v.crc.Write(p[:n])
	switch {
	case err == io.EOF && r.n < f.UncompressedSize64:
		err = io.ErrUnexpectedEOF
	case err == io.EOF && f.CRC32 != 0 && v.crc.Sum32() != f.CRC32:
		// Like archive/zip, a CRC of 0 is taken as unset.
		err = zip.ErrChecksum
	case err == io.EOF || err == nil:
		return n, err
	}
	return n, &damagedError{fmt.Errorf("%s: %s: %w", v.archive, printable(f.Name), err)}
}

// compare streams the manifest, a line at a time, against the files read.
// The manifest names files relative to the folder it is in.
func (v *verifier) compare(r *Report) error {
	src, err := v.open(v.manifest)
	if err != nil {
		return err
	}
	where := printable(v.manifest.Name)
	sc := bufio.NewScanner(src)
	sc.Buffer(make([]byte, 4<<10), maxManifestLine)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Bytes()
		if len(text) == 0 {
			continue
		}
		// "<sha256>  <file>", or "<sha256> *<file>" as sha256sum -b writes.
		var sum [sha256.Size]byte
		if len(text) < 67 || text[64] != ' ' || (text[65] != ' ' && text[65] != '*') {
			return fmt.Errorf("%s: %s: line %d is not \"<sha256>  <file>\"", v.archive, where, line)
		}
		if _, err := hex.Decode(sum[:], text[:64]); err != nil {
			return fmt.Errorf("%s: %s: line %d: %w", v.archive, where, line, err)
		}
		rel := text[66:]
		name := v.folder + "/" + string(rel)
		if v.refused[name] != "" {
			continue // reported as refused already
		}
		e := v.entries[name]
		switch {
		case e == nil:
			if why := unsafeName(string(rel)); why != "" {
				v.refused[name] = fmt.Sprintf("%s line %d: %s", ManifestName, line, why)
				continue
			}
			r.Missing = append(r.Missing, name)
		case e.listed:
			v.refused[name] = fmt.Sprintf("%s lists it twice, the second time on line %d", ManifestName, line)
		default:
			e.listed = true
			if e.damaged || e.sum != sum {
				r.Changed = append(r.Changed, name)
			}
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("%s: %s: line %d is longer than any snapshot needs, %d bytes", v.archive, where, line+1, maxManifestLine)
		}
		return err // the entry reader's errors name the archive and the manifest
	}
	// A name listed twice but in no entry is still listed twice. Sorting
	// finds it without a set of every name the manifest holds.
	slices.Sort(r.Missing)
	out := r.Missing[:0]
	for i, name := range r.Missing {
		switch {
		case i > 0 && name == r.Missing[i-1]:
			v.refused[name] = fmt.Sprintf("%s lists it twice", ManifestName)
		case i+1 < len(r.Missing) && name == r.Missing[i+1]:
		default:
			out = append(out, name)
		}
	}
	r.Missing = out
	return nil
}

// unsafeName says why name may not be in a snapshot, or "" if it may. The
// rules are the same on every system, since an archive made on one is
// unpacked on another; and they admit one spelling of each path, so that two
// names cannot be one file when unpacked.
func unsafeName(name string) string {
	switch {
	case name == "":
		return "the name is empty"
	case strings.HasPrefix(name, "/"):
		return "the name is absolute"
	case strings.Contains(name, `\`):
		return `the name has a backslash, a folder separator on Windows`
	case len(name) >= 2 && name[1] == ':' && ('a' <= name[0]|0x20 && name[0]|0x20 <= 'z'):
		return "the name starts with a drive letter"
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return "the name has a control character"
	}
	for seg := range strings.SplitSeq(strings.TrimSuffix(name, "/"), "/") {
		switch seg {
		case "..":
			return `the name has a ".." segment, which climbs out of the folder it is unpacked into`
		case ".", "":
			return `the name has an empty or "." segment, so it is a second spelling of another`
		}
	}
	return ""
}

// byteSize writes n in the largest binary unit it fills.
func byteSize(n uint64) string {
	if n < 1<<10 {
		if n == 1 {
			return "1 byte"
		}
		return fmt.Sprintf("%d bytes", n)
	}
	v, unit := float64(n), 0
	for v >= 1<<10 && unit < 6 {
		v /= 1 << 10
		unit++
	}
	s := fmt.Sprintf("%.1f", v)
	s = strings.TrimSuffix(s, ".0")
	return s + " " + string("KMGTPE"[unit-1]) + "iB"
}
