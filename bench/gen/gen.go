// Package gen writes synthetic but realistic human-rights documents for
// benchmarks: states, institutions and instruments come from the knowledge
// base, people and places from small built-in lists, and sentences from
// varied templates (rulings, arrests, protests, ratifications, laws,
// statements, executions, arms transfers). Output is deterministic for a
// seed: document i depends only on (seed, i).
package gen

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"

	"github.com/rightsgraph/rightsgraph/kb"
)

// Generator makes documents from a knowledge base.
type Generator struct {
	seed        int64
	states      []kb.State
	bodies      map[string][]kb.Institution // iso3 -> national institutions
	courts      []kb.Institution            // international courts
	mechanisms  []kb.Institution            // international bodies that recommend or recall
	ngos        []kb.Institution
	instruments []kb.Instrument
}

// New returns a generator over k. It fails when k lacks states or instruments.
func New(k *kb.KB, seed int64) (*Generator, error) {
	g := &Generator{seed: seed, bodies: map[string][]kb.Institution{}}
	for _, s := range k.States {
		if s.Name != "" && s.ISO3 != "" {
			g.states = append(g.states, s)
		}
	}
	for _, in := range k.Institutions {
		switch {
		case in.Kind == "Organization":
			g.ngos = append(g.ngos, in)
		case in.State != "":
			g.bodies[in.State] = append(g.bodies[in.State], in)
		case in.Court:
			g.courts = append(g.courts, in)
		case in.Category == "mechanism" || in.Category == "igo":
			g.mechanisms = append(g.mechanisms, in)
		}
	}
	for _, in := range k.Instruments {
		if in.Name != "" {
			g.instruments = append(g.instruments, in)
		}
	}
	if len(g.states) == 0 || len(g.instruments) == 0 {
		return nil, fmt.Errorf("gen: the knowledge base has %d states and %d instruments; need some of each", len(g.states), len(g.instruments))
	}
	return g, nil
}

var (
	firstNames = []string{"Amina", "Jonas", "Leila", "Pieter", "Sofia", "Omar", "Nadia", "Lukas", "Fatima", "Mateo",
		"Yasmin", "Thomas", "Elena", "Karim", "Ines", "Dmitri", "Zainab", "Hugo", "Mariam", "Tariq"}
	lastNames = []string{"Haddad", "Janssens", "Rahimi", "De Smet", "Kowalski", "Nguyen", "Okafor", "Dubois",
		"Petrov", "Mensah", "Moreau", "Karimi", "Van Damme", "Ibrahim", "Novak", "Silva", "Aziz", "Lambert"}
	roles = []string{"journalist", "human rights defender", "lawyer", "student", "trade unionist", "blogger",
		"opposition politician", "environmental activist", "doctor", "poet"}
	groups = []string{"asylum seekers", "climate activists", "prisoners", "protesters", "migrants", "women's rights activists",
		"Roma families", "LGBTI people", "detainees", "refugees"}
	cities = []string{"the capital", "the port city", "the northern province", "the border region", "the southern district",
		"the old town", "the industrial suburb"}
	months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"}
	weapons = []string{"armoured vehicles", "small arms", "fighter jets", "ammunition", "surveillance equipment", "drones"}
	rights  = []string{"freedom of peaceful assembly", "freedom of expression", "the right to a fair trial",
		"the right to life", "the prohibition of torture", "the right to asylum", "the right to privacy"}
)

// doc is the state of one document being written.
type doc struct {
	g     *Generator
	r     *rand.Rand
	state kb.State
	year  int
}

func (d *doc) pick(xs []string) string { return xs[d.r.Intn(len(xs))] }
func (d *doc) person() string          { return d.pick(firstNames) + " " + d.pick(lastNames) }
func (d *doc) date() string {
	return fmt.Sprintf("%d %s %d", 1+d.r.Intn(28), months[d.r.Intn(12)], d.year)
}
func (d *doc) month() string { return fmt.Sprintf("%s %d", months[d.r.Intn(12)], d.year) }

func (d *doc) body() string {
	if bs := d.g.bodies[d.state.ISO3]; len(bs) > 0 && d.r.Intn(3) > 0 {
		return "the " + strings.TrimPrefix(bs[d.r.Intn(len(bs))].Name, "The ")
	}
	return d.pick([]string{"the Ministry of Interior", "the police", "the Ministry of Justice", "the security forces",
		"the government", "parliament", "the Supreme Court", "the Constitutional Court"})
}

func (d *doc) instrument() string {
	in := d.g.instruments[d.r.Intn(len(d.g.instruments))]
	if in.ShortName != "" && d.r.Intn(2) == 0 {
		return "the " + in.ShortName
	}
	return "the " + strings.TrimPrefix(in.Name, "The ")
}

// court is an international court (rulings).
func (d *doc) court() string {
	if len(d.g.courts) > 0 {
		return "the " + strings.TrimPrefix(d.g.courts[d.r.Intn(len(d.g.courts))].Name, "The ")
	}
	return "the European Court of Human Rights"
}

// intl is an international body that recalls obligations.
func (d *doc) intl() string {
	all := len(d.g.mechanisms) + len(d.g.courts)
	if all == 0 {
		return "the UN Human Rights Committee"
	}
	i := d.r.Intn(all)
	if i < len(d.g.mechanisms) {
		return "the " + strings.TrimPrefix(d.g.mechanisms[i].Name, "The ")
	}
	return "the " + strings.TrimPrefix(d.g.courts[i-len(d.g.mechanisms)].Name, "The ")
}

