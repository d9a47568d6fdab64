package validate

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/factpress/factpress/internal/config"
	"github.com/factpress/factpress/internal/content"
	"github.com/factpress/factpress/internal/diag"
)

// LanguageFiles are the files of one language of the archive, with the
// config of that language.
type LanguageFiles struct {
	Language config.Language
	Config   *config.Config
	Files    []*content.Check
}

// ByLanguage splits the files by language, the default first: one part,
// with cfg itself, for an archive in one language.
func ByLanguage(cfg *config.Config, files []*content.Check) []LanguageFiles {
	if !cfg.Multilingual() {
		return []LanguageFiles{{Language: cfg.LanguageOf(""), Config: cfg, Files: files}}
	}
	out := make([]LanguageFiles, len(cfg.Languages))
	index := map[string]int{}
	for i, l := range cfg.Languages {
		out[i] = LanguageFiles{Language: l, Config: cfg.LanguageSite(l)}
		index[l.Code] = i
	}
	for _, f := range files {
		i := index[cfg.LanguageOf(f.Path).Code]
		out[i].Files = append(out[i].Files, f)
	}
	return out
}

// Archives applies the rules across files to each language on its own
// (slugs and related checks are a language's), and the rules that link
// translations.
func Archives(cfg *config.Config, files []*content.Check, opts Options) diag.List {
	parts := ByLanguage(cfg, files)
	var out diag.List
	for _, p := range parts {
		out = append(out, Archive(p.Config, p.Files, opts)...)
	}
	out = append(out, translations(cfg, parts, opts)...)
	return append(out, languageFolders(cfg, files)...)
}

// languageFolders warns, once for each folder, of files in a folder of
// content/ named as a language is ("de", "pt") that is not one of the
// site's languages: they are checks of the default language, which is
// seldom what was meant.
func languageFolders(cfg *config.Config, files []*content.Check) diag.List {
	var out diag.List
	seen := map[string]bool{}
	for _, f := range files {
		if !cfg.LanguageOf(f.Path).Default {
			continue
		}
		folder, rest, ok := strings.Cut(strings.TrimPrefix(f.Path, "content/"), "/")
		if !ok || rest == "" || seen[folder] {
			continue
		}
		seen[folder] = true
		if !languageCode(folder) || folder == cfg.LanguageOf(f.Path).Code {
			continue
		}
		def := cfg.LanguageOf(f.Path).Code
		fix := "add it to languages: in factpress.yaml"
		if !cfg.Multilingual() {
			fix = fmt.Sprintf("list both in factpress.yaml (languages: [{code: %s, default: true}, {code: %s}])", def, folder)
		}
		out = append(out, diag.Warnf(f.Path, 1, 0, "language-folder", "content/%s/ is named as a language is, but %s is not one of the site's languages, so its files are checks in %s; to publish them in %s, %s", folder, folder, def, folder, fix))
	}
	return out
}

// languageCode reports whether a folder's name is an ISO 639 language
// code, as a language's folder is named: two or three lower-case letters.
func languageCode(name string) bool {
	if len(name) < 2 || len(name) > 3 || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz") != "" {
		return false
	}
	_, err := language.ParseBase(name)
	return err == nil
}

// translations reports a translation_key given twice in one language, and
// one that links to nothing in any other language (a typo, most often).
func translations(cfg *config.Config, parts []LanguageFiles, opts Options) diag.List {
	var out diag.List
	// keys[i] maps each key of language i to the file that has it.
	keys := make([]map[string]*content.Check, len(parts))
	for i, p := range parts {
		keys[i] = map[string]*content.Check{}
		for _, c := range p.Files {
			if !c.Parsed() || c.Draft && !opts.Drafts {
				continue
			}
			k := c.TranslationOf(p.Config.ContentDir)
			if other, ok := keys[i][k]; ok && c.TranslationKey != "" {
				pos := c.FieldPos("translation_key")
				out = append(out, diag.Errorf(c.Path, pos.Line, pos.Col, "translation-duplicate", "translation_key %q is also %s's, in the same language; each translation of a check is in another language", k, other.Path))
				continue
			}
			keys[i][k] = c
		}
	}
	for i, p := range parts {
		for _, c := range p.Files {
			if c.TranslationKey == "" || !c.Parsed() || c.Draft && !opts.Drafts {
				continue
			}
			pos := c.FieldPos("translation_key")
			if !cfg.Multilingual() {
				out = append(out, diag.Warnf(c.Path, pos.Line, pos.Col, "translation-unmatched", "translation_key %q links nothing: the archive has one language (add languages: to factpress.yaml)", c.TranslationKey))
				continue
			}
			found := false
			var others []string
			for j := range parts {
				if j == i {
					continue
				}
				others = append(others, parts[j].Config.ContentDir)
				if _, ok := keys[j][c.TranslationKey]; ok {
					found = true
				}
			}
			if !found {
				slices.Sort(others)
				out = append(out, diag.Warnf(c.Path, pos.Line, pos.Col, "translation-unmatched", "translation_key %q names no check or page in another language (%s); give the translation the same translation_key", c.TranslationKey, strings.Join(others, ", ")))
			}
		}
	}
	return out
}
