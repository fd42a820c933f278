package extract

import (
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// TestTriggerTables: every trigger word is in one table only, its folded
// form finds it, and its type is one of the ontology's event types.
func TestTriggerTables(t *testing.T) {
	if len(triggerConflicts) > 0 {
		t.Errorf("trigger words defined twice (the later would override the earlier): %s", strings.Join(triggerConflicts, "; "))
	}
	types := map[string]bool{}
	for _, e := range rightsgraph.EventTypes {
		types[e] = true
	}
	for _, table := range []map[string]trig{baseTriggers, moreTriggers} {
		for k, v := range table {
			if !types[v.typ] {
				t.Errorf("trigger %q has type %q, not an event type", k, v.typ)
			}
			if _, ok := triggers[foldString(k)]; !ok {
				t.Errorf("trigger %q is not found in its folded form %q", k, foldString(k))
			}
		}
	}
	// the words the tokenizer produces for accented triggers of every table
	for _, w := range []string{"arrêté", "exécutions", "libéré"} {
		if _, ok := triggers[tokenize(w)[0].norm]; !ok {
			t.Errorf("%q as tokenized is no trigger", w)
		}
	}
}

// TestBuildTriggersRejectsConflicts: the check above can fail.
func TestBuildTriggersRejectsConflicts(t *testing.T) {
	_, c := buildTriggers(map[string]trig{"arrested": {typ: "ARREST"}}, map[string]trig{"arrested": {typ: "DETENTION"}})
	if len(c) != 1 {
		t.Errorf("a word in two tables: conflicts %v", c)
	}
	_, c = buildTriggers(map[string]trig{"libéré": {typ: "RELEASE"}, "libere": {typ: "OTHER"}})
	if len(c) != 1 {
		t.Errorf("two words folding to one: conflicts %v", c)
	}
	m, c := buildTriggers(map[string]trig{"arrêté": {typ: "ARREST"}})
	if len(c) != 0 || m["arrete"].typ != "ARREST" {
		t.Errorf("folded form missing: %v %v", m, c)
	}
}
