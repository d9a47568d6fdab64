//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package scaffold

// isTerminal is false where factpress cannot tell: init takes its flags
// and defaults there, and asks nothing.
func isTerminal(fd uintptr) bool { return false }
