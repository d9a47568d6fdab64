package card

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
)

// A claim card is its verdict's picture with a few rows of text drawn in,
// and compressing is most of what drawing it costs. So the picture's rows
// are compressed once, in bands of bandRows, each a deflate stream of its
// own ending on a byte (a sync flush), and a card's PNG is those bands
// where the claim left them as they were and the claim's rows compressed
// anew between them: deflate streams so cut can be put end to end.
const bandRows = 8

// band is bandRows rows of a picture as PNG holds them (each a filter
// byte of 0, then its pixels), compressed alone.
type band struct {
	data []byte // deflate blocks, the last a sync flush
	sum  uint32 // adler-32 of the rows' bytes
	n    int    // how many bytes they are
}

// bands compresses img's rows in bands, as well as deflate can.
func bands(img *image.Paletted) []band {
	var out []band
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	for y0 := 0; y0 < img.Rect.Dy(); y0 += bandRows {
		buf.Reset()
		fw.Reset(&buf)
		h := adler32.New()
		y1 := min(y0+bandRows, img.Rect.Dy())
		writeRows(img, y0, y1, fw, h)
		fw.Flush()
		out = append(out, band{data: bytes.Clone(buf.Bytes()), sum: h.Sum32(), n: (y1 - y0) * (img.Rect.Dx() + 1)})
	}
	return out
}

// writeRows writes rows y0 to y1 of img, each after its filter byte, to
// every writer.
func writeRows(img *image.Paletted, y0, y1 int, ws ...interface{ Write([]byte) (int, error) }) {
	zero := []byte{0}
	for y := y0; y < y1; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+img.Rect.Dx()]
		for _, w := range ws {
			w.Write(zero)
			w.Write(row)
		}
	}
}

// encoder is what a goroutine compresses claim cards with.
type encoder struct {
	z    runDeflater  // the changed rows compressed
	data []byte       // the zlib stream
	out  bytes.Buffer // the PNG
}

// encodeOn writes img as PNG, its rows from y0 to y1 changed from base's
// and the others as base has them compressed.
func (e *encoder) encodeOn(img *image.Paletted, base []band, y0, y1 int) []byte {
	e.out.Reset()
	e.out.WriteString("\x89PNG\r\n\x1a\n")
	var hdr [13]byte
	binary.BigEndian.PutUint32(hdr[0:], uint32(img.Rect.Dx()))
	binary.BigEndian.PutUint32(hdr[4:], uint32(img.Rect.Dy()))
	hdr[8], hdr[9] = 8, 3 // eight bits a pixel, paletted
	chunk(&e.out, "IHDR", hdr[:])
	e.data = e.data[:0]
	for _, c := range img.Palette {
		r, g, b, _ := c.RGBA()
		e.data = append(e.data, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	chunk(&e.out, "PLTE", e.data)

	b0, b1 := 0, 0 // the bands compressed anew
	if y0 < y1 {
		b0, b1 = y0/bandRows, (y1+bandRows-1)/bandRows
	}
	data := append(e.data[:0], 0x78, 0x01) // zlib: deflate, a 32 KB window, compressed fast
	sum := uint32(1)
	for _, b := range base[:b0] {
		data = append(data, b.data...)
		sum = adlerCombine(sum, b.sum, b.n)
	}
	if b0 < b1 {
		y0, y1 := b0*bandRows, min(b1*bandRows, img.Rect.Dy())
		var above []byte
		if y0 > 0 {
			above = img.Pix[(y0-1)*img.Stride : (y0-1)*img.Stride+img.Rect.Dx()]
		}
		e.z.width = img.Rect.Dx()
		e.z.rows(img.Pix, img.Stride, y0, y1, above)
		data = append(data, e.z.block()...)
		sum = adlerCombine(sum, adlerRows(img, y0, y1), (y1-y0)*(img.Rect.Dx()+1))
	}
	for _, b := range base[b1:] {
		data = append(data, b.data...)
		sum = adlerCombine(sum, b.sum, b.n)
	}
	// The last block: empty, of fixed codes (1, 01, then code 256).
	data = append(data, 0x03, 0x00)
	data = binary.BigEndian.AppendUint32(data, sum)
	chunk(&e.out, "IDAT", data)
	chunk(&e.out, "IEND", nil)
	e.data = data
	return bytes.Clone(e.out.Bytes())
}

func chunk(buf *bytes.Buffer, name string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	buf.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(name))
	crc.Write(data)
	buf.WriteString(name)
	buf.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	buf.Write(n[:])
}

// adlerCombine is the adler-32 of two strings from theirs and the second's
// length, as zlib's adler32_combine.
func adlerCombine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := (rem * sum1) % base
	sum1 += (a2 & 0xffff) + base - 1
	sum2 += (a1 >> 16) + (a2 >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= base<<1 {
		sum2 -= base << 1
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}

// adlerRows is the adler-32 of rows y0 to y1 of img as PNG holds them,
// each after its filter byte, 0: a run of zeros (paper, the palette's
// first colour) is added at once.
func adlerRows(img *image.Paletted, y0, y1 int) uint32 {
	const base = 65521
	s1, s2 := uint64(1), uint64(0)
	for y := y0; y < y1; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+img.Rect.Dx()]
		s2 += s1 // the filter byte
		for i := 0; i < len(row); {
			if n := runOf(row[i:], 0); n > 0 {
				s2 += uint64(n) * s1
				i += n
				continue
			}
			s1 += uint64(row[i])
			s2 += s1
			i++
		}
		s1, s2 = s1%base, s2%base
	}
	return uint32(s2<<16 | s1)
}
