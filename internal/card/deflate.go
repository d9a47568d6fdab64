package card

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// runDeflater compresses a claim's rows, a little less well than
// compress/flate at its fastest and in half the time: the only repeats it
// looks for are those a picture of text on paper is made of, a run of one
// colour (the byte before, again) and a run the same as the row above
// (the bytes one row back), each tried at every byte; the tokens are then
// written in one block with Huffman codes made for them.
type runDeflater struct {
	width  int        // pixels a row
	codeOf [259]uint8 // a length's code, less 257
	tokens []uint32   // a literal (< 256) or a copy: the length | flagUp
	lit    [286]int32
	dist   [30]int32
	out    bitWriter
	huff   huffScratch
}

// flagUp marks a token's copy as one from the row above.
const flagUp = 1 << 24

// Deflate's lengths 3 to 258: the code of each, its extra bits' value and
// count, by table.
var (
	lengthBase  = [...]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [...]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [...]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [...]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	// codeOrder is the order code lengths' code lengths are written in.
	codeOrder = [...]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
)

func lengthCode(n int) int {
	i := len(lengthBase) - 1
	for int(lengthBase[i]) > n {
		i--
	}
	return i
}

func distCode(d int) int {
	i := len(distBase) - 1
	for distBase[i] > d {
		i--
	}
	return i
}

// rows adds rows to the block: each its filter byte (0) and pixels; above
// is the row before the first, nil when there is none.
func (z *runDeflater) rows(pix []byte, stride, y0, y1 int, above []byte) {
	for y := y0; y < y1; y++ {
		row := pix[y*stride : y*stride+z.width]
		z.row(row, above)
		above = row
	}
}

func (z *runDeflater) literal(v byte) {
	z.tokens = append(z.tokens, uint32(v))
	z.lit[v]++
}

func (z *runDeflater) copyOf(n int, up bool) {
	if z.codeOf[258] == 0 {
		for m := 3; m <= 258; m++ {
			z.codeOf[m] = uint8(lengthCode(m))
		}
	}
	t := uint32(n) << 8
	d := 0
	if up {
		t |= flagUp
		d = distCode(z.width + 1)
	}
	z.tokens = append(z.tokens, t)
	z.lit[257+int(z.codeOf[n])]++
	z.dist[d]++
}

func (z *runDeflater) row(row, above []byte) {
	z.literal(0) // no filter
	prev := byte(0)
	for i := 0; i < len(row); {
		end := min(len(row), i+258)
		r := runOf(row[i:end], prev)
		u := 0
		if above != nil && r < end-i {
			u = same(row[i:end], above[i:end])
		}
		switch {
		case r >= 3 && r >= u:
			z.copyOf(r, false)
			i += r
		case u >= 3:
			z.copyOf(u, true)
			i += u
		default:
			z.literal(row[i])
			i++
		}
		prev = row[i-1]
	}
}

// runOf is how many of b's first bytes are v, eight at a time.
func runOf(b []byte, v byte) int {
	word := uint64(v) * 0x0101010101010101
	n := 0
	for n+8 <= len(b) {
		if x := binary.LittleEndian.Uint64(b[n:]) ^ word; x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
		n += 8
	}
	for n < len(b) && b[n] == v {
		n++
	}
	return n
}

// same is how many of a's first bytes are b's, eight at a time.
func same(a, b []byte) int {
	n := 0
	for n+8 <= len(a) {
		if x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
		n += 8
	}
	for n < len(a) && a[n] == b[n] {
		n++
	}
	return n
}

// block writes the tokens as one deflate block, not the last, and a sync
// flush after it, so that it ends on a byte; it gives the bytes and
// starts afresh.
func (z *runDeflater) block() []byte {
	z.lit[256]++ // the block's end
	if z.dist[0] == 0 && z.dist[distCode(z.width+1)] == 0 {
		z.dist[0] = 1 // a block has a distance code, used or not
	}
	litLen := huffmanLengths(z.lit[:], 15, &z.huff)
	distLen := huffmanLengths(z.dist[:], 15, &z.huff)
	litCode, distCodes := canonical(litLen), canonical(distLen)
	nlit, ndist := 286, 30
	for nlit > 257 && litLen[nlit-1] == 0 {
		nlit--
	}
	for ndist > 1 && distLen[ndist-1] == 0 {
		ndist--
	}
	// The code lengths, run-length coded with codes 16, 17 and 18.
	lengths := append(slices.Clone(litLen[:nlit]), distLen[:ndist]...)
	type clToken struct{ code, extra, nextra uint8 }
	var cl []clToken
	var clFreq [19]int32
	for i := 0; i < len(lengths); {
		v := lengths[i]
		n := 1
		for i+n < len(lengths) && lengths[i+n] == v {
			n++
		}
		i += n
		for n > 0 {
			switch {
			case v == 0 && n >= 11:
				m := min(n, 138)
				cl = append(cl, clToken{18, uint8(m - 11), 7})
				n -= m
			case v == 0 && n >= 3:
				m := min(n, 10)
				cl = append(cl, clToken{17, uint8(m - 3), 3})
				n -= m
			case v != 0 && n >= 4:
				cl = append(cl, clToken{v, 0, 0})
				n--
				for n >= 3 {
					m := min(n, 6)
					cl = append(cl, clToken{16, uint8(m - 3), 2})
					n -= m
				}
			default:
				cl = append(cl, clToken{v, 0, 0})
				n--
			}
		}
	}
	for _, t := range cl {
		clFreq[t.code]++
	}
	clLen := huffmanLengths(clFreq[:], 7, &z.huff)
	clCode := canonical(clLen)
	nclen := 19
	for nclen > 4 && clLen[codeOrder[nclen-1]] == 0 {
		nclen--
	}

	w := &z.out
	w.out, w.acc, w.nacc = w.out[:0], 0, 0
	w.bits(0, 1) // not the last block
	w.bits(2, 2) // of dynamic codes
	w.bits(uint64(nlit-257), 5)
	w.bits(uint64(ndist-1), 5)
	w.bits(uint64(nclen-4), 4)
	for _, c := range codeOrder[:nclen] {
		w.bits(uint64(clLen[c]), 3)
	}
	for _, t := range cl {
		w.bits(uint64(clCode[t.code]), uint(clLen[t.code]))
		if t.nextra > 0 {
			w.bits(uint64(t.extra), uint(t.nextra))
		}
	}
	up := distCode(z.width + 1)
	upExtra := uint64(z.width + 1 - distBase[up])
	for _, t := range z.tokens {
		if t < 256 {
			w.bits(uint64(litCode[t]), uint(litLen[t]))
			continue
		}
		n := int((t &^ flagUp) >> 8)
		lc := int(z.codeOf[n])
		w.bits(uint64(litCode[257+lc]), uint(litLen[257+lc]))
		if e := lengthExtra[lc]; e > 0 {
			w.bits(uint64(n-int(lengthBase[lc])), uint(e))
		}
		if t&flagUp != 0 {
			w.bits(uint64(distCodes[up]), uint(distLen[up]))
			w.bits(upExtra, uint(distExtra[up]))
		} else {
			w.bits(uint64(distCodes[0]), uint(distLen[0]))
		}
	}
	w.bits(uint64(litCode[256]), uint(litLen[256]))
	// A sync flush: an empty stored block, from the next byte.
	w.bits(0, 3)
	out := w.flushed()
	out = append(out, 0, 0, 0xff, 0xff)
	z.tokens = z.tokens[:0]
	z.lit, z.dist = [286]int32{}, [30]int32{}
	return out
}

