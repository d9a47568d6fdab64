//go:build unix

package output

import (
	"errors"
	"path/filepath"
	"syscall"
)

// WriteNew writes a new file with plain system calls. os.WriteFile costs
// four more per file here (the runtime tries to register every file with
// its poller), which adds up over tens of thousands of pages.
func WriteNew(name string, data []byte) error {
	fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	for errors.Is(err, syscall.EINTR) {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &pathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &pathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &pathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// MakeDirs makes dir and its missing parents, trying the mkdir first: in a
// fresh output folder most parents exist and most folders do not.
func MakeDirs(dir string) error {
	err := syscall.Mkdir(dir, 0o755)
	switch {
	case err == nil || errors.Is(err, syscall.EEXIST):
		return nil
	case errors.Is(err, syscall.ENOENT):
		if err := MakeDirs(filepath.Dir(dir)); err != nil {
			return err
		}
		if err := syscall.Mkdir(dir, 0o755); err != nil && !errors.Is(err, syscall.EEXIST) {
			return &pathError{Op: "mkdir", Path: dir, Err: err}
		}
		return nil
	}
	return &pathError{Op: "mkdir", Path: dir, Err: err}
}
