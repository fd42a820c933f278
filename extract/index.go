package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/kb"
)

// refEntity is a knowledge-base entity as the extractor sees it.
type refEntity struct {
	id, kind, name string
	category       string
	court          bool
	jurisdiction   string
	state          string // iso3 of the state an institution belongs to
	iso2, iso3     string
	partOf         string
	implies        []string
	adopted        string
	inForce        string
	binding        *bool
	instrumentCat  string
}

type aliasForm uint8

const (
	formName aliasForm = iota
	formAlias
	formAcronym
	formAdjective
	formDemonym
	formLocal
)

// aliasEntry is one way of naming a reference entity.
type aliasEntry struct {
	ent   int32
	form  aliasForm
	exact []string // raw tokens that must match case-sensitively (acronyms)
	upper bool     // the alias starts with a capital: so must the text
	// lastUpper: an alias that starts with an acronym and ends with a
	// capitalised word ("UN Human Rights") needs that capital in the text
	// ("UN human rights experts" names no office)
	lastUpper bool
	n         int // number of tokens
}

// trieNode is a node of the token trie: children by normalised token.
type trieNode struct {
	next    map[string]*trieNode
	entries []aliasEntry
}

// index maps normalised token sequences to reference entities. It is built
// once per Extractor and only read afterwards, so one Extractor may serve
// many goroutines.
type index struct {
	rightTerms map[string]string // bare term -> right id ("life")
	ents       []refEntity
	byID       map[string]int32
	root       *trieNode
	depth      int
}

// ambiguousStateNames are state names that are also given names; alone and
// followed by another capitalised word they are a person ("Jordan Smith").
var ambiguousStateNames = map[string]bool{"chad": true, "jordan": true, "georgia": true}

func newIndex(k *kb.KB) *index {
	ix := &index{byID: map[string]int32{}, root: &trieNode{}, rightTerms: map[string]string{}}
	if k == nil {
		return ix
	}
	addEnt := func(e refEntity) int32 {
		if i, ok := ix.byID[e.id]; ok {
			return i
		}
		ix.ents = append(ix.ents, e)
		i := int32(len(ix.ents) - 1)
		ix.byID[e.id] = i
		return i
	}
	for _, s := range k.States {
		i := addEnt(refEntity{id: s.ID(), kind: rightsgraph.KindState, name: s.Name, iso2: s.ISO2, iso3: s.ISO3})
		ix.add(i, s.Name, formName)
		if s.Official != "" {
			ix.add(i, s.Official, formAlias)
		}
		for _, a := range s.Aliases {
			if isAcronymLike(a) {
				ix.add(i, a, formAcronym)
			} else {
				ix.add(i, a, formAlias)
			}
		}
		for _, a := range s.Adjective {
			ix.add(i, a, formAdjective)
		}
		for _, a := range s.Demonyms {
			ix.add(i, a, formDemonym)
		}
	}
	for _, in := range k.Institutions {
		kind := in.Kind
		if kind == "" {
			kind = rightsgraph.KindInstitution
		}
		i := addEnt(refEntity{id: in.ID, kind: kind, name: in.Name, category: in.Category, court: in.Court,
			jurisdiction: in.Jurisdiction, state: in.State, partOf: in.PartOf, implies: in.Implies})
		ix.add(i, in.Name, formName)
		for _, a := range in.Aliases {
			ix.add(i, a, formAlias)
		}
		for _, a := range in.Acronyms {
			ix.add(i, a, formAcronym)
		}
		for _, a := range in.LocalAliases {
			if isAcronymLike(a) {
				ix.add(i, a, formAcronym|0x80)
			} else {
				ix.add(i, a, formLocal)
			}
		}
	}
	for _, in := range k.Instruments {
		b := in.Binding
		i := addEnt(refEntity{id: in.ID, kind: rightsgraph.KindInstrument, name: in.Name, adopted: in.Adopted,
			inForce: in.InForce, binding: &b, instrumentCat: in.Category, partOf: in.Parent, state: in.State})
		ix.add(i, in.Name, formName)
		if in.ShortName != "" {
			ix.add(i, in.ShortName, formAlias)
		}
		for _, a := range in.Aliases {
			ix.add(i, a, formAlias)
		}
		for _, a := range in.Acronyms {
			ix.add(i, a, formAcronym)
		}
	}
	for _, r := range k.Rights {
		i := addEnt(refEntity{id: r.ID, kind: rightsgraph.KindRight, name: r.Name})
		ix.add(i, r.Name, formAlias)
		for _, a := range r.Aliases {
			ix.add(i, a, formAlias)
		}
		for _, t := range r.Terms {
			ix.rightTerms[strings.Join(normTokens(t), " ")] = r.ID
		}
	}
	return ix
}

// lawByDate returns the one known national law adopted on date (of the
// state iso3 when several), or -1.
func (ix *index) lawByDate(date, iso3 string) int32 {
	found := int32(-1)
	for i := range ix.ents {
		e := &ix.ents[i]
		if e.kind != rightsgraph.KindInstrument || e.instrumentCat != "law" || e.adopted != date {
			continue
		}
		if found >= 0 {
			if ix.ents[found].state == iso3 {
				continue
			}
			if e.state != iso3 {
				return -1
			}
		}
		found = int32(i)
	}
	return found
}

