// Package server serves a site from memory while it is edited: it watches the files, rebuilds what changed and reloads the browser.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/factpress/factpress/internal/build"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/render"
)

// Options says what to serve and where.
type Options struct {
	Build build.Options
	Bind  string // default 127.0.0.1
	Port  int    // default 1313; 0 picks a free port
	// Debounce is how long the files must stay quiet before a rebuild:
	// editors write a file in several steps.
	Debounce time.Duration
	Log      io.Writer
}

// Event is what the browser hears after a rebuild.
type Event struct {
	Kind  string            `json:"kind"` // "reload" or "diagnostics"
	Diags []diag.Diagnostic `json:"diagnostics,omitempty"`
}

// Server is a running serve session.
type Server struct {
	opts    Options
	session *build.Session
	ln      net.Listener
	http    *http.Server
	log     *log.Logger

	done    chan struct{}
	mu      sync.Mutex
	clients map[chan Event]bool
	last    Event // the state a new tab is told on connect
	// plan is the last good build's outputs; pages are rendered from it
	// when asked for, and kept by path with the key they were made from.
	plan     atomic.Pointer[current]
	renderMu sync.Mutex
	rendered map[string]renderedFile
	// Rebuilt receives the duration of each rebuild, from the first file
	// event to the reload sent; for tests and benchmarks. It never blocks.
	Rebuilt chan time.Duration
}

// Start builds the site, binds the port and serves until ctx ends.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Debounce == 0 {
		opts.Debounce = 20 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(opts.Bind, fmt.Sprint(opts.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("port %d on %s is already in use; stop the other server or choose another port with --port", opts.Port, opts.Bind)
		}
		return nil, err
	}
	addr := ln.Addr().(*net.TCPAddr)
	if !addr.IP.IsLoopback() {
		// Said once and first: whoever widened the bind should know what
		// it exposes before the build starts.
		what := "this site"
		if opts.Build.Drafts {
			what = "this site, drafts included,"
		}
		fmt.Fprintf(opts.Log, "factpress: warning: --bind %s is not a loopback address: %s can be read by anyone who can reach this machine over the network\n", opts.Bind, what)
	}
	opts.Build.BaseURL = fmt.Sprintf("http://%s/", net.JoinHostPort(opts.Bind, fmt.Sprint(addr.Port)))
	s := &Server{
		opts:     opts,
		session:  build.NewSession(opts.Build),
		ln:       ln,
		log:      log.New(opts.Log, "", 0),
		clients:  map[chan Event]bool{},
		rendered: map[string]renderedFile{},
		Rebuilt:  make(chan time.Duration, 64),
	}
	// Watch before the first build, so that a save during it is not lost.
	w, err := s.watch()
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.rebuild(ctx, nil, time.Now())
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.http.Serve(ln)
	looped := make(chan struct{})
	go func() {
		defer close(looped)
		s.loop(ctx, w)
	}()
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		<-ctx.Done()
		w.Close()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s.closeClients()
		s.http.Shutdown(shutdown)
		<-looped
		s.session.Wait() // the parse cache's last save, whole
	}()
	return s, nil
}

// Wait returns once the server has shut down after its context ended.
func (s *Server) Wait() { <-s.done }

// URL is where the site is served.
func (s *Server) URL() string { return s.opts.Build.BaseURL }

func (s *Server) rebuild(ctx context.Context, changed []string, since time.Time) {
	res, err := s.session.Rebuild(ctx, changed)
	var ev Event
	switch {
	case err != nil:
		ev = Event{Kind: "diagnostics", Diags: []diag.Diagnostic{diag.Errorf("", 0, 0, "build", "%v", err)}}
		s.log.Printf("factpress: %v", err)
	case res.Failed():
		ev = Event{Kind: "diagnostics", Diags: res.Diags}
		var b strings.Builder
		diag.Write(&b, res.Diags, diag.Text, false)
		s.log.Print(strings.TrimRight(b.String(), "\n"))
	default:
		gen := 1
		if old := s.plan.Load(); old != nil {
			gen = old.generation + 1
		}
		s.plan.Store(&current{res.Plan, gen})
		ev = Event{Kind: "reload"}
		s.log.Printf("rebuilt in %s", res.Elapsed.Round(time.Millisecond))
	}
	s.broadcast(ev)
	select {
	case s.Rebuilt <- time.Since(since):
	default:
	}
}

