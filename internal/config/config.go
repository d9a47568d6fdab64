// Package config loads a site's factpress.yaml and supplies the defaults, the verdict scale among them.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/yamlx"
)

// FileName is the name of a site's configuration file.
const FileName = "factpress.yaml"

// Verdict is one step of the verdict scale.
type Verdict struct {
	Key         string `yaml:"key" json:"key"`
	Label       string `yaml:"label" json:"label"`
	Description string `yaml:"description" json:"description"`
	// Rating is 1 (worst) to 5 (best) for ClaimReview; 0 when the verdict is
	// not on a truth scale (misleading, unsupported).
	Rating int    `yaml:"rating" json:"rating,omitempty"`
	Colour string `yaml:"colour" json:"colour"`
}

// Organization publishes the archive: the ClaimReview author.
type Organization struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
	Logo string `yaml:"logo"`
}

// Topic gives a topic slug a title and a description.
type Topic struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

// Config is a loaded factpress.yaml with defaults applied.
type Config struct {
	Title          string       `yaml:"title"`
	BaseURL        string       `yaml:"base_url"`
	Language       string       `yaml:"language"`
	Description    string       `yaml:"description"`
	Organization   Organization `yaml:"organization"`
	RequireArchive bool         `yaml:"require_archive"`
	Repository     string       `yaml:"repository"`
	Branch         string       `yaml:"branch"`
	Permalinks     string       `yaml:"permalinks"`
	Paginate       int          `yaml:"paginate"`
	// ClaimCards draws a share card for each check, with its claim; when
	// false, a check's page shows its verdict's card, which a large
	// archive's first build draws far fewer of.
	ClaimCards bool             `yaml:"claim_cards"`
	Verdicts   []Verdict        `yaml:"verdicts"`
	Topics     map[string]Topic `yaml:"topics"`
	Params     map[string]any   `yaml:"params"`
	// Authors describe the checks' authors, by the slug of their name.
	Authors map[string]Author `yaml:"authors"`
	// DefaultScale tells that Verdicts is the default scale, whose labels
	// and definitions the translation tables give in the site's language.
	DefaultScale bool `yaml:"-"`
	// KeepDiacritics keeps the diacritics of Latin letters in the slugs
	// made from file names, topics and claimants (josé-pérez, not
	// jose-perez).
	KeepDiacritics bool `yaml:"keep_diacritics"`
	// UnsafeHTML lets raw HTML in Markdown through to the pages.
	UnsafeHTML bool `yaml:"unsafe_html"`
	// RatingMap maps a textual rating of an imported ClaimReview, in lower
	// case, to a verdict key; RatingVerdict looks in it before the default.
	RatingMap map[string]string `yaml:"rating_map"`
	// Languages are the archive's languages, the default first; empty for
	// an archive in one language.
	Languages []Language `yaml:"languages"`
	// DefaultLanguageInSubdir puts the default language's pages under
	// /<code>/ like the others', with a page at the root that leads there.
	DefaultLanguageInSubdir bool `yaml:"default_language_in_subdir"`
	// Claimants join the spellings of a claimant under one page, by key
	// (see Claimant).
	Claimants map[string]Claimant `yaml:"claimants"`
	// ClaimantType is what a claimant is when a check does not say
	// (claimant_type): "person" or "organization"; "" for person.
	ClaimantType string `yaml:"claimant_type"`
	// ContentDir is the folder of this language's content files:
	// "content/", or "content/fr/" for a language other than the default.
	ContentDir string `yaml:"-"`
}

// DefaultVerdicts is the scale a site gets when its config names none.
func DefaultVerdicts() []Verdict {
	return []Verdict{
		{Key: "true", Label: "True", Rating: 5, Colour: "#1a7f37", Description: "The claim is accurate and nothing significant is missing."},
		{Key: "mostly-true", Label: "Mostly true", Rating: 4, Colour: "#3f7a12", Description: "The claim is accurate but needs clarification or additional information."},
		{Key: "mixed", Label: "Mixed", Rating: 3, Colour: "#8a6100", Description: "The claim is partly accurate and partly inaccurate."},
		{Key: "mostly-false", Label: "Mostly false", Rating: 2, Colour: "#b0470a", Description: "The claim has an element of truth but ignores facts that would give a different impression."},
		{Key: "false", Label: "False", Rating: 1, Colour: "#c4232d", Description: "The claim is inaccurate."},
		{Key: "misleading", Label: "Misleading", Colour: "#7a44c9", Description: "The claim uses accurate facts in a way that leaves a false impression."},
		{Key: "unsupported", Label: "Unsupported", Colour: "#5b636d", Description: "No credible evidence supports the claim, and none was offered."},
	}
}

// Default is the configuration of a site with an empty factpress.yaml.
func Default() Config {
	return Config{
		Title:        "Fact-check archive",
		BaseURL:      "/",
		Language:     "en",
		Permalinks:   "/checks/:slug/",
		Paginate:     20,
		ClaimCards:   true,
		Branch:       "main",
		ContentDir:   "content/",
		Verdicts:     DefaultVerdicts(),
		DefaultScale: true,
	}
}

