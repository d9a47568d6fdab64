package snapshot

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// ent is one entry of a test archive. With hdr set, body is written raw
// under it: the test declares the sizes and CRC, as a hostile archive does.
type ent struct {
	name string
	body []byte
	hdr  *zip.FileHeader
}

func file(name, body string) ent { return ent{name: name, body: []byte(body)} }

// top is the folder of the test archives' files.
const top = "site-2026-01-20"

// in is the entry of name in the folder.
func in(name string) string { return top + "/" + name }

// sums is top's SHA256SUMS entry listing each file with the checksum of
// its body, named as in top.
func sums(files ...ent) ent {
	var b strings.Builder
	for _, f := range files {
		sum := sha256.Sum256(f.body)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), strings.TrimPrefix(f.name, top+"/"))
	}
	return file(in(ManifestName), b.String())
}

func deflate(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(b)
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lying is an entry whose header declares size bytes uncompressed, whatever
// body inflates to.
func lying(t *testing.T, name string, body []byte, size uint64) ent {
	comp := deflate(t, body)
	return ent{name: name, body: comp, hdr: &zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(body),
		CompressedSize64:   uint64(len(comp)),
		UncompressedSize64: size,
	}}
}

func archive(t *testing.T, ents ...ent) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range ents {
		var err error
		if e.hdr != nil {
			w, err2 := zw.CreateRaw(e.hdr)
			if err = err2; err == nil {
				_, err = w.Write(e.body)
			}
		} else {
			w, err2 := zw.Create(e.name)
			if err = err2; err == nil {
				_, err = w.Write(e.body)
			}
		}
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return write(t, buf.Bytes())
}

func write(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "archive.zip")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// text is n bytes that deflate about as well as a site's pages do.
func text(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "<p>Claim %d was rated %x by %d sources.</p>\n", i, i*2654435761, i%97)
	}
	return b.Bytes()[:n]
}

// bomb is a zip whose n entries all point at one deflate stream of data:
// the overlapping-entries zip bomb. No zip writer makes one, so its bytes
// are laid down here: one local header and its data, then a central
// directory of n entries with the offset of that one header.
func bomb(t *testing.T, n int, data []byte) []byte {
	comp := deflate(t, data)
	crc := crc32.ChecksumIEEE(data)
	le := binary.LittleEndian
	var b []byte
	header := func(sig uint32) {
		b = le.AppendUint32(b, sig)
		if sig == 0x02014b50 {
			b = le.AppendUint16(b, 20) // version made by
		}
		b = le.AppendUint16(b, 20)   // version needed
		b = le.AppendUint16(b, 0)    // flags
		b = le.AppendUint16(b, 8)    // deflate
		b = le.AppendUint16(b, 0)    // time
		b = le.AppendUint16(b, 0x21) // 1980-01-01
		b = le.AppendUint32(b, crc)
		b = le.AppendUint32(b, uint32(len(comp)))
		b = le.AppendUint32(b, uint32(len(data)))
	}
	header(0x04034b50)
	b = le.AppendUint16(b, 1) // name length
	b = le.AppendUint16(b, 0) // extra length
	b = append(b, 'a')
	b = append(b, comp...)
	dir := len(b)
	for i := range n {
		name := fmt.Sprintf("f%05d", i)
		header(0x02014b50)
		b = le.AppendUint16(b, uint16(len(name)))
		b = le.AppendUint16(b, 0) // extra length
		b = le.AppendUint16(b, 0) // comment length
		b = le.AppendUint16(b, 0) // disk
		b = le.AppendUint16(b, 0) // internal attributes
		b = le.AppendUint32(b, 0) // external attributes
		b = le.AppendUint32(b, 0) // the one local header
		b = append(b, name...)
	}
	end := len(b)
	b = le.AppendUint32(b, 0x06054b50)
	b = le.AppendUint16(b, 0)
	b = le.AppendUint16(b, 0)
	b = le.AppendUint16(b, uint16(n))
	b = le.AppendUint16(b, uint16(n))
	b = le.AppendUint32(b, uint32(end-dir))
	b = le.AppendUint32(b, uint32(dir))
	b = le.AppendUint16(b, 0)
	return b
}

// cancelAfter is a context that is cancelled after n questions, so a test
// can cancel in the middle of reading an entry without racing a timer.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

