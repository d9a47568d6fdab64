package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/bidi"
	"github.com/factpress/factpress/internal/weburl"
)

func TestDefaultsAndOverrides(t *testing.T) {
	cfg, diags, err := Parse([]byte("title: T\nbase_url: https://org.github.io/archive\nsoruces: 1\norganization:\n  nmae: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != "https://org.github.io/archive/" || cfg.Paginate != 20 || len(cfg.Verdicts) != 7 {
		t.Errorf("cfg %+v", cfg)
	}
	if len(diags) != 2 || diags[0].Line != 3 || diags[1].Line != 5 || diags[0].Code != "unknown-field" {
		t.Errorf("diags %v", diags)
	}
	if _, ok := cfg.Verdict("mostly-false"); !ok {
		t.Error("default scale lacks mostly-false")
	}
}

func TestWrongTypesNameTheLine(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
	}{
		{"title: x\npaginate: lots\n", 2},
		{"title: x\nverdicts:\n  - key: a\n    rating: 9\n", 2},
		{"title: [x\n", 1},
		{"- a\n", 1},
	} {
		_, _, err := Parse([]byte(tc.src))
		var ce *Error
		if !errors.As(err, &ce) || ce.Line != tc.line || !strings.HasPrefix(err.Error(), "factpress.yaml:") {
			t.Errorf("%q: got %v, want factpress.yaml:%d", tc.src, err, tc.line)
		}
	}
}

// TestRefusedValues: a value that would reach readers unsafe or broken is
// an error on its line, and is not in the config; a doubtful text is kept
// without its bidi controls, with a warning.
func TestRefusedValues(t *testing.T) {
	const rlo = "\u202E"
	verdict := func(colour string) string {
		return "title: x\nverdicts:\n  - key: a\n    label: A\n    colour: " + colour + "\n"
	}
	for _, tc := range []struct {
		name string
		src  string
		want []string // line:col:severity:code
		got  func(c Config) string
		is   string // what got gives
	}{
		{"organization url javascript", "organization:\n  name: N\n  url: \"javascript:alert(1)\"\n", []string{"3:3:error:bad-url"}, func(c Config) string { return c.Organization.URL }, ""},
		{"organization logo javascript", "organization:\n  logo: \"javascript:alert(document.cookie)\"\n", []string{"2:3:error:bad-url"}, func(c Config) string { return c.Organization.Logo }, ""},
		{"organization logo data URL", "organization:\n  logo: \"data:image/svg+xml;base64,PHN2Zz4=\"\n", []string{"2:3:error:bad-url"}, func(c Config) string { return c.Organization.Logo }, ""},
		{"organization url relative", "organization:\n  url: /about/\n", []string{"2:3:error:bad-url"}, func(c Config) string { return c.Organization.URL }, ""},
		{"organization url bidi", "organization:\n  url: \"https://example.org/" + rlo + "gpj.exe\"\n", []string{"2:3:error:bad-url"}, func(c Config) string { return c.Organization.URL }, ""},
		{"organization url and logo good", "organization:\n  url: https://example.org/\n  logo: https://example.org/logo.png?v=2\n", nil, func(c Config) string { return c.Organization.URL + " " + c.Organization.Logo }, "https://example.org/ https://example.org/logo.png?v=2"},
		{"base_url query", "base_url: \"https://org.github.io/archive/?q=1\"\n", []string{"1:1:error:bad-url"}, func(c Config) string { return c.BaseURL }, "/"},
		{"base_url fragment", "title: x\nbase_url: \"https://org.github.io/archive/#f\"\n", []string{"2:1:error:bad-url"}, func(c Config) string { return c.BaseURL }, "/"},
		{"base_url ftp", "title: x\nbase_url: \"ftp://x\"\n", []string{"2:1:error:bad-url"}, func(c Config) string { return c.BaseURL }, "/"},
		{"base_url javascript", "base_url: \"javascript:alert(1)\"\n", []string{"1:1:error:bad-url"}, func(c Config) string { return c.BaseURL }, "/"},
		{"base_url without scheme", "base_url: \"//evil.example/\"\n", []string{"1:1:error:bad-url"}, func(c Config) string { return c.BaseURL }, "/"},
		{"base_url path", "base_url: /archive\n", []string{"1:1:warning:base-url-no-host"}, func(c Config) string { return c.BaseURL }, "/archive/"},
		{"repository javascript", "repository: \"javascript:alert(1)\"\n", []string{"1:1:error:bad-url"}, func(c Config) string { return c.Repository }, ""},
		{"repository with query", "repository: \"github.com/org/archive?x=1\"\n", []string{"1:1:error:bad-url"}, func(c Config) string { return c.Repository }, ""},
		{"repository good", "repository: https://github.com/org/archive\n", nil, func(c Config) string { return c.Repository }, "https://github.com/org/archive"},
		{"colour injection", verdict(`"red;background:url(x)"`), []string{"5:5:error:bad-colour"}, func(c Config) string { return c.Verdicts[0].Colour }, "#5b636d"},
		{"colour five digits", verdict(`"#12345"`), []string{"5:5:error:bad-colour"}, func(c Config) string { return c.Verdicts[0].Colour }, "#5b636d"},
		{"colour expression", verdict(`"expression(alert(1))"`), []string{"5:5:error:bad-colour"}, func(c Config) string { return c.Verdicts[0].Colour }, "#5b636d"},
		{"colour url", verdict(`"url(x)"`), []string{"5:5:error:bad-colour"}, func(c Config) string { return c.Verdicts[0].Colour }, "#5b636d"},
		{"colour hue in percent", verdict(`"hsl(50%, 50%, 50%)"`), []string{"5:5:error:bad-colour"}, func(c Config) string { return c.Verdicts[0].Colour }, "#5b636d"},
		{"colour two components", verdict(`"rgb(1, 2)"`), []string{"5:5:error:bad-colour"}, func(c Config) string { return c.Verdicts[0].Colour }, "#5b636d"},
		{"colour named", verdict("teal"), nil, func(c Config) string { return c.Verdicts[0].Colour }, "teal"},
		{"colour named in capitals", verdict("RebeccaPurple"), nil, func(c Config) string { return c.Verdicts[0].Colour }, "rebeccapurple"},
		{"colour short hex", verdict(`"#abc"`), nil, func(c Config) string { return c.Verdicts[0].Colour }, "#abc"},
		{"colour hex with alpha", verdict(`"#11223380"`), nil, func(c Config) string { return c.Verdicts[0].Colour }, "#11223380"},
		// rgb() and hsl() become hex: html/template lets no parenthesis
		// into a style attribute.
		{"colour rgb", verdict(`"rgb(255, 0, 10)"`), nil, func(c Config) string { return c.Verdicts[0].Colour }, "#ff000a"},
		{"colour rgba percent", verdict(`"rgba(100%, 0%, 0%, 0.5)"`), nil, func(c Config) string { return c.Verdicts[0].Colour }, "#ff000080"},
		{"colour rgb spaces", verdict(`"rgb(0 128 0 / 100%)"`), nil, func(c Config) string { return c.Verdicts[0].Colour }, "#008000"},
		{"colour hsl", verdict(`"hsl(120, 100%, 25%)"`), nil, func(c Config) string { return c.Verdicts[0].Colour }, "#008000"},
		{"colour hsla", verdict(`"hsla(0 100% 50% / 0)"`), nil, func(c Config) string { return c.Verdicts[0].Colour }, "#ff000000"},
		{"bidi title", "title: \"Facts " + rlo + "kcehc\"\n", []string{"1:1:warning:bidi-control"}, func(c Config) string { return c.Title }, "Facts kcehc"},
		{"bidi organization name", "organization:\n  name: \"" + rlo + "Org\"\n", []string{"2:3:warning:bidi-control"}, func(c Config) string { return c.Organization.Name }, "Org"},
		{"bidi topic description", "topics:\n  health:\n    title: Health\n    description: \"a\u2066b\"\n", []string{"4:5:warning:bidi-control"}, func(c Config) string { return c.Topics["health"].Description }, "ab"},
		{"bidi verdict label", "verdicts:\n  - key: a\n    label: \"" + rlo + "A\"\n", []string{"3:5:warning:bidi-control"}, func(c Config) string { return c.Verdicts[0].Label }, "A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, diags, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diags {
				if d.File != FileName {
					t.Errorf("diagnostic names %q", d.File)
				}
				got = append(got, fmt.Sprintf("%d:%d:%s:%s", d.Line, d.Column, d.Severity, d.Code))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v (%v)", got, tc.want, diags)
			}
			if v := tc.got(cfg); v != tc.is {
				t.Errorf("the config holds %q, want %q", v, tc.is)
			}
		})
	}
}

