// Package linkcheck finds broken internal links and anchors in a built site.
package linkcheck

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// Page is what one HTML document links to and which anchors it offers.
type Page struct {
	Links []string        // href and src values, as written
	IDs   map[string]bool // id attributes (and <a name>)
}

var linkAttrs = map[string]bool{"href": true, "src": true, "action": true}

// Extract reads the links and anchors of an HTML document.
func Extract(doc []byte) Page {
	p := Page{IDs: map[string]bool{}}
	lx := html.NewLexer(parse.NewInputBytes(doc))
	tag := ""
	for {
		tt, data := lx.Next()
		switch tt {
		case html.ErrorToken:
			return p
		case html.StartTagToken:
			tag = strings.ToLower(string(data[1:]))
		case html.AttributeToken:
			name := strings.ToLower(string(lx.Text()))
			val := string(unquote(lx.AttrVal()))
			switch {
			case name == "id" || (name == "name" && tag == "a"):
				p.IDs[val] = true
			case linkAttrs[name]:
				p.Links = append(p.Links, stdhtml.UnescapeString(val))
			}
		}
	}
}

func unquote(b []byte) []byte {
	if len(b) >= 2 && (b[0] == '"' || b[0] == '\'') && b[len(b)-1] == b[0] {
		return b[1 : len(b)-1]
	}
	return b
}

// Broken is a link that leads nowhere.
type Broken struct {
	File   string // '/'-separated, relative to the site root
	Link   string
	Reason string
}

func (b Broken) String() string { return fmt.Sprintf("%s: %s: %s", b.File, b.Link, b.Reason) }

// Options describe how the site is served.
type Options struct {
	// BasePath is base_url's path ("/archive/"): root-relative links must
	// start with it.
	BasePath string
	// Host is base_url's scheme and host; absolute links to it are internal.
	Host string
}

// CheckDir checks every link and anchor of every HTML file under dir.
func CheckDir(dir string, opts Options) ([]Broken, int, error) {
	if opts.BasePath == "" {
		opts.BasePath = "/"
	}
	pages := map[string]Page{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		pages[filepath.ToSlash(rel)] = Extract(data)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	exists := func(file string) bool {
		if _, ok := pages[file]; ok {
			return true
		}
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file)))
		return err == nil && !st.IsDir()
	}
	var broken []Broken
	files := make([]string, 0, len(pages))
	for f := range pages {
		files = append(files, f)
	}
	slices.Sort(files)
	for _, file := range files {
		for _, link := range pages[file].Links {
			target, frag, reason := resolve(file, link, opts)
			if reason != "" {
				broken = append(broken, Broken{file, link, reason})
				continue
			}
			if target == "" {
				continue // external, or data:
			}
			if !exists(target) {
				if exists(target + "/index.html") {
					target += "/index.html"
				} else {
					broken = append(broken, Broken{file, link, "no such file: " + target})
					continue
				}
			}
			if frag != "" {
				tp, ok := pages[target]
				if ok && !tp.IDs[frag] {
					broken = append(broken, Broken{file, link, fmt.Sprintf("%s has no id %q", target, frag)})
				}
			}
		}
	}
	return broken, len(pages), nil
}

// resolve turns a link on the page at file into the file it names (relative
// to the site root) and its fragment; "" for links that leave the site.
func resolve(file, link string, opts Options) (target, frag, reason string) {
	u, err := url.Parse(link)
	if err != nil {
		return "", "", "malformed URL"
	}
	switch strings.ToLower(u.Scheme) {
	case "javascript", "vbscript":
		return "", "", "script URL"
	case "data", "mailto", "tel":
		return "", "", ""
	case "http", "https":
		if opts.Host == "" || !strings.EqualFold(u.Scheme+"://"+u.Host, opts.Host) {
			return "", "", ""
		}
		u = &url.URL{Path: u.Path, Fragment: u.Fragment}
	case "":
		if u.Host != "" {
			return "", "", "" // protocol-relative: external
		}
	default:
		return "", "", ""
	}
	frag = u.Fragment
	p := u.Path
	switch {
	case p == "":
		target = file
	case strings.HasPrefix(p, "/"):
		if !strings.HasPrefix(p, opts.BasePath) {
			return "", "", "root-relative link outside base path " + opts.BasePath
		}
		target = strings.TrimPrefix(p, opts.BasePath)
	default:
		target = path.Join(path.Dir(file), p)
		if strings.HasSuffix(p, "/") {
			target += "/"
		}
	}
	if strings.HasPrefix(target, "../") || target == ".." {
		return "", "", "leaves the site"
	}
	if target == "" || target == "." || strings.HasSuffix(target, "/") {
		target = strings.TrimSuffix(strings.TrimSuffix(target, "."), "/")
		if target == "" {
			target = "index.html"
		} else {
			target += "/index.html"
		}
	}
	return target, frag, ""
}

// Summary prints broken links one a line.
func Summary(broken []Broken) string {
	var b bytes.Buffer
	for _, x := range broken {
		b.WriteString(x.String())
		b.WriteByte('\n')
	}
	return b.String()
}
