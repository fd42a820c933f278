package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// token is a word, number or punctuation mark of the text, as a byte span.
type token struct {
	start, end   int
	norm         string // lower case, accents folded, curly apostrophes straightened
	kind         tokKind
	upper        bool // first letter is upper case
	allCaps      bool // every letter is upper case (and there are at least two)
	hyphenBefore bool // joined to the previous token by a hyphen ("gender-based")
}

type tokKind uint8

const (
	tokWord tokKind = iota
	tokNum
	tokPunct
)

// foldTr removes combining marks after canonical decomposition: "Prévot" ->
// "Prevot". Built once; transform.Chain values are not safe for concurrent
// use, so foldString makes a fresh chain only for non-ASCII input.
func foldString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	s = quoteFolder.Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

var quoteFolder = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u02bc", "'", "\u201c", `"`, "\u201d", `"`, "\u2013", "-", "\u2014", "-")

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text into tokens. Hyphens between words and whitespace are
// separators, not tokens; a possessive "'s" is its own token so that
// "Region's" matches "Region". Invalid UTF-8 bytes become punctuation tokens
// of one byte, so every span stays inside the text.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	i := 0
	hyph := false
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size <= 1 {
			toks = append(toks, token{start: i, end: i + 1, norm: "\ufffd", kind: tokPunct})
			i++
			hyph = false
			continue
		}
		if unicode.IsSpace(r) {
			i += size
			hyph = false
			continue
		}
		if isWordRune(r) {
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += s2
					continue
				}
				// internal apostrophe ("d'Ivoire", "l'homme"), but not a
				// possessive 's at the end of the word
				if isApostrophe(r2) && j+s2 < len(text) {
					r3, s3 := utf8.DecodeRuneInString(text[j+s2:])
					if isWordRune(r3) {
						if (r3 == 's' || r3 == 'S') && j+s2+s3 <= len(text) {
							next := j + s2 + s3
							if next == len(text) {
								break
							}
							r4, _ := utf8.DecodeRuneInString(text[next:])
							if !isWordRune(r4) {
								break
							}
						}
						j += s2
						continue
					}
				}
				// decimal or thousands separators inside numbers: 1,000 / 3.5 / 20.4.1959
				if (r2 == '.' || r2 == ',') && j+1 < len(text) && isDigitByte(text[j+1]) && j > i && isDigitByte(text[j-1]) {
					j++
					continue
				}
				break
			}
			w := text[i:j]
			t := token{start: i, end: j, norm: foldString(w), kind: tokWord, hyphenBefore: hyph}
			first, _ := utf8.DecodeRuneInString(w)
			if unicode.IsDigit(first) {
				t.kind = tokNum
			} else {
				t.upper = unicode.IsUpper(first)
				t.allCaps = isAllCaps(w)
			}
			toks = append(toks, t)
			i = j
			hyph = false
			continue
		}
		if isApostrophe(r) && i+size < len(text) && (text[i+size] == 's' || text[i+size] == 'S') {
			end := i + size + 1
			if end == len(text) || !isWordRune(firstRune(text[end:])) {
				toks = append(toks, token{start: i, end: end, norm: "'s", kind: tokWord})
				i = end
				hyph = false
				continue
			}
		}
		if (r == '-' || r == '\u2011') && len(toks) > 0 && toks[len(toks)-1].end == i && i+size < len(text) && isWordRune(firstRune(text[i+size:])) {
			hyph = true
			i += size
			continue
		}
		toks = append(toks, token{start: i, end: i + size, norm: foldString(text[i : i+size]), kind: tokPunct})
		i += size
		hyph = false
	}
	return toks
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// normTokens is the matching key of a name: its tokens' normal forms.
func normTokens(s string) []string {
	toks := tokenize(s)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.kind == tokPunct && (t.norm == "." || t.norm == "," || t.norm == "\"" || t.norm == "(" || t.norm == ")") {
			continue
		}
		out = append(out, t.norm)
	}
	return out
}

// sentence is a span of the text with its token range.
type sentence struct {
	start, end int
	t0, t1     int // tokens [t0, t1)
	para       int // paragraph (line block) number
	heading    bool
	lineStart  bool // first sentence of its line
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "no": true, "nos": true,
	"art": true, "arts": true, "para": true, "paras": true, "e.g": true, "i.e": true, "cf": true,
	"vs": true, "v": true, "etc": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "rev": true, "fr": true, "jr": true, "sr": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "dept": true, "approx": true, "op": true,
}

// maxSentenceBytes bounds the work done on one sentence: text without
// punctuation (tables, scraped menus) is cut into pieces of at most this size.
const maxSentenceBytes = 3000

