// Package kb is the reference knowledge base: states, institutions,
// organisations, instruments (with provisions), rights and participation,
// read from the YAML files under reference/ (embedded in the binary as
// rightsgraph.ReferenceFS). It has no network and no database access.
//
// Every YAML file under reference/ is a mapping with any of the top-level keys
// below; Load merges all files in lexical order.
package kb

// File is the shape of one YAML file under reference/.
type File struct {
	Version       string          `yaml:"version,omitempty"`
	States        []State         `yaml:"states,omitempty"`
	Institutions  []Institution   `yaml:"institutions,omitempty"`
	Organizations []Institution   `yaml:"organizations,omitempty"`
	Instruments   []Instrument    `yaml:"instruments,omitempty"`
	Rights        []Right         `yaml:"rights,omitempty"`
	Participation []Participation `yaml:"participation,omitempty"`
}

// State is a sovereign state (UN member or observer).
type State struct {
	ISO3      string   `yaml:"iso3"`
	ISO2      string   `yaml:"iso2"`
	Name      string   `yaml:"name"`               // English short name: "Belgium"
	Official  string   `yaml:"official,omitempty"` // "Kingdom of Belgium"
	Aliases   []string `yaml:"aliases,omitempty"`  // other English names, fr/nl/de names
	Adjective []string `yaml:"adjectives,omitempty"`
	Demonyms  []string `yaml:"demonyms,omitempty"`
	Status    string   `yaml:"status,omitempty"` // member | observer
	CoE       bool     `yaml:"coe,omitempty"`    // Council of Europe member
	EU        bool     `yaml:"eu,omitempty"`     // EU member
}

// ID returns the canonical entity id, e.g. state:BEL.
func (s State) ID() string { return "state:" + s.ISO3 }

// Institution is a public body (Kind Institution) or a non-state body
// (Kind Organization) known in advance.
type Institution struct {
	ID       string   `yaml:"id"`   // institution:ecthr, organization:amnesty-international
	Kind     string   `yaml:"kind"` // Institution | Organization
	Name     string   `yaml:"name"`
	Acronyms []string `yaml:"acronyms,omitempty"`
	Aliases  []string `yaml:"aliases,omitempty"` // other names, translations (fr/nl/de)
	// LocalAliases name the body only in a text about its own State
	// ("Foreign Affairs", "Council of State", "Constitutional Court" are
	// Belgian bodies in a Belgian text, other states' bodies elsewhere).
	LocalAliases []string `yaml:"localAliases,omitempty"`
	Category     string   `yaml:"category,omitempty"`
	Court        bool     `yaml:"court,omitempty"`
	Jurisdiction string   `yaml:"jurisdiction,omitempty"`
	State        string   `yaml:"state,omitempty"`   // iso3 of the state it belongs to
	PartOf       string   `yaml:"partOf,omitempty"`  // id of parent institution or state
	Implies      []string `yaml:"implies,omitempty"` // instrument ids its mention implies (ECtHR -> ECHR)
	Source       string   `yaml:"source,omitempty"`
}

// Instrument is a treaty, convention, charter, protocol, declaration,
// resolution or national law.
type Instrument struct {
	ID         string      `yaml:"id"` // instrument:echr
	Name       string      `yaml:"name"`
	ShortName  string      `yaml:"shortName,omitempty"`
	Acronyms   []string    `yaml:"acronyms,omitempty"`
	Aliases    []string    `yaml:"aliases,omitempty"`
	Category   string      `yaml:"category,omitempty"` // treaty, protocol, declaration, charter, law, ...
	Parent     string      `yaml:"parent,omitempty"`   // a protocol's parent instrument id
	Adopted    string      `yaml:"adopted,omitempty"`  // ISO date
	AdoptedAt  string      `yaml:"adoptedAt,omitempty"`
	InForce    string      `yaml:"inForce,omitempty"`
	Depositary string      `yaml:"depositary,omitempty"`
	Binding    bool        `yaml:"binding"`
	Body       string      `yaml:"body,omitempty"`  // id of the monitoring body / court
	State      string      `yaml:"state,omitempty"` // national law: iso3 of the state whose law it is
	Provisions []Provision `yaml:"provisions,omitempty"`
	Source     string      `yaml:"source,omitempty"`
	Unverified bool        `yaml:"unverified,omitempty"`
}

// Provision is an article (or paragraph) of an instrument.
type Provision struct {
	Number string   `yaml:"number"` // "Article 2", "Article 4 § 2, 3°"
	Title  string   `yaml:"title,omitempty"`
	Rights []string `yaml:"rights,omitempty"` // right ids
	// Unverified marks a provision whose number or heading was not checked
	// against the instrument's text.
	Unverified bool `yaml:"unverified,omitempty"`
}

// ProvisionID returns the canonical id of a provision of an instrument.
// number is normalised by the extractor (see package extract).
func ProvisionID(instrumentID, numberSlug string) string {
	return "provision:" + trimKind(instrumentID) + ":" + numberSlug
}

// Right is a protected right.
type Right struct {
	ID      string   `yaml:"id"` // right:life
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases,omitempty"`
	// Terms are bare heads ("life", "asylum") that name the right only inside
	// a right phrase ("the rights to life and to private life"), never alone.
	Terms []string `yaml:"terms,omitempty"`
}

// Participation is one state's relation to one instrument.
type Participation struct {
	State        string        `yaml:"state"`      // iso3
	Instrument   string        `yaml:"instrument"` // id
	Signed       string        `yaml:"signed,omitempty"`
	Ratified     string        `yaml:"ratified,omitempty"` // ratification, accession or succession date
	Action       string        `yaml:"action,omitempty"`   // ratification | accession | succession | approval
	InForce      string        `yaml:"inForce,omitempty"`  // entry into force for the state
	Withdrawn    string        `yaml:"withdrawn,omitempty"`
	Reservations []Reservation `yaml:"reservations,omitempty"`
	Source       string        `yaml:"source,omitempty"`
	Unverified   bool          `yaml:"unverified,omitempty"`
}

// Reservation is a reservation or declaration made by a state on an article.
type Reservation struct {
	Kind      string `yaml:"kind"`              // reservation | declaration
	Article   string `yaml:"article,omitempty"` // "Article 10"
	Text      string `yaml:"text"`              // short summary in the project's words
	Made      string `yaml:"made,omitempty"`
	Withdrawn string `yaml:"withdrawn,omitempty"`
	// Unverified marks a reservation whose content was not checked.
	Unverified bool `yaml:"unverified,omitempty"`
}

func trimKind(id string) string {
	for i := 0; i < len(id); i++ {
		if id[i] == ':' {
			return id[i+1:]
		}
	}
	return id
}
