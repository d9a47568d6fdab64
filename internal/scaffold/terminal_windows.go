package scaffold

import "golang.org/x/sys/windows"

// isTerminal reports whether fd is a console, which alone has a mode.
func isTerminal(fd uintptr) bool {
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(fd), &mode) == nil
}
