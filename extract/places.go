package extract

import (
	"io/fs"
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