func (s *Server) broadcast(ev Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last = ev
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a stuck tab misses one event, not the server
		}
	}
}

func (s *Server) closeClients() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		close(c)
		delete(s.clients, c)
	}
}

// watched are the parts of a site whose changes trigger a rebuild.
var watched = []string{"content", "layouts", "assets", "i18n"}

func (s *Server) watch() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	root := s.opts.Build.Source
	if err := w.Add(root); err != nil { // for factpress.yaml
		w.Close()
		return nil, err
	}
	for _, dir := range watched {
		if err := addTree(w, filepath.Join(root, dir)); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

func addTree(w *fsnotify.Watcher, dir string) error {
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// relevant turns an event's path into a site path, or "" when the file
// does not matter (editor backups, swap files, other folders).
func (s *Server) relevant(name string) string {
	rel, err := filepath.Rel(s.opts.Build.Source, name)
	if err != nil {
		return ""
	}
	rel = filepath.ToSlash(rel)
	base := path.Base(rel)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasPrefix(base, "#") {
		return ""
	}
	if rel == "factpress.yaml" {
		return rel
	}
	for _, dir := range watched {
		if strings.HasPrefix(rel, dir+"/") {
			return rel
		}
	}
	return ""
}

// loop gathers bursts of events and rebuilds once they settle.
func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) {
	pending := map[string]bool{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			queue := func(rel string) {
				if len(pending) == 0 {
					first = time.Now()
				}
				pending[rel] = true
				timer.Reset(s.opts.Debounce)
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name) // a folder made after start
					// Files moved in with it raise no events of their own.
					filepath.WalkDir(ev.Name, func(p string, d os.DirEntry, err error) error {
						if err == nil && !d.IsDir() {
							if rel := s.relevant(p); rel != "" {
								queue(rel)
							}
						}
						return nil
					})
				}
			}
			if rel := s.relevant(ev.Name); rel != "" {
				queue(rel)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			s.log.Printf("factpress: watching: %v", err)
		case <-timer.C:
			changed := make([]string, 0, len(pending))
			for p := range pending {
				changed = append(changed, p)
			}
			pending = map[string]bool{}
			s.rebuild(ctx, changed, first)
		}
	}
}

// ServeHTTP serves the site from memory, the live-reload script and its
// event stream. Paths are looked up in memory only, so no request can reach
// a file outside the site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// A page of another origin can point its own name at 127.0.0.1 (DNS
	// rebinding) and then read this server as its own origin; the Host it
	// sends is still its name, so only the names of this machine pass.
	if !s.allowedHost(r.Host) {
		http.Error(w, fmt.Sprintf("factpress serve answers only requests for localhost, a loopback address or the address given to --bind, not for %q", r.Host), http.StatusForbidden)
		return
	}
	switch r.URL.Path {
	case "/__factpress/events":
		// The stream tells when and how the site breaks, so a page of
		// another origin may not listen to it whatever Host it reached.
		if origin := r.Header.Get("Origin"); origin != "" && !s.allowedOrigin(origin) {
			http.Error(w, fmt.Sprintf("factpress serve streams its events only to its own pages, not to %q", origin), http.StatusForbidden)
			return
		}
		s.events(w, r)
		return
	case "/__factpress/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadScript)
		return
	}
	p := r.URL.Path
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || strings.ContainsAny(seg, "\\\x00") {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
	}
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if strings.HasSuffix(r.URL.Path, "/") && p != "" {
		p += "/"
	}
	file := p
	if p == "" || strings.HasSuffix(p, "/") {
		file = p + "index.html"
	}
	cur := s.plan.Load()
	if cur == nil {
		http.Error(w, "the site has not built yet; see the terminal", http.StatusServiceUnavailable)
		return
	}
	plan := cur.plan
	status := http.StatusOK
	out, ok := plan.Lookup(file)
	if !ok {
		if _, dir := plan.Lookup(p + "/index.html"); dir {
			http.Redirect(w, r, "/"+p+"/", http.StatusMovedPermanently)
			return
		}
		status = http.StatusNotFound
		file = "404.html"
		// A language's own 404 page, under its folder, for its addresses.
		if first, _, ok := strings.Cut(p, "/"); ok {
			if _, ok := plan.Lookup(first + "/404.html"); ok {
				file = first + "/404.html"
			}
		}
		out, _ = plan.Lookup(file)
	}
	data, err := s.render(cur, out)
	if err != nil {
		s.log.Printf("factpress: %v", err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(file))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(file, ".html") {
		data = injectReload(data)
	}
	w.WriteHeader(status)
	w.Write(data)
}

