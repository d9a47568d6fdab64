package markdown

import (
	"fmt"
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
	for _, s := range []string{"[1]", "[1][2]", "[a][1]\n\n[1]: x", "\\[1]", "`[1]`", "[99999999999999999999]", "[1](x)", "]][[1]]", "[1]: u\n[2]: v\n\n[1][2]"} {
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
	})
}
