// Command writefloor writes a copy of a built site from memory, with the
// same system calls per file as factpress (internal/output) and on as many cores: the floor
// under a build's time on a disk where each new file costs what it costs.
//
//	go run ./cmd/writefloor -from public -to /tmp/floor
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/factpress/factpress/internal/output"
)

func main() {
	from := flag.String("from", "", "a built site to copy")
	to := flag.String("to", "", "a folder to write it into; must not exist")
	flag.Parse()
	if *from == "" || *to == "" {
		flag.Usage()
		os.Exit(2)
	}
	type file struct {
		rel  string
		data []byte
	}
	var files []file
	err := filepath.WalkDir(*from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(*from, p)
		files = append(files, file{rel, data})
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	start := time.Now()
	if err := os.Mkdir(*to, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		next  int
		dirs  sync.Map
		fails int
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(files) {
					return
				}
				full := filepath.Join(*to, files[i].rel)
				dir := filepath.Dir(full)
				if _, ok := dirs.Load(dir); !ok {
					if err := output.MakeDirs(dir); err != nil {
						mu.Lock()
						fails++
						mu.Unlock()
						continue
					}
					dirs.Store(dir, true)
				}
				if err := output.WriteNew(full, files[i].data); err != nil {
					mu.Lock()
					fails++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if fails > 0 {
		fmt.Fprintf(os.Stderr, "%d files failed\n", fails)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files in %s\n", len(files), time.Since(start).Round(time.Millisecond))
}
