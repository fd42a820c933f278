package kb

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the treaty side of the knowledge base: provision numbers
// and ids, instrument and right lookups by text, and participation as of a
// date. The extractor calls these to link mentions; the API calls the
// participation helpers only for tests (it reads Neo4j).

// ProvisionSlug normalises a provision number as texts write it into the
// slug used in provision ids (see ProvisionID). The head word becomes a short
// prefix (Article/Art./Artikel -> art, Rule -> rule, Section -> sec,
// Paragraph/§ alone -> para, Chapter -> ch, Annex -> annex, Part -> part,
// Preamble -> preamble; no head word -> art), and every number or
// sub-paragraph letter after it becomes one dash-separated component:
//
//	"Article 2"                 -> "art-2"
//	"Art. 8 § 1"                -> "art-8-1"
//	"Article 4, § 2 , 3°"       -> "art-4-2-3"
//	"Article 4(2)(c)"           -> "art-4-2-c"
//	"article 2bis"              -> "art-2bis"
//	"Article 1 of Protocol No. 1" -> "art-1" (the protocol is the instrument)
//	"Rule 39"                   -> "rule-39"
//
// It returns "" when number has no number at all.
func ProvisionSlug(number string) string {
	s := strings.ToLower(strings.TrimSpace(number))
	// A trailing "of Protocol No. 1", "of the Convention" names the instrument,
	// not the provision.
	if i := ofInstrumentRe.FindStringIndex(s); i != nil {
		s = s[:i[0]]
	}
	head := ""
	var parts []string
	for _, tok := range slugTokens(s) {
		if h, ok := slugHeads[tok]; ok {
			if head == "" && len(parts) == 0 {
				head = h
			}
			continue
		}
		if slugNoise[tok] {
			continue
		}
		if !slugComponent(tok) {
			continue
		}
		parts = append(parts, tok)
	}
	if len(parts) == 0 {
		if head == "preamble" {
			return "preamble"
		}
		return ""
	}
	switch head {
	case "":
		head = "art"
	case "para-alone":
		head = "para"
	}
	return head + "-" + strings.Join(parts, "-")
}

var ofInstrumentRe = regexp.MustCompile(`\s+(of|to|de|van|der|des)\s+(the\s+|la\s+|het\s+|de\s+)?(protocol|convention|covenant|charter|treaty|statute|law|act|loi|wet|decree|regulation|directive|constitution|declaration|european|international|un\b|universal|protocole|verdrag|pacte|code)\b.*$`)

// slugHeads maps head words to slug prefixes. "§" and "paragraph" without an
// article are paragraphs of a law ("§ 2"); after an article they are noise.
var slugHeads = map[string]string{
	"article": "art", "articles": "art", "art": "art", "arts": "art", "artikel": "art", "artikelen": "art", "artículo": "art", "articolo": "art",
	"rule": "rule", "rules": "rule", "regel": "rule",
	"section": "sec", "sections": "sec", "sec": "sec",
	"chapter": "ch", "chapters": "ch", "chapitre": "ch", "hoofdstuk": "ch", "ch": "ch",
	"annex": "annex", "annexe": "annex", "bijlage": "annex",
	"part": "part", "partie": "part", "deel": "part",
	"preamble": "preamble", "préambule": "preamble",
	"paragraph": "para-alone", "para": "para-alone", "par": "para-alone", "paragraphs": "para-alone", "§": "para-alone", "§§": "para-alone", "lid": "para-alone", "alinéa": "para-alone", "al": "para-alone",
}

// slugNoise are connecting words that never form a component.
var slugNoise = map[string]bool{
	"no": true, "nr": true, "n": true, "of": true, "the": true, "and": true, "sub": true, "subparagraph": true,
	"point": true, "points": true, "item": true, "litt": true, "lit": true, "letter": true, "de": true, "van": true,
	"du": true, "la": true, "le": true, "het": true, "en": true, "et": true, "first": true, "to": true,
}

