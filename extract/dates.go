package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// dateMention is a date expression found in a text, resolved to an ISO 8601
// prefix ("2023", "2023-04", "2023-04-15").
type dateMention struct {
	start, end int    // byte span in the text searched
	value      string // resolved date; "" when the year is unknown
	hasYear    bool   // the expression names its year
	relative   bool   // "next year", "this year": resolved against the year of the document
	absEnd     int    // end in the document, when found by docState.dateAt
}

var monthNumber = map[string]int{}

func init() {
	names := [][]string{
		{"january", "janvier", "januari", "januar"},
		{"february", "février", "fevrier", "februari", "februar"},
		{"march", "mars", "maart", "märz", "marz"},
		{"april", "avril"},
		{"may", "mai", "mei"},
		{"june", "juin", "juni"},
		{"july", "juillet", "juli"},
		{"august", "août", "aout", "augustus"},
		{"september", "septembre"},
		{"october", "octobre", "oktober"},
		{"november", "novembre"},
		{"december", "décembre", "decembre", "dezember"},
	}
	for i, ns := range names {
		for _, n := range ns {
			monthNumber[n] = i + 1
		}
	}
}

// English month names are matched with a capital (so the modal "may" is not
// a month); the other languages' names case-insensitively.
const monthAlt = `(?:January|February|March|April|May|June|July|August|September|October|November|December|(?i:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|januari|februari|maart|mei|juni|juli|augustus|oktober|januar|februar|märz|dezember))`

var (
	reISODate   = regexp.MustCompile(`\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b`)
	reNumDate   = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})\b`)
	reDayMonth  = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th|er|e)?\s+(` + monthAlt + `)(?:,?\s+((?:19|20)\d{2}))?\b`)
	reMonthDay  = regexp.MustCompile(`\b(` + monthAlt + `)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d{2}))?`)
	reMonthYear = regexp.MustCompile(`\b(` + monthAlt + `)\s+(?:of\s+)?((?:19|20)\d{2})\b`)
	// A month alone counts only after a preposition ("In April", "by
	// March"): "May" or "March" at the start of a sentence are other words.
	reMonthOnly = regexp.MustCompile(`(?i:\b(?:in|during|since|by|until|till|from|early|late|mid|end of|beginning of|en|au mois de|in de maand|im)\s+)(` + monthAlt + `)\b`)
	reYear      = regexp.MustCompile(`\b((?:19|20)\d{2})\b`)
	reRelYear   = regexp.MustCompile(`(?i)\b(next year|last year|this year|the previous year|the past year|the following year|earlier this year|later this year)\b`)
)

// findDates returns the date expressions in s, resolved against year (the
// year the document is about; "" when unknown), in text order and without
// overlaps.
func findDates(s string, year string) []dateMention {
	var out []dateMention
	taken := func(a, b int) bool {
		for _, d := range out {
			if a < d.end && b > d.start {
				return true
			}
		}
		return false
	}
	add := func(a, b int, y, m, d int, hasYear bool) {
		if taken(a, b) {
			return
		}
		dm := dateMention{start: a, end: b, hasYear: hasYear}
		if !hasYear {
			if yy, err := strconv.Atoi(year); err == nil && len(year) == 4 {
				y = yy
			} else {
				y = 0
			}
		}
		if y > 0 && m >= 1 && m <= 12 && d >= 0 && d <= 31 {
			switch {
			case d > 0:
				dm.value = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
			default:
				dm.value = fmt.Sprintf("%04d-%02d", y, m)
			}
		} else if y > 0 && m == 0 {
			dm.value = fmt.Sprintf("%04d", y)
		}
		out = append(out, dm)
	}
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	// cheap tests first: most sentences have no digit and no month name
	hasDigit, hasMonth := false, false
	for i := 0; i < len(s); i++ {
		if isDigitByte(s[i]) {
			hasDigit = true
			break
		}
	}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(w) >= 3 && len(w) <= 10 && monthNumber[strings.ToLower(w)] > 0 {
			hasMonth = true
			break
		}
	}
	if !hasDigit && !hasMonth && !strings.Contains(s, "year") {
		return nil
	}
	if !hasDigit {
		goto months
	}
	for _, m := range reISODate.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], m[1], atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]), true)
	}
	for _, m := range reNumDate.FindAllStringSubmatchIndex(s, -1) {
		add(m[0], m[1], atoi(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]]), true)
	}
	if !hasMonth {
		goto years
	}
	for _, m := range reDayMonth.FindAllStringSubmatchIndex(s, -1) {
		mon := monthOf(s[m[4]:m[5]])
		if m[6] >= 0 {
			add(m[0], m[1], atoi(s[m[6]:m[7]]), mon, atoi(s[m[2]:m[3]]), true)
		} else {
			add(m[0], m[1], 0, mon, atoi(s[m[2]:m[3]]), false)
		}
	}
	for _, m := range reMonthDay.FindAllStringSubmatchIndex(s, -1) {
		mon := monthOf(s[m[2]:m[3]])
		day := atoi(s[m[4]:m[5]])
		if day < 1 || day > 31 {
			continue
		}
		// "May 2023" is a month and a year, not the 20th of May
		if m[6] >= 0 {
			add(m[0], m[1], atoi(s[m[6]:m[7]]), mon, day, true)
		} else {
			add(m[0], m[1], 0, mon, day, false)
		}
	}
	for _, m := range reMonthYear.FindAllStringSubmatchIndex(s, -1) {
		add(m[2], m[1], atoi(s[m[4]:m[5]]), monthOf(s[m[2]:m[3]]), 0, true)
	}
months:
	if hasMonth {
		for _, m := range reMonthOnly.FindAllStringSubmatchIndex(s, -1) {
			add(m[2], m[3], 0, monthOf(s[m[2]:m[3]]), 0, false)
		}
	}
years:
	for _, m := range reYear.FindAllStringSubmatchIndex(s, -1) {
		// not a number in a larger figure ("2,000", "1990s" is fine as 1990)
		if m[0] > 0 && (s[m[0]-1] == ',' || s[m[0]-1] == '.' || s[m[0]-1] == '$' || strings.HasSuffix(s[:m[0]], "€")) {
			continue
		}
		add(m[0], m[1], atoi(s[m[2]:m[3]]), 0, 0, true)
	}
	if !strings.Contains(strings.ToLower(s), "year") {
		sortDates(out)
		return out
	}
	for _, m := range reRelYear.FindAllStringIndex(s, -1) {
		if taken(m[0], m[1]) {
			continue
		}
		dm := dateMention{start: m[0], end: m[1], relative: true}
		if y, err := strconv.Atoi(year); err == nil && len(year) == 4 {
			switch strings.ToLower(s[m[0]:m[1]]) {
			case "next year", "the following year":
				y++
			case "last year", "the previous year", "the past year":
				y--
			}
			dm.value = fmt.Sprintf("%04d", y)
		}
		out = append(out, dm)
	}
	sortDates(out)
	return out
}

func monthOf(name string) int {
	n := strings.TrimSuffix(strings.ToLower(name), ".")
	return monthNumber[n]
}

func sortDates(ds []dateMention) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].start < ds[j-1].start; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// yearOf returns the year of an ISO date prefix, or "".
func yearOf(d string) string {
	if len(d) >= 4 {
		return d[:4]
	}
	return ""
}