// allowedHost reports whether a request's Host (with or without its port)
// names this machine: localhost, a loopback address, the address or name
// serve was bound to, or, bound to all interfaces, one of their addresses.
// An address is never the target of DNS rebinding; a name other than these
// may be.
func (s *Server) allowedHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else {
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	if host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") || strings.EqualFold(host, s.opts.Bind) {
		return true
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	if ip.IsLoopback() {
		return true
	}
	bound := net.ParseIP(s.opts.Bind)
	if bound == nil {
		return false
	}
	if bound.Equal(ip) {
		return true
	}
	if !bound.IsUnspecified() {
		return false
	}
	// Looked up on each request, since an interface may get its address
	// after serve started.
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return false
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// allowedOrigin applies the Host rule to an Origin header; "null" and
// anything that is not an http(s) URL fail it.
func (s *Server) allowedOrigin(origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	return s.allowedHost(u.Host)
}

// current is the plan of the last good build, numbered.
type current struct {
	plan       *render.Plan
	generation int
}

// renderedFile is an output as serve last rendered it.
type renderedFile struct {
	generation int        // for a file made whole: the plan it is right for
	key        render.Key // for a page: the key it was made from
	data       []byte
}

// render gives the bytes of an output of the current plan: a page is
// rendered again only when its key changed, any other file once per plan.
func (s *Server) render(cur *current, out *render.Output) ([]byte, error) {
	plan := cur.plan
	var key render.Key
	if out.Page() {
		var err error
		if key, err = plan.Key(out); err != nil {
			return nil, err
		}
	}
	s.renderMu.Lock()
	prev, ok := s.rendered[out.Path]
	s.renderMu.Unlock()
	if ok && (out.Page() && prev.key == key || !out.Page() && prev.generation == cur.generation) {
		return prev.data, nil
	}
	var buf bytes.Buffer
	data, err := plan.Bytes(out, &buf)
	if err != nil {
		return nil, err
	}
	data = bytes.Clone(data)
	s.renderMu.Lock()
	s.rendered[out.Path] = renderedFile{generation: cur.generation, key: key, data: data}
	s.renderMu.Unlock()
	return data, nil
}

// injectReload adds the live-reload script to a page; it is never part of
// what build writes.
func injectReload(page []byte) []byte {
	const tag = `<script src="/__factpress/reload.js"></script>`
	i := strings.LastIndex(string(page), "</body>")
	if i < 0 {
		return append(page[:len(page):len(page)], tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan Event, 4)
	s.mu.Lock()
	s.clients[c] = true
	last := s.last
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.clients[c] {
			delete(s.clients, c)
			close(c)
		}
		s.mu.Unlock()
	}()
	send := func(ev Event) {
		b, _ := json.Marshal(ev)
		fmt.Fprintf(w, "event: state\ndata: %s\n\n", b)
		flusher.Flush()
	}
	// A tab that connects while the site is broken shows the diagnostics at once.
	if last.Kind == "diagnostics" {
		send(last)
	} else {
		fmt.Fprint(w, ": connected\n\n")
		flusher.Flush()
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-c:
			if !ok {
				return
			}
			send(ev)
		}
	}
}