// Verdict returns the scale step with the given key.
func (c *Config) Verdict(key string) (Verdict, bool) {
	for _, v := range c.Verdicts {
		if v.Key == key {
			return v, true
		}
	}
	return Verdict{}, false
}

// VerdictKeys lists the keys of the verdict scale, in order.
func (c *Config) VerdictKeys() []string {
	keys := make([]string, len(c.Verdicts))
	for i, v := range c.Verdicts {
		keys[i] = v.Key
	}
	return keys
}

// Error is a configuration that cannot be used; it names the file and line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

var knownKeys = map[string][]string{
	"":             {"title", "base_url", "language", "description", "organization", "require_archive", "repository", "branch", "permalinks", "paginate", "verdicts", "topics", "params", "unsafe_html", "keep_diacritics", "rating_map", "languages", "default_language_in_subdir", "authors", "claimant_type", "claimants", "claim_cards"},
	"authors":      {"name", "bio", "url"},
	"claimants":    {"name", "aliases"},
	"languages":    {"code", "name", "title", "description", "default"},
	"organization": {"name", "url", "logo"},
	"verdicts":     {"key", "label", "description", "rating", "colour"},
	"topics":       {"title", "description"},
}

// Load reads dir/factpress.yaml. Findings about values (unknown keys,
// refused URLs and colours) come back as diagnostics, and a refused value is
// not in the Config; a file that cannot be used is an *Error.
func Load(dir string) (Config, diag.List, error) {
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Config{}, nil, &Error{File: FileName, Msg: "not found: a site folder needs a factpress.yaml (create one with `factpress init`)"}
		}
		return Config{}, nil, &Error{File: FileName, Msg: err.Error()}
	}
	return Parse(data)
}

// Parse reads the bytes of a factpress.yaml.
func Parse(data []byte) (Config, diag.List, error) {
	cfg := Default()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return cfg, nil, firstError(err)
	}
	root := yamlx.Document(&doc)
	if root == nil {
		return cfg, nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return cfg, nil, &Error{File: FileName, Line: root.Line, Msg: "expected key: value lines at the top level"}
	}
	var diags diag.List
	yamlx.DropDuplicateKeys(root, func(dup *yaml.Node, first int) {
		diags = append(diags, diag.Warnf(FileName, dup.Line, dup.Column, "duplicate-key", "%q is already set on line %d; this later value is ignored", dup.Value, first))
	})
	diags = append(diags, unknownKeys(root)...)
	// Verdicts given in the config replace the default scale entirely.
	cfg.Verdicts = nil
	if err := root.Decode(&cfg); err != nil {
		return cfg, diags, firstError(err)
	}
	if findKey(root, "verdicts") == nil {
		cfg.Verdicts, cfg.DefaultScale = DefaultVerdicts(), true
	}
	diags = append(diags, cfg.screen(root)...)
	if err := cfg.finish(root); err != nil {
		return cfg, diags, err
	}
	return cfg, diags, nil
}

func firstError(err error) error {
	errs := yamlx.Errors(err)
	if len(errs) == 0 {
		return &Error{File: FileName, Msg: err.Error()}
	}
	line := errs[0].Line
	if line == 0 {
		line = 1
	}
	return &Error{File: FileName, Line: line, Msg: errs[0].Msg}
}

func findKey(m *yaml.Node, name string) *yaml.Node {
	for _, k := range yamlx.Keys(m) {
		if k.Name == name {
			return k.Key
		}
	}
	return nil
}