// slugTokens splits a lower-cased number into words, numbers and "§".
func slugTokens(s string) []string {
	var toks []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			toks = append(toks, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == '§':
			flush()
			toks = append(toks, "§")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// "4bis" stays one token; "4(2)" splits at the parenthesis.
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

// slugComponent reports whether tok is a provision component: a number
// (optionally with a latin suffix: 2bis, 4ter), a roman numeral or a single
// sub-paragraph letter.
func slugComponent(tok string) bool {
	if tok == "" {
		return false
	}
	if tok[0] >= '0' && tok[0] <= '9' {
		i := 0
		for i < len(tok) && tok[i] >= '0' && tok[i] <= '9' {
			i++
		}
		switch tok[i:] {
		case "", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "a", "b", "c", "d", "e", "f", "st", "nd", "rd", "th", "er", "e°":
			return true
		}
		return false
	}
	if utf8.RuneCountInString(tok) == 1 {
		return unicode.IsLetter([]rune(tok)[0])
	}
	for _, r := range tok {
		if !strings.ContainsRune("ivxlc", r) {
			return false
		}
	}
	return len(tok) <= 6
}

// ProvisionNumberOf returns a readable number for a slug ("art-4-2-3" ->
// "Article 4.2.3"), for provisions known only by id. Prefer the number as the
// reference or the text writes it: numbering conventions differ by instrument.
func ProvisionNumberOf(slug string) string {
	parts := strings.Split(slug, "-")
	if len(parts) < 2 {
		return slug
	}
	head := map[string]string{"art": "Article", "rule": "Rule", "sec": "Section", "ch": "Chapter", "annex": "Annex", "part": "Part", "para": "§"}[parts[0]]
	if head == "" {
		head = parts[0]
	}
	return head + " " + strings.Join(parts[1:], ".")
}

// Instrument returns the instrument with the given id.
func (k *KB) Instrument(id string) (*Instrument, bool) {
	k.index()
	i, ok := k.idx.instrumentByID[id]
	if !ok {
		return nil, false
	}
	return &k.Instruments[i], true
}

// InstrumentByName resolves a name as a text writes it ("the European
// Convention on Human Rights", "ECHR", "Convention européenne des droits de
// l'homme", "Convention on Mutual Assistance in Criminal Matters of the
// Council of Europe") to an instrument. Names, short names and aliases match
// case-insensitively after folding quotes, dashes and spaces and dropping a
// leading article; acronyms match case-sensitively (so "cat" is not the CAT).
func (k *KB) InstrumentByName(text string) (*Instrument, bool) {
	k.index()
	t := strings.TrimSpace(text)
	if i, ok := k.idx.instrumentByAcronym[t]; ok {
		return &k.Instruments[i], true
	}
	if i, ok := k.idx.instrumentByName[normName(t)]; ok {
		return &k.Instruments[i], true
	}
	return nil, false
}

// Mention is a match of a knowledge-base name in a text: the entity id and
// the byte span [Start, End) of the matched words.
type Mention struct {
	ID    string
	Start int
	End   int
}

// InstrumentMentions finds every instrument name, alias or acronym in text,
// longest match first, without overlaps, in text order. Acronyms match only
// as whole words with their exact case.
func (k *KB) InstrumentMentions(text string) []Mention {
	k.index()
	return k.idx.instrumentMatcher.find(text)
}

// Provision returns the provision of instrumentID with the given number
// ("Article 2", "Art. 2", "Article 8 § 1"). When the exact number is not in
// the knowledge base it falls back to the enclosing article ("Article 8 § 1"
// -> Article 8), reporting exact=false; ok is false when neither exists.
// The provision's id is ProvisionID(instrumentID, ProvisionSlug(number)) for
// the number as cited.
func (k *KB) Provision(instrumentID, number string) (p Provision, exact, ok bool) {
	k.index()
	slug := ProvisionSlug(number)
	if slug == "" {
		return Provision{}, false, false
	}
	byslug := k.idx.provisions[instrumentID]
	if p, ok := byslug[slug]; ok {
		return p, true, true
	}
	parts := strings.Split(slug, "-")
	for n := len(parts) - 1; n >= 2; n-- {
		if p, ok := byslug[strings.Join(parts[:n], "-")]; ok {
			return p, false, true
		}
	}
	return Provision{}, false, false
}

// Right returns the right with the given id.
func (k *KB) Right(id string) (*Right, bool) {
	k.index()
	i, ok := k.idx.rightByID[id]
	if !ok {
		return nil, false
	}
	return &k.Rights[i], true
}

// rightPhraseRe finds a right phrase's head: "right to", "rights to", "right
// of", "freedom of", "freedoms of", "freedom from", "prohibition of", the
// French and Dutch equivalents. What follows is a coordinated list.
var rightPhraseRe = regexp.MustCompile(`(?i)\b(rights?\s+(?:to|of|not\s+to\s+be)|freedoms?\s+(?:of|from)|prohibition\s+of|droits?\s+(?:à\s+la|à\s+l'|à|au|aux|de)|recht\s+op|rechten\s+op|libertés?\s+de|vrijheid\s+van)\s+`)

// rightListSepRe splits a coordinated list: "life and to private life",
// "expression, assembly and association".
var rightListSepRe = regexp.MustCompile(`(?i)\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+et\s+|\s+en\s+)(?:to\s+|of\s+|the\s+|from\s+|à\s+la\s+|à\s+)?`)

// RightsIn returns the ids of the rights a phrase names, in text order,
// without duplicates: "the rights to life and to private life" -> right:life,
// right:private-life; "freedom of expression and assembly" ->
// right:freedom-of-expression, right:freedom-of-assembly; "prohibition of
// torture" -> right:freedom-from-torture. Aliases match anywhere in text (as
// whole words); bare terms ("life", "assembly") only as items of a list that
// follows "right(s) to", "freedom of" and the like. text may be a phrase or a
// sentence; the caller decides whether a right mentioned is alleged or found
// violated.
func (k *KB) RightsIn(text string) []string {
	k.index()
	type hit struct {
		pos int
		id  string
	}
	var hits []hit
	for _, m := range k.idx.rightMatcher.find(text) {
		hits = append(hits, hit{m.Start, m.ID})
	}
	for _, loc := range rightPhraseRe.FindAllStringSubmatchIndex(text, -1) {
		head := strings.Join(strings.Fields(strings.ToLower(text[loc[2]:loc[3]])), " ")
		rest := text[loc[1]:]
		// The list ends at a clause boundary.
		if i := strings.IndexAny(rest, ".;:()\n"); i >= 0 {
			rest = rest[:i]
		}
		if len(rest) > 200 {
			rest = rest[:200]
		}
		off := loc[1]
		idx := rightListSepRe.FindAllStringIndex(rest, -1)
		start := 0
		items := [][2]int{}
		for _, sep := range idx {
			items = append(items, [2]int{start, sep[0]})
			start = sep[1]
		}
		items = append(items, [2]int{start, len(rest)})
		for n, it := range items {
			item := strings.TrimSpace(rest[it[0]:it[1]])
			id, ok := k.rightOfItem(head, item)
			if !ok {
				if n == 0 {
					// "the right to X" where X is unknown: stop, it is not a list of rights.
					break
				}
				continue
			}
			hits = append(hits, hit{off + it[0], id})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	var ids []string
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.id] {
			seen[h.id] = true
			ids = append(ids, h.id)
		}
	}
	return ids
}

// rightOfItem resolves one list item after a right phrase's head: the item
// alone ("private life", "life"), or the head plus the item ("freedom of" +
// "assembly" = "freedom of assembly"). Longer prefixes of the item are tried
// first, so "life of the plaintiffs" resolves to life.
func (k *KB) rightOfItem(head, item string) (string, bool) {
	words := strings.Fields(item)
	for n := len(words); n >= 1; n-- {
		cand := strings.Join(words[:n], " ")
		nc := normName(cand)
		for _, form := range []string{nc, normName(head + " " + cand), normName("right to " + cand)} {
			if id, ok := k.idx.rightByTerm[form]; ok {
				return id, true
			}
			if id, ok := k.idx.rightByAlias[form]; ok {
				return id, true
			}
		}
	}
	return "", false
}

// ImpliedInstruments returns the instruments a mention of the institution
// implies: the institution's own `implies` list when the reference states
// one, else the top-level instruments (not protocols) whose monitoring body
// it is. "the European Court of Human Rights" -> instrument:echr.
func (k *KB) ImpliedInstruments(institutionID string) []string {
	k.index()
	for _, in := range k.Institutions {
		if in.ID == institutionID && len(in.Implies) > 0 {
			return append([]string(nil), in.Implies...)
		}
	}
	var ids []string
	for _, ins := range k.Instruments {
		if ins.Body == institutionID && ins.Parent == "" {
			ids = append(ids, ins.ID)
		}
	}
	return ids
}

// Participation statuses, as of a date.
const (
	StatusParty     = "party"     // bound: in force for the state
	StatusRatified  = "ratified"  // ratified or acceded, not yet in force for the state
	StatusSignatory = "signatory" // signed only
	StatusWithdrawn = "withdrawn" // denounced or withdrawn, no longer bound
)

// Status returns the participation's status on date (an ISO 8601 prefix;
// "" means today's data, i.e. the latest state), or "" when the state had not
// even signed by then. Partial dates compare as their first day ("2023" is
// 2023-01-01).
func (p Participation) Status(date string) string {
	on := func(d string) bool { return d != "" && (date == "" || dateLE(d, date)) }
	switch {
	case on(p.Withdrawn):
		return StatusWithdrawn
	case on(p.InForce):
		return StatusParty
	case on(p.Ratified):
		if p.InForce == "" {
			// Entry into force for the state not recorded: take the
			// ratification as binding rather than hide the obligation.
			return StatusParty
		}
		return StatusRatified
	case on(p.Signed):
		return StatusSignatory
	}
	return ""
}

// BindingFrom returns the date from which the participation binds the state:
// its entry into force for the state, else its ratification date.
func (p Participation) BindingFrom() string {
	if p.InForce != "" {
		return p.InForce
	}
	return p.Ratified
}

// ReservationsAsOf returns the reservations and declarations in effect on
// date (made by then and not withdrawn by then).
func (p Participation) ReservationsAsOf(date string) []Reservation {
	var rs []Reservation
	for _, r := range p.Reservations {
		if r.Made != "" && date != "" && !dateLE(r.Made, date) {
			continue
		}
		if r.Withdrawn != "" && (date == "" || dateLE(r.Withdrawn, date)) {
			continue
		}
		rs = append(rs, r)
	}
	return rs
}

// ParticipationOf returns iso3's participation in the instrument.
func (k *KB) ParticipationOf(iso3, instrumentID string) (Participation, bool) {
	for _, p := range k.Participation {
		if p.State == iso3 && p.Instrument == instrumentID {
			return p, true
		}
	}
	return Participation{}, false
}

// PartiesAsOf returns the participations in the instrument that bind their
// state on date ("" = latest): in force for the state by then and not
// withdrawn by then. Sorted by state.
func (k *KB) PartiesAsOf(instrumentID, date string) []Participation {
	var ps []Participation
	for _, p := range k.Participation {
		if p.Instrument == instrumentID && p.Status(date) == StatusParty {
			ps = append(ps, p)
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].State < ps[j].State })
	return ps
}

// BindingAsOf returns the participations that bind the state on date ("" =
// latest), sorted by instrument id.
func (k *KB) BindingAsOf(iso3, date string) []Participation {
	var ps []Participation
	for _, p := range k.Participation {
		if p.State == iso3 && p.Status(date) == StatusParty {
			ps = append(ps, p)
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].Instrument < ps[j].Instrument })
	return ps
}

// dateLE reports a <= b for ISO 8601 date prefixes, a partial date counting
// as its first day.
func dateLE(a, b string) bool { return padDate(a) <= padDate(b) }

func padDate(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

// normName folds a name for matching: lower case, curly quotes and
// apostrophes to ', dashes to -, runs of space to one, a leading "the"
// dropped, trailing punctuation trimmed.
func normName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case '\u2018', '\u2019', '\u02bc', '`', '\u00b4':
			r = '\''
		case '\u201c', '\u201d', '\u00ab', '\u00bb':
			r = '"'
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014':
			r = '-'
		case '\u00a0':
			r = ' '
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	out := strings.TrimRight(b.String(), ".,;: ")
	for _, art := range []string{"the ", "la ", "le ", "l'", "de ", "het ", "die ", "der "} {
		if strings.HasPrefix(out, art) {
			out = out[len(art):]
			break
		}
	}
	return out
}
