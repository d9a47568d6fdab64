package words

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestTokensInEveryScript holds the words of the index to those the search
// script finds in a query (assets/search.js has the same cases).
func TestTokensInEveryScript(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"¿Renunció la policía?", "renuncio la policia"},
		{"POLICIA policía Policía", "policia policia policia"},
		{"covid-19 vaccines", "covid 19 vaccines"},
		{"covid19 COVID-19 covid 19 Covid‑19", "covid 19 covid 19 covid 19 covid 19"},
		{"5G mp3 B12 1990s H1N1", "5 g mp 3 b 12 1990 s h 1 n 1"},
		{"snake_case __init__", "snake case init"},
		{"don't don’t O'Neill", "don't don't o'neill"},
		{"2,500 3.5 1.5.3 e.g. 10:30 a:b", "2,500 3.5 1.5.3 e g 10 30 a b"},
		{"twitter.com www.lead-stories.com U.S.", "twitter com www lead stories com u s"},
		{"هل اللقاحُ آمنٌ؟", "هل اللقاح امن"}, // harakat and the madda fold away
		{"कोविड19 टीका", "कोविड 19 टीका"},
		{"疫苗安全吗？", "疫苗 苗安 安全 全吗"},
		{"北京", "北京"},
		{"X 疫 Y", "x 疫 y"},
		{"スマートフォン", "スマートフォン"}, // Katakana words are words at their boundaries
		{"ΟΔΟΣ οδός", "οδοσ οδοσ"},
		{"", ""},
		{" \t\n", ""},
	} {
		if got := strings.Join(Tokens(tc.in), " "); got != tc.want {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// reference is Tokens without the ASCII fast path: uniseg over the whole text.
func reference(text string) []string { return uniWords(nil, text) }

var asciiCases = []string{
	"don't", "a'b'c", "'a'", "a''b", "1.5.3", "1..5", "a.1", "1.a", "a:b:c", "a::b", "10:30", "2,500,000", "1,a",
	"e.g.", ".net", "_a", "a_", "a__b", "1_2", "x_1y", "A1b2C3", "covid19's", "U.S.", "U.S.A", "3'4", "a;b", "1;2",
	"semi-colon;", "\"quoted\"", "(paren)", "a\x00b", "end.", "a.b.", "ab12cd34", "SNAKE_Case9", "tab\there", "cr\rlf\n",
	"multiple   spaces", "\v\fform", "@user #tag $5 100% a+b=c", "a/b\\c", "http://x.org/a-b?c=d&e_f=1",
}

func TestASCIIFastPathIsUniseg(t *testing.T) {
	for _, s := range asciiCases {
		if got, want := Tokens(s), reference(s); !slices.Equal(got, want) {
			t.Errorf("%q: fast path %q, uniseg %q", s, got, want)
		}
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range asciiCases {
		f.Add(s)
	}
	f.Add("café 19x naïve\u0301 疫苗 covid‑19 l’homme \u200d a\u0301b 1\u0301 ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Tokens(s), reference(s); !slices.Equal(got, want) {
			t.Errorf("%q: fast path %q, uniseg %q", s, got, want)
		}
		var tok Tokenizer
		if got, want := readCounts(tok.Count(s)), counted(s); got != want {
			t.Errorf("Count(%q) = %q, want %q", s, got, want)
		}
		readCounts(Counts(s)) // any bytes: no panic
	})
}

// counted is Count done the slow way: Tokens, each distinct one with its
// count, in the order they first occur.
func counted(text string) string {
	var order []string
	n := map[string]int{}
	for _, w := range Tokens(text) {
		if n[w] == 0 {
			order = append(order, w)
		}
		n[w]++
	}
	var b strings.Builder
	for _, w := range order {
		fmt.Fprintf(&b, "%s×%d ", w, n[w])
	}
	return b.String()
}

func readCounts(c Counts) string {
	var b strings.Builder
	c.Each(func(w string, n int) { fmt.Fprintf(&b, "%s×%d ", w, n) })
	return b.String()
}

func TestCountIsTokensCounted(t *testing.T) {
	var tok Tokenizer // one for every case: its buffers must not carry over
	for _, text := range append(slices.Clone(asciiCases), "the cat and the hat and THE bat", "policía policia Policía 疫苗安全吗", strings.Repeat("long ", 200)+"tail", "") {
		if got, want := readCounts(tok.Count(text)), counted(text); got != want {
			t.Errorf("Count(%q) = %q, want %q", text, got, want)
		}
	}
	if got := readCounts(tok.Count("a a b")); got != "a×2 b×1 " {
		t.Errorf("Count(a a b) = %q", got)
	}
	// What was not made by Count reads as far as it can, and no further.
	for bad, want := range map[Counts]string{"\x05ab": "", "\x01a": "", "\x01a\x80": "", "\x01a\x01\x05ab": "a×1 ",
		"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff": ""} {
		if got := readCounts(bad); got != want {
			t.Errorf("%q reads as %q, want %q", bad, got, want)
		}
	}
}
