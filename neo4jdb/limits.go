package neo4jdb

import rightsgraph "github.com/rightsgraph/rightsgraph"

// MaxFilterTerms bounds the size of a list filter: every condition on a
// field, every value of an `in` list and every AND/OR/NOT operand counts
// one. A filter over the limit is refused before any Cypher is built, so a
// 30,000-way OR costs a walk over its input and nothing in Neo4j.
const MaxFilterTerms = 256

// checkFilterSize counts the terms of a filter tree without recursing past
// the limit (or past maxFilterDepth, which the compiler reports itself).
func checkFilterSize(filter map[string]any) error {
	n := 0
	var walk func(v any, depth int) bool
	walk = func(v any, depth int) bool {
		if n > MaxFilterTerms || depth > maxFilterDepth+1 {
			return n <= MaxFilterTerms
		}
		switch x := v.(type) {
		case map[string]any:
			for _, sub := range x {
				n++
				if !walk(sub, depth+1) {
					return false
				}
			}
		case []any:
			for _, sub := range x {
				n++
				if !walk(sub, depth+1) {
					return false
				}
			}
		}
		return n <= MaxFilterTerms
	}
	if !walk(filter, 0) {
		return rightsgraph.Errorf(rightsgraph.ELIMIT, "filter size limit exceeded: the filter has more than %d terms (conditions, list values and AND/OR/NOT operands), the maximum filter size is %d", MaxFilterTerms, MaxFilterTerms)
	}
	return nil
}
