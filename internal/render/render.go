// Package render turns the site model into pages, feeds and assets through the HTML layouts.
package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	mjson "github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"

	"github.com/factpress/factpress/internal/card"
	"github.com/factpress/factpress/internal/i18n"
	"github.com/factpress/factpress/internal/urls"
)

// pageKinds are the layouts every theme has, one per kind of page.
var pageKinds = []string{"home", "check", "list", "topics", "verdicts", "claimants", "authors", "questions", "question", "sources", "corrections", "search", "page", "404"}

// Renderer holds the parsed layouts and processed assets of a theme, for
// one base URL. It is safe for concurrent use.
type Renderer struct {
	// layouts are minified once, when parsed; source keeps them as written,
	// to run a failing page again and report the layout's own line.
	layouts map[string]*template.Template
	source  map[string]*template.Template
	urls    *urls.Maker
	min     *minify.M
	// assets maps an asset's name in the theme ("style.css") to its
	// fingerprinted site path ("assets/style.1a2b3c4d.css").
	assets     map[string]string
	assetFiles map[string][]byte
	// theme is the key of everything a page is made from besides its
	// view: the layouts, the assets and the links' base.
	theme Key
	// fragments holds the partials rendered by cached, by name and the key
	// of the value they were given; a new one with every Plan.
	fragments atomic.Pointer[sync.Map]
	noCache   bool
	lang      *i18n.Language
	// cards draws the share cards, with the embedded fonts and those of
	// the theme's assets/fonts/.
	cards *card.Drawer
}

// Options tunes a Renderer.
type Options struct {
	// NoCache renders every cached partial in full, every time: the
	// reference that caching must not change.
	NoCache bool
	// Language gives the words of the pages; nil for English as written
	// in the theme's tables.
	Language *i18n.Language
}

// New parses the theme's layouts once and minifies and fingerprints its
// assets. theme holds layouts/ and assets/ folders.
func New(theme fs.FS, u *urls.Maker, opts Options) (*Renderer, error) {
	r := &Renderer{layouts: map[string]*template.Template{}, source: map[string]*template.Template{}, urls: u,
		min: newMinifier(), assets: map[string]string{}, assetFiles: map[string][]byte{}, noCache: opts.NoCache, lang: opts.Language}
	if r.lang == nil {
		tables, err := i18n.Load(theme)
		if err != nil {
			return nil, err
		}
		r.lang = tables.Language(i18n.Fallback)
	}
	r.fragments.Store(&sync.Map{})
	if err := r.loadAssets(theme); err != nil {
		return nil, err
	}
	fonts, err := loadFonts(theme)
	if err != nil {
		return nil, err
	}
	if r.cards, err = card.New(fonts); err != nil {
		return nil, err
	}
	themeKey := sha256.New()
	fmt.Fprintf(themeKey, "%q %q %v %q %x\n", u.Abs(""), u.Root(""), u.Offline(), r.lang.Code, r.lang.Sum)
	for _, name := range slices.Sorted(maps.Keys(r.assets)) {
		fmt.Fprintf(themeKey, "%s %s\n", name, r.assets[name])
	}
	names := []string{"layouts/baseof.html"}
	partials, err := fs.Glob(theme, "layouts/partials/*.html")
	if err != nil {
		return nil, err
	}
	names = append(names, partials...)
	srcs := map[string]string{}
	for _, name := range append(slices.Clone(names), kindFiles()...) {
		src, err := fs.ReadFile(theme, name)
		if err != nil {
			return nil, fmt.Errorf("layout %s: %w", name, err)
		}
		srcs[name] = string(src)
		fmt.Fprintf(themeKey, "%s %d\n%s\n", name, len(src), src)
	}
	copy(r.theme[:], themeKey.Sum(nil))
	for _, minified := range []bool{false, true} {
		base := template.New("baseof.html").Funcs(r.funcs(minified))
		for _, name := range names {
			if err := r.parse(base, name, srcs[name], minified); err != nil {
				return nil, err
			}
		}
		for _, kind := range pageKinds {
			t, err := base.Clone()
			if err != nil {
				return nil, err
			}
			if err := r.parse(t, "layouts/"+kind+".html", srcs["layouts/"+kind+".html"], minified); err != nil {
				return nil, err
			}
			if minified {
				r.layouts[kind] = t
			} else {
				r.source[kind] = t
			}
		}
	}
	return r, nil
}

func kindFiles() []string {
	out := make([]string, len(pageKinds))
	for i, k := range pageKinds {
		out[i] = "layouts/" + k + ".html"
	}
	return out
}

