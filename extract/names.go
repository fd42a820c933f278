package extract

import (
	_ "embed"
	"strings"
	"sync"
)

// data/given-names.txt: about 37,000 given names from many countries, from
// the PyPI package gender-guesser (see scripts/given-names.py for the source
// and its licence). A capitalised run of two or three name words that starts
// with one of them is a person's name ("Elham Chobdar", "Siarhei
// Bandarenka") where no cue word says so.
//
//go:embed data/given-names.txt
var givenNamesText string

var (
	givenNamesOnce sync.Once
	givenNamesSet  map[string]bool
)

// isGivenName reports whether the normalised token n (lower case, accents
// folded) is a known given name.
func isGivenName(n string) bool {
	givenNamesOnce.Do(func() {
		givenNamesSet = make(map[string]bool, 40000)
		for _, line := range strings.Split(givenNamesText, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			givenNamesSet[foldString(strings.ToLower(line))] = true
		}
	})
	return givenNamesSet[n]
}