func unknownKeys(root *yaml.Node) diag.List {
	var out diag.List
	check := func(section string, m *yaml.Node) {
		allowed := knownKeys[section]
		for _, k := range yamlx.Keys(m) {
			if !contains(allowed, k.Name) {
				where := "in factpress.yaml"
				if section != "" {
					where = "in " + section
				}
				out = append(out, diag.Warnf(FileName, k.Key.Line, k.Key.Column, "unknown-field", "unknown key %q %s; known keys: %s", k.Name, where, strings.Join(allowed, ", ")))
			}
		}
	}
	check("", root)
	for _, k := range yamlx.Keys(root) {
		switch k.Name {
		case "organization":
			check("organization", k.Value)
		case "verdicts":
			if k.Value.Kind == yaml.SequenceNode {
				for _, item := range k.Value.Content {
					check("verdicts", item)
				}
			}
		case "topics", "authors", "claimants":
			// Each entry is a mapping of the section's keys (an author or
			// a claimant may be a name alone, which has none).
			for _, t := range yamlx.Keys(k.Value) {
				check(k.Name, t.Value)
			}
		case "languages":
			if k.Value.Kind == yaml.SequenceNode {
				for _, item := range k.Value.Content {
					check("languages", item)
				}
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// finish checks values that decode but cannot be used, and fills defaults.
func (c *Config) finish(root *yaml.Node) error {
	lineOf := func(key string) int {
		if k := findKey(root, key); k != nil {
			return k.Line
		}
		return 0
	}
	if c.BaseURL == "" { // not given, or refused by screen
		c.BaseURL = "/"
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.Paginate <= 0 {
		if k := findKey(root, "paginate"); k != nil {
			return &Error{File: FileName, Line: k.Line, Msg: "paginate must be a positive number"}
		}
		c.Paginate = 20
	}
	if c.Permalinks == "" {
		c.Permalinks = "/checks/:slug/"
	}
	if !strings.Contains(c.Permalinks, ":slug") {
		return &Error{File: FileName, Line: lineOf("permalinks"), Msg: fmt.Sprintf("permalinks %q must contain :slug", c.Permalinks)}
	}
	if c.Language == "" {
		c.Language = "en"
	}
	if c.Branch == "" {
		c.Branch = "main"
	}
	if err := c.finishLanguages(root); err != nil {
		return err
	}
	seen := map[string]bool{}
	verdictsLine := lineOf("verdicts")
	for i := range c.Verdicts {
		v := &c.Verdicts[i]
		if v.Key == "" {
			return &Error{File: FileName, Line: verdictsLine, Msg: fmt.Sprintf("verdict %d has no key", i+1)}
		}
		if seen[v.Key] {
			return &Error{File: FileName, Line: verdictsLine, Msg: fmt.Sprintf("verdict %q is listed twice", v.Key)}
		}
		seen[v.Key] = true
		if v.Rating < 0 || v.Rating > 5 {
			return &Error{File: FileName, Line: verdictsLine, Msg: fmt.Sprintf("verdict %q: rating must be 1 to 5, or left out", v.Key)}
		}
		if v.Label == "" {
			v.Label = v.Key
		}
		if v.Colour == "" { // not given, or refused by screen
			v.Colour = "#5b636d"
		}
	}
	if len(c.Verdicts) == 0 {
		return &Error{File: FileName, Line: verdictsLine, Msg: "the verdict scale is empty"}
	}
	return c.normalizeRatingMap(lineOf("rating_map"))
}

// defaultRatings are the textual ratings that fact-checkers publish most
// often, in English and Spanish, by the key of the default scale they mean.
// A site's rating_map comes first; an entry here whose key is not in the
// site's scale is not used.
var defaultRatings = map[string][]string{
	"true":         {"true", "correct", "accurate", "verdadero", "verdadera", "cierto", "cierta", "correcto", "geppetto checkmark"},
	"mostly-true":  {"mostly true", "mostly correct", "mayormente verdadero", "mayormente verdadera", "mayormente cierto", "one pinocchio"},
	"mixed":        {"half true", "mixed", "mixture", "partly true", "partly false", "half-true", "medio verdadero", "mixto", "verdad a medias", "a medias", "parcialmente verdadero", "parcialmente falso", "two pinocchios"},
	"mostly-false": {"mostly false", "mayormente falso", "mayormente falsa", "three pinocchios"},
	"false":        {"false", "fake", "incorrect", "pants on fire", "four pinocchios", "fabricated", "falso", "falsa", "bulo"},
	"misleading":   {"misleading", "missing context", "lacks context", "needs context", "out of context", "engañoso", "engañosa", "sin contexto", "fuera de contexto", "descontextualizado"},
	"unsupported":  {"unproven", "unsupported", "unverified", "unsubstantiated", "no evidence", "inconclusive", "sin evidencia", "sin pruebas", "no hay pruebas", "no verificado", "inconcluso"},
}

// NormalizeRating is the form in which two textual ratings are the same:
// lower case, spaces collapsed, trailing full stops and exclamation marks
// dropped ("Pants on Fire!" is "pants on fire").
func NormalizeRating(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	return strings.TrimRight(s, ".!¡ ")
}

// normalizeRatingMap writes rating_map's keys as NormalizeRating does, and
// refuses two keys that say the same rating with different verdicts, which
// would make an import depend on the order of a map.
func (c *Config) normalizeRatingMap(line int) error {
	if len(c.RatingMap) == 0 {
		return nil
	}
	out := make(map[string]string, len(c.RatingMap))
	for raw, verdict := range c.RatingMap {
		k := NormalizeRating(raw)
		if k == "" {
			return &Error{File: FileName, Line: line, Msg: fmt.Sprintf("rating_map: the rating %q is empty", raw)}
		}
		if prev, ok := out[k]; ok && prev != verdict {
			return &Error{File: FileName, Line: line, Msg: fmt.Sprintf("rating_map: %q is given twice, as %q and %q", k, prev, verdict)}
		}
		out[k] = verdict
	}
	c.RatingMap = out
	return nil
}

// RatingVerdict is the verdict key that a textual rating means on this
// site: rating_map's, else the default map's when that key is in the
// scale. The key from rating_map is returned even when the scale lacks it,
// so that the writer sees the mistake.
func (c *Config) RatingVerdict(rating string) (string, bool) {
	k := NormalizeRating(rating)
	if k == "" {
		return "", false
	}
	if v, ok := c.RatingMap[k]; ok {
		return v, true
	}
	for verdict, ratings := range defaultRatings {
		if contains(ratings, k) {
			if _, ok := c.Verdict(verdict); ok {
				return verdict, true
			}
			return "", false
		}
	}
	return "", false
}
