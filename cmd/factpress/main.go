// Command factpress builds and checks fact-check archives.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/factpress/factpress"
	"github.com/factpress/factpress/internal/build"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/scaffold"
	"github.com/factpress/factpress/internal/server"
	"github.com/factpress/factpress/internal/snapshot"
	"github.com/factpress/factpress/internal/version"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFound = 1 // errors found in the content
	exitUsage = 2 // the command could not run
)

type command struct {
	name  string
	usage string
	short string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build [--source DIR] [--destination DIR] [--base-url URL] [--drafts] [--offline] [--check-links] [--strict] [--quiet]", "validate, then render the site", runBuild},
		{"check", "check [PATHS…] [--source DIR] [--format text|json|github] [--strict] [--changed-since REF]", "validate only, and report every finding", runCheck},
		{"new", "new \"Question?\" [--topic T]… [--lang CODE] [--source DIR]", "write a new check file with every field scaffolded", runNew},
		{"import", "import FILE… [-o FILE] [--source DIR]", "turn fact-check reports and ClaimReview (HTML, DataFeed, Fact Check Tools JSON) into check files", runImport},
		{"serve", "serve [--port 1313] [--bind 127.0.0.1] [--source DIR] [--drafts]", "build, serve, and rebuild and reload on every change", runServe},
		{"snapshot", "snapshot [-o archive.zip] [--source DIR] [--drafts]", "pack an offline build, its source and checksums into a zip", runSnapshot},
		{"verify", "verify archive.zip", "check a snapshot against its SHA256SUMS", runVerify},
		{"init", "init DIR [--title T] [--organization O] [--repository github.com/org/archive] [--base-url URL]", "create a new archive repository: site, README, workflows", runInit},
		{"version", "version", "print version and build information", runVersion},
	}
}

// gcPercent is the garbage collector's target for a command, unless GOGC
// says otherwise. A build's live heap is most of the parsed archive, and
// the default (100) lets the process grow to twice it; at 50 the peak on
// the 10,000-check bench corpus drops from about 550 to about 410 MB, for
// about a fifth more CPU time. check holds far less (no HTML) and is what
// a contributor waits for: at 400 it takes about 2.8 s of CPU instead of
// 3.3 s at 200 (and 3.6 s at 100) on the same corpus, its peak about
// 550 MB instead of 420 (310).
func gcPercent(command string) int {
	switch command {
	case "build", "snapshot":
		return 50
	case "check":
		return 400
	}
	return 100
}

func main() {
	if len(os.Args) > 1 && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent(os.Args[1]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "factpress: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "factpress builds and checks fact-check archives.\n\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  factpress %-10s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w, "\nRun 'factpress COMMAND -h' for a command's flags.")
}

// siteFlags makes the flag set of a command that works on a site, with the
// --source flag every such command takes.
func siteFlags(name string, stderr io.Writer) (*flag.FlagSet, *build.Options) {
	c := commandNamed(name)
	fs := newFlags(c.name, c.usage, stderr)
	opts := &build.Options{Theme: factpress.DefaultTheme, CacheDir: cacheDir()}
	fs.StringVar(&opts.Source, "source", ".", "site folder (with factpress.yaml)")
	return fs, opts
}

// cacheDir is where the parse cache goes: $FACTPRESS_CACHE_DIR, else
// factpress/ in the user's cache folder (~/.cache on Linux). "off", or no
// cache folder at all, turns the cache off.
func cacheDir() string {
	if dir, ok := os.LookupEnv("FACTPRESS_CACHE_DIR"); ok {
		if dir == "off" {
			return ""
		}
		return dir
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "factpress")
}