func TestVerifyHostileArchives(t *testing.T) {
	home := file(in("index.html"), "<p>home</p>")
	evil := func(name string) func(t *testing.T) string {
		return func(t *testing.T) string {
			e := file(name, "pwned")
			if !strings.HasPrefix(name, top+"/") {
				return archive(t, home, e, sums(home)) // no manifest can list it
			}
			return archive(t, home, e, sums(home, e))
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		zip  func(t *testing.T) string
		lim  Limits
		ctx  context.Context
		// What Verify must do, one of: report these names refused and
		// nothing else wrong; refuse the archive with a *RefusedError
		// naming entry, with refuse in its message; fail with err in its
		// message; or stop because the context was cancelled.
		refused  []string
		refuse   string
		entry    string
		err      string
		canceled bool
	}{
		{name: "dot-dot", zip: evil("../evil.txt"), refused: []string{"../evil.txt"}},
		{name: "dot-dot in the folder", zip: evil(in("../evil.txt")), refused: []string{in("../evil.txt")}},
		{name: "dot-dot inside", zip: evil(in("checks/../../evil.txt")), refused: []string{in("checks/../../evil.txt")}},
		{name: "absolute", zip: evil("/abs.txt"), refused: []string{"/abs.txt"}},
		{name: "absolute in the folder", zip: evil("/" + in("abs.txt")), refused: []string{"/" + in("abs.txt")}},
		{name: "backslash", zip: evil(in(`..\evil.txt`)), refused: []string{in(`..\evil.txt`)}},
		{name: "drive letter", zip: evil("C:/evil.txt"), refused: []string{"C:/evil.txt"}},
		{name: "second spelling", zip: evil(in("./index.html")), refused: []string{in("./index.html")}},
		{name: "second spelling of the folder", zip: evil("./" + in("index.html")), refused: []string{"./" + in("index.html")}},
		{name: "control character", zip: evil(in("a\x1b[2Jb.html")), refused: []string{in("a\x1b[2Jb.html")}},
		{
			name: "duplicate entry, tampered first",
			zip: func(t *testing.T) string {
				return archive(t, file(in("index.html"), "<p>tampered</p>"), home, sums(home))
			},
			refused: []string{in("index.html")},
		},
		{
			name: "name listed twice in the manifest",
			zip: func(t *testing.T) string {
				return archive(t, home, sums(home, home))
			},
			refused: []string{in("index.html")},
		},
		{
			name: "missing name listed twice in the manifest",
			zip: func(t *testing.T) string {
				gone := file(in("gone.html"), "x")
				return archive(t, home, sums(home, gone, gone))
			},
			refused: []string{in("gone.html")},
		},
		{
			name: "unsafe name in the manifest only",
			zip: func(t *testing.T) string {
				return archive(t, home, sums(home, file("../evil.txt", "x")))
			},
			refused: []string{in("../evil.txt")},
		},
		{
			name: "duplicate manifest",
			zip: func(t *testing.T) string {
				return archive(t, home, file(in(ManifestName), ""), sums(home))
			},
			refuse: "which is the manifest", entry: in(ManifestName),
		},
		{
			name: "entry declares 1 TiB",
			zip: func(t *testing.T) string {
				big := lying(t, in("big.bin"), []byte("small"), 1<<40)
				return archive(t, home, big, sums(home))
			},
			refuse: "declares 1 TiB over the 1 GiB limit", entry: in("big.bin"),
		},
		{
			name: "entries declare more than the total",
			zip: func(t *testing.T) string {
				a, b, c := ent{name: in("a"), body: text(50 << 10)}, ent{name: in("b"), body: text(50 << 10)}, ent{name: in("c"), body: text(50 << 10)}
				return archive(t, a, b, c, sums(a, b, c))
			},
			lim:    Limits{Total: 100 << 10},
			refuse: "more than the 100 KiB limit for a whole archive",
		},
		{
			name: "entry inflates past its declared size",
			zip: func(t *testing.T) string {
				real := text(256 << 10)
				liar := lying(t, in("checks/index.html"), real, 100)
				return archive(t, home, liar, sums(home, ent{name: in("checks/index.html"), body: real}))
			},
			refuse: "inflates to more than the 100 bytes it declares", entry: in("checks/index.html"),
		},
		{
			name: "high compression ratio",
			zip: func(t *testing.T) string {
				zeros := ent{name: in("zeros.bin"), body: make([]byte, 1<<20)}
				return archive(t, home, zeros, sums(home, zeros))
			},
			lim:    Limits{Ratio: 100, RatioFrom: 4 << 10},
			refuse: "over the 100:1 limit on compression", entry: in("zeros.bin"),
		},
		{
			name: "overlapping entries",
			zip: func(t *testing.T) string {
				// 1000 entries of 4 MiB, each within every default limit,
				// 4 GiB in all from one stream of about 200 KiB.
				return write(t, bomb(t, 1000, text(4<<20)))
			},
			refuse: "overlaps that of", entry: "f00001",
		},
		{
			name: "manifest over its limit",
			zip: func(t *testing.T) string {
				var listed []ent
				for i := range 40 {
					listed = append(listed, file(in(fmt.Sprintf("checks/%d/index.html", i)), "x"))
				}
				return archive(t, home, sums(listed...))
			},
			lim:    Limits{Manifest: 1 << 10},
			refuse: "over the 1 KiB limit for SHA256SUMS", entry: in(ManifestName),
		},
		{
			name: "manifest inflates past its declared size",
			zip: func(t *testing.T) string {
				m := sums(home)
				return archive(t, home, lying(t, in(ManifestName), m.body, 10))
			},
			refuse: "more than the 10 bytes it declares", entry: in(ManifestName),
		},
		{
			name: "manifest line too long",
			zip: func(t *testing.T) string {
				return archive(t, home, sums(home, file(strings.Repeat("a", 100<<10), "")))
			},
			err: in("SHA256SUMS: line 2 is longer than"),
		},
		{
			name:     "context cancelled before",
			zip:      evil("a.html"),
			ctx:      cancelled,
			canceled: true,
		},
		{
			name: "context cancelled while reading",
			zip: func(t *testing.T) string {
				long := ent{name: in("long.html"), body: text(4 << 20)}
				return archive(t, long, home, sums(home, long))
			},
			// Three entries surveyed, then a few of long.html's 128 reads.
			ctx:      &cancelAfter{Context: context.Background(), n: 10},
			canceled: true, entry: in("long.html"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.zip(t)
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			lim := tt.lim
			if lim == (Limits{}) {
				lim = DefaultLimits()
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			r, err := VerifyContext(ctx, path, lim)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}

			t.Logf("report %+v, error %v", r, err)
			var refused *RefusedError
			switch {
			case tt.refused != nil:
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, p := range r.Refused {
					names = append(names, p.Name)
				}
				if r.OK() || !slices.Equal(names, tt.refused) || len(r.Added)+len(r.Missing)+len(r.Changed) != 0 {
					t.Errorf("report %+v, want %q refused and nothing else", r, tt.refused)
				}
			case tt.refuse != "":
				if !errors.As(err, &refused) {
					t.Fatalf("got %+v, %v; want it refused: %s", r, err, tt.refuse)
				}
				if refused.Entry != tt.entry || !strings.Contains(err.Error(), tt.refuse) || !strings.Contains(err.Error(), path) {
					t.Errorf("error %q, want it to name %s and %q and say %q", err, path, tt.entry, tt.refuse)
				}
			case tt.err != "":
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), path) {
					t.Errorf("got %+v, %v; want an error naming %s: %s", r, err, path, tt.err)
				}
			case tt.canceled:
				if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.entry) {
					t.Errorf("got %+v, %v; want it cancelled, naming %s and %q", r, err, path, tt.entry)
				}
			}
		})
	}
}

