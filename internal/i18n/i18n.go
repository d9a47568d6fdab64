// Package i18n gives the reader's words in the site's language: translation tables with CLDR plural rules (go-i18n), and dates in CLDR's forms (gohugoio/locales).
package i18n

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gohugoio/locales"
	"github.com/gohugoio/localescompressed"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/diag"
)

// Fallback is the language whose table is complete: a key missing in
// another language's table is shown in it.
const Fallback = "en"

// Tables are the translation tables of a theme and a site: the theme's
// i18n/<lang>.yaml files, each overridden key by key by the site's file of
// the same name, and the site's own languages.
type Tables struct {
	bundle *goi18n.Bundle
	keys   map[string]map[string]bool            // by language: the keys its tables give
	forms  map[string]map[string]*goi18n.Message // by language and key, the last table's
	files  map[string]string                     // by language: the file that names it, for diagnostics
	sum    [sha256.Size]byte                     // of every table read, in order
}

// Load reads i18n/*.yaml from each layer, the theme's first, so that a
// later layer's keys replace an earlier one's.
func Load(layers ...fs.FS) (*Tables, error) {
	t := &Tables{bundle: goi18n.NewBundle(language.English), keys: map[string]map[string]bool{}, forms: map[string]map[string]*goi18n.Message{}, files: map[string]string{}}
	t.bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	h := sha256.New()
	defer func() { h.Sum(t.sum[:0]) }()
	for _, layer := range layers {
		names, err := fs.Glob(layer, "i18n/*.yaml")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			data, err := fs.ReadFile(layer, name)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(h, "%s %d\n", name, len(data))
			h.Write(data)
			mf, err := t.bundle.ParseMessageFileBytes(data, name)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			lang := strings.TrimSuffix(path.Base(name), ".yaml")
			if t.keys[lang] == nil {
				t.keys[lang], t.forms[lang] = map[string]bool{}, map[string]*goi18n.Message{}
			}
			for _, m := range mf.Messages {
				t.keys[lang][m.ID] = true
				t.forms[lang][m.ID] = m
			}
			t.files[lang] = name
		}
	}
	if len(t.keys[Fallback]) == 0 {
		return nil, errors.New("i18n/" + Fallback + ".yaml: the theme has no English table, which every other language falls back to")
	}
	return t, nil
}