func TestNamedColours(t *testing.T) {
	names := strings.Fields(namedColours)
	slices.Sort(names)
	if n := len(slices.Compact(names)); n != 148 {
		t.Errorf("%d distinct names, want CSS's 148", n)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "title: x", "verdicts: [{key: a}]", "topics: {a: {title: b}}", "paginate: -1", "base_url: '::'"} {
		f.Add(s)
	}
	f.Add("organization: {url: 'javascript:x', logo: 'https://x.org/l.png'}\nverdicts: [{key: a, colour: 'rgb(1 2 3 / 50%)'}]")
	f.Fuzz(func(t *testing.T, src string) {
		cfg, _, err := Parse([]byte(src))
		if err != nil {
			return
		}
		// Whatever the file says, what the config holds is safe to publish.
		for _, u := range []string{cfg.Organization.URL, cfg.Organization.Logo} {
			if u != "" && !weburl.Valid(u) {
				t.Fatalf("the config holds the URL %q", u)
			}
		}
		for _, v := range cfg.Verdicts {
			if c, ok := cssColour(v.Colour); !ok || strings.ContainsAny(c, "();") {
				t.Fatalf("the config holds the colour %q", v.Colour)
			}
		}
		if strings.ContainsAny(cfg.BaseURL, "?#") || strings.ContainsFunc(cfg.Title, bidi.Reorders) {
			t.Fatalf("the config holds base_url %q, title %q", cfg.BaseURL, cfg.Title)
		}
	})
}