func TestWriteRefusesNamesVerifyRefuses(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.html")
	os.WriteFile(p, []byte("a"), 0o644)
	for _, name := range []string{"../a.html", "/a.html", `checks\a.html`, "checks//a.html", ManifestName} {
		if err := Write(&bytes.Buffer{}, top, []File{{Name: name, Path: p}}, time.Time{}); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%q: %v", name, err)
		}
	}
	// Nor a folder a snapshot could not be unpacked into as one.
	for _, folder := range []string{"", ".", "..", "a/b", "/a", `a\b`, "C:"} {
		if err := Write(&bytes.Buffer{}, folder, []File{{Name: "a.html", Path: p}}, time.Time{}); err == nil || !strings.Contains(err.Error(), "folder") {
			t.Errorf("folder %q: %v", folder, err)
		}
	}
}

func TestVerifyCountsWhatWriteWrote(t *testing.T) {
	dir := t.TempDir()
	var files []File
	for i := range 5 {
		p := filepath.Join(dir, fmt.Sprintf("%d.html", i))
		os.WriteFile(p, text(10<<10*i), 0o644)
		files = append(files, File{Name: fmt.Sprintf("checks/%d/index.html", i), Path: p})
	}
	var buf bytes.Buffer
	if err := Write(&buf, top, files, time.Date(2026, 1, 17, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	r, err := VerifyContext(context.Background(), write(t, buf.Bytes()), Limits{Ratio: 50, RatioFrom: 1 << 10})
	if err != nil || !r.OK() || r.Files != len(files) {
		t.Fatalf("got %+v, %v; want all %d files to match", r, err, len(files))
	}
}
