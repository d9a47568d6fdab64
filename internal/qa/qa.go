// Package qa runs the quality gates over a built site: the Nu Html Checker, and axe-core inside headless Chromium.
package qa

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/factpress/factpress/internal/browsertest"
)

// RepoRoot finds the module root above the working folder.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working folder")
		}
		dir = parent
	}
}

// requireTool skips a test whose tool is missing, except under CI, where
// .ci/run installs every tool and a missing one is a failure.
func requireTool(t testing.TB, what, hint string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing; CI must install it (%s)", what, hint)
	}
	t.Skipf("%s is missing: %s", what, hint)
}

// Message is one finding of the Nu Html Checker.
type Message struct {
	Type     string `json:"type"`
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

func (m Message) String() string {
	return fmt.Sprintf("%s:%d: %s: %s (%q)", strings.TrimPrefix(m.URL, "file:"), m.LastLine, m.Type, m.Message, m.Extract)
}

// VNU is the Nu Html Checker as installed by .ci/run.
type VNU struct{ java, jar string }

// RequireVNU finds java and tools/node_modules/vnu-jar.
func RequireVNU(t testing.TB) *VNU {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	jar := filepath.Join(root, "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	java, err := exec.LookPath("java")
	if err != nil {
		requireTool(t, "java", "apt-get install default-jre-headless")
	}
	if _, err := os.Stat(jar); err != nil {
		requireTool(t, "the Nu Html Checker", "npm ci --prefix tools")
	}
	return &VNU{java: java, jar: jar}
}

// Check validates the HTML files and folders given and returns the errors.
func (v *VNU) Check(paths ...string) ([]Message, error) {
	args := append([]string{"-jar", v.jar, "--errors-only", "--format", "json", "--skip-non-html"}, paths...)
	cmd := exec.Command(v.java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var out struct {
		Messages []Message `json:"messages"`
	}
	if jerr := json.Unmarshal(stderr.Bytes(), &out); jerr != nil {
		return nil, fmt.Errorf("vnu: %v: %s%s", err, stdout.String(), stderr.String())
	}
	var errs []Message
	for _, m := range out.Messages {
		if m.Type == "error" || m.SubType == "fatal" {
			errs = append(errs, m)
		}
	}
	return errs, nil
}

// Axe runs axe-core in a headless Chromium tab.
type Axe struct {
	browser *browsertest.Browser
	script  string
}

// RequireAxe starts Chromium and loads axe-core from tools/node_modules.
func RequireAxe(t testing.TB) *Axe {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile(filepath.Join(root, "tools", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		requireTool(t, "axe-core", "npm ci --prefix tools")
	}
	return &Axe{browser: browsertest.New(t), script: string(script)}
}

// Violation is one failed axe rule on a page.
type Violation struct {
	ID    string   `json:"id"`
	Help  string   `json:"help"`
	Nodes []string `json:"nodes"`
}

// WCAG22AA are the axe tags of WCAG 2.0, 2.1 and 2.2, levels A and AA:
// 2.2's target size (2.5.8: a pointer target at least 24 by 24 CSS
// pixels, or that far from the next) among them.
var WCAG22AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// The widths, in CSS pixels, that the gates look at a page at.
const (
	Phone   = 390
	Desktop = 1280
)

// Check opens url on a desktop screen with the given colour scheme
// ("light" or "dark") and returns the WCAG 2.2 A and AA violations axe
// finds.
func (a *Axe) Check(url, scheme string) ([]Violation, error) {
	return a.CheckAt(url, scheme, Desktop)
}

// CheckAt is Check on a screen width CSS pixels wide: a phone's (touch,
// its viewport meta obeyed) when it is Phone or less.
func (a *Axe) CheckAt(url, scheme string, width int) ([]Violation, error) {
	ctx := a.browser.Ctx
	phone := width <= Phone
	height := int64(900)
	if phone {
		height = 844
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(width), Height: height, DeviceScaleFactor: 1, Mobile: phone,
	}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: phone}); err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, err
	}
	dark, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia("(prefers-color-scheme: dark)").matches`))
	if err != nil {
		return nil, err
	}
	if dark != (scheme == "dark") {
		return nil, fmt.Errorf("the page does not see the %s colour scheme", scheme)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](a.script+";0")); err != nil {
		return nil, fmt.Errorf("loading axe: %w", err)
	}
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`innerWidth`)); err != nil {
		return nil, err
	} else if w != width {
		return nil, fmt.Errorf("the page is %d CSS pixels wide, not %d", w, width)
	}
	tags, _ := json.Marshal(WCAG22AA)
	js := `axe.run(document, {runOnly: {type: "tag", values: ` + string(tags) + `}, resultTypes: ["violations"], preload: false}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))}))))`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe: %w", err)
	}
	var v []Violation
	return v, json.Unmarshal([]byte(raw), &v)
}

// Errors returns what the pages reported as errors so far.
func (a *Axe) Errors() []string { return a.browser.Errors() }

// SmallTargets opens url on a screen width CSS pixels wide and names each
// element that selector matches whose box is narrower or shorter than 24
// CSS pixels, with its size. axe leaves out a link inside a line of text,
// which WCAG 2.2 excepts; a citation marker or a back-link is one, and
// the theme makes it 24 pixels anyway, for a finger on a phone.
func (a *Axe) SmallTargets(url, selector string, width int) ([]string, error) {
	ctx := a.browser.Ctx
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(width), Height: 900, DeviceScaleFactor: 1, Mobile: width <= Phone,
	}); err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return nil, err
	}
	sel, _ := json.Marshal(selector)
	js := `JSON.stringify([...document.querySelectorAll(` + string(sel) + `)].filter(e => e.getClientRects().length).flatMap(e => {
		const r = e.getBoundingClientRect();
		return r.width >= 24 && r.height >= 24 ? [] : [e.outerHTML.slice(0, 80) + " " + r.width.toFixed(1) + "×" + r.height.toFixed(1)];
	}))`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		return nil, err
	}
	var small []string
	return small, json.Unmarshal([]byte(raw), &small)
}
