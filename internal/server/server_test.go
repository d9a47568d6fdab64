package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/build"
	"github.com/factpress/factpress/internal/corpus"
	"github.com/factpress/factpress/internal/output"
	"github.com/factpress/factpress/internal/testsite"
)

// sampleCopy copies the repository's sample archive into a new folder that
// tests may edit.
func sampleCopy(t testing.TB) string {
	return testsite.Copy(t, "../..", "factpress.yaml", "content")
}

func start(t testing.TB, src string) *Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx, Options{Build: build.Options{Source: src, Theme: factpress.DefaultTheme}, Port: 0})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); srv.Wait() })
	return srv
}

// TestServeSavesTheParseCache: serve saves the parse of each edit to the
// cache, in the background, so that the next run parses nothing.
func TestServeSavesTheParseCache(t *testing.T) {
	src, cache := sampleCopy(t), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx, Options{Build: build.Options{Source: src, Theme: factpress.DefaultTheme, CacheDir: cache}, Port: 0, Log: io.Discard})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	<-srv.Rebuilt
	checks, _ := filepath.Glob(filepath.Join(src, "content/checks/*.md"))
	for i := range 3 {
		f, err := os.OpenFile(checks[0], os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "\nEdit %d.\n", i)
		f.Close()
		<-srv.Rebuilt
	}
	cancel()
	srv.Wait()
	res, err := build.Check(context.Background(), build.Options{Source: src, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if res.Parsed != 0 {
		t.Errorf("after serve stopped, check parsed %d of %d files: the cache lacks serve's last edits", res.Parsed, res.Files)
	}
}

func get(t *testing.T, rawURL string) (int, string) {
	t.Helper()
	// A raw request, so that the client does not clean the path first.
	u := strings.TrimPrefix(rawURL, "http://")
	host, path, _ := strings.Cut(u, "/")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /"+path+" HTTP/1.0\r\nHost: "+host+"\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServesTheSiteAndNothingElse(t *testing.T) {
	src := sampleCopy(t)
	os.WriteFile(filepath.Join(src, "secret.txt"), []byte("SECRET"), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(src, "content", "passwd"))
	srv := start(t, src)

	code, body := get(t, srv.URL()+"checks/minneapolis-police-ice/")
	if code != 200 || !strings.Contains(body, "Did Minneapolis police officers") || !strings.Contains(body, `<script src="/__factpress/reload.js"></script></body>`) {
		t.Errorf("check page: %d", code)
	}
	for _, p := range []string{"../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "checks/..%2f..%2fsecret.txt", "secret.txt", "content/passwd", "factpress.yaml", "..\\secret.txt"} {
		code, body := get(t, srv.URL()+p)
		if code == 200 || strings.Contains(body, "SECRET") || strings.Contains(body, "root:") || strings.Contains(body, "title:") {
			t.Errorf("%s: %d %.60q", p, code, body)
		}
	}
	if code, _ := get(t, srv.URL()+"checks"); code != http.StatusMovedPermanently {
		t.Errorf("a folder without its slash: %d, want a redirect", code)
	}
}

// request asks srv for path with the Host (and, when not empty, the Origin)
// given, over a raw connection so that nothing fills them in, and gives the
// status. The event stream never ends, so only the head is read.
func request(t *testing.T, srv *Server, path, host, origin string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(srv.URL(), "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	req := "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
	if origin != "" {
		req += "Origin: " + origin + "\r\n"
	}
	io.WriteString(conn, req+"Connection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Not resp.Body.Close: it would read the endless stream to its end.
	return resp.StatusCode
}

// TestServeHostAndOrigin: a page of another origin that rebinds its name to
// 127.0.0.1 sends its own name as the Host; only this machine's names get
// the site, and only its own pages the event stream.
func TestServeHostAndOrigin(t *testing.T) {
	srv := start(t, sampleCopy(t))
	port := strings.TrimSuffix(srv.URL()[strings.LastIndex(srv.URL(), ":")+1:], "/")
	const page, events = "/checks/minneapolis-police-ice/", "/__factpress/events"
	for _, tc := range []struct {
		path, host, origin string
		want               int
	}{
		{page, "evil.example", "", http.StatusForbidden},
		{page, "evil.example:" + port, "", http.StatusForbidden},
		{page, "localhost.evil.example:" + port, "", http.StatusForbidden},
		{page, "127.0.0.1.evil.example", "", http.StatusForbidden},
		{page, "", "", http.StatusForbidden},
		{page, "localhost:" + port, "", http.StatusOK},
		{page, "LocalHost", "", http.StatusOK},
		{page, "127.0.0.1:" + port, "", http.StatusOK},
		{page, "[::1]:" + port, "", http.StatusOK},
		{page, "127.0.0.2", "", http.StatusOK},
		{"/__factpress/reload.js", "evil.example", "", http.StatusForbidden},
		{events, "evil.example:" + port, "", http.StatusForbidden},
		{events, "attacker.com:" + port, "http://attacker.com:" + port, http.StatusForbidden},
		{events, "127.0.0.1:" + port, "http://attacker.com:" + port, http.StatusForbidden},
		{events, "localhost:" + port, "null", http.StatusForbidden},
		{events, "localhost:" + port, "", http.StatusOK},
		{events, "localhost:" + port, "http://localhost:" + port, http.StatusOK},
		{events, "127.0.0.1:" + port, "http://127.0.0.1:" + port, http.StatusOK},
		{events, "[::1]:" + port, "http://[::1]:" + port, http.StatusOK},
	} {
		if got := request(t, srv, tc.path, tc.host, tc.origin); got != tc.want {
			t.Errorf("%s with Host %q, Origin %q: %d, want %d", tc.path, tc.host, tc.origin, got, tc.want)
		}
	}
}

// lockedBuffer is a log that the server's goroutines may write while the
// test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeBeyondLoopbackWarns(t *testing.T) {
	for _, tc := range []struct {
		bind string
		warn bool
	}{{"127.0.0.1", false}, {"0.0.0.0", true}} {
		var logged lockedBuffer
		ctx, cancel := context.WithCancel(context.Background())
		srv, err := Start(ctx, Options{Build: build.Options{Source: sampleCopy(t), Theme: factpress.DefaultTheme, Drafts: true}, Bind: tc.bind, Log: &logged})
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		port := strings.TrimSuffix(srv.URL()[strings.LastIndex(srv.URL(), ":")+1:], "/")
		if got := strings.Count(logged.String(), "drafts included"); got != map[bool]int{false: 0, true: 1}[tc.warn] {
			t.Errorf("--bind %s: %d warnings in %q", tc.bind, got, logged.String())
		}
		for _, c := range []struct {
			host string
			want int
		}{{tc.bind + ":" + port, http.StatusOK}, {"localhost:" + port, http.StatusOK}, {"evil.example:" + port, http.StatusForbidden}} {
			if got := request(t, srv, "/", c.host, ""); got != c.want {
				t.Errorf("--bind %s, Host %q: %d, want %d", tc.bind, c.host, got, c.want)
			}
		}
		cancel()
		srv.Wait()
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = Start(context.Background(), Options{Build: build.Options{Source: sampleCopy(t), Theme: factpress.DefaultTheme}, Port: port})
	if err == nil || !strings.Contains(err.Error(), "already in use") {
		t.Errorf("want a clear port-in-use error, got %v", err)
	}
}

func waitFor(t *testing.T, b *browsertest.Browser, js string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("not true within %s: %s", within, js)
}

func TestLiveReloadInBrowser(t *testing.T) {
	b := browsertest.New(t)
	src := sampleCopy(t)
	srv := start(t, src)
	if err := chromedp.Do(b.Ctx, chromedp.Navigate(srv.URL()+"checks/minneapolis-police-ice/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, b, `document.readyState === "complete"`, 5*time.Second)
	time.Sleep(200 * time.Millisecond) // the event stream connects

	file := filepath.Join(src, "content/checks/minneapolis-police-ice.md")
	orig, _ := os.ReadFile(file)
	edited := strings.Replace(string(orig), "There is clear, repeated reporting", "There is LIVE-EDITED reporting", 1)
	start := time.Now()
	os.WriteFile(file, []byte(edited), 0o644)
	waitFor(t, b, `document.body.innerText.includes("LIVE-EDITED")`, time.Second)
	t.Logf("edit shown after %s", time.Since(start).Round(time.Millisecond))

	os.WriteFile(file, []byte(strings.Replace(edited, "title: ", "title: [", 1)), 0o644)
	waitFor(t, b, `!!document.getElementById("factpress-diagnostics") && document.getElementById("factpress-diagnostics").innerText.includes("minneapolis-police-ice.md:2:")`, 2*time.Second)
	if text, _ := chromedp.Run(b.Ctx, chromedp.Evaluate[string](`document.getElementById("factpress-diagnostics").innerText`)); !strings.Contains(text, "frontmatter-syntax") {
		t.Errorf("overlay: %q", text)
	}

	os.WriteFile(file, orig, 0o644)
	waitFor(t, b, `!document.getElementById("factpress-diagnostics") && document.body.innerText.includes("There is clear, repeated reporting")`, 2*time.Second)
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("page errors: %v", errs)
	}
}

// TestServesWhatAFreshBuildWrites edits a site in every way a contributor
// does, and after each edit compares every file serve answers with what a
// fresh build of the same files writes: for the default theme and for one
// whose every layout prints its whole value.
func TestServesWhatAFreshBuildWrites(t *testing.T) {
	for _, dump := range []bool{false, true} {
		src := testsite.Copy(t, "../..", "content/pages")
		if err := corpus.Generate(src, 40, 7); err != nil {
			t.Fatal(err)
		}
		if dump {
			testsite.DumpLayouts(t, src)
		}
		srv := start(t, src)
		<-srv.Rebuilt
		checks, _ := filepath.Glob(filepath.Join(src, "content/checks/*.md"))
		slices.Sort(checks)
		edit := func(file, old, new string) func() {
			return func() {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(data), old) {
					t.Fatalf("%s has no %q", file, old)
				}
				os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
			}
		}
		verdict := regexp.MustCompile(`verdict: "[a-z-]+"`)
		footer := filepath.Join(src, "layouts/partials/site-footer.html")
		edits := []struct {
			name string
			do   func()
		}{
			{"body", edit(checks[0], "\n---\n\n", "\n---\n\nAn edited first sentence. ")},
			{"title", edit(checks[1], `title: "`, `title: "Edited `)},
			{"claim", edit(checks[2], `claim: "`, `claim: "Edited `)},
			{"topic", edit(checks[3], "topics:\n", "topics:\n  - \"edited-topic\"\n")},
			{"verdict", func() {
				data, _ := os.ReadFile(checks[4])
				os.WriteFile(checks[4], verdict.ReplaceAll(data, []byte(`verdict: "misleading"`)), 0o644)
			}},
			{"date", func() {
				data, _ := os.ReadFile(checks[5])
				os.WriteFile(checks[5], regexp.MustCompile(`\ndate: [0-9-]+`).ReplaceAll(data, []byte("\ndate: 2026-11-30")), 0o644)
			}},
			{"claimant", edit(checks[6], `claimant: "`, `claimant: "Edited `)},
			{"sources", edit(checks[7], `publisher: "`, `publisher: "Edited `)},
			{"related questions", edit(checks[8], "related:\n", "related:\n  - \"Is this an edited question?\"\n")},
			{"corrections", edit(checks[9], "related:\n", "corrections:\n  - date: 2026-06-01\n    note: \"An edited correction.\"\nrelated:\n")},
			{"layout", func() {
				os.MkdirAll(filepath.Dir(footer), 0o755)
				os.WriteFile(footer, []byte(`{{define "site-footer"}}<footer><p>An edited footer {{json .}}</p></footer>{{end}}`), 0o644)
			}},
			{"config", edit(filepath.Join(src, "factpress.yaml"), `title: "`, `title: "Edited `)},
			{"new check", func() {
				data, _ := os.ReadFile(checks[10])
				os.WriteFile(filepath.Join(src, "content/checks/a-new-check.md"), []byte(strings.Replace(string(data), `title: "`, `title: "New `, 1)), 0o644)
			}},
			{"deleted check", func() { os.Remove(checks[11]) }},
		}
		// Every page once before the edits, so that serve has them all.
		compare(t, srv, src, "before the edits")
		for _, e := range edits {
			e.do()
			select {
			case <-srv.Rebuilt:
			case <-time.After(10 * time.Second):
				t.Fatalf("no rebuild after the %s edit", e.name)
			}
			// Editors write in bursts; let a second rebuild land.
			time.Sleep(100 * time.Millisecond)
			for len(srv.Rebuilt) > 0 {
				<-srv.Rebuilt
			}
			compare(t, srv, src, "after the "+e.name+" edit")
		}
		gone := strings.TrimSuffix(filepath.Base(checks[11]), ".md")
		if code, _ := get(t, srv.URL()+"checks/"+gone+"/"); code != http.StatusNotFound {
			t.Errorf("the deleted check's page: %d", code)
		}
	}
}

// compare builds src afresh and asks serve for every file the build wrote.
func compare(t *testing.T, srv *Server, src, when string) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: src, Destination: dest, BaseURL: srv.URL(), Theme: factpress.DefaultTheme})
	if err != nil || res.Failed() {
		t.Fatalf("%s: fresh build: %v %v", when, err, res.Diags)
	}
	bad := 0
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || bad > 5 || d.Name() == output.MarkerName {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		want, _ := os.ReadFile(p)
		code, got := get(t, srv.URL()+filepath.ToSlash(rel))
		got = strings.Replace(got, `<script src="/__factpress/reload.js"></script>`, "", 1)
		if code != http.StatusOK || got != string(want) {
			bad++
			t.Errorf("%s: %s: serve gives %d, %d bytes; the build wrote %d bytes", when, rel, code, len(got), len(want))
		}
		return nil
	})
}