// Missing warns of each key of the English table that the table of lang
// lacks: the reader sees English there.
func (t *Tables) Missing(lang string) diag.List {
	base := baseLanguage(lang)
	if base == Fallback {
		return nil
	}
	file := t.files[lang]
	if file == "" {
		file = t.files[base]
	}
	if file == "" {
		return diag.List{diag.Warnf("i18n/"+lang+".yaml", 0, 0, "missing-translation", "there is no translation table for the language %q: the site's interface is in English; add i18n/%s.yaml", lang, lang)}
	}
	var out diag.List
	for _, key := range slices.Sorted(mapKeys(t.keys[Fallback])) {
		if !t.keys[lang][key] && !t.keys[base][key] {
			out = append(out, diag.Warnf(file, 0, 0, "missing-translation", "%q is not translated into %s; readers see the English", key, lang))
		}
	}
	return out
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func baseLanguage(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return base
}

// Language is one language of a site: its words, its dates, its direction.
// Safe for concurrent use.
type Language struct {
	Code  string
	forms []map[string]*goi18n.Message // the language's, then English
	loc   *goi18n.Localizer
	dates locales.Translator
	// Sum identifies the tables the words come from: pages made with other
	// words are other pages.
	Sum [sha256.Size]byte
	// said holds the texts of keys asked for alone or with a count, by
	// textKey: a layout asks for the same few on every page, and each
	// costs go-i18n a template's execution.
	said *sync.Map
}

// textKey is a text asked for by its key alone, or with a count.
type textKey struct {
	key   string
	count int
	// counted tells T("k", 0) from T("k").
	counted bool
}

// Language gives the site's words in lang, with English where its table
// lacks a key.
func (t *Tables) Language(lang string) *Language {
	if lang == "" {
		lang = Fallback
	}
	dates := localescompressed.GetTranslator(strings.ReplaceAll(lang, "-", "_"))
	if dates == nil {
		dates = localescompressed.GetTranslator(baseLanguage(lang))
	}
	if dates == nil {
		dates = localescompressed.GetTranslator(Fallback)
	}
	return &Language{Code: lang, said: &sync.Map{}, loc: goi18n.NewLocalizer(t.bundle, lang, Fallback), dates: dates, Sum: t.sum,
		forms: []map[string]*goi18n.Message{t.forms[lang], t.forms[baseLanguage(lang)], t.forms[Fallback]}}
}

// T is the text of key, with a count (a number: the plural form is chosen
// by CLDR's rules for the language, and the text's {{.Count}} shows it) or
// named values for the text's {{.Name}}s, given as name, value pairs.
func (l *Language) T(key string, args ...any) (string, error) {
	memo := textKey{key: key}
	if len(args) == 1 {
		n, ok := args[0].(int)
		memo.count, memo.counted = n, ok
	}
	if len(args) == 0 || memo.counted {
		if s, ok := l.said.Load(memo); ok {
			return s.(string), nil
		}
	}
	s, err := l.localize(key, args)
	if err == nil && (len(args) == 0 || memo.counted) {
		l.said.Store(memo, s)
	}
	return s, err
}

func (l *Language) localize(key string, args []any) (string, error) {
	cfg := &goi18n.LocalizeConfig{MessageID: key}
	data := map[string]any{}
	for i := 0; i < len(args); i++ {
		switch v := args[i].(type) {
		case int:
			if l.plural(key) {
				cfg.PluralCount = v
			}
			data["Count"] = v
		case string:
			if i+1 >= len(args) {
				return "", fmt.Errorf("T %q: %q has no value", key, v)
			}
			data[v] = args[i+1]
			i++
		default:
			return "", fmt.Errorf("T %q: give a count or name, value pairs, not %T", key, v)
		}
	}
	if len(data) > 0 {
		cfg.TemplateData = data
	}
	s, err := l.loc.Localize(cfg)
	if err != nil {
		var notFound *goi18n.MessageNotFoundErr
		if errors.As(err, &notFound) && s != "" {
			return s, nil // the English, which Missing has warned of
		}
		return "", fmt.Errorf("T %q: %w", key, err)
	}
	return s, nil
}

// plural reports whether key's text has plural forms; a count then
// chooses among them, else it only fills in {{.Count}}.
func (l *Language) plural(key string) bool {
	for _, byKey := range l.forms {
		if m := byKey[key]; m != nil {
			return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
		}
	}
	return false
}

// Form is one plural form of a text, as a script fills it in.
type Form struct {
	Category string // CLDR's: zero, one, two, few, many, other
	Text     string // {n} where the count goes, {q} where the query goes
}

// Forms gives every plural form of key, for a script that chooses among
// them with Intl.PluralRules: a page cannot count in advance.
func (l *Language) Forms(key string) []Form {
	for _, byKey := range l.forms {
		m := byKey[key]
		if m == nil {
			continue
		}
		var out []Form
		for _, f := range []struct{ category, text string }{{"zero", m.Zero}, {"one", m.One}, {"two", m.Two}, {"few", m.Few}, {"many", m.Many}, {"other", m.Other}} {
			if f.text != "" {
				out = append(out, Form{f.category, strings.NewReplacer("{{.Count}}", "{n}", "{{.Query}}", "{q}").Replace(f.text)})
			}
		}
		return out
	}
	return nil
}

// Date is a date as the language writes it in full ("17 de enero de
// 2026"); "" for the zero time.
func (l *Language) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return l.dates.FmtDateLong(t)
}

// Dir is the direction of the language's script: "rtl" or "ltr".
func (l *Language) Dir() string {
	switch baseLanguage(l.Code) {
	case "ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb":
		return "rtl"
	}
	return "ltr"
}
