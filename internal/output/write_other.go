//go:build !unix

package output

import "os"

func WriteNew(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

func MakeDirs(dir string) error { return os.MkdirAll(dir, 0o755) }
