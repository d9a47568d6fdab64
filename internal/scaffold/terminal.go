package scaffold

import "os"

// Interactive reports whether f is a terminal, where a person can answer
// what Ask asks. A character device is not enough: /dev/null is one, and a
// script that reads from it answers nothing.
func Interactive(f *os.File) bool {
	return isTerminal(f.Fd())
}
