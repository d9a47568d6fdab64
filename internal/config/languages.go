package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Language is one language of a multilingual archive.
type Language struct {
	Code string `yaml:"code"` // BCP 47: "fr", "pt-br"
	Name string `yaml:"name"` // in its own language, for the switcher: "Français"
	// Title and Description replace the site's in this language.
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Default     bool   `yaml:"default"`
}

// languageCode is a BCP 47 tag as a folder can hold it: a language and
// optional subtags, lower case.
var languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// reservedFolders are the top folders of a site and of content/, which a
// language's folder would collide with.
var reservedFolders = []string{"checks", "pages", "topics", "verdicts", "claimants", "questions", "sources", "corrections", "search", "assets", "api", "schema", "authors"}

// finishLanguages checks languages: and sets Language to the default one.
// Each language's content is under content/<code>/, the default's at the
// top of content/ as in an archive of one language.
func (c *Config) finishLanguages(root *yaml.Node) error {
	if len(c.Languages) == 0 {
		return nil
	}
	line := 0
	if k := findKey(root, "languages"); k != nil {
		line = k.Line
	}
	seen := map[string]bool{}
	def := -1
	for i := range c.Languages {
		l := &c.Languages[i]
		l.Code = strings.ToLower(strings.TrimSpace(l.Code))
		switch {
		case l.Code == "":
			return &Error{File: FileName, Line: line, Msg: fmt.Sprintf("languages: language %d has no code", i+1)}
		case !languageCode.MatchString(l.Code):
			return &Error{File: FileName, Line: line, Msg: fmt.Sprintf("languages: %q is not a language code such as fr or pt-br", l.Code)}
		case slices.Contains(reservedFolders, l.Code):
			return &Error{File: FileName, Line: line, Msg: fmt.Sprintf("languages: %q is the name of a site folder", l.Code)}
		case seen[l.Code]:
			return &Error{File: FileName, Line: line, Msg: fmt.Sprintf("languages: %q is listed twice", l.Code)}
		}
		seen[l.Code] = true
		if l.Name == "" {
			l.Name = l.Code
		}
		if l.Default {
			if def >= 0 {
				return &Error{File: FileName, Line: line, Msg: fmt.Sprintf("languages: %q and %q are both the default; choose one", c.Languages[def].Code, l.Code)}
			}
			def = i
		}
	}
	if def < 0 {
		def = 0 // the first listed
	}
	if k := findKey(root, "language"); k != nil && c.Language != c.Languages[def].Code {
		return &Error{File: FileName, Line: k.Line, Msg: fmt.Sprintf("language %q is not the default of languages: (%q); leave language out", c.Language, c.Languages[def].Code)}
	}
	// The default first: it is the archive's language.
	c.Languages = append([]Language{c.Languages[def]}, slices.Delete(slices.Clone(c.Languages), def, def+1)...)
	c.Languages[0].Default = true
	c.Language = c.Languages[0].Code
	return nil
}

// Multilingual reports whether the archive has more than one language.
func (c *Config) Multilingual() bool { return len(c.Languages) > 1 }

// LanguageSite is the config of one language of the archive: the code, the
// title and description of that language, and where its files are.
func (c *Config) LanguageSite(l Language) *Config {
	out := *c
	out.Language = l.Code
	if l.Title != "" {
		out.Title = l.Title
	}
	if l.Description != "" {
		out.Description = l.Description
	}
	out.ContentDir = "content/"
	if !l.Default {
		out.ContentDir = "content/" + l.Code + "/"
	}
	return &out
}

// OutputPrefix is the folder of a language's pages in the built site: ""
// for the default language unless default_language_in_subdir, else
// "<code>/".
func (c *Config) OutputPrefix(l Language) string {
	if l.Default && !c.DefaultLanguageInSubdir {
		return ""
	}
	return l.Code + "/"
}

// LanguageOf is the language of a content file by its folder: content/fr/…
// is French when fr is one of the languages, anything else the default's.
func (c *Config) LanguageOf(rel string) Language {
	if len(c.Languages) == 0 {
		return Language{Code: c.Language, Default: true}
	}
	rest, ok := strings.CutPrefix(rel, "content/")
	if ok {
		if code, _, ok := strings.Cut(rest, "/"); ok {
			for _, l := range c.Languages[1:] {
				if l.Code == code {
					return l
				}
			}
		}
	}
	return c.Languages[0]
}
