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
// file name (both written by one author), one linked by translation_key,
// a check and a page with no translation, and a translated plain page.
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
		"content/checks/minneapolis-police.md":    Check("Did Minneapolis police join ICE raids?", "A city council member", "[policing]", "Who took part in the raids?", "authors: [\"Ana Lee\"]\n"),
		"content/fr/checks/minneapolis-police.md": Check("La police de Minneapolis a-t-elle participé aux raids de l’ICE ?", "Un conseiller municipal", "[police]", "Qui a participé aux raids ?", "authors: [\"Ana Lee\"]\n"),
		"content/checks/bread-prices.md":          Check("Did bread prices double?", "A Facebook page", "[economy]", "What does bread cost?", ""),
		"content/fr/checks/prix-du-pain.md":       Check("Le prix du pain a-t-il doublé ?", "Une page Facebook", "[économie]", "Combien coûte le pain ?", "translation_key: checks/bread-prices\n"),
		"content/checks/river.md":                 Check("Is the river safe to swim in?", "A mayor", "[environment]", "Is the water clean?", ""),
		"content/pages/methodology.md":            Page("Methodology", "", "How we check."),
		"content/fr/pages/methodologie.md":        Page("Méthodologie", "translation_key: pages/methodology\n", "Comment nous vérifions."),
	}
}

// Site is a test archive: its name and its files (path: contents).
type Site struct {
	Name  string
	Files map[string]string
}

// Sites are the archives in other languages than English that the build
// and quality-gate tests share: Arabic (right to left), Spanish with
// accents, Chinese, and the bilingual English and French archive. The
// first three write their file names, topics, claimants and questions in
// their own script.
func Sites() []Site {
	return []Site{{"arabic", Arabic()}, {"spanish", Spanish()}, {"chinese", Chinese()}, {"bilingual", Bilingual()}}
}

// Arabic is an archive in Arabic, with Arabic file names; each of the
// three archives in one language has a check with an author and a plain
// page.
func Arabic() map[string]string {
	return map[string]string{
		"factpress.yaml":             "title: \"أرشيف التحقق\"\nlanguage: ar\n",
		"content/checks/لقاح-آمن.md": Check("هل اللقاح آمن؟", "وزارة الصحة", "[صحة, لقاحات]", "هل تسبب اللقاحات العقم؟", "authors: [\"سلمى حداد\"]\n"),
		"content/checks/أسعار.md":    Check("هل ارتفعت أسعار الخبز؟", "حساب على فيسبوك", "[اقتصاد]", "ما سعر الخبز في القاهرة؟", ""),
		"content/pages/منهجيتنا.md":  Page("منهجيتنا", "", "كيف نتحقق من الادعاءات."),
	}
}

// Spanish is an archive in Spanish, accents in its file names and names.
func Spanish() map[string]string {
	return map[string]string{
		"factpress.yaml":               "title: \"Archivo de verificaciones\"\nlanguage: es\n",
		"content/checks/policía.md":    Check("¿Renunció la policía de Bogotá?", "José Pérez", "[economía, policía]", "¿Cuántos policías renunciaron en 2026?", "authors: [\"María José Gómez\"]\n"),
		"content/checks/niños.md":      Check("¿Cerraron las escuelas de niños?", "Ministerio de Educación", "[educación]", "¿Qué dice la Señora Núñez?", ""),
		"content/pages/metodología.md": Page("Metodología", "", "Cómo verificamos."),
	}
}

// Chinese is an archive in Simplified Chinese, with Chinese file names.
func Chinese() map[string]string {
	return map[string]string{
		"factpress.yaml":       "title: \"事实核查档案库\"\nlanguage: zh\n",
		"content/checks/疫苗.md": Check("疫苗安全吗？", "卫生部", "[健康, 疫苗]", "疫苗会导致不孕吗？", "authors: [\"王小明\"]\n"),
		"content/checks/房价.md": Check("房价下跌了吗？", "微博用户", "[经济]", "北京的房价是多少？", ""),
		"content/pages/方法.md":  Page("我们的方法", "", "我们如何核查说法。"),
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