// parse adds a layout to t, minified or as written. A layout's errors name
// its file and line as written: it is parsed as written first.
func (r *Renderer) parse(t *template.Template, name, src string, minified bool) error {
	tmplName := path.Base(name)
	if name == "layouts/baseof.html" {
		t = t.Lookup("baseof.html")
	} else {
		t = t.New(tmplName)
	}
	if minified {
		var out strings.Builder
		if err := newLayoutMinifier().Minify("text/html", &out, strings.NewReader(src)); err != nil {
			return fmt.Errorf("%s: minifying: %w", name, err)
		}
		src = out.String()
	}
	if _, err := t.Parse(src); err != nil {
		return fmt.Errorf("%s", strings.Replace(err.Error(), "template: "+tmplName, name, 1))
	}
	return nil
}

func newMinifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), mjson.Minify)
	return m
}

// newLayoutMinifier minifies layouts: only the HTML between actions.
// Scripts, styles and <pre> in a layout are kept as written, since actions
// inside them would not survive a JavaScript or CSS minifier.
func newLayoutMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true,
		KeepDefaultAttrVals: true, TemplateDelims: [2]string{"{{", "}}"}})
	return m
}

var fingerprinted = map[string]string{".css": "text/css", ".js": "application/javascript", ".svg": "image/svg+xml"}

func (r *Renderer) loadAssets(theme fs.FS) error {
	return fs.WalkDir(theme, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "assets/")
		out := "assets/" + name
		if mediaType, ok := fingerprinted[path.Ext(name)]; ok {
			if data, err = r.min.Bytes(mediaType, data); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			out = fingerprint(name, data)
		}
		r.assets[name] = out
		r.assetFiles[out] = data
		return nil
	})
}

// fingerprint is the site path of an asset with its content hash in the
// name, so that browsers may cache it forever.
func fingerprint(name string, data []byte) string {
	ext := path.Ext(name)
	sum := sha256.Sum256(data)
	return "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
}

// URLs is the link maker the pages are rendered with.
func (r *Renderer) URLs() *urls.Maker { return r.urls }

// funcs are the layouts' functions; cached looks up partials in the set
// they belong to, minified or as written.
func (r *Renderer) funcs(minified bool) template.FuncMap {
	set := r.source
	if minified {
		set = r.layouts
	}
	return template.FuncMap{
		// rel links to a site path from a page whose way up is root.
		"rel": r.urls.Link,
		// asset links to a theme asset by its name in assets/.
		"asset": func(root, name string) (string, error) {
			out, ok := r.assets[name]
			if !ok {
				return "", fmt.Errorf("asset %q is not in the theme's assets/", name)
			}
			return r.urls.Link(root, out), nil
		},
		// T is a text of the translation tables in the site's language.
		"T": r.lang.T,
		// cached renders a partial once for every distinct value it is
		// given: the partial sees that value and nothing else.
		"cached": func(name string, v any) (template.HTML, error) { return r.cached(set, name, v, !minified) },
		"add":    func(a, b int) int { return a + b },
		// seq is 1, 2, … n, to range over.
		"seq": func(n int) []int {
			out := make([]int, max(n, 0))
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict wants key, value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"list": func(v ...any) []any { return v },
		// json is a value as JSON, for data attributes and debugging.
		"json": func(v any) (string, error) {
			b, err := json.Marshal(v)
			return string(b), err
		},
	}
}

// fragmentKey is a partial and the value it was given: the value itself
// when it can be a map key (a pointer inside it then stands for a view that
// does not change while the plan lives, such as the one Site), else the
// hash of its content.
type fragmentKey struct {
	name  string
	value any
	key   Key
}

// cached executes the partial name with value v, or returns what an
// earlier call with an equal value made. The key is v's whole content, so a
// partial can show nothing that is not in it.
func (r *Renderer) cached(set map[string]*template.Template, name string, v any, full bool) (template.HTML, error) {
	t := set["home"].Lookup(name)
	if t == nil {
		return "", fmt.Errorf("cached: no partial %q", name)
	}
	if r.noCache || full {
		var b strings.Builder
		err := t.Execute(&b, v)
		return template.HTML(b.String()), err
	}
	key := fragmentKey{name: name}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		// A pointer given to a partial is its value: each page makes its
		// own, and equal ones must share a fragment.
		v = rv.Elem().Interface()
	}
	if v == nil || plainType(reflect.TypeOf(v)) {
		key.value = v
	} else {
		var err error
		if key.key, err = keyOf([]byte(name), v); err != nil {
			return "", fmt.Errorf("cached %q: %w", name, err)
		}
	}
	frags := r.fragments.Load()
	if h, ok := frags.Load(key); ok {
		return h.(template.HTML), nil
	}
	var b strings.Builder
	if err := t.Execute(&b, v); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	frags.Store(key, h)
	return h, nil
}