// splitSentences splits text into sentences. Line breaks end sentences
// (scraped pages put headings and paragraphs on their own lines); so do . ! ?
// followed by a space and an upper-case letter, digit or quote, except after
// common abbreviations and single initials.
func splitSentences(text string, toks []token) []sentence {
	var out []sentence
	para := 0
	ti := 0
	lineStart := true
	emit := func(s, e int) {
		// trim spaces
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if s >= e {
			return
		}
		for ti < len(toks) && toks[ti].start < s {
			ti++
		}
		t0 := ti
		for ti < len(toks) && toks[ti].end <= e {
			ti++
		}
		out = append(out, sentence{start: s, end: e, t0: t0, t1: ti, para: para, lineStart: lineStart})
		lineStart = false
	}
	start := 0
	i := 0
	blank := false
	for i < len(text) {
		c := text[i]
		if c == '\n' && !hardWrap(text, i) {
			emit(start, i)
			// a blank line starts a new paragraph; so does every line (scraped
			// pages have one paragraph per line), but blank lines are counted
			// to keep headings with what follows
			para++
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			blank = j < len(text) && text[j] == '\n'
			_ = blank
			start = i + 1
			i++
			lineStart = true
			continue
		}
		if c == '.' || c == '!' || c == '?' {
			j := i + 1
			// closing quotes and brackets stay with the sentence
			for j < len(text) {
				r, sz := utf8.DecodeRuneInString(text[j:])
				if r == '"' || r == '\u201d' || r == '\u2019' || r == ')' || r == '\'' {
					j += sz
					continue
				}
				break
			}
			if j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				k := j
				for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
					k++
				}
				if k < len(text) {
					r, _ := utf8.DecodeRuneInString(text[k:])
					if (unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\u201c' || r == '\u2018' || r == '(') && !(c == '.' && isAbbrevBefore(text, i)) && !(c == '.' && isEnumerator(text[start:i])) {
						emit(start, j)
						start = j
						i = j
						continue
					}
				}
			}
		}
		if i-start > maxSentenceBytes && (c == ' ' || c == ',' || c == ';') {
			emit(start, i+1)
			start = i + 1
		}
		i++
	}
	emit(start, len(text))
	markHeadings(text, out)
	return out
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

// hardWrap reports whether the line break at text[i] only wraps a long line
// of running text ("... the European Convention on Human\nRights (ECHR)"):
// the line is long, ends inside a sentence, and the next line goes on in
// lower case, or with a capitalised word after a line that ends with a
// preposition, an article or a name's first words.
func hardWrap(text string, i int) bool {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	line := strings.TrimRight(text[ls:i], " \t\r")
	if len(line) < 50 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?:;\"\u201d)>]|", last) {
		return false
	}
	j := i + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	if j >= len(text) || text[j] == '\n' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[j:])
	if unicode.IsLower(next) || unicode.IsDigit(next) || next == '(' {
		return true
	}
	// the next line starts with a capital: a wrap only when this line stops
	// where a sentence cannot (after a comma, "of", "the", "and", ...)
	w := line
	if k := strings.LastIndexAny(line, " \t"); k >= 0 {
		w = line[k+1:]
	}
	if last == ',' {
		return true
	}
	switch strings.ToLower(w) {
	case "of", "the", "a", "an", "and", "or", "on", "in", "to", "for", "by", "with", "at", "from", "de", "van", "human", "united", "european", "international":
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && unicode.IsUpper(next) && len(line) >= 60
}

// isAbbrevBefore reports whether the period at text[i] ends an abbreviation
// or an initial ("Mr.", "Art.", "J.").
func isAbbrevBefore(text string, i int) bool {
	j := i
	for j > 0 && i-j < 16 {
		r, sz := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= sz
	}
	w := strings.ToLower(text[j:i])
	if abbreviations[w] {
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(text[j:i])
		return unicode.IsUpper(r)
	}
	return strings.Contains(w, ".") && len(w) <= 6 // U.S., e.g.
}

// isEnumerator: the text before a period is only a list number ("1").
func isEnumerator(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// isFootnote: a numbered line that quotes a title ("1. “Title”, 26 May").
func isFootnote(line string) bool {
	i := 0
	for i < len(line) && i < 3 && isDigitByte(line[i]) {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != '.' {
		return false
	}
	rest := strings.TrimLeft(line[i+1:], " \t")
	return strings.HasPrefix(rest, "\u201c") || strings.HasPrefix(rest, "\"")
}

// markHeadings flags sentences that are whole short lines without final
// punctuation: headings, titles, menu items.
func markHeadings(text string, ss []sentence) {
	for i := range ss {
		s := &ss[i]
		if !s.lineStart {
			continue
		}
		// whole line?
		e := s.end
		for e < len(text) && (text[e] == ' ' || text[e] == '\t' || text[e] == '\r') {
			e++
		}
		if e < len(text) && text[e] != '\n' {
			continue
		}
		line := text[s.start:s.end]
		// "  1. “Poland: Pushbacks at the Belarus border must stop”, 20 June":
		// a footnote citing another text
		if isFootnote(line) {
			s.heading = true
			continue
		}
		if len(line) > 160 {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(line)
		if last == '.' || last == ',' || last == ';' || last == ':' {
			continue
		}
		s.heading = true
	}
}