func newFlags(name, usageLine string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: factpress %s\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parseInterspersed lets flags come after positional arguments, as users
// expect from `factpress check content/x.md --format json`.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

func failure(stderr io.Writer, err error) int {
	if errors.Is(err, context.Canceled) {
		// Ctrl-C or SIGTERM: nothing was swapped in.
		fmt.Fprintln(stderr, "factpress: interrupted; the previous output, if any, is as it was")
		return exitUsage
	}
	fmt.Fprintf(stderr, "factpress: %v\n", err)
	return exitUsage
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, opts := siteFlags("build", stderr)
	fs.StringVar(&opts.Destination, "destination", "", "output folder (default SOURCE/public)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "override base_url, e.g. https://org.github.io/archive/")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include drafts")
	fs.BoolVar(&opts.Offline, "offline", false, "links name index.html, for browsing from disk")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&opts.CheckLinks, "check-links", false, "fail the build on any broken internal link or anchor")
	fs.BoolVar(&opts.Force, "force", false, "replace a destination folder that factpress did not build")
	quiet := fs.Bool("quiet", false, "print nothing but diagnostics")
	cpuProfile := profileFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "factpress build: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	stopProfile, err := startProfile(*cpuProfile)
	if err != nil {
		return failure(stderr, err)
	}
	defer stopProfile()
	if opts.Destination == "" {
		opts.Destination = filepath.Join(opts.Source, "public")
	}
	opts.Progress = &build.Progress{}
	stopProgress := showProgress(stderr, opts.Progress, !*quiet && isTerminal(stderr))
	res, err := build.Build(ctx, *opts)
	stopProgress()
	if err != nil {
		return failure(stderr, err)
	}
	_ = diag.Write(stderr, res.Diags, diag.Text, isTerminal(stderr))
	for _, b := range res.Broken {
		fmt.Fprintf(stderr, "%s: error[broken-link]: %s: %s\n", b.File, b.Link, b.Reason)
	}
	if res.Failed() {
		fmt.Fprintf(stderr, "factpress: build stopped: %s, %s; nothing was written\n", counts(res.Diags), count(len(res.Broken), "broken link", "broken links"))
		return exitFound
	}
	if !*quiet {
		s := res.Site
		fmt.Fprintf(stdout, "Built %s, %s (%s, %d written), %s, %s in %s → %s\n",
			count(len(s.Checks), "check", "checks"), count(res.Stats.Pages, "page", "pages"), count(res.Stats.Files, "file", "files"), res.Written,
			count(len(s.Topics), "topic", "topics"), count(len(s.Questions()), "question", "questions"), res.Elapsed.Round(time.Millisecond), opts.Destination)
	}
	return exitOK
}

func profileFlag(fs *flag.FlagSet) *string {
	return fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE`, for go tool pprof")
}

// startProfile starts a CPU profile into file, when one is named.
func startProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// showProgress keeps one status line up to date on a terminal once a build
// has run for a second, and clears it when stopped.
func showProgress(w io.Writer, p *build.Progress, enabled bool) (stop func()) {
	if !enabled {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		shown := false
		delay := time.NewTimer(time.Second)
		defer delay.Stop()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(w, "\r\x1b[K")
				}
				return
			case <-delay.C:
				shown = true
			case <-tick.C:
				if shown {
					total, written := p.Total.Load(), p.Written.Load()
					fmt.Fprintf(w, "\r\x1b[Kparsed %d of %s, wrote %s", p.Parsed.Load(), count(int(total), "file", "files"), count(int(written), "file", "files"))
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// counts says how many errors and warnings l holds: "1 error, 2 warnings".
func counts(l diag.List) string {
	return count(l.Errors(), "error", "errors") + ", " + count(l.Warnings(), "warning", "warnings")
}

// count is n with the noun in the form English gives it after n: "1
// check", "0 checks", "2 checks". The CLI speaks English; the pages use
// the translation tables' plural forms.
func count(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + other
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, opts := siteFlags("check", stderr)
	format := fs.String("format", "text", "output format: text, json or github")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	since := fs.String("changed-since", "", "report only on the files changed since this git ref")
	cpuProfile := profileFlag(fs)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	stopProfile, err := startProfile(*cpuProfile)
	if err != nil {
		return failure(stderr, err)
	}
	defer stopProfile()
	f, err := diag.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "factpress check: %v\n", err)
		return exitUsage
	}
	if opts.Paths, err = sitePaths(opts.Source, paths); err != nil {
		return failure(stderr, err)
	}
	var res *build.Result
	if *since != "" {
		var changes *build.Changes
		if changes, err = build.ChangedSince(opts.Source, *since); err != nil {
			fmt.Fprintf(stderr, "factpress check: --changed-since %s: %v\n", *since, err)
			return exitUsage
		}
		if changes.Empty() {
			_ = diag.Write(stdout, nil, f, false)
			if f == diag.Text {
				fmt.Fprintf(stderr, "no content changed since %s\n", *since)
			}
			return exitOK
		}
		// Not Check with the changed files as paths: a deleted or renamed
		// file has no path left, yet breaks the links to it.
		res, err = build.CheckChanges(ctx, *opts, changes)
	} else {
		res, err = build.Check(ctx, *opts)
	}
	if err != nil {
		return failure(stderr, err)
	}
	if err := diag.Write(stdout, res.Diags, f, f == diag.Text && isTerminal(stdout)); err != nil {
		return failure(stderr, err)
	}
	if f == diag.Text {
		fmt.Fprintf(stderr, "checked %s in %s: %s\n", count(res.Files, "file", "files"), res.Elapsed.Round(time.Millisecond), counts(res.Diags))
	}
	if res.Diags.Errors() > 0 {
		return exitFound
	}
	return exitOK
}

// sitePaths turns the paths given on the command line into '/'-separated
// paths relative to the site root; a folder stands for every file in it.
func sitePaths(source string, paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	root, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, fmt.Errorf("%s: %w", p, errors.Unwrap(err))
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return nil, fmt.Errorf("%s is not inside the site folder %s", p, source)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, opts := siteFlags("new", stderr)
	var topics stringList
	fs.Var(&topics, "topic", "a topic of the check (repeat for more)")
	lang := fs.String("lang", "", "the language of the check, one of factpress.yaml's languages (default: the default one)")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(words) == 0 {
		fs.Usage()
		return exitUsage
	}
	path, err := build.NewCheck(ctx, *opts, strings.Join(words, " "), topics, *lang)
	if err != nil {
		return failure(stderr, err)
	}
	fmt.Fprintf(stdout, "created %s\nFill in the fields, then run: factpress check %s\n", path, path)
	return exitOK
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, opts := siteFlags("import", stderr)
	out := fs.String("o", "", "the check file to write, when the inputs hold one check (default content/checks/<slug>.md)")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(files) == 0 {
		fs.Usage()
		return exitUsage
	}
	res, err := build.ImportFiles(ctx, *opts, files, *out)
	if res != nil {
		_ = diag.Write(stderr, res.Diags, diag.Text, isTerminal(stderr))
		for _, p := range res.Written {
			fmt.Fprintf(stdout, "created %s\n", p)
		}
	}
	if err != nil {
		return failure(stderr, err)
	}
	if n := len(res.Written); n > 0 {
		fmt.Fprintf(stdout, "%s imported; factpress check flags every stub until it is filled\n", count(n, "check", "checks"))
	}
	if res.Failed() {
		fmt.Fprintf(stderr, "factpress import: %s could not be read (above); the others were imported\n", count(res.Diags.Errors(), "record", "records"))
		return exitFound
	}
	return exitOK
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, site := siteFlags("serve", stderr)
	opts := server.Options{Log: stderr}
	fs.BoolVar(&site.Drafts, "drafts", false, "include drafts")
	fs.IntVar(&opts.Port, "port", 1313, "port to listen on")
	fs.StringVar(&opts.Bind, "bind", "127.0.0.1", "address to listen on (loopback unless told otherwise)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	opts.Build = *site
	if _, err := os.Stat(filepath.Join(opts.Build.Source, "factpress.yaml")); err != nil {
		return failure(stderr, fmt.Errorf("%s: no factpress.yaml here; run serve in a site folder or pass --source", opts.Build.Source))
	}
	srv, err := server.Start(ctx, opts)
	if err != nil {
		return failure(stderr, err)
	}
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", opts.Build.Source, srv.URL())
	<-ctx.Done()
	srv.Wait()
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}

func runSnapshot(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, opts := siteFlags("snapshot", stderr)
	fs.BoolVar(&opts.Drafts, "drafts", false, "include drafts")
	out := fs.String("o", "archive.zip", "the zip file to write")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	res, err := build.Snapshot(ctx, *opts, *out)
	if err != nil {
		return failure(stderr, err)
	}
	_ = diag.Write(stderr, res.Diags, diag.Text, isTerminal(stderr))
	if res.Failed() {
		fmt.Fprintf(stderr, "factpress: snapshot stopped: %s; nothing was written\n", counts(res.Diags))
		return exitFound
	}
	fmt.Fprintf(stdout, "Wrote %s: %s, %s in %s/ with their %s\n", *out, count(len(res.Site.Checks), "check", "checks"), count(res.Stats.Files, "file", "files"), snapshot.Folder(res.Site.Config.Title, res.Site.Latest), snapshot.ManifestName)
	return exitOK
}

func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := commandNamed("verify")
	fs := newFlags(c.name, c.usage, stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	archive := fs.Arg(0)
	r, err := snapshot.VerifyContext(ctx, archive, snapshot.DefaultLimits())
	var refused *snapshot.RefusedError
	switch {
	case errors.Is(err, context.Canceled):
		// Ctrl-C or SIGTERM: the user knows why, and "context canceled" says it badly.
		fmt.Fprintf(stderr, "factpress: verify %s: interrupted\n", archive)
		return exitUsage
	case errors.As(err, &refused):
		// A zip bomb or an archive past the limits is a finding about the
		// archive, like a changed file, not a failure to run.
		fmt.Fprintf(stderr, "factpress: %v\n", err)
		return exitFound
	case err != nil:
		return failure(stderr, err)
	}
	for _, p := range r.Refused {
		fmt.Fprintf(stdout, "refused: %s\n", p)
	}
	for _, group := range []struct {
		what  string
		names []string
	}{{"changed", r.Changed}, {"missing", r.Missing}, {"added", r.Added}} {
		for _, n := range group.names {
			fmt.Fprintf(stdout, "%s: %s\n", group.what, n)
		}
	}
	if !r.OK() {
		fmt.Fprintf(stderr, "factpress: %s does not match its %s: %d refused, %d changed, %d missing, %d added\n", archive, snapshot.ManifestName, len(r.Refused), len(r.Changed), len(r.Missing), len(r.Added))
		return exitFound
	}
	if r.Files == 1 {
		fmt.Fprintf(stdout, "%s: its one file matches %s\n", archive, snapshot.ManifestName)
	} else {
		fmt.Fprintf(stdout, "%s: all %d files match %s\n", archive, r.Files, snapshot.ManifestName)
	}
	return exitOK
}

func commandNamed(name string) command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	panic("no command " + name)
}

func runInit(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := commandNamed("init")
	fs := newFlags(c.name, c.usage, stderr)
	var site scaffold.Site
	fs.StringVar(&site.Title, "title", "", fmt.Sprintf("the archive's name (default %q)", scaffold.DefaultTitle))
	fs.StringVar(&site.Organization, "organization", "", fmt.Sprintf("who publishes it, the ClaimReview author (default %q)", scaffold.DefaultOrganization))
	fs.StringVar(&site.Repository, "repository", "", "the archive's repository, e.g. github.com/org/archive (default none)")
	fs.StringVar(&site.BaseURL, "base-url", "", "where the site is published (default the repository's GitHub Pages address, https://org.github.io/archive/)")
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(dirs) != 1 {
		fs.Usage()
		return exitUsage
	}
	dir := dirs[0]
	if err := scaffold.Refused(dir); err != nil {
		return failure(stderr, err)
	}
	// Only a person is asked: a script or a CI job that leaves a flag out
	// gets its default rather than a prompt nobody answers.
	if scaffold.Interactive(os.Stdin) {
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		if err := scaffold.Ask(os.Stdin, stdout, &site, func(name string) bool { return given[name] }); err != nil {
			return failure(stderr, err)
		}
	}
	site.Version = scaffold.InstallVersion(version.Read().Version)
	res, err := scaffold.Create(dir, site, time.Now())
	if err != nil {
		return failure(stderr, err)
	}
	for _, w := range res.Written {
		fmt.Fprintf(stdout, "created %s\n", filepath.Join(dir, w))
	}
	for _, k := range res.Kept {
		fmt.Fprintf(stdout, "kept    %s: it was there already\n", filepath.Join(dir, k))
	}
	fmt.Fprintf(stdout, "\nNext:\n  cd %s\n  factpress serve    # preview at http://localhost:1313/\n", dir)
	fmt.Fprintln(stdout, "then push it to GitHub and choose Settings → Pages → Source: GitHub Actions;\nREADME.md says how.")
	return exitOK
}

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stdout, version.Read())
	return exitOK
}
