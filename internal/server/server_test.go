package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/browsertest"
	"github.com/factpress/factpress/internal/build"
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
