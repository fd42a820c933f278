package extract

import "strings"

// The corpus is English, French, Dutch and German. A count of each
// language's most frequent function words tells them apart reliably on
// anything longer than a sentence. (The maintained general detectors were
// considered: github.com/pemistahl/lingua-go embeds models for 75 languages,
// tens of megabytes in the binary for four answers; whatlanggo is
// unmaintained. Four closed word lists are smaller, faster and exact enough.)
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "were", "on", "by", "are", "which", "has", "have", "it", "this", "from"},
	"fr": {"le", "la", "les", "des", "et", "du", "un", "une", "est", "dans", "pour", "que", "qui", "sur", "au", "aux", "pas", "par", "ce", "sont"},
	"nl": {"de", "het", "een", "en", "van", "is", "dat", "die", "voor", "met", "op", "zijn", "niet", "aan", "ook", "werd", "door", "naar", "bij", "wordt"},
	"de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "für", "auf", "sich", "von", "zu", "wurde", "auch", "sind", "des"},
}

var stopwordLang = func() map[string][]string {
	m := map[string][]string{}
	for lang, ws := range stopwords {
		for _, w := range ws {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

// detectLanguage returns en, fr, nl or de, or "" when the text has too few
// function words to tell. It reads at most the first 20,000 bytes.
func detectLanguage(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	score := map[string]int{}
	total := 0
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 0xC0 && r <= 0x24F)
	}) {
		for _, l := range stopwordLang[f] {
			score[l]++
			total++
		}
	}
	best, bestN := "", 0
	for _, l := range []string{"en", "fr", "nl", "de"} {
		if score[l] > bestN {
			best, bestN = l, score[l]
		}
	}
	if bestN < 3 {
		return ""
	}
	return best
}
