// Package browsertest starts headless Chromium for the tests that need a real browser.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Find returns the path of a Chromium or Chrome binary, or "".
func Find() string {
	if p := os.Getenv("FACTPRESS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Require skips the test when no browser is installed, except under CI,
// where a missing browser is a failure.
func Require(t testing.TB) string {
	t.Helper()
	p := Find()
	if p == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found; CI must install it (apt-get install chromium)")
		}
		t.Skip("no Chromium found; install Debian's chromium to run browser tests")
	}
	return p
}

// Browser is a headless Chromium tab that records what the page did wrong.
type Browser struct {
	Ctx    context.Context
	cancel []context.CancelFunc

	mu       sync.Mutex
	errors   []string
	requests []string
	urls     map[network.RequestID]string
}

// Deadline is how long one test's browser may run.
const Deadline = 5 * time.Minute

// New starts Chromium with a fresh profile and no background networking.
func New(t testing.TB) *Browser {
	t.Helper()
	path := Require(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("allow-file-access-from-files", false),
	)
	// A wait for something that never comes fails the test at this
	// deadline, instead of holding the whole package until go test's.
	deadline, cancelDeadline := context.WithTimeout(context.Background(), Deadline)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(deadline, opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &Browser{Ctx: ctx, cancel: []context.CancelFunc{cancelCtx, cancelAlloc, cancelDeadline}, urls: map[network.RequestID]string{}}
	// Open the tab first, so that the listener sees its whole life.
	if err := chromedp.Do(ctx); err != nil {
		b.Close()
		t.Fatalf("starting Chromium: %v", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			b.errors = append(b.errors, (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				b.errors = append(b.errors, "console.error: "+strings.Join(parts, " "))
			}
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, ev.Request.URL)
			b.urls[ev.RequestID] = ev.Request.URL
		case *network.EventLoadingFailed:
			if !ev.Canceled {
				b.errors = append(b.errors, "request failed: "+ev.ErrorText+": "+b.urls[ev.RequestID])
			}
		}
	})
	if err == nil {
		_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	}
	if err != nil {
		b.Close()
		t.Fatalf("starting Chromium: %v", err)
	}
	t.Cleanup(b.Close)
	return b
}

// Close stops the browser.
func (b *Browser) Close() {
	for _, c := range b.cancel {
		c()
	}
}

// Errors returns the exceptions, console errors and failed loads so far.
func (b *Browser) Errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errors...)
}

// Requests returns every URL the page asked for so far.
func (b *Browser) Requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.requests...)
}
