package model

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// Enums are plain strings holding the GraphQL value (ARMS_TRANSFER, AGENT);
// marshalling checks the value against the schema's list.

// EntityKind is the kind of an entity.
type EntityKind string

// EventType is what happened.
type EventType string

// Role is an actor's part in an event. Neo4j stores it in lower case.
type Role string

// Modality is what an obligation requires. Neo4j stores it in lower case.
type Modality string

// Stance says whether a violation was found or alleged.
type Stance string

// Entity kinds.
const (
	EntityKindState        EntityKind = "STATE"
	EntityKindInstitution  EntityKind = "INSTITUTION"
	EntityKindOrganization EntityKind = "ORGANIZATION"
	EntityKindPerson       EntityKind = "PERSON"
	EntityKindGroup        EntityKind = "GROUP"
	EntityKindPlace        EntityKind = "PLACE"
	EntityKindInstrument   EntityKind = "INSTRUMENT"
	EntityKindProvision    EntityKind = "PROVISION"
	EntityKindRight        EntityKind = "RIGHT"
	EntityKindObligation   EntityKind = "OBLIGATION"
	EntityKindEvent        EntityKind = "EVENT"
)

// Stances.
const (
	StanceFound   Stance = "FOUND"
	StanceAlleged Stance = "ALLEGED"
)

// KindLabels maps entity kinds to their Neo4j labels.
var KindLabels = map[EntityKind]string{
	EntityKindState: "State", EntityKindInstitution: "Institution", EntityKindOrganization: "Organization",
	EntityKindPerson: "Person", EntityKindGroup: "Group", EntityKindPlace: "Place",
	EntityKindInstrument: "Instrument", EntityKindProvision: "Provision", EntityKindRight: "Right",
	EntityKindObligation: "Obligation", EntityKindEvent: "Event",
}

var enumValues = map[string][]string{
	"EntityKind": {"STATE", "INSTITUTION", "ORGANIZATION", "PERSON", "GROUP", "PLACE", "INSTRUMENT", "PROVISION", "RIGHT", "OBLIGATION", "EVENT"},
	// the ontology's list, the one the extraction and the writer use
	"EventType": rightsgraph.EventTypes,
	"Role":      {"AGENT", "TARGET", "AUTHORITY", "ORGANIZER", "PARTICIPANT", "BENEFICIARY", "REQUESTER", "RECIPIENT"},
	"Modality":  {"MUST", "MUST_NOT", "MAY"},
	"Stance":    {"FOUND", "ALLEGED"},
}

func validEnum(enum, v string) bool {
	for _, x := range enumValues[enum] {
		if x == v {
			return true
		}
	}
	return false
}

func unmarshalEnum(enum string, v any) (string, error) {
	s, ok := v.(string)
	if !ok || !validEnum(enum, s) {
		return "", fmt.Errorf("%v is not a valid %s", v, enum)
	}
	return s, nil
}

func marshalEnum(w io.Writer, s string) { _, _ = io.WriteString(w, strconv.Quote(s)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (e *EntityKind) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("EntityKind", v)
	*e = EntityKind(s)
	return err
}

// MarshalGQL implements graphql.Marshaler.
func (e EntityKind) MarshalGQL(w io.Writer) { marshalEnum(w, string(e)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (e *EventType) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("EventType", v)
	*e = EventType(s)
	return err
}

// MarshalGQL implements graphql.Marshaler; an unknown stored type shows as OTHER.
func (e EventType) MarshalGQL(w io.Writer) {
	if !validEnum("EventType", string(e)) {
		e = "OTHER"
	}
	marshalEnum(w, string(e))
}

// UnmarshalGQL implements graphql.Unmarshaler.
func (e *Role) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("Role", v)
	*e = Role(s)
	return err
}

// MarshalGQL implements graphql.Marshaler; an unknown stored role shows as PARTICIPANT.
func (e Role) MarshalGQL(w io.Writer) {
	if !validEnum("Role", string(e)) {
		e = "PARTICIPANT"
	}
	marshalEnum(w, string(e))
}

// Stored is the role as Neo4j stores it (lower case).
func (e Role) Stored() string { return strings.ToLower(string(e)) }

// RoleOf converts a stored role.
func RoleOf(stored string) Role { return Role(strings.ToUpper(stored)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (e *Modality) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("Modality", v)
	*e = Modality(s)
	return err
}

// MarshalGQL implements graphql.Marshaler.
func (e Modality) MarshalGQL(w io.Writer) { marshalEnum(w, string(e)) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (e *Stance) UnmarshalGQL(v any) error {
	s, err := unmarshalEnum("Stance", v)
	*e = Stance(s)
	return err
}

// MarshalGQL implements graphql.Marshaler.
func (e Stance) MarshalGQL(w io.Writer) { marshalEnum(w, string(e)) }
