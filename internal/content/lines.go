package content

import (
	"sort"
	"unicode/utf8"
)

// lineIndex maps byte offsets of a file to lines and columns.
type lineIndex struct {
	src    []byte
	starts []int // byte offset at which each line starts
}

func newLineIndex(src []byte) lineIndex {
	starts := make([]int, 1, 64)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{src: src, starts: starts}
}

// pos returns the 1-based line and rune column of a byte offset.
func (l lineIndex) pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	col := utf8.RuneCount(l.src[l.starts[line]:off]) + 1
	return Pos{Line: line + 1, Col: col}
}

// lineOf returns the 1-based line of a byte offset.
func (l lineIndex) lineOf(off int) int { return l.pos(off).Line }

// positions converts ascending byte offsets in one pass, so that many
// offsets on one long line cost no more than the line itself.
func (l lineIndex) positions(offs []int) []Pos {
	out := make([]Pos, len(offs))
	line, lastOff, col := -1, 0, 0
	for i, off := range offs {
		off = min(max(off, 0), len(l.src))
		if line < 0 || off < lastOff || line+1 < len(l.starts) && off >= l.starts[line+1] {
			p := l.pos(off)
			out[i] = p
			line, lastOff, col = p.Line-1, off, p.Col
			continue
		}
		col += utf8.RuneCount(l.src[lastOff:off])
		lastOff = off
		out[i] = Pos{Line: line + 1, Col: col}
	}
	return out
}