// isAcronymLike reports whether a name is written as an acronym: mostly
// capitals, no spaces ("UN", "DRC", "UAE", "CoE", "ECtHR").
func isAcronymLike(s string) bool {
	if strings.ContainsAny(s, " ") || len(s) > 8 {
		return false
	}
	caps := 0
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				caps++
			}
		}
	}
	return letters > 0 && caps*2 > letters && caps >= 2
}

func (ix *index) add(ent int32, alias string, form aliasForm) {
	local := false
	if form&0x80 != 0 {
		form &^= 0x80
		local = true
	}
	toks := tokenize(alias)
	var keys, raw []string
	for _, t := range toks {
		if t.kind == tokPunct && skippablePunct(t.norm) {
			continue
		}
		keys = append(keys, t.norm)
		raw = append(raw, alias[t.start:t.end])
	}
	// "the Council of Europe" is matched as "Council of Europe": the article
	// stays outside the mention.
	if len(keys) > 1 && keys[0] == "the" {
		keys, raw = keys[1:], raw[1:]
	}
	if len(keys) == 0 {
		return
	}
	e := aliasEntry{ent: ent, form: form, n: len(keys)}
	if local {
		e.form = formLocal
	}
	if form == formAcronym {
		e.exact = raw
	} else {
		r, _ := utf8.DecodeRuneInString(raw[0])
		e.upper = unicode.IsUpper(r)
		if len(raw) > 1 && len(raw[0]) >= 2 && strings.ToUpper(raw[0]) == raw[0] && strings.ToLower(raw[0]) != raw[0] {
			l, _ := utf8.DecodeRuneInString(raw[len(raw)-1])
			e.lastUpper = unicode.IsUpper(l)
		}
	}
	n := ix.root
	for _, k := range keys {
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		c := n.next[k]
		if c == nil {
			c = &trieNode{}
			n.next[k] = c
		}
		n = c
	}
	for _, old := range n.entries {
		if old.ent == e.ent && old.form == e.form && equalStrings(old.exact, e.exact) {
			return
		}
	}
	n.entries = append(n.entries, e)
	if len(keys) > ix.depth {
		ix.depth = len(keys)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// skippablePunct is punctuation that names may contain or texts may add
// inside a name without changing it ("Combat Poverty, Insecurity and ...").
func skippablePunct(s string) bool {
	return s == "," || s == "." || s == "\"" || s == "'"
}

// kbMatch is a match of a reference alias in the text.
type kbMatch struct {
	t0, t1 int // tokens [t0, t1)
	entry  aliasEntry
}

// lookup returns every alias match starting at token i, shortest first.
func (ix *index) lookup(text string, toks []token, i, limit int, out []kbMatch) []kbMatch {
	if toks[i].kind == tokPunct {
		return out
	}
	n := ix.root
	j := i
	for j < limit {
		t := toks[j]
		if t.kind == tokPunct && skippablePunct(t.norm) && j > i {
			j++
			continue
		}
		c := n.next[t.norm]
		if c == nil {
			break
		}
		n = c
		j++
		for _, e := range n.entries {
			if e.exact != nil {
				if !exactMatch(text, toks, i, j, e.exact) {
					continue
				}
			} else if e.upper && !toks[i].upper || e.lastUpper && !toks[j-1].upper {
				continue
			}
			out = append(out, kbMatch{t0: i, t1: j, entry: e})
		}
	}
	return out
}

func exactMatch(text string, toks []token, i, j int, raw []string) bool {
	k := 0
	for p := i; p < j; p++ {
		if toks[p].kind == tokPunct && skippablePunct(toks[p].norm) {
			continue
		}
		if k >= len(raw) || text[toks[p].start:toks[p].end] != raw[k] {
			return false
		}
		k++
	}
	return k == len(raw)
}

// rightOfItem resolves one item of a right list ("private life" after
// "rights to"): the longest prefix that, alone, with the head, or with
// "right to", is a right's alias or term.
func (ix *index) rightOfItem(head, item []string) string {
	for n := len(item); n >= 1; n-- {
		cand := item[:n]
		forms := [][]string{append(append([]string{}, head...), cand...), append([]string{"right", "to"}, cand...), cand}
		for _, f := range forms {
			if id := ix.rightAlias(f); id != "" {
				return id
			}
		}
		if id, ok := ix.rightTerms[strings.Join(cand, " ")]; ok {
			return id
		}
	}
	return ""
}

// rightAlias returns the right whose alias is exactly the tokens.
func (ix *index) rightAlias(toks []string) string {
	n := ix.root
	for _, t := range toks {
		n = n.next[t]
		if n == nil {
			return ""
		}
	}
	for _, e := range n.entries {
		if ix.ents[e.ent].kind == rightsgraph.KindRight {
			return ix.ents[e.ent].id
		}
	}
	return ""
}
