package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// treatyIndex holds the lookup tables behind the treaty methods. It is built
// once, on first use, from the KB's slices; a KB must not be changed after
// its first lookup.
type treatyIndex struct {
	instrumentByID      map[string]int
	instrumentByName    map[string]int // normName of name, shortName, aliases
	instrumentByAcronym map[string]int // exact acronym
	instrumentMatcher   *phraseMatcher
	provisions          map[string]map[string]Provision // instrument id -> slug -> provision
	rightByID           map[string]int
	rightByAlias        map[string]string // normName(alias or name) -> id
	rightByTerm         map[string]string // normName(term) -> id
	rightMatcher        *phraseMatcher
}

func (k *KB) index() {
	k.idxOnce.Do(func() { k.idx = buildTreatyIndex(k) })
}

func buildTreatyIndex(k *KB) *treatyIndex {
	x := &treatyIndex{
		instrumentByID:      map[string]int{},
		instrumentByName:    map[string]int{},
		instrumentByAcronym: map[string]int{},
		instrumentMatcher:   newPhraseMatcher(),
		provisions:          map[string]map[string]Provision{},
		rightByID:           map[string]int{},
		rightByAlias:        map[string]string{},
		rightByTerm:         map[string]string{},
		rightMatcher:        newPhraseMatcher(),
	}
	for i, ins := range k.Instruments {
		x.instrumentByID[ins.ID] = i
		for _, n := range append([]string{ins.Name, ins.ShortName}, ins.Aliases...) {
			if n == "" {
				continue
			}
			if _, dup := x.instrumentByName[normName(n)]; !dup {
				x.instrumentByName[normName(n)] = i
			}
			x.instrumentMatcher.add(n, ins.ID, false)
		}
		for _, a := range ins.Acronyms {
			if _, dup := x.instrumentByAcronym[a]; !dup {
				x.instrumentByAcronym[a] = i
			}
			x.instrumentMatcher.add(a, ins.ID, true)
		}
		m := x.provisions[ins.ID]
		if m == nil {
			m = map[string]Provision{}
			x.provisions[ins.ID] = m
		}
		for _, p := range ins.Provisions {
			if s := ProvisionSlug(p.Number); s != "" {
				m[s] = p
			}
		}
	}
	for i, r := range k.Rights {
		x.rightByID[r.ID] = i
		for _, a := range append([]string{r.Name}, r.Aliases...) {
			if _, dup := x.rightByAlias[normName(a)]; !dup {
				x.rightByAlias[normName(a)] = r.ID
			}
			x.rightMatcher.add(a, r.ID, false)
		}
		for _, t := range r.Terms {
			if _, dup := x.rightByTerm[normName(t)]; !dup {
				x.rightByTerm[normName(t)] = r.ID
			}
		}
	}
	return x
}

// phraseMatcher finds known phrases in a text as whole-token sequences,
// longest first, left to right, without overlaps.
type phraseMatcher struct {
	folded  map[string]string // lower-cased token sequence -> id
	exact   map[string]string // exact token sequence (acronyms) -> id
	maxToks int
}

func newPhraseMatcher() *phraseMatcher {
	return &phraseMatcher{folded: map[string]string{}, exact: map[string]string{}}
}

func (m *phraseMatcher) add(phrase, id string, exact bool) {
	toks := tokenize(phrase)
	if len(toks) == 0 {
		return
	}
	if len(toks) > m.maxToks {
		m.maxToks = len(toks)
	}
	key := joinToks(toks, !exact)
	tbl := m.folded
	if exact {
		tbl = m.exact
	}
	if _, dup := tbl[key]; !dup {
		tbl[key] = id
	}
}

func (m *phraseMatcher) find(text string) []Mention {
	toks := tokenize(text)
	var out []Mention
	for i := 0; i < len(toks); {
		matched := 0
		for n := min(m.maxToks, len(toks)-i); n >= 1; n-- {
			if id, ok := m.lookup(toks[i : i+n]); ok {
				out = append(out, Mention{ID: id, Start: toks[i].start, End: toks[i+n-1].end})
				matched = n
				break
			}
		}
		if matched == 0 {
			i++
		} else {
			i += matched
		}
	}
	return out
}

func (m *phraseMatcher) lookup(toks []token) (string, bool) {
	// A phrase never starts or ends with punctuation.
	if !toks[0].word || !toks[len(toks)-1].word {
		return "", false
	}
	if id, ok := m.folded[joinToks(toks, true)]; ok {
		return id, true
	}
	id, ok := m.exact[joinToks(toks, false)]
	return id, ok
}

// token is a word (letters and digits, with inner apostrophes, hyphens and
// dots kept: "l'homme", "non-refoulement") or one punctuation character, with
// its byte span in the text.
type token struct {
	text       string
	start, end int
	word       bool
}

func tokenize(s string) []token {
	var toks []token
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWord(r):
			j := i + w
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if isWord(r2) {
					j += w2
					continue
				}
				// Inner apostrophe or hyphen: keep when a word character follows.
				if strings.ContainsRune("'\u2019-\u2010\u2011", r2) && j+w2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+w2:])
					if isWord(r3) {
						j += w2
						continue
					}
				}
				break
			}
			toks = append(toks, token{text: s[i:j], start: i, end: j, word: true})
			i = j
		case unicode.IsSpace(r):
			i += w
		default:
			toks = append(toks, token{text: s[i : i+w], start: i, end: i + w})
			i += w
		}
	}
	return toks
}

func joinToks(toks []token, fold bool) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		if fold {
			b.WriteString(foldToken(t.text))
		} else {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// tokenFolder straightens curly apostrophes and non-ASCII hyphens. Built once:
// a *strings.Replacer is safe for concurrent use.
var tokenFolder = strings.NewReplacer("\u2019", "'", "\u2010", "-", "\u2011", "-")

func foldToken(s string) string {
	return tokenFolder.Replace(strings.ToLower(s))
}
