package related

import (
	"strings"
	"unicode/utf8"

	"github.com/factpress/factpress/internal/words"
)

// stopwordLists are the words too common in a language to say that two
// checks are about the same thing, with the words every fact check uses
// (claim, said, true). Written as people write them; they are split and
// folded as the checks' words are, so accents need not match.
var stopwordLists = map[string]string{
	"en": `a about after again against all also an and any are as at be because been before being between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your claim claims said says say new many much true false fact check`,
	"es": `a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estado estas este esto estos fue fueron ha han hay la las le les lo los mas me mi mucho muy nada ni no nos o otra otro para pero poco por porque que quien se sea segun ser si sin sobre son su sus tambien te tiene tienen todo todos tu un una uno unos y ya afirma afirmacion dice dicen dijo verdad falso cierto`,
	"fr": `a au aux avec avoir ce ces cette comme dans de des du elle elles en est et etait etre eu il ils je la le les leur leurs lui ma mais me meme mes mon ne ni nos notre nous on ont ou par pas pour plus qu que qui sa sans se ses si son sont sur ta te tes ton tous tout tres tu un une vos votre vous y affirme affirmation dit disent vrai faux`,
	"pt": `a ao aos as com como da das de dela dele depois do dos e ela elas ele eles em entre era eram essa esse esta este eu foi foram ha isso isto ja la lhe mais mas me mesmo meu minha muito na nao nas nem no nos o os ou para pela pelo por quando que quem se sem ser seu seus sua suas tambem te tem ter um uma umas uns afirma afirmacao diz dizem disse verdade falso`,
	"de": `aber alle als also am an auch auf aus bei bin bis das dass dem den der des die doch du durch ein eine einem einen einer eines er es fur hat hatte ich ihr im in ist ja kein mit nach nicht noch nur oder ohne sein sich sie sind so uber um und uns vom von vor war waren was weil wenn werden wie wir wird wurde zu zum zur behauptet behauptung sagt sagte wahr falsch`,
	"id": `ada adalah agar akan antara apa atau bagi bahwa banyak belum bisa dalam dan dari dengan di dia ia ini itu jika juga kami karena ke kepada kita lebih masih mereka oleh pada para saat sangat saya sebagai sedang sejak sudah tak tanpa telah tentang tidak untuk yang klaim mengatakan katanya benar salah`,
	"hi": `और का की के को है हैं में से पर यह वह था थी थे हो होता होती कि जो भी तो ही एक इस उस इन उन ने लिए साथ कर करने किया गया गई नहीं या दावा कहा सच झूठ`,
	"ar": `في من على إلى عن مع أن إن كان كانت هذا هذه ذلك التي الذي الذين هو هي هم ما لا لم لن قد كل بعد قبل بين أو ثم حتى عند غير أي بل ادعاء يدعي قال قالت صحيح خطأ`,
}

// stopwords holds each language's list as the index splits it.
var stopwords = func() map[string]map[string]bool {
	out := make(map[string]map[string]bool, len(stopwordLists))
	for lang, list := range stopwordLists {
		m := map[string]bool{}
		for _, w := range words.Tokens(list) {
			m[w] = true
		}
		out[lang] = m
	}
	return out
}()

// Words splits text into the index words of the language lang: words of
// three letters or more (two for a pair of Chinese or Japanese characters)
// at Unicode's word boundaries, folded as search folds them, the
// language's common words left out. A language without a list of its own
// uses English's, since the words of fact checks in any language borrow
// from it least harmfully.
func Words(lang, text string) []string {
	stop := stopwords[baseLanguage(lang)]
	if stop == nil {
		stop = stopwords["en"]
	}
	var out []string
	for _, w := range words.Tokens(text) {
		if n := utf8.RuneCountInString(w); (n >= 3 || n == 2 && words.Ideographic(w)) && !stop[w] {
			out = append(out, w)
		}
	}
	return out
}

// baseLanguage is "pt" for "pt-br".
func baseLanguage(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return base
}
