// Package rightsgraph holds the domain types shared by the extractor, the
// loader, the Neo4j store and the GraphQL API: the extraction output (one
// Extraction per document, serialised as one JSON Lines record by
// `rightsgraph extract`), and the small set of error codes every layer uses.
//
// The vocabulary (entity kinds, event types, relationship types, roles)
// follows ../shared/design/ontology.md; the JSON shape follows
// ../shared/eval/README.md.
package rightsgraph

// Entity kinds, exactly as they appear in the extraction output.
const (
	KindState        = "State"
	KindInstitution  = "Institution"
	KindOrganization = "Organization"
	KindPerson       = "Person"
	KindGroup        = "Group"
	KindPlace        = "Place"
	KindInstrument   = "Instrument"
	KindProvision    = "Provision"
	KindRight        = "Right"
)

// EventTypes lists the ontology's event types.
var EventTypes = []string{
	"PROTEST", "ARREST", "DETENTION", "CONVICTION", "RULING", "RELEASE", "EXECUTION",
	"KILLING", "LEGISLATION", "POLICY", "RESOLUTION", "REPORT", "ARMS_TRANSFER",
	"EXPULSION", "ATTACK", "MEETING", "STATEMENT", "OTHER",
}

// Participant roles on INVOLVED_IN.
var Roles = []string{
	"agent", "target", "authority", "organizer", "participant", "beneficiary",
	"requester", "recipient",
}

// Extraction is everything extracted from one document: one JSON Lines record.
type Extraction struct {
	Document    Document     `json:"document"`
	Entities    []Entity     `json:"entities"`
	Relations   []Relation   `json:"relations"`
	Events      []Event      `json:"events"`
	Obligations []Obligation `json:"obligations"`
}

// Document is a loaded source. ID is the hex sha256 of the raw content.
// Text is the plain text that every byte offset in the extraction points into
// (for .txt, the file's bytes; for HTML/Markdown/PDF, the extracted text).
type Document struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	// Published is an ISO 8601 date prefix (2023, 2023-11, 2023-11-04) or empty.
	Published string `json:"published"`
	// About is the year the document reports on (resolves "In April").
	About    string `json:"about,omitempty"`
	Language string `json:"language,omitempty"`
	Format   string `json:"format,omitempty"`
	Text     string `json:"text,omitempty"`
	// Collection and Sensitivity decide who may read the document and
	// what is known only from it (see access.go); the loader sets them
	// (flags, a folder's sidecar file). Empty means DefaultCollection and
	// public.
	Collection  string `json:"collection,omitempty"`
	Sensitivity string `json:"sensitivity,omitempty"`
	// SourceKey identifies the source across versions (a file's absolute
	// path) when Source is only what is shown (a path relative to what the
	// loader was given); empty means Source. It is stored, never served.
	SourceKey string `json:"-"`
}

// Key is what identifies the document's source across versions.
func (d *Document) Key() string {
	if d.SourceKey != "" {
		return d.SourceKey
	}
	return d.Source
}

// Access returns the document's collection and sensitivity with the
// defaults applied; an unknown sensitivity name is confidential, so a typo
// never publishes a document.
func (d *Document) Access() (string, Sensitivity) {
	c := d.Collection
	if c == "" {
		c = DefaultCollection
	}
	if d.Sensitivity == "" {
		return c, Public
	}
	s, err := ParseSensitivity(d.Sensitivity)
	if err != nil {
		return c, Confidential
	}
	return c, s
}

// Span is a byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence is a span plus the exact text it covers.
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
}

// Entity is a node named by the document. ID is deterministic and global
// (state:BEL, institution:brussels-court-of-appeal, ...), so the same thing in
// two documents is one node.
type Entity struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases,omitempty"`
	Mentions []Span   `json:"mentions"`

	// Kind-specific properties; empty ones are omitted.
	ISO3         string `json:"iso3,omitempty"`         // State
	ISO2         string `json:"iso2,omitempty"`         // State
	Category     string `json:"category,omitempty"`     // Institution, Organization, Instrument
	Court        bool   `json:"court,omitempty"`        // Institution that is a court or tribunal
	Jurisdiction string `json:"jurisdiction,omitempty"` // Court
	Number       string `json:"number,omitempty"`       // Provision: "Article 4 § 2, 3°"
	Title        string `json:"title,omitempty"`        // Provision: its heading ("Right to life")
	Instrument   string `json:"instrument,omitempty"`   // Provision: id of its instrument
	Adopted      string `json:"adopted,omitempty"`      // Instrument
	AdoptedAt    string `json:"adoptedAt,omitempty"`    // Instrument: place of adoption
	Depositary   string `json:"depositary,omitempty"`   // Instrument
	InForce      string `json:"inForce,omitempty"`      // Instrument
	Binding      *bool  `json:"binding,omitempty"`      // Instrument
	// Reference is true when the entity was linked to the shipped knowledge base.
	Reference bool `json:"reference,omitempty"`
	// Redirected is set by the writer when the entity's id was merged into
	// another: its mentions go to that one, its name becomes an alias, and
	// its properties do not overwrite the canonical entity's.
	Redirected bool `json:"-"`
}

// Relation is a typed edge between two entity ids (or an event id and an
// entity id) with its evidence. Type is one of the ontology's relationship
// types (HOLDS_POSITION, MEMBER_OF, PART_OF, CITES, FINDS_VIOLATION_OF, ...).
type Relation struct {
	Type       string         `json:"type"`
	From       string         `json:"from"`
	To         string         `json:"to"`
	Props      map[string]any `json:"props,omitempty"`
	Confidence float64        `json:"confidence"`
	Evidence   []Evidence     `json:"evidence"`
}

// Participant links an entity to an event with a role.
type Participant struct {
	Entity string `json:"entity"`
	Role   string `json:"role"`
}

// Event is an n-ary happening. Date is an ISO 8601 prefix as precise as the
// text allows.
type Event struct {
	ID           string        `json:"id"`
	Type         string        `json:"type"`
	Date         string        `json:"date,omitempty"`
	Summary      string        `json:"summary"`
	Count        *int64        `json:"count,omitempty"`
	Outcome      string        `json:"outcome,omitempty"`
	Place        string        `json:"place,omitempty"` // entity id of a Place or State
	Participants []Participant `json:"participants"`
	Evidence     []Evidence    `json:"evidence"`
}

// Obligation is a duty stated or cited by the document.
type Obligation struct {
	ID string `json:"id"`
	// Bound is the entity id of who is bound (usually a State).
	Bound string `json:"bound"`
	// Source is the entity id of what establishes or asserts the duty (an
	// instrument, provision, court, body or the publishing organisation).
	Source *string `json:"source"`
	// Provision is the cited provision's number ("Article 2"), if any.
	Provision *string `json:"provision"`
	Text      string  `json:"text"`
	// Modality is must, must_not or may.
	Modality string `json:"modality,omitempty"`
	// Rights are ids of Right entities the obligation protects.
	Rights   []string   `json:"rights,omitempty"`
	Evidence []Evidence `json:"evidence"`
}
