package testsite

import (
	"os"
	"path/filepath"
	"testing"
)

// Check is the Markdown of a check with one source cited in its body.
func Check(title, claimant, topics, question, extra string) string {
	return "---\ntitle: \"" + title + "\"\nclaim: \"" + title + "\"\nclaimant: \"" + claimant + "\"\nverdict: \"false\"\ndate: 2026-01-17\ntopics: " + topics +
		"\n" + extra + "related:\n  - \"" + question + "\"\nsources:\n  - title: \"T\"\n    publisher: \"P\"\n    url: \"https://example.org/a\"\n---\n\nText [1].\n"
}

// Page is the Markdown of a plain page.
func Page(title, extra, body string) string {
	return "---\ntitle: \"" + title + "\"\n" + extra + "---\n\n" + body + "\n"
}

// Bilingual is an English and French archive: a translation linked by its
// file name, one linked by translation_key, a check and a page with no
// translation, and a translated plain page.
func Bilingual() map[string]string {
	return map[string]string{
		"factpress.yaml": `title: "Bilingual archive"
languages:
  - code: en
    name: English
  - code: fr
    name: Français
    title: "Archive bilingue"
    description: "Vérifications des faits, en français."
`,
		"content/checks/minneapolis-police.md":    Check("Did Minneapolis police join ICE raids?", "A city council member", "[policing]", "Who took part in the raids?", ""),
		"content/fr/checks/minneapolis-police.md": Check("La police de Minneapolis a-t-elle participé aux raids de l’ICE ?", "Un conseiller municipal", "[police]", "Qui a participé aux raids ?", ""),
		"content/checks/bread-prices.md":          Check("Did bread prices double?", "A Facebook page", "[economy]", "What does bread cost?", ""),
		"content/fr/checks/prix-du-pain.md":       Check("Le prix du pain a-t-il doublé ?", "Une page Facebook", "[économie]", "Combien coûte le pain ?", "translation_key: checks/bread-prices\n"),
		"content/checks/river.md":                 Check("Is the river safe to swim in?", "A mayor", "[environment]", "Is the water clean?", ""),
		"content/pages/methodology.md":            Page("Methodology", "", "How we check."),
		"content/fr/pages/methodologie.md":        Page("Méthodologie", "translation_key: pages/methodology\n", "Comment nous vérifions."),
	}
}

// Write writes files (path: contents) into a new folder and returns it.
func Write(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
