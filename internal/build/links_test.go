package build

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/linkcheck"
	"github.com/factpress/factpress/internal/testsite"
)

func TestCheckLinksOnEveryVariant(t *testing.T) {
	realSample := filepath.Join(sampleSite, "..", "shared", "corpus", "real-sample")
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"sample", Options{Source: sampleSite}},
		{"sample offline", Options{Source: sampleSite, Offline: true}},
		{"sample under a subpath", Options{Source: sampleSite, BaseURL: "https://org.github.io/archive/"}},
		{"real sample", Options{Source: realSample}},
		{"real sample offline", Options{Source: realSample, Offline: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(tc.opts.Source, "factpress.yaml")); err != nil {
				t.Skip("site not here")
			}
			tc.opts.Destination = filepath.Join(t.TempDir(), "public")
			tc.opts.CheckLinks = true
			tc.opts.Theme = factpress.DefaultTheme
			tc.opts.Today = today
			res, err := Build(context.Background(), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Broken) > 0 {
				t.Fatalf("%d broken links:\n%s", len(res.Broken), linkcheck.Summary(res.Broken[:min(20, len(res.Broken))]))
			}
			if res.Failed() {
				t.Fatalf("build failed: %v", res.Diags)
			}
		})
	}
}

func TestCheckLinksCatchesABrokenLayout(t *testing.T) {
	src := testsite.Copy(t, sampleSite, "factpress.yaml", "content")
	layout, err := factpress.DefaultTheme.ReadFile("layouts/404.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(layout), `<h1>{{T "not-found"}}</h1>`, `<h1>{{T "not-found"}}</h1><a href="{{rel .Root "nowhere/"}}">x</a><a href="#no-such-anchor">y</a>`, 1)
	os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
	os.WriteFile(filepath.Join(src, "layouts/404.html"), []byte(broken), 0o644)
	res, err := Build(context.Background(), Options{Source: src, CheckLinks: true, Theme: factpress.DefaultTheme, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Broken) != 2 || !res.Failed() {
		t.Errorf("want the two planted broken links, got %v", res.Broken)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); !os.IsNotExist(err) {
		t.Error("a build with broken links was written")
	}
}

// TestCrawlUnderSubpath serves the build under /archive/ as GitHub Pages
// would and follows every link and anchor from the home page.
func TestCrawlUnderSubpath(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mux := http.NewServeMux()
	mux.Handle("/archive/", http.StripPrefix("/archive/", http.FileServer(http.Dir(dest))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	buildOK(t, Options{Source: sampleSite, Destination: dest, BaseURL: srv.URL + "/archive/"})

	type ref struct{ from, link string }
	start, _ := url.Parse(srv.URL + "/archive/")
	queue := []*url.URL{start}
	seen := map[string]bool{start.String(): true}
	ids := map[string]map[string]bool{}
	var anchors []struct {
		ref
		page, frag string
	}
	broken := 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := http.Get(u.String())
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", u, resp.Status)
			broken++
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		page := linkcheck.Extract(body)
		ids[u.String()] = page.IDs
		for _, l := range page.Links {
			target, err := u.Parse(l)
			if err != nil {
				t.Errorf("%s: bad link %q", u, l)
				continue
			}
			if target.Scheme == "data" || target.Host != start.Host {
				continue
			}
			if !strings.HasPrefix(target.Path, "/archive/") {
				t.Errorf("%s: link %q leaves /archive/", u, l)
				continue
			}
			frag := target.Fragment
			target.Fragment = ""
			if frag != "" {
				anchors = append(anchors, struct {
					ref
					page, frag string
				}{ref{u.String(), l}, target.String(), frag})
			}
			if !seen[target.String()] {
				seen[target.String()] = true
				queue = append(queue, target)
			}
		}
	}
	for _, a := range anchors {
		if pageIDs, ok := ids[a.page]; ok && !pageIDs[a.frag] {
			t.Errorf("%s: %q: no id %q on %s", a.from, a.link, a.frag, a.page)
		}
	}
	if len(seen) < 30 {
		t.Errorf("crawled only %d URLs", len(seen))
	}
	t.Logf("crawled %d URLs, checked %d anchors", len(seen), len(anchors))
}
