package markdown

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func labels(d Document) string {
	var parts []string
	for _, c := range d.Citations {
		parts = append(parts, c.Label)
	}
	return strings.Join(parts, ",")
}

func TestCitationMarkers(t *testing.T) {
	conv := New(Options{})
	for _, tc := range []struct {
		name, src, want string
	}{
		{"simple", "a [1] b [12].", "1,12"},
		{"adjacent", "a [1][2] b", "1,2"},
		{"adjacent with definition", "a [1][2]\n\n[2]: https://x.org\n", "1,2"},
		{"shortcut with definition", "a [1]\n\n[1]: https://x.org\n", "1"},
		{"inline link", "a [3](https://x.org)", ""},
		{"full reference link", "a [text][4]\n\n[4]: https://x.org\n", ""},
		{"escaped", `a \[5] b`, ""},
		{"code span", "a `[6]` b", ""},
		{"code block", "```\n[7]\n```\n", ""},
		{"indented code", "    [8]\n", ""},
		{"zero", "a [0]", ""},
		{"leading zero", "a [01]", ""},
		{"spaces", "a [ 2 ]", ""},
		{"huge", "a [99999999999999999999999]", "99999999999999999999999"},
		{"in heading and list", "## H [1]\n\n- item [2]\n", "1,2"},
		{"in emphasis", "*a [3]* **b [4]**", "3,4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := conv.Convert([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := labels(d); got != tc.want {
				t.Errorf("citations %q, want %q\nhtml: %s", got, tc.want, d.HTML)
			}
		})
	}
}

