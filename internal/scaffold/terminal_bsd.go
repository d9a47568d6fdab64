//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package scaffold

import "golang.org/x/sys/unix"

const ioctlReadTermios = unix.TIOCGETA
