package server

import (
	"strings"
	"testing"

	"github.com/factpress/factpress/internal/testsite"
)

// TestServesEveryLanguage: serve answers each language's pages under its
// folder, and an address in a language's folder that is nothing gets that
// language's 404 page.
func TestServesEveryLanguage(t *testing.T) {
	srv := start(t, testsite.Write(t, testsite.Bilingual()))
	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{"", 200, `<html lang="en"`},
		{"fr/", 200, `<html lang="fr"`},
		{"fr/checks/prix-du-pain/", 200, `hreflang="en">English</a>`},
		{"checks/bread-prices/", 200, `hreflang="fr">Français</a>`},
		{"fr/nothing/", 404, `<html lang="fr"`},
		{"nothing/", 404, `<html lang="en"`},
	} {
		code, body := get(t, srv.URL()+tc.path)
		if code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("/%s: %d, want %d with %s", tc.path, code, tc.code, tc.want)
		}
	}
}