func (r *Renderer) pageKey(o *Output, view any) (Key, error) {
	var prefix [sha256.Size + 16]byte
	key, err := keyOf(append(append(prefix[:0], r.theme[:]...), o.Layout...), view)
	if err != nil {
		return Key{}, fmt.Errorf("%s: %w", o.Path, err)
	}
	return key, nil
}

func (r *Renderer) execute(o *Output, view any, buf *bytes.Buffer) ([]byte, error) {
	buf.Reset()
	if err := r.layouts[o.Layout].ExecuteTemplate(buf, "baseof.html", view); err != nil {
		// Again from the layouts as written, for their own lines.
		var scratch bytes.Buffer
		if again := r.source[o.Layout].ExecuteTemplate(&scratch, "baseof.html", view); again != nil {
			err = again
		}
		return nil, fmt.Errorf("%s: %s", o.Path, layoutError(err))
	}
	return buf.Bytes(), nil
}

// layoutError names the layout files in a template error ("template:
// check-item.html:3:5: …" becomes "layouts/partials/check-item.html:3:5: …"),
// the outer and any partial's within it.
func layoutError(err error) string {
	return templateName.ReplaceAllStringFunc(err.Error(), func(m string) string {
		name := strings.TrimSuffix(strings.TrimPrefix(m, "template: "), ":")
		if name != "baseof.html" && !slices.Contains(kindFiles(), "layouts/"+name) {
			name = "partials/" + name
		}
		return "layouts/" + name + ":"
	})
}

var templateName = regexp.MustCompile(`template: [^\s:"]+\.html:`)

// Writer receives the outputs of a render.
type Writer interface {
	// Unchanged reports whether the file at path was made from key
	// already, so that it need not be rendered again.
	Unchanged(path string, key Key) bool
	// WriteFile writes a file; data is reused once it returns.
	WriteFile(path string, key Key, data []byte) error
}

// Stats counts what a render did.
type Stats struct {
	Pages    int // HTML pages in the site
	Files    int // every file in the site
	Rendered int // outputs rendered, the others being unchanged
}

// render writes every output of the plan to w, on every core. progress,
// when not nil, is called with the number of outputs done so far.
func render(ctx context.Context, pl *Plan, w Writer, progress func(done int)) (Stats, error) {
	outputs, err := pl.Outputs()
	if err != nil {
		return Stats{}, err
	}
	var stats Stats
	stats.Files = len(outputs)
	for _, o := range outputs {
		if o.Page() {
			stats.Pages++
		}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		next     atomic.Int64
		rendered atomic.Int64
		done     atomic.Int64
		wg       sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer // one per worker: pages need not be allocated afresh
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(outputs) {
					return
				}
				if err := write(outputs[i], w, &buf, &rendered); err != nil {
					cancel(err)
					return
				}
				if progress != nil {
					progress(int(done.Add(1)))
				}
			}
		}()
	}
	wg.Wait()
	stats.Rendered = int(rendered.Load())
	return stats, context.Cause(ctx)
}

func write(o *Output, w Writer, buf *bytes.Buffer, rendered *atomic.Int64) error {
	var (
		key  Key
		data []byte
		err  error
	)
	if o.Page() {
		view, err := o.view()
		if err != nil {
			return fmt.Errorf("%s: %w", o.Path, err)
		}
		if key, err = o.r.pageKey(o, view); err != nil {
			return err
		}
		if w.Unchanged(o.Path, key) {
			return nil
		}
		if data, err = o.r.execute(o, view, buf); err != nil {
			return err
		}
	} else if o.drawn {
		// A picture's key is what it shows: one unchanged is not drawn.
		key = o.key
		if w.Unchanged(o.Path, key) {
			return nil
		}
		if data, err = o.data(); err != nil {
			return fmt.Errorf("%s: %w", o.Path, err)
		}
	} else {
		if data, err = o.data(); err != nil {
			return fmt.Errorf("%s: %w", o.Path, err)
		}
		key = sha256.Sum256(data)
	}
	rendered.Add(1)
	if err := w.WriteFile(o.Path, key, data); err != nil {
		return fmt.Errorf("%s: %w", o.Path, err)
	}
	return nil
}

// Fresh starts a new cache of partials, for a new model: the old one's
// fragments would only take memory.
func (r *Renderer) Fresh() { r.fragments.Store(&sync.Map{}) }
