package render

import (
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/factpress/factpress/internal/card"
	"github.com/factpress/factpress/internal/diag"
	"github.com/factpress/factpress/internal/site"
	"github.com/factpress/factpress/internal/urls"
)

// Share cards: every page names a picture for previews of a shared link
// (og:image), drawn at build time by package card. A check's shows its
// claim and verdict; a verdict's page shows the verdict's; every other
// page the site's. A card's file is named by the key of what it shows, so
// equal cards are one file and a card that did not change is not drawn
// again.

// cardsDir is the folder of the cards in the site, above every language's.
const cardsDir = "cards/"

// ShareCard is the picture a page is previewed with.
type ShareCard struct {
	Src    string // absolute URL; the path from the site's root when base_url names no host
	Alt    string
	Width  int
	Height int
}

// cardSet is the cards of one language's pages.
type cardSet struct {
	site     *ShareCard
	verdicts map[string]*ShareCard // by verdict key
	checks   map[string]*ShareCard // by the check's site path
	// The texts the fonts cannot draw, left off the cards: claims' checks
	// and every character missing, once each.
	leftOff []*site.Check
	missing []rune
}

func (cs *cardSet) forCheck(c *site.Check) *ShareCard {
	if sc, ok := cs.checks[c.Path]; ok {
		return sc
	}
	return cs.forVerdict(c.Verdict.Key)
}

func (cs *cardSet) forVerdict(key string) *ShareCard {
	if sc, ok := cs.verdicts[key]; ok {
		return sc
	}
	return cs.site
}

// loadFonts reads the theme's and the site's own fonts for the cards,
// from assets/fonts/.
func loadFonts(theme fs.FS) ([]card.Font, error) {
	var out []card.Font
	names, err := fs.Glob(theme, "assets/fonts/*")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if !card.IsFont(name) {
			continue
		}
		data, err := fs.ReadFile(theme, name)
		if err != nil {
			return nil, err
		}
		out = append(out, card.Font{Name: name, Data: data})
	}
	return out, nil
}

// localLogo is the organisation's logo when it is one of the site's
// assets, by its address: its path, less the site's own, is assets/…
// (and its host the site's, when base_url names one). name is its name
// in assets/.
func (r *Renderer) localLogo(root *urls.Maker, logo string) (name string, ok bool) {
	u, err := url.Parse(logo)
	if err != nil || logo == "" {
		return "", false
	}
	if root.HasHost() && !strings.EqualFold(u.Host, address(root.Host())) {
		return "", false
	}
	rest, ok := strings.CutPrefix(u.Path, root.Root(""))
	if !ok {
		return "", false
	}
	name, ok = strings.CutPrefix(rest, "assets/")
	if _, found := r.assets[name]; !ok || !found {
		return "", false
	}
	return name, true
}

// address is a URL without its scheme, as a card shows it:
// "org.github.io/archive/".
func address(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	return rest
}

// cards lays out the cards of one language: the site's, one for each
// verdict, and one for each check whose claim the fonts can draw. Each
// is added to the plan once, however many languages and pages show it.
func (pl *Plan) cards(p *part) *cardSet {
	r, s := p.r, p.site
	cfg := s.Config
	if r.cards == nil {
		return &cardSet{}
	}
	common := card.Card{Lang: cfg.Language, RTL: r.lang.Dir() == "rtl", Org: cmp.Or(cfg.Organization.Name, cfg.Title), Footer: cfg.Title}
	if pl.root.HasHost() {
		common.Footer = strings.TrimSuffix(address(pl.root.Abs("")), "/")
	}
	if name, ok := r.localLogo(pl.root, cfg.Organization.Logo); ok && card.IsLogo(name) {
		common.Logo = card.NewLogo("assets/"+name, r.assetFiles[r.assets[name]])
	}
	cs := &cardSet{verdicts: map[string]*ShareCard{}, checks: map[string]*ShareCard{}}
	note := func(s string) {
		for _, c := range r.cards.Missing(s) {
			if !slices.Contains(cs.missing, c) {
				cs.missing = append(cs.missing, c)
			}
		}
	}
	for _, s := range []string{cfg.Title, cfg.Description, common.Org, common.Footer} {
		note(s)
	}
	add := func(c card.Card, alt string) *ShareCard {
		key := r.cards.Key(c)
		sitePath := cardsDir + card.Name(key)
		if _, ok := pl.byPath[sitePath]; !ok {
			drawer := r.cards
			pl.add(&Output{Path: sitePath, drawn: true, key: key, data: func() ([]byte, error) { return drawer.Draw(c) }})
		}
		src := pl.root.Root(sitePath)
		if pl.root.HasHost() {
			src = pl.root.Abs(sitePath)
		}
		return &ShareCard{Src: src, Alt: alt, Width: card.Width, Height: card.Height}
	}
	sc := common
	sc.Kind, sc.Title, sc.Text = card.Site, cfg.Title, cfg.Description
	cs.site = add(sc, cfg.Title)
	for _, vd := range s.Verdicts {
		vc := common
		vc.Kind, vc.Label, vc.Colour, vc.Text = card.Verdict, vd.Label, vd.Colour, vd.Description
		note(vd.Label)
		note(vd.Description)
		cs.verdicts[vd.Key] = add(vc, vd.Label+" · "+common.Org)
	}
	for _, c := range s.Checks {
		claim := cmp.Or(c.Claim, c.Title)
		if claim == "" || !cfg.ClaimCards {
			continue
		}
		if !r.cards.Covers(claim) {
			note(claim)
			cs.leftOff = append(cs.leftOff, c)
			continue
		}
		cc := common
		cc.Kind, cc.Text, cc.Label, cc.Colour = card.Claim, claim, c.Verdict.Label, c.Verdict.Colour
		cs.checks[c.Path] = add(cc, c.Verdict.Label+": "+claim)
	}
	return cs
}