func TestCitationRendering(t *testing.T) {
	d, err := New(Options{}).Convert([]byte("x [1] y [1] z [2]"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(d.HTML)
	for _, want := range []string{`id="cite-1-1"`, `id="cite-1-2"`, `id="cite-2-1"`, `href="#src-1"`, `href="#src-2"`, `<sup class="cite"`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in %s", want, html)
		}
	}
	if d.Citations[1].Occurrence != 2 || d.Citations[1].Offset != 8 {
		t.Errorf("second [1]: %+v", d.Citations[1])
	}
}

func TestRawHTMLOffByDefault(t *testing.T) {
	src := []byte("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> [a](javascript:alert(1))\n")
	d, _ := New(Options{}).Convert(src)
	for _, bad := range []string{"<script", "<img", "javascript:"} {
		if strings.Contains(string(d.HTML), bad) {
			t.Errorf("output contains %s: %s", bad, d.HTML)
		}
	}
	d, _ = New(Options{UnsafeHTML: true}).Convert(src)
	if !strings.Contains(string(d.HTML), "<script>") {
		t.Error("unsafe_html did not let raw HTML through")
	}
}

func TestRefDefsAndSummary(t *testing.T) {
	src := "First *para* [1] with `code` and \\[x].\n\nSecond.\n\n[3]: https://x.org\n[word]: https://y.org\n"
	d, _ := New(Options{}).Convert([]byte(src))
	if got, want := fmt.Sprint(d.NumericRefDefs), fmt.Sprintf("[{3 %d}]", strings.Index(src, "[3]")); got != want {
		t.Errorf("numeric ref defs = %s, want %s", got, want)
	}
	if d.FirstParagraph != "First para with code and [x]." {
		t.Errorf("first paragraph = %q", d.FirstParagraph)
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{"[1]", "[1][2]", "[a][1]\n\n[1]: x", "\\[1]", "`[1]`", "[99999999999999999999]", "[1](x)", "]][[1]]", "[1]: u\n[2]: v\n\n[1][2]", "[^1]", "[^1](x)", "[a [1]](x)", "## Sources\n\n## Sources"} {
		f.Add(s)
	}
	conv := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		d, err := conv.Convert([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range d.Citations {
			if c.Offset < 0 || c.Offset >= len(src) || src[c.Offset] != '[' {
				t.Fatalf("citation %+v does not point at a '['", c)
			}
		}
		for _, m := range d.FootnoteMarkers {
			if m.Offset < 0 || !strings.HasPrefix(src[m.Offset:], "[^"+m.Label+"]") {
				t.Fatalf("footnote marker %+v does not point at its [^N]", m)
			}
		}
		if d.LedeLen < 0 || d.LedeLen > len(d.HTML) || (d.LedeLen == 0) != (len(d.Lede) == 0) {
			t.Fatalf("lede of %d bytes, %q, in HTML of %d", d.LedeLen, d.Lede, len(d.HTML))
		}
	})
}

// idsOf lists the id of every heading in html, in order.
func idsOf(html string) []string {
	var ids []string
	for _, m := range headingIDRE.FindAllStringSubmatch(html, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

var headingIDRE = regexp.MustCompile(`<h[1-6] id="([^"]*)"`)

func TestHeadingIDs(t *testing.T) {
	conv := New(Options{})
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"sources", "## Sources\n", []string{"h-sources"}},
		{"main", "## Main\n", []string{"h-main"}},
		{"related", "## Related\n", []string{"h-related"}},
		{"every layout id", "# Questions\n\n## Corrections\n\n## Topics\n\n## Latest\n\n## Open\n\n## Distribution\n\n## Search form\n", []string{"h-questions", "h-corrections", "h-topics", "h-latest", "h-open", "h-distribution", "h-search-form"}},
		{"source and citation ids", "## src 1\n\n## Cite 1 1\n", []string{"h-src-1", "h-cite-1-1"}},
		{"same text twice", "## Sources\n\n## Sources\n\n## Sources\n", []string{"h-sources", "h-sources-1", "h-sources-2"}},
		{"same as a numbered one", "## A 1\n\n## A\n\n## A\n", []string{"h-a-1", "h-a", "h-a-2"}},
		{"setext", "Sources\n-------\n", []string{"h-sources"}},
		{"non-ASCII letters kept", "## Café à Paris\n\n## Миграция и ICE\n\n## 移民\n", []string{"h-café-à-paris", "h-миграция-и-ice", "h-移民"}},
		{"non-ASCII upper case", "## ÉTAT\n", []string{"h-état"}},
		{"nothing to keep", "## ???\n\n## !!!\n", []string{"h-heading", "h-heading-1"}},
		{"with a citation", "## What resigned [1]\n", []string{"h-what-resigned-1"}},
		{"attribute syntax is not parsed", "## Sources {#main}\n", []string{"h-sources-main"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := conv.Convert([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := idsOf(string(d.HTML)); !slices.Equal(got, tc.want) {
				t.Errorf("heading ids %q, want %q\nhtml: %s", got, tc.want, d.HTML)
			}
		})
	}
}

func TestCitationInLinkText(t *testing.T) {
	conv := New(Options{})
	for _, tc := range []struct {
		name, src, want, labels string
	}{
		{"in link text", "[see [2]](https://example.org)",
			`<p><a href="https://example.org">see <sup class="cite" id="cite-2-1">[2]</sup></a></p>`, "2"},
		{"the whole link text", "[[1]](https://example.org)",
			`<p><a href="https://example.org"><sup class="cite" id="cite-1-1">[1]</sup></a></p>`, "1"},
		{"in emphasis in link text", "[*see [3]*](https://example.org)",
			`<p><a href="https://example.org"><em>see <sup class="cite" id="cite-3-1">[3]</sup></em></a></p>`, "3"},
		{"reference link", "[see [1]][ref]\n\n[ref]: https://example.org\n",
			`<p><a href="https://example.org">see <sup class="cite" id="cite-1-1">[1]</sup></a></p>`, "1"},
		{"occurrences count on", "a [1] [see [1]](https://example.org) [1]",
			`<p>a <sup class="cite" id="cite-1-1"><a href="#src-1" aria-label="source 1">[1]</a></sup> <a href="https://example.org">see <sup class="cite" id="cite-1-2">[1]</sup></a> <sup class="cite" id="cite-1-3"><a href="#src-1" aria-label="source 1">[1]</a></sup></p>`, "1,1,1"},
		{"after the link", "[see](https://example.org) [4]",
			`<p><a href="https://example.org">see</a> <sup class="cite" id="cite-4-1"><a href="#src-4" aria-label="source 4">[4]</a></sup></p>`, "4"},
		{"autolink", "<https://example.org/[1]>",
			`<p><a href="https://example.org/%5B1%5D">https://example.org/[1]</a></p>`, ""},
		{"autolink then marker", "<https://example.org/> [1]",
			`<p><a href="https://example.org/">https://example.org/</a> <sup class="cite" id="cite-1-1"><a href="#src-1" aria-label="source 1">[1]</a></sup></p>`, "1"},
		{"email autolink then marker", "<a@example.org>[2]",
			`<p><a href="mailto:a@example.org">a@example.org</a><sup class="cite" id="cite-2-1"><a href="#src-2" aria-label="source 2">[2]</a></sup></p>`, "2"},
		{"link label is a marker", "[1](https://example.org)",
			`<p><a href="https://example.org">1</a></p>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := conv.Convert([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(string(d.HTML)); got != tc.want {
				t.Errorf("html\n %s\nwant\n %s", got, tc.want)
			}
			if got := labels(d); got != tc.labels {
				t.Errorf("citations %q, want %q", got, tc.labels)
			}
		})
	}
}

func TestFootnoteMarkers(t *testing.T) {
	conv := New(Options{})
	for _, tc := range []struct {
		name, src string
		want      []string // labels, in order
	}{
		{"one", "a [^1] b", []string{"1"}},
		{"several", "a [^1][^23]\n\nb [^4].", []string{"1", "23", "4"}},
		{"definition line", "a [^1]\n\n[^1]: The Guardian\n", []string{"1", "1"}},
		{"in link text", "[see [^2]](https://example.org)", []string{"2"}},
		{"in heading and list", "## H [^1]\n\n- item [^2]\n", []string{"1", "2"}},
		{"beside a citation", "a [1] [^1]", []string{"1"}},
		{"leading zero", "a [^01]", []string{"01"}},
		{"code span", "a `[^1]` b", nil},
		{"code block", "```\n[^1]\n```\n", nil},
		{"escaped", `a \[^1] b`, nil},
		{"a link of its own", "[^1](https://example.org)", nil},
		{"a defined reference", "a [^1]\n\n[^1]: https://example.org\n", nil},
		{"a full reference", "a [^1][r]\n\n[r]: https://example.org\n", nil},
		{"word label", "a [^note]", nil},
		{"empty", "a [^]", nil},
		{"citation", "a [1]", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := conv.Convert([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range d.FootnoteMarkers {
				got = append(got, m.Label)
				if !strings.HasPrefix(tc.src[m.Offset:], "[^"+m.Label+"]") {
					t.Errorf("marker %+v does not point at its [^%s]", m, m.Label)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("footnote markers %q, want %q\nhtml: %s", got, tc.want, d.HTML)
			}
		})
	}
}

func TestLede(t *testing.T) {
	conv := New(Options{})
	for _, tc := range []struct {
		name, src string
		lede      string // "" when none is lifted
	}{
		{"first paragraph", "We found nothing [1].\n\nMore.\n", `We found nothing <sup class="cite" id="cite-1-1"><a href="#src-1" aria-label="source 1">[1]</a></sup>.`},
		{"over two lines", "One line\nand another.\n\nMore.\n", "One line\nand another."},
		{"emphasis and link", "It is *not* [so](https://example.org).\n", `It is <em>not</em> <a href="https://example.org">so</a>.`},
		{"alone", "Only this.", "Only this."},
		{"after a heading", "## Findings\n\nText.\n", ""},
		{"after a list", "- a\n- b\n\nText.\n", ""},
		{"after a reference definition", "[r]: https://example.org\n\nText [x][r].\n", `Text <a href="https://example.org">x</a>.`},
		{"an image without text", "![](x.png)\n\nText.\n", ""},
		{"empty body", "", ""},
		{"only a heading", "# H\n", ""},
		{"code block first", "    code\n\nText.\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := conv.Convert([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(d.Lede); got != tc.lede {
				t.Errorf("lede %q, want %q", got, tc.lede)
			}
			if tc.lede == "" {
				if d.LedeLen != 0 {
					t.Errorf("LedeLen %d with no lede", d.LedeLen)
				}
				return
			}
			// The body without its lede is the rest of the document, the
			// lede's citation ids included nowhere else.
			lifted, rest := string(d.HTML[:d.LedeLen]), string(d.HTML[d.LedeLen:])
			if lifted != "<p>"+tc.lede+"</p>\n" {
				t.Errorf("HTML starts %q, want the lede's paragraph", lifted)
			}
			if strings.Contains(rest, tc.lede) || strings.Contains(rest, "cite-1-1") {
				t.Errorf("the rest repeats the lede: %q", rest)
			}
		})
	}
	d, err := New(Options{NoHTML: true}).Convert([]byte("Text.\n"))
	if err != nil || d.Lede != nil || d.LedeLen != 0 || d.FirstParagraph != "Text." {
		t.Errorf("without HTML: %+v, %v", d, err)
	}
}

func TestVisibleText(t *testing.T) {
	for _, tc := range []struct{ html, want string }{
		{`<p>One <em>two</em> th<strong>ree</strong>.</p><p>Four</p>`, "One two three. Four"},
		{`<h2 id="h">Head</h2><ul><li>a</li><li>b</li></ul>`, "Head a b"},
		{`<p>Said so<sup class="cite" id="cite-1-1"><a href="#src-1">[1]</a></sup>, twice<sup class="cite"><a>2</a></sup>.</p>`, "Said so, twice."},
		{`<p>x<sup>2</sup> &amp; &lt;y&gt; &#8217;</p>`, "x2 & <y> ’"},
		{`<script>var a = "hidden";</script><style>p{}</style><p>shown</p>`, "shown"},
		{`<p>unclosed <b>bold`, "unclosed bold"},
		{``, ""},
	} {
		if got := strings.Join(strings.Fields(VisibleText([]byte(tc.html))), " "); got != tc.want {
			t.Errorf("VisibleText(%q) = %q, want %q", tc.html, got, tc.want)
		}
	}
}
