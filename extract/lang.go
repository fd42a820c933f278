package extract

import (
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

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

// Words after a state's adjective that make it a language's name ("French
// speakers", "its Dutch initials", "the French version").
var languageNouns = map[string]bool{
	"speaking": true, "speaker": true, "speakers": true, "language": true, "languages": true,
	"initials": true, "acronym": true, "abbreviation": true, "translation": true, "version": true,
	"wording": true, "original": true, "edition": true,
}

// dropLanguageNames removes the state adjectives that name a language or a
// language community, not the state: "French-speaking", "Dutch-speaking",
// "French-language", "French speakers", "its Dutch initials", "known in
// French as", "IEFH in French, IGVM in Dutch". The adjective of a state
// whose language it is not ("the French government") stays.
func (d *docState) dropLanguageNames() {
	lang := map[int]bool{} // first token of an adjective used as a language
	out := d.cands[:0]
	for _, c := range d.cands {
		if c.ref >= 0 && (c.form == formAdjective || c.form == formDemonym) && d.x.ix.ents[c.ref].kind == rightsgraph.KindState && d.languageUse(c.t0, c.t1, lang) {
			lang[c.t0] = true
			d.langWord[c.t0] = true
			continue
		}
		out = append(out, c)
	}
	d.cands = out
}

func (d *docState) languageUse(t0, t1 int, lang map[int]bool) bool {
	si := d.tokSent[t0]
	next := func(k int) (token, bool) {
		if k < len(d.toks) && d.tokSent[k] == si {
			return d.toks[k], true
		}
		return token{}, false
	}
	n, ok := next(t1)
	if ok && n.kind == tokWord && languageNouns[n.norm] {
		return true
	}
	// "in French", "in French as", "in French and Dutch"
	if t0 == 0 || d.tokSent[t0-1] != si {
		return false
	}
	p := d.toks[t0-1].norm
	ends := !ok || n.kind != tokWord || n.norm == "as" || n.norm == "and" || n.norm == "or"
	if !ends {
		return false
	}
	if p == "in" {
		return true
	}
	// the second of "in French and Dutch"
	if (p == "and" || p == "or") && t0 >= 2 {
		for k := t0 - 2; k >= 0 && k >= t0-4; k-- {
			if lang[k] {
				return true
			}
		}
	}
	return false
}
