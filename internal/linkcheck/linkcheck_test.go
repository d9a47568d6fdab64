package linkcheck

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCheckDirFindsEachKindOfBreak(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html":          `<a href="checks/a/">a</a><a href="checks/a/#src-1">src</a><a href="#top" id="top">t</a><link rel="stylesheet" href="assets/s.css"><a href="https://example.org/x">ext</a><img src="data:,">`,
		"checks/a/index.html": `<p id="src-1"><a href="../../">home</a><a href="../b/">missing</a><a href="#nope">bad anchor</a><a href="../../index.html#top">ok</a><a href="javascript:alert(1)">js</a><a href="/elsewhere/">outside</a><a href="/archive/checks/a/">rooted</a></p>`,
		"assets/s.css":        `body{}`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	broken, pages, err := CheckDir(dir, Options{BasePath: "/archive/"})
	if err != nil {
		t.Fatal(err)
	}
	if pages != 2 {
		t.Errorf("checked %d pages", pages)
	}
	var links []string
	for _, b := range broken {
		links = append(links, b.Link)
	}
	want := []string{"../b/", "#nope", "javascript:alert(1)", "/elsewhere/"}
	slices.Sort(links)
	slices.Sort(want)
	if !slices.Equal(links, want) {
		t.Errorf("broken %v\nwant %v", broken, want)
	}
}
