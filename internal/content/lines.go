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
