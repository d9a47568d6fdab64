package render

import "testing"

// TestRepeats: a list gives the title alone when the claim says the same
// thing, and both when the claim adds or differs.
func TestRepeats(t *testing.T) {
	for _, tc := range []struct {
		lang, title, claim string
		want               bool
	}{
		{"en", "Is it true that 18-year-old man was recently killed by Trinamool Congress workers?", "18-year-old man was recently killed by Trinamool Congress workers", true},
		{"en", "Is it true that Donald Trump tweeted “THE NEXT 30 TO 60 DAYS WILL BE THE BIGGEST DRAINING OF THE SWAMP EVER”?", "Donald Trump tweeted “THE NEXT 30 TO 60 DAYS WILL BE THE BIGGEST DRAINING OF THE SWAMP EVER”", true},
		{"en", "Did the mayor ban cars?", "The mayor banned cars from the centre.", false}, // ban, banned: other words
		{"en", "Did the mayor ban cars?", "The mayor said she would ban cars", true},       // said, would: words every check uses
		{"en", "Is the bridge safe?", "The new bridge is unsafe and will fall within a year.", false},
		{"en", "Who pays for the bridge?", "Taxpayers pay for the bridge.", false},
		{"en", "Is it true that the claim is false?", "The claim is false", false}, // nothing weighed: only the very words repeat
		{"en", "Is it?", "Is it", true},
		{"en", "Is it?", "It is", false},
		{"en", "", "", false},
		{"es", "¿Es cierto que la policía detuvo a 50 personas en Madrid?", "La policía detuvo a 50 personas en Madrid", true},
		{"es", "¿Es cierto que la policía detuvo a 50 personas en Madrid?", "La policía liberó a los detenidos en Barcelona", false},
		{"fr", "Est-il vrai que le maire a interdit les voitures ?", "Le maire a interdit les voitures", true},
		{"ar", "هل صحيح أن الحكومة رفعت أسعار الخبز؟", "الحكومة رفعت أسعار الخبز", true},
		{"hi", "क्या यह सच है कि सरकार ने पेट्रोल की कीमत बढ़ाई?", "सरकार ने पेट्रोल की कीमत बढ़ाई", true},
		{"zh", "政府提高了面包价格吗？", "政府提高了面包价格", true},
		{"en", "Did 5G spread COVID-19?", "5G spread COVID-19 and the flu in 2020, killing thousands", false},
	} {
		if got := repeats(tc.lang, tc.title, tc.claim); got != tc.want {
			t.Errorf("repeats(%s, %q, %q) = %v, want %v", tc.lang, tc.title, tc.claim, got, tc.want)
		}
	}
}

func TestShortURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.example.org/": "example.org",
		"http://example.org/a?b=c": "example.org/a?b=c",
		"https://leadstories.com/hoax-alert/2020/10/fact-check-blm-antifa-member-did-not-kill-patriot-at-denver-protest.html": "leadstories.com/hoax-alert/2020/10/fact-check-blm-antifa-me…",
		"https://例え.jp/" + "ああああああああああああああああああああああああああああああああああああああああああああああああああああああああああああ":                                     "例え.jp/あああああああああああああああああああああああああああああああああああああああああああああああああああああ…",
		"no scheme": "no scheme",
	} {
		if got := shortURL(in); got != want {
			t.Errorf("shortURL(%q) = %q, want %q", in, got, want)
		}
	}
}
