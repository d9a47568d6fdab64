//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package scaffold

import "golang.org/x/sys/unix"

// isTerminal asks the terminal driver for fd's settings, which only a
// terminal has.
func isTerminal(fd uintptr) bool {
	_, err := unix.IoctlGetTermios(int(fd), ioctlReadTermios)
	return err == nil
}