// judge is a national court or the generic one.
func (d *doc) judge() string {
	for _, b := range d.g.bodies[d.state.ISO3] {
		if b.Court && d.r.Intn(2) == 0 {
			return "the " + strings.TrimPrefix(b.Name, "The ")
		}
	}
	return d.pick([]string{"a criminal court", "the Revolutionary Court", "a military court", "the Court of Appeal"})
}

// police is who arrests people.
func (d *doc) police() string {
	return d.pick([]string{"the police", "the security forces", "the intelligence services", "the gendarmerie",
		"officers of the Ministry of Interior", "plain-clothes police"})
}

func (d *doc) ngo() string {
	if len(d.g.ngos) > 0 {
		return strings.TrimPrefix(d.g.ngos[d.r.Intn(len(d.g.ngos))].Name, "The ")
	}
	return "a local human rights organization"
}

func (d *doc) other() kb.State {
	for {
		s := d.g.states[d.r.Intn(len(d.g.states))]
		if s.ISO3 != d.state.ISO3 || len(d.g.states) == 1 {
			return s
		}
	}
}

// templates: each returns one or two sentences.
var templates = []func(d *doc) string{
	func(d *doc) string {
		return fmt.Sprintf("On %s, %s ruled that %s had violated %s by detaining %s without judicial review.",
			d.date(), d.court(), d.state.Name, d.instrument(), d.pick(groups))
	},
	func(d *doc) string {
		p := d.person()
		return fmt.Sprintf("In %s, %s arrested %s %s in %s. %s was charged with \"spreading false information\".",
			d.month(), d.police(), d.pick(roles), p, d.pick(cities), p)
	},
	func(d *doc) string {
		return fmt.Sprintf("Thousands of %s demonstrated in %s on %s; %s used tear gas and detained %d people.",
			d.pick(groups), d.pick(cities), d.date(), d.police(), 5+d.r.Intn(300))
	},
	func(d *doc) string {
		return fmt.Sprintf("%s ratified %s in %s, while reservations on several articles remained in force.",
			d.state.Name, d.instrument(), d.month())
	},
	func(d *doc) string {
		return fmt.Sprintf("In %s, parliament adopted a law restricting %s, which %s said was incompatible with %s.",
			d.month(), d.pick(rights), d.ngo(), d.instrument())
	},
	func(d *doc) string {
		return fmt.Sprintf("%s must guarantee %s to %s under %s, %s recalled on %s.",
			d.state.Name, d.pick(rights), d.pick(groups), d.instrument(), d.intl(), d.date())
	},
	func(d *doc) string {
		return fmt.Sprintf("At least %d people were executed in %d, most of them for drug-related offences.",
			10+d.r.Intn(900), d.year)
	},
	func(d *doc) string {
		return fmt.Sprintf("%s approved the transfer of %s to %s in %s despite the risk that they would be used against civilians.",
			d.state.Name, d.pick(weapons), d.other().Name, d.month())
	},
	func(d *doc) string {
		p := d.person()
		return fmt.Sprintf("On %s, %s sentenced %s %s to %d years in prison after an unfair trial. %s called for %s's immediate release.",
			d.date(), d.judge(), d.pick(roles), p, 2+d.r.Intn(15), d.ngo(), p)
	},
	func(d *doc) string {
		return fmt.Sprintf("%s expelled %d %s to %s in %s, in breach of the principle of non-refoulement.",
			d.state.Name, 20+d.r.Intn(500), d.pick(groups), d.other().Name, d.month())
	},
	func(d *doc) string {
		return fmt.Sprintf("%s published a report on %s in %s, documenting torture in detention centres.",
			d.ngo(), d.state.Name, d.month())
	},
	func(d *doc) string {
		return fmt.Sprintf("The Minister of Foreign Affairs of %s met her counterpart from %s on %s and raised the situation of %s.",
			d.state.Name, d.other().Name, d.date(), d.pick(groups))
	},
}

// Document returns the file name and text of document i.
func (g *Generator) Document(i int) (name, text string) {
	r := rand.New(rand.NewSource(g.seed*1_000_003 + int64(i)))
	d := &doc{g: g, r: r, state: g.states[r.Intn(len(g.states))], year: 2015 + r.Intn(10)}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d\n\n", d.state.Name, d.year)
	fmt.Fprintf(&b, "Published %d-%02d-%02d\n\n", d.year+1, 1+r.Intn(12), 1+r.Intn(28))
	paras := 3 + r.Intn(5)
	for p := 0; p < paras; p++ {
		n := 2 + r.Intn(3)
		for s := 0; s < n; s++ {
			if s > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(templates[r.Intn(len(templates))](d))
		}
		b.WriteString("\n\n")
	}
	slug := strings.ToLower(strings.NewReplacer(" ", "-", "'", "", "(", "", ")", "", ",", "").Replace(d.state.Name))
	return fmt.Sprintf("%06d-%s-%d.txt", i, slug, d.year), b.String()
}

// Write writes n documents into dir (created if needed) and returns their paths.
func (g *Generator) Write(dir string, n int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, 0, n)
	for i := 0; i < n; i++ {
		name, text := g.Document(i)
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
