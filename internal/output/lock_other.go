//go:build !unix

package output

import "os"

// lockFile opens the lock file; this platform's builds are not serialised.
func lockFile(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
}

func unlockFile(f *os.File) { f.Close() }
