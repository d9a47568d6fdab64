package browsertest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestRecordsErrorsAndRequests proves the recorder catches what the site
// tests rely on it to catch: an exception, a console error and a request.
func TestRecordsErrorsAndRequests(t *testing.T) {
	b := New(t)
	page := filepath.Join(t.TempDir(), "bad.html")
	os.WriteFile(page, []byte(`<!DOCTYPE html><title>x</title><img src="http://127.0.0.1:9/x.png" alt=""><script>console.error("planted"); null.boom;</script>`), 0o644)
	if err := chromedp.Do(b.Ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && len(b.Errors()) < 2 {
		time.Sleep(50 * time.Millisecond)
	}
	errs := strings.Join(b.Errors(), "\n")
	if !strings.Contains(errs, "planted") || !strings.Contains(errs, "boom") {
		t.Errorf("errors recorded: %q", errs)
	}
	if !slices.ContainsFunc(b.Requests(), func(u string) bool { return strings.HasPrefix(u, "http://127.0.0.1:9/") }) {
		t.Errorf("requests recorded: %v", b.Requests())
	}
}
