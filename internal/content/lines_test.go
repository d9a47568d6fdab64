package content

import (
	"strings"
	"testing"
)

func TestPositionsMatchPos(t *testing.T) {
	src := []byte("ab\ncé [1] x [2]\n\n[3] end")
	l := newLineIndex(src)
	var offs []int
	for i := range src {
		if src[i] == '[' {
			offs = append(offs, i)
		}
	}
	got := l.positions(offs)
	for i, off := range offs {
		if want := l.pos(off); got[i] != want {
			t.Errorf("offset %d: positions gives %v, pos gives %v", off, got[i], want)
		}
	}
}

func BenchmarkPositionsOneLongLine(b *testing.B) {
	src := []byte(strings.Repeat("word [1] ", 200_000))
	l := newLineIndex(src)
	offs := make([]int, 0, 200_000)
	for i := 0; i < len(src); i += 9 {
		offs = append(offs, i+5)
	}
	for b.Loop() {
		l.positions(offs)
	}
}