// huffmanLengths is the code length of each symbol of a Huffman code for
// freq, none longer than limit; 0 for a symbol that never comes. A code
// of one symbol gets a second, for deflate's decoders. s is scratch space.
func huffmanLengths(freq []int32, limit int, s *huffScratch) []uint8 {
	f := slices.Clone(freq)
	for {
		lens, deepest := s.huffman(f)
		if deepest <= limit {
			return lens
		}
		for i, v := range f { // flatten the counts and try again
			if v > 0 {
				f[i] = (v + 1) / 2
			}
		}
	}
}

// huffScratch is what making a Huffman code uses, kept between blocks.
type huffScratch struct {
	nodes        []huffNode
	live, merged []int
	stack        []int
}

type huffNode struct {
	weight      int64
	left, right int // children; -1 for a leaf
	symbol      int
	depth       int
}

func (s *huffScratch) huffman(freq []int32) ([]uint8, int) {
	nodes, live := s.nodes[:0], s.live[:0]
	for sym, v := range freq {
		if v > 0 {
			nodes = append(nodes, huffNode{weight: int64(v), left: -1, right: -1, symbol: sym})
			live = append(live, len(nodes)-1)
		}
	}
	lens := make([]uint8, len(freq))
	switch len(live) {
	case 0:
		return lens, 0
	case 1:
		sym := nodes[live[0]].symbol
		lens[sym] = 1
		lens[(sym+1)%len(freq)] = 1
		return lens, 1
	}
	// Two queues, leaves sorted and the merged in order made: the two
	// lightest are always at their heads.
	slices.SortStableFunc(live, func(a, b int) int { return int(nodes[a].weight - nodes[b].weight) })
	merged := s.merged[:0]
	li, mi := 0, 0
	pop := func() int {
		if mi == len(merged) || (li < len(live) && nodes[live[li]].weight <= nodes[merged[mi]].weight) {
			li++
			return live[li-1]
		}
		mi++
		return merged[mi-1]
	}
	for (len(live)-li)+(len(merged)-mi) > 1 {
		a, b := pop(), pop()
		nodes = append(nodes, huffNode{weight: nodes[a].weight + nodes[b].weight, left: a, right: b})
		merged = append(merged, len(nodes)-1)
	}
	deepest := 0
	stack := append(s.stack[:0], merged[len(merged)-1])
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		nd := nodes[n]
		if nd.left < 0 {
			lens[nd.symbol] = uint8(nd.depth)
			deepest = max(deepest, nd.depth)
			continue
		}
		nodes[nd.left].depth, nodes[nd.right].depth = nd.depth+1, nd.depth+1
		stack = append(stack, nd.left, nd.right)
	}
	s.nodes, s.live, s.merged, s.stack = nodes, live, merged, stack
	return lens, deepest
}

// canonical is deflate's codes for code lengths, bit-reversed to be
// written least significant bit first.
func canonical(lens []uint8) []uint16 {
	var count [16]int
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	var next [16]int
	code := 0
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	out := make([]uint16, len(lens))
	for s, l := range lens {
		if l > 0 {
			out[s] = bits.Reverse16(uint16(next[l])) >> (16 - l)
			next[l]++
		}
	}
	return out
}

// bitWriter writes deflate's bits, least significant first.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint
}

// bits writes the n low bits of v, n at most 32.
func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.nacc
	w.nacc += n
	if w.nacc >= 32 {
		a := w.acc
		w.out = append(w.out, byte(a), byte(a>>8), byte(a>>16), byte(a>>24))
		w.acc >>= 32
		w.nacc -= 32
	}
}

// flushed is every bit written, the last byte padded with zeros.
func (w *bitWriter) flushed() []byte {
	for w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= min(w.nacc, 8)
	}
	return w.out
}
