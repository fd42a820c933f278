package extract

import (
	"io/fs"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// place is a gazetteer entry: a capital or major city and its state.
type place struct {
	Name    string   `yaml:"name"`
	State   string   `yaml:"state"` // iso3
	Aliases []string `yaml:"aliases"`
	Venue   bool     `yaml:"venue"` // seat of intergovernmental bodies
}

// gazetteer maps normalised token sequences to places.
type gazetteer struct {
	places []place
	root   map[string]*gazNode
}

type gazNode struct {
	next  map[string]*gazNode
	place int // index + 1; 0 when no place ends here
}

// gazetteerFile is the reference file the places come from; it is embedded
// with the rest of reference/ (the knowledge base ignores it).
const gazetteerFile = "reference/places.yaml"

var (
	gazOnce sync.Once
	gaz     *gazetteer
)

// defaultGazetteer loads reference/places.yaml once. A missing or broken file
// gives an empty gazetteer: places are then found by patterns only.
func defaultGazetteer() *gazetteer {
	gazOnce.Do(func() {
		g := &gazetteer{root: map[string]*gazNode{}}
		b, err := fs.ReadFile(rightsgraph.ReferenceFS, gazetteerFile)
		if err == nil {
			var f struct {
				Places []place `yaml:"places"`
			}
			if yaml.Unmarshal(b, &f) == nil {
				for _, p := range f.Places {
					g.add(p)
				}
			}
		}
		gaz = g
	})
	return gaz
}

func (g *gazetteer) add(p place) {
	g.places = append(g.places, p)
	idx := len(g.places)
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		keys := normTokens(n)
		if len(keys) == 0 {
			continue
		}
		m := g.root
		var node *gazNode
		for _, k := range keys {
			node = m[k]
			if node == nil {
				node = &gazNode{next: map[string]*gazNode{}}
				m[k] = node
			}
			m = node.next
		}
		if node.place == 0 {
			node.place = idx
		}
	}
}

// match returns the longest place whose name starts at token i (capitalised),
// and the end token, or -1.
func (g *gazetteer) match(toks []token, i, limit int) (int, int) {
	if g == nil || i >= limit || !isCapWord(toks[i]) {
		return -1, 0
	}
	m := g.root
	best, bestEnd := -1, 0
	for j := i; j < limit; j++ {
		t := toks[j]
		if t.kind == tokPunct && t.norm != "'" {
			break
		}
		node := m[t.norm]
		if node == nil {
			break
		}
		if node.place > 0 {
			best, bestEnd = node.place-1, j+1
		}
		m = node.next
	}
	return best, bestEnd
}

// placeGazetteer adds a Place candidate for every capitalised gazetteer name
// that is not the start of a longer capitalised name ("Paris Agreement",
// "Kano State", "Warsaw-Praga District Court").
func (d *docState) placeGazetteer() {
	g := defaultGazetteer()
	if g == nil || len(g.places) == 0 {
		return
	}
	for _, s := range d.sents {
		for i := s.t0; i < s.t1; i++ {
			pi, e := g.match(d.toks, i, s.t1)
			if pi < 0 {
				continue
			}
			if i > s.t0 && d.toks[i].hyphenBefore {
				continue
			}
			if e < s.t1 {
				n := d.toks[e]
				if isCapWord(n) && !capStop[n.norm] && !d.kbStart[e] || n.hyphenBefore && n.kind == tokWord {
					i = e - 1
					continue
				}
			}
			// hard-wrapped text: "the Rome" / "Statute"
			if e < s.t1 || d.wrappedAfter(e) {
				n := d.toks[e]
				// "the Istanbul convention", "the Geneva conventions": the
				// city names an instrument
				if n.kind == tokWord && (instrumentHeadWord(n.norm) || e >= s.t1 && n.upper && (institutionHeads[n.norm] != "" || orgHeads[n.norm] != "" || n.norm == "court")) {
					i = e - 1
					continue
				}
			}
			// "the statute of Rome", "the Treaty of Lisbon"
			if i-2 >= s.t0 && d.toks[i-1].norm == "of" && instrumentHeadWord(d.toks[i-2].norm) {
				i = e - 1
				continue
			}
			p := g.places[pi]
			for k := i; k < e; k++ {
				d.placeWord[k] = true
			}
			d.placeEnd[i] = e
			d.cands = append(d.cands, candidate{t0: i, t1: e, ref: -1, kind: rightsgraph.KindPlace, name: p.Name, prio: prioGazetteer, iso3: p.State, venue: p.Venue})
			i = e - 1
		}
	}
}

// instrumentHeadWord: a noun that heads an instrument's name after a city's
// name ("Rome Statute", "Geneva Conventions", "Paris agreement"), singular or
// plural; the weak heads ("law", "act", "rules") are left out, since "Brussels
// law" may well be the law in force in Brussels.
func instrumentHeadWord(n string) bool {
	if n == "agreement" || n == "agreements" {
		return true
	}
	for _, w := range []string{n, strings.TrimSuffix(n, "s")} {
		if instrumentHeads[w] != "" && !weakInstrumentHeads[w] {
			return true
		}
	}
	return false
}

// wrappedAfter: token e, past the end of its sentence, continues the line
// before it across a single line break of hard-wrapped text ("the Rome" /
// "Statute"): no punctuation and no blank line between.
func (d *docState) wrappedAfter(e int) bool {
	if e <= 0 || e >= len(d.toks) {
		return false
	}
	gap := d.text[d.toks[e-1].end:d.toks[e].start]
	return strings.TrimSpace(gap) == "" && strings.Count(gap, "\n") == 1
}