// dress gives the views of a language what they show of the site's
// pictures: its icon, its logo and its cards.
func (pl *Plan) dress(v *views, p *part) {
	r, logo := p.r, p.site.Config.Organization.Logo
	v.site.Favicon = r.favicon(pl.root, logo)
	if name, ok := r.localLogo(pl.root, logo); ok {
		v.site.Organization.LogoPath = r.assets[name]
	}
	v.cards = pl.cards(p)
}

// favicon is the site's icon: a favicon in its assets/ (SVG, PNG or ICO,
// the names browsers know, as the JSON Feed takes them), else the
// organisation's logo.
func (r *Renderer) favicon(root *urls.Maker, logo string) *Icon {
	for _, name := range []string{"favicon.svg", "favicon.png", "favicon.ico"} {
		if out, ok := r.assets[name]; ok {
			return &Icon{Path: out, Type: iconType(name)}
		}
	}
	if name, ok := r.localLogo(root, logo); ok {
		return &Icon{Path: r.assets[name], Type: iconType(name)}
	}
	if logo != "" {
		return &Icon{URL: logo, Type: iconType(logo)}
	}
	return nil
}

func iconType(name string) string {
	if u, err := url.Parse(name); err == nil {
		name = u.Path
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".ico":
		return "image/x-icon"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	}
	return ""
}

// findings warn of the texts the cards' fonts cannot draw, once for the
// language: on the first check whose claim was left off, or on
// factpress.yaml when only its names were.
func (cs *cardSet) findings(configFile string) diag.List {
	if len(cs.missing) == 0 {
		return nil
	}
	shown := cs.missing[:min(len(cs.missing), 8)]
	chars := make([]string, len(shown))
	for i, c := range shown {
		chars[i] = string(c)
	}
	list := strings.Join(chars, " ")
	if len(cs.missing) > len(shown) {
		list += fmt.Sprintf(" and %d more", len(cs.missing)-len(shown))
	}
	const fix = "put a font that has them in assets/fonts/ (an OpenType or TrueType file: Noto Sans SC for Chinese, Noto Sans JP for Japanese, Noto Sans Thai…)"
	if len(cs.leftOff) == 0 {
		return diag.List{diag.Warnf(configFile, 0, 0, "card-font", "the share cards' fonts cannot draw %s: the cards leave out the site's title, description or verdict labels that use them; %s", list, fix)}
	}
	first := cs.leftOff[0]
	pos := first.FieldPos("claim")
	if first.Claim == "" {
		pos = first.FieldPos("title")
	}
	what := "this check's claim is left off its card, which shows"
	if n := len(cs.leftOff); n > 1 {
		what = fmt.Sprintf("the claims of this check and %d more are left off their cards, which show", n-1)
	}
	return diag.List{diag.Warnf(first.Check.Path, pos.Line, pos.Col, "card-font", "the share cards' fonts cannot draw %s, so %s the verdict alone; %s", list, what, fix)}
}
