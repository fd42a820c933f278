package extract

import (
	"reflect"
	"testing"
)

// Each stage keeps its own state: docState itself holds only the shared text
// and tokens, the output and the four stages, so new state has to be given a
// stage; and the mention stage's candidates are gone once it has ended.
func TestDocStateStages(t *testing.T) {
	shared := map[string]bool{"x": true, "doc": true, "text": true, "toks": true, "sents": true, "tokSent": true, "out": true}
	stages := map[string]bool{"mentionStage": true, "eventStage": true, "obligationStage": true, "relationStage": true}
	typ := reflect.TypeOf(docState{})
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		switch {
		case f.Anonymous && stages[f.Name]:
			delete(stages, f.Name)
		case f.Anonymous || !shared[f.Name]:
			t.Errorf("docState.%s belongs to no stage: put it in mentionStage, eventStage, obligationStage or relationStage", f.Name)
		}
	}
	for s := range stages {
		t.Errorf("docState lost its %s", s)
	}
	x := mustExtractor(t)
	d := newDoc(x, doc("Belgium 2024\n\nOn 3 May 2024 the police arrested 14 Greenpeace activists in Zeebrugge."))
	d.run()
	if d.cands != nil {
		t.Errorf("the mention stage's %d candidates outlive it", len(d.cands))
	}
	if len(d.out.Events) == 0 || len(d.ents) == 0 {
		t.Errorf("the stages produced %d entities and %d events", len(d.ents), len(d.out.Events))
	}
}
