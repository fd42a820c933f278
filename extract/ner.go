package extract

import (
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

// candidate is a possible entity mention: from the knowledge base (ref >= 0)
// or from a pattern (ref < 0, with kind and name).
type candidate struct {
	t0, t1   int // tokens [t0, t1)
	ref      int32
	form     aliasForm
	kind     string
	name     string
	category string
	court    bool
	prio     int    // higher wins among equally long overlapping candidates
	alias    string // a short form to record ("Law of 9 December 2004")
	adopted  string
	title    string // a person's title or role as written before the name
	generic  bool   // a generic national name ("Supreme Court"): id gets the state
	// qualifier is the token of a state adjective that starts the name
	// ("French Council of State"), plus one; 0 when none
	qualifier int
	iso3      string // a gazetteer place: the state it lies in
	seat      int    // a court named with its seat ("High Court in Nairobi"): the seat's first token
	venue     bool   // a gazetteer place that seats intergovernmental bodies
}

const (
	prioGroup = iota
	prioPlace
	prioGazetteer
	prioPerson
	prioPattern
	prioKB
)

// Capitalised words that start sentences or headings but never start a name.
var capStop = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "of": true, "for": true,
	"this": true, "that": true, "these": true, "those": true, "despite": true, "although": true,
	"when": true, "while": true, "after": true, "before": true, "since": true, "during": true,
	"following": true, "with": true, "by": true, "from": true, "to": true, "as": true, "and": true,
	"but": true, "or": true, "if": true, "however": true, "hence": true, "therefore": true,
	"similarly": true, "thanks": true, "through": true, "under": true, "its": true, "their": true,
	"his": true, "her": true, "our": true, "my": true, "we": true, "it": true, "they": true, "he": true,
	"she": true, "i": true, "there": true, "here": true, "all": true, "every": true, "each": true,
	"some": true, "many": true, "most": true, "both": true, "no": true, "not": true, "also": true,
	"even": true, "only": true, "last": true, "next": true, "new": false, "read": true, "see": true,
	"find": true, "what": true, "who": true, "why": true, "how": true, "where": true, "which": true,
	"according": true, "amidst": true, "amid": true, "among": true, "between": true, "about": true,
	"le": true, "la": true, "les": true, "de": true, "het": true, "een": true, "der": true, "die": true, "das": true,
	"back": true, "home": true, "share": true, "print": true, "more": true,
	"another": true, "other": true, "several": true, "further": true, "such": true, "any": true, "various": true,
}

// connectors may appear inside a multi-word name between capitalised words.
var connectors = map[string]bool{
	"of": true, "for": true, "and": true, "&": true, "the": true, "on": true, "against": true,
	"in": true, "de": true, "des": true, "du": true, "la": true, "le": true, "l'": true, "van": true,
	"voor": true, "der": true, "den": true, "für": true, "fur": true, "to": true, "'s": true,
}

var institutionHeads = map[string]string{
	"ministry": "ministry", "agency": "agency", "office": "agency", "commission": "agency",
	"committee": "agency", "council": "agency", "parliament": "legislature", "assembly": "legislature",
	"senate": "legislature", "unit": "agency", "service": "agency", "institute": "agency",
	"authority": "agency", "board": "agency", "inspectorate": "agency", "ombudsman": "mechanism",
	"directorate": "agency", "department": "ministry", "secretariat": "agency", "government": "government",
	"police": "security", "army": "security", "gendarmerie": "security", "guard": "security",
	"prosecutor's": "agency", "prosecutor": "agency", "municipality": "government", "cabinet": "government",
	"ministère": "ministry", "ministerie": "ministry", "commissariat": "agency",
	"force": "security", "forces": "security", "corps": "security", "chancellery": "government",
	"presidency": "government", "procuracy": "agency", "rapporteur": "mechanism",
	"mechanism": "mechanism", "embassy": "agency", "consulate": "agency",
}

// lowerHeads may head a name in lower case after capitalised words ("the
// Kano State government", "the Law and Justice party", "the Istanbul
// prosecutor's office").
var lowerHeads = map[string]bool{"government": true, "party": true, "office": true, "police": true, "movement": true}

// officeTitles before "General" make an office ("Attorney General of the
// Federation", "Inspector-General of Police"): a body, unless a person's
// name follows in commas (then it is the person's title).
var officeTitles = map[string]bool{"attorney": true, "inspector": true, "auditor": true, "solicitor": true, "prosecutor": true, "procurator": true, "surgeon": true, "accountant": true}

var orgHeads = map[string]string{
	"alliance": "ngo", "association": "ngo", "league": "ngo", "federation": "ngo", "foundation": "ngo",
	"network": "ngo", "coalition": "ngo", "movement": "movement", "party": "party", "church": "church",
	"society": "ngo", "initiative": "ngo", "collective": "ngo", "front": "movement", "watch": "ngo",
	"forum": "ngo", "trust": "ngo", "centre": "ngo", "center": "ngo", "confederation": "union",
	"syndicate": "union", "mosque": "church", "synagogue": "church", "temple": "church", "brigade": "armed-group",
	"brigades": "armed-group", "army's": "armed-group", "union": "union", "fund": "ngo", "clinic": "ngo",
	"company": "company", "group": "company", "bank": "company", "corporation": "company",
	"ligue": "ngo", "liga": "ngo", "vereniging": "ngo", "stichting": "ngo",
	"university": "academic", "college": "academic", "academy": "academic", "school": "academic",
	"hospital": "ngo", "times": "company", "news": "company",
	"campaign": "ngo", "congress": "ngo", "organisation": "ngo", "organization": "ngo", "project": "ngo",
	"club": "ngo", "community": "ngo", "platform": "ngo", "media": "company", "tv": "company",
}

var instrumentHeads = map[string]string{
	"convention": "treaty", "covenant": "treaty", "charter": "charter", "treaty": "treaty",
	"protocol": "protocol", "declaration": "declaration", "statute": "treaty", "agreement": "treaty",
	"pact": "treaty", "accord": "treaty", "accords": "treaty", "act": "law", "law": "law", "code": "law",
	"constitution": "law", "decree": "law", "directive": "law", "regulation": "law", "ordinance": "law",
	"principles": "declaration", "guidelines": "declaration", "rules": "declaration",
	"partnership": "treaty", "memorandum": "treaty",
	"loi": "law", "wet": "law", "gesetz": "law", "decret": "law", "decreet": "law",
}

// Generic law phrases that are not instruments.
var notInstrument = map[string]bool{
	"rule of law": true, "international law": true, "humanitarian law": true, "human rights law": true,
	"criminal law": true, "civil law": true, "martial law": true, "case law": true, "common law": true,
	"international humanitarian law": true, "international human rights law": true, "eu law": true,
	"european law": true, "domestic law": true, "national law": true, "sharia law": true,
	"international criminal law": true, "refugee law": true, "public law": true,
}

// Instrument heads that need a complement or capitalised modifiers to be a
// name; the rest also need one, and this set needs a non-generic one.
var weakInstrumentHeads = map[string]bool{"law": true, "code": true, "rules": true, "principles": true, "guidelines": true, "regulation": true, "directive": true, "agreement": true, "act": true, "partnership": true, "memorandum": true}

// Titles before a person's name. honorific titles allow a single name.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "professor": true,
	"father": true, "sister": true, "brother": true, "imam": true, "rabbi": true, "bishop": true,
	"pastor": true, "reverend": true, "rev": true, "sheikh": true, "ayatollah": true, "cardinal": true,
	"pope": true, "king": true, "queen": true, "prince": true, "princess": true, "sir": true, "lady": true,
	"madame": true, "monsieur": true, "mme": true, "m": false, "judge": true, "justice": false,
	"senator": true, "ambassador": true, "general": true, "colonel": true, "captain": true,
	"president": true, "minister": true, "commissioner": true, "rapporteur": true, "secretary-general": true,
	"chancellor": true, "mayor": true, "governor": true, "premier": true, "deputy": false, "emir": true, "sultan": true,
	"lord": true, "baroness": true, "dame": true, "secretary": true,
}

// Role nouns written before a name ("aid worker Olivier Vandecasteele").
var roleNouns = map[string]bool{
	"worker": true, "agent": true, "activist": true, "journalist": true, "lawyer": true, "defender": true,
	"blogger": true, "leader": true, "spokesperson": true, "spokesman": true, "spokeswoman": true,
	"director": true, "chair": true, "chairman": true, "chairwoman": true, "chairperson": true,
	"researcher": true, "student": true, "artist": true, "poet": true, "writer": true, "opponent": true,
	"dissident": true, "citizen": true, "national": true, "refugee": true, "woman": true, "man": true,
	"rapper": true, "doctor": true, "politician": true, "official": true, "officer": true, "author": true,
	"economist": true, "academic": true, "scholar": true, "reporter": true, "photographer": true,
	"filmmaker": true, "musician": true, "singer": true, "athlete": true, "footballer": true,
	"mp": true, "deputy": true, "adviser": true, "advisor": true, "coordinator": true, "secretary": true,
	"prisoner": true, "detainee": true, "teenager": true, "girl": true, "boy": true, "mother": true,
	"father": false, "son": true, "daughter": true, "wife": true, "husband": true, "priest": true,
	"cleric": true, "trade-unionist": true, "unionist": true, "campaigner": true, "founder": true,
	"president": true, "minister": true, "commissioner": true, "prosecutor": true, "judge": true,
	"rapporteur": true, "ambassador": true, "mayor": true, "governor": true, "diplomat": true, "representative": true,
	"counsel": true, "attorney": true, "advocate": true, "human": false, "by": true,
	"executive": true, "head": true, "barrister": true, "solicitor": true, "teacher": true,
	"nurse": true, "witness": true, "survivor": true, "lawmaker": true, "legislator": true, "laureate": true,
}

// Nouns after which "of <Name>" names a person ("the death of Mahsa Amini").
var personOfNouns = map[string]bool{
	"death": true, "killing": true, "murder": true, "arrest": true, "detention": true, "release": true,
	"execution": true, "trial": true, "case": true, "sentencing": true, "disappearance": true,
	"conviction": true, "imprisonment": true, "extradition": true, "deportation": true, "torture": true,
	"abduction": true, "kidnapping": true, "assassination": true, "funeral": true, "family": true,
	"lawyer": true, "wife": true, "husband": true, "son": true, "daughter": true, "mother": true,
}

// Name particles allowed inside a person's name.
var nameParticles = map[string]bool{
	"van": true, "de": true, "der": true, "den": true, "von": true, "al": true, "el": true, "bin": true,
	"ibn": true, "da": true, "dos": true, "du": true, "le": true, "la": true, "ter": true, "ten": true, "di": true,
	"abu": true, "abd": true, "ben": true, "mc": true,
}

// Capitalised words that are never part of a person's name.
var notNameWord = map[string]bool{
	"minister": true, "prime": true, "deputy": true, "president": true, "affairs": true, "foreign": true,
	"european": true, "development": true, "cooperation": true, "trade": true, "justice": true,
	"interior": true, "home": true, "asylum": true, "migration": true, "immigration": true, "defence": true,
	"defense": true, "finance": true, "health": true, "education": true, "state": true, "secretary": true,
	"general": true, "human": true, "rights": true, "international": true, "national": true, "federal": true,
	"day": true, "court": true, "council": true, "commission": true, "committee": true, "government": true,
	"ministry": true, "office": true, "agency": true, "union": true, "republic": true, "kingdom": true,
	"united": true, "nations": true, "the": true, "and": true, "of": true, "for": true, "in": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "article": true, "law": true, "convention": true, "charter": true, "act": true,
	"police": true, "army": true, "party": true, "church": true, "association": true, "alliance": true,
	"league": true, "region": true, "city": true, "province": true, "capital": true, "social": true,
	"environment": true, "energy": true, "climate": true, "equal": true, "opportunities": true,
	"political": true, "public": true, "service": true, "institute": true, "high": true, "special": true,
	"chief": true, "senior": true, "adviser": true, "advisor": true, "mission": true, "missions": true,
	"highlighted": true, "event": true, "report": true, "rally": true, "resistance": true, "community": true,
}

// Nouns naming unorganised collectives (Group entities), longest first in use.
var groupPhrases = []string{
	"asylum seekers", "asylum-seekers", "political refugees", "refugees", "migrants", "prisoners",
	"detainees", "climate activists", "environmental activists", "human rights defenders", "activists",
	"journalists", "protesters", "protestors", "demonstrators", "dissidents", "political opponents",
	"political prisoners", "women and girls", "women", "girls", "children", "minors", "survivors",
	"victims", "lgbti people", "lgbtqi+ people", "lgbt people", "roma", "civilians", "plaintiffs",
	"trade unions", "human rights groups", "students", "lawyers", "unaccompanied minors", "stateless persons",
	"undocumented migrants", "people in detention", "homeless people", "ethnic minorities", "religious minorities",
	"opposition members", "political activists", "migrant workers", "domestic workers", "sex workers",
}

var groupIndex = func() map[string][][]string {
	m := map[string][][]string{}
	for _, g := range groupPhrases {
		ks := normTokens(g)
		m[ks[0]] = append(m[ks[0]], ks)
	}
	return m
}()

// Place cues: "the port of Zeebrugge", "in Brussels".
var placeOfNouns = map[string]bool{"port": true, "city": true, "town": true, "village": true, "province": true, "municipality": true, "region": false, "district": true, "capital": true, "island": true, "camp": true, "prison": false}
var placePreps = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "across": true, "throughout": true}

func isHeadWord(n string) bool {
	return institutionHeads[n] != "" || orgHeads[n] != "" || instrumentHeads[n] != "" || n == "court" || n == "tribunal"
}

func isCapWord(t token) bool { return t.kind == tokWord && t.upper }

// isDoubleQuote: a straight or curly double quote.
func isDoubleQuote(t token) bool { return t.kind == tokPunct && t.norm == `"` }

// quotedName returns the end (after the closing quote) of a quoted run of one
// to four capitalised words starting with the opening quote at k, or k.
func (d *docState) quotedName(si, k int) int {
	s := d.sents[si]
	if k >= s.t1 || !isDoubleQuote(d.toks[k]) {
		return k
	}
	q := k + 1
	for q < s.t1 && q < k+5 && (isCapWord(d.toks[q]) || q > k+1 && d.toks[q].kind == tokWord && connectors[d.toks[q].norm]) {
		q++
	}
	if q == k+1 || q >= s.t1 || !isDoubleQuote(d.toks[q]) || !isCapWord(d.toks[q-1]) {
		return k
	}
	return q + 1
}

// spanNoQuotes is the text of tokens [t0, t1) without double quotes: the name
// of 'Human Rights Center “Viasna”' is "Human Rights Center Viasna".
func (d *docState) spanNoQuotes(t0, t1 int) string {
	var b strings.Builder
	for k := t0; k < t1; k++ {
		if isDoubleQuote(d.toks[k]) {
			continue
		}
		if b.Len() > 0 && (k == t0 || d.toks[k].start > d.toks[k-1].end || isDoubleQuote(d.toks[k-1])) {
			b.WriteByte(' ')
		}
		b.WriteString(d.text[d.toks[k].start:d.toks[k].end])
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// patternCandidates finds names that are not in the knowledge base, in the
// tokens [t0, t1) of one sentence.
func (d *docState) patternCandidates(si int) {
	s := d.sents[si]
	d.sentCand0 = len(d.cands)
	toks := d.toks
	for i := s.t0; i < s.t1; i++ {
		t := toks[i]
		if t.kind != tokWord {
			continue
		}
		n := t.norm
		if cat, ok := institutionHeads[n]; ok && (t.upper || lowerHeads[n] && d.lowerHeadOK(si, i)) {
			if n == "rapporteur" {
				d.mandateCandidate(si, i)
			} else {
				d.headCandidate(si, i, rightsgraph.KindInstitution, cat)
			}
		}
		// "the Secretary of State for the Home Department": a minister's
		// office named by its portfolio
		if n == "secretary" && t.upper && i+4 < s.t1 && toks[i+1].norm == "of" && toks[i+2].norm == "state" && toks[i+2].upper && toks[i+3].norm == "for" {
			if e := d.rightComplement(si, i+3, map[string]bool{"for": true}, true); e > i+4 {
				d.cands = append(d.cands, candidate{t0: i, t1: e, ref: -1, kind: rightsgraph.KindInstitution, name: d.span(i, e), category: "ministry", prio: prioPattern, generic: true})
			}
		}
		if n == "general" && t.upper && i > s.t0 && officeTitles[toks[i-1].norm] {
			d.headCandidate(si, i, rightsgraph.KindInstitution, "agency")
		}
		if n == "court" || n == "tribunal" || n == "courts" && false {
			d.courtCandidate(si, i)
		}
		if cat, ok := orgHeads[n]; ok && (t.upper || lowerHeads[n] && d.lowerHeadOK(si, i)) {
			d.headCandidate(si, i, rightsgraph.KindOrganization, cat)
		}
		if n == "law" && !t.upper && i > s.t0 && i+2 < s.t1 && toks[i+1].norm == "on" && lawDeterminers[toks[i-1].norm] {
			d.lawOnCandidate(si, i)
		}
		if cat, ok := instrumentHeads[n]; ok && (t.upper || cat == "law" && i+1 < s.t1 && dateLawPreps[toks[i+1].norm]) {
			// "Law of 9 December 2004"; in French and Dutch also lower case:
			// "la loi du 9 décembre 2004", "de wet van 15 december 1980"
			d.instrumentCandidate(si, i, cat)
		}
		if gs, ok := groupIndex[n]; ok {
			for _, g := range gs {
				// "Human Rights defenders": a capital the phrase does not
				// keep to its end is no name
				if j, ok := d.matchSeq(i, s.t1, g); ok && (!t.upper || i == s.t0 || j-i > 1 && !toks[j-1].upper) {
					name := strings.Join(g, " ")
					d.cands = append(d.cands, candidate{t0: i, t1: j, ref: -1, kind: rightsgraph.KindGroup, name: name, prio: prioGroup})
					break
				}
			}
		}
	}
	d.orAcronymBodies(si)
	d.personCandidates(si)
	d.pluralTitleNames(si)
	d.personPatterns(si)
	d.placeCandidates(si)
}

// orAcronymBodies: "the Kazakh security service, or KNB, detained him": a
// lower-case noun phrase headed by a body's noun, defined by an acronym after
// ", or", is a body (the acronym becomes its alias in defineAcronyms).
func (d *docState) orAcronymBodies(si int) {
	s := d.sents[si]
	toks := d.toks
	for k := s.t0 + 2; k < s.t1; k++ {
		// "the Belarusian KGB": a state's adjective and an unknown acronym
		if toks[k].allCaps && toks[k].kind == tokWord && !d.kbCover[k] && d.stateAdj[k-1] && toks[k-2].norm == "the" &&
			(k+1 == s.t1 || !isCapWord(toks[k+1])) && isAcronymLike(d.text[toks[k].start:toks[k].end]) {
			d.cands = append(d.cands, candidate{t0: k - 1, t1: k + 1, ref: -1, kind: rightsgraph.KindInstitution, name: d.span(k-1, k+1), category: "agency", prio: prioPattern})
			continue
		}
		if k < s.t0+3 || k+1 >= s.t1 {
			continue
		}
		if !toks[k].allCaps || toks[k].kind != tokWord || toks[k-1].norm != "or" || toks[k-2].norm != "," || (toks[k+1].norm != "," && toks[k+1].norm != ")") || d.kbCover[k] {
			continue
		}
		if !isAcronymLike(d.text[toks[k].start:toks[k].end]) {
			continue
		}
		h := k - 3
		head := toks[h]
		kind, cat := "", ""
		if c, ok := institutionHeads[head.norm]; ok && !head.upper {
			kind, cat = rightsgraph.KindInstitution, c
		} else if c, ok := orgNouns[head.norm]; ok && !head.upper {
			kind, cat = rightsgraph.KindOrganization, c
		}
		if kind == "" {
			continue
		}
		b := h
		for b-1 >= s.t0 && b > h-4 && toks[b-1].kind == tokWord && (!toks[b-1].upper || d.stateAdj[b-1]) && !capStop[toks[b-1].norm] && !connectors[toks[b-1].norm] {
			b--
		}
		if b == h && !d.stateAdj[b] {
			// a bare "service, or KNB" names nothing
			continue
		}
		d.cands = append(d.cands, candidate{t0: b, t1: h + 1, ref: -1, kind: kind, name: d.span(b, h+1), category: cat, prio: prioPattern})
	}
}

func (d *docState) matchSeq(i, limit int, seq []string) (int, bool) {
	j := i
	for _, w := range seq {
		if j >= limit || d.toks[j].norm != w {
			return 0, false
		}
		j++
	}
	return j, true
}

// leftName extends a name leftwards from its head over capitalised words and
// connectors between them; it returns the first token of the name.
func (d *docState) leftName(si, head int) int {
	s := d.sents[si]
	b := head
	start := head - 1
	// "the Istanbul prosecutor's office"
	if !d.toks[head].upper {
		for start >= s.t0 && (d.toks[start].norm == "prosecutor's" || d.toks[start].norm == "'s" || d.toks[start].norm == "prosecutor" || d.toks[start].norm == "public") && !d.toks[start].upper {
			start--
		}
	}
	for k := start; k >= s.t0; k-- {
		t := d.toks[k]
		// "the Georgian Young Lawyers' Association": a plural possessive
		// inside the name
		if t.kind == tokPunct && t.norm == "'" && d.toks[head].upper && isCapWord(d.toks[k+1]) && k > s.t0 && isCapWord(d.toks[k-1]) && d.toks[k-1].end == t.start &&
			strings.HasSuffix(d.toks[k-1].norm, "s") && k+1 < len(d.toks) && d.toks[k+1].start > t.end {
			continue
		}
		if t.kind != tokWord {
			break
		}
		if isCapWord(t) {
			if capStop[t.norm] && (k == s.t0 || !isCapWord(d.toks[k-1])) {
				break
			}
			// a known name other than a state adjective is not a modifier,
			// unless it names an intergovernmental body ("African Union
			// Commission", "OSCE Moscow Mechanism")
			if d.kbCover[k] && !d.stateWord[k] && !d.igoWord[k] {
				break
			}
			b = k
			continue
		}
		// "the OSCE's Office for ...", "Amnesty International's Secretariat":
		// a known name before a possessive owns the body, it is not its name
		if t.norm == "'s" && k > s.t0 && d.kbCover[k-1] {
			break
		}
		if connectors[t.norm] && t.norm != "the" && k > s.t0 && isCapWord(d.toks[k-1]) && !capStop[d.toks[k-1].norm] {
			// "X Alliance and Y Association" are two names ("Law and Justice
			// party" is one: "Law" alone names nothing)
			prev := d.toks[k-1].norm
			alone := weakInstrumentHeads[prev] && (k-2 < s.t0 || !isCapWord(d.toks[k-2]))
			if (t.norm == "and" || t.norm == "&") && isHeadWord(prev) && !alone {
				break
			}
			// "Judge Siarhei Bandarenka of Pershamaiski District Court": a
			// titled person's name before "of" is not part of the body's
			if t.norm == "of" && d.titledNameBefore(s.t0, k) {
				break
			}
			continue
		}
		break
	}
	return b
}

// titledNameBefore reports whether the capitalised words ending before token
// k are a title and a name ("Judge Ana Ruiz", "Prosecutor Tom Hale").
func (d *docState) titledNameBefore(t0, k int) bool {
	r := k - 1
	for r > t0 && isCapWord(d.toks[r-1]) && k-r < 5 {
		r--
	}
	if r+1 >= k || !honorifics[d.toks[r].norm] || !d.toks[r].upper {
		return false
	}
	for q := r + 1; q < k; q++ {
		if notNameWord[d.toks[q].norm] || isHeadWord(d.toks[q].norm) || d.kbCover[q] {
			return false
		}
	}
	return true
}

// rightComplement extends a name rightwards over "of|for|on|against" and
// capitalised words ("Association of Culture and Human Rights"); it returns
// the end token (exclusive).
func (d *docState) rightComplement(si, after int, preps map[string]bool, allowThe bool) int {
	s := d.sents[si]
	e := after
	k := after
	if k >= s.t1 || !preps[d.toks[k].norm] || d.toks[k].upper {
		return e
	}
	k++
	if allowThe && k < s.t1 && d.toks[k].norm == "the" {
		k++
	}
	for k < s.t1 {
		t := d.toks[k]
		if d.kbStart[k] && k > after+1 {
			// a known name ("of the Council of Europe") is not part of this one
			break
		}
		// "the Council of Europe's Parliamentary Assembly": the possessive
		// ends the owner's name
		if t.norm == "'s" && k > after && d.kbCover[k-1] {
			break
		}
		if timeWords[t.norm] {
			break
		}
		// "the District Court of Minsk against Ales Bialiatski": after a
		// known place, or before a person's name, the party of a case
		// follows, not more of the name ("Discrimination against Women"
		// stays whole)
		if t.norm == "against" && k > after+1 && (d.kbCover[k-1] || d.stateWord[k-1] ||
			k+2 < s.t1 && isGivenName(d.toks[k+1].norm) && isCapWord(d.toks[k+1]) && isCapWord(d.toks[k+2]) && !isHeadWord(d.toks[k+2].norm)) {
			break
		}
		if isCapWord(t) || t.kind == tokNum && k > after+1 {
			k++
			e = k
			continue
		}
		// "Human and Peoples' Rights"
		if t.kind == tokPunct && (t.norm == "'") && k+1 < s.t1 && isCapWord(d.toks[k+1]) && k > after+1 {
			k++
			continue
		}
		// "the Special Law on Cybercrimes and the Law for ...": "and" before
		// another head starts another name
		if t.kind == tokWord && (t.norm == "and" || t.norm == "or") && k+2 < s.t1 && d.toks[k+1].norm == "the" && d.conjunctHasHead(si, k+2) {
			break
		}
		if t.kind == tokWord && (connectors[t.norm] || t.norm == "by" && preps["+by"] && isCapWord(d.toks[k-1])) && k+1 < s.t1 && (isCapWord(d.toks[k+1]) || d.toks[k+1].norm == "the" && k+2 < s.t1 && isCapWord(d.toks[k+2])) {
			if t.norm == "in" && !allowThe {
				break
			}
			k++
			continue
		}
		if t.kind == tokWord && t.norm == "the" && k+1 < s.t1 && isCapWord(d.toks[k+1]) && allowThe {
			k++
			continue
		}
		break
	}
	return e
}

// Days and months end a name: "the Council of State on Thursday".
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
}

var complementPreps = map[string]bool{"of": true, "for": true, "on": true, "against": true, "to": false}

func (d *docState) headCandidate(si, head int, kind, cat string) {
	s := d.sents[si]
	b := d.leftName(si, head)
	// "Social Media", "State TV": kinds of media, not an outlet's name
	if d.toks[head].norm == "media" || d.toks[head].norm == "tv" {
		// an outlet's name is capitalised words ending with the head
		// ("Abzas Media"), not a phrase ("Statement on Media Freedom")
		if b == head || head+1 < s.t1 && isCapWord(d.toks[head+1]) || d.hasConnector(b, head) {
			return
		}
		generic := true
		for k := b; k < head; k++ {
			if !genericMediaWords[d.toks[k].norm] && !d.stateWord[k] {
				generic = false
			}
		}
		if generic {
			return
		}
	}
	// "the 8th World Congress Against the Death Penalty", "the 2024 Youth
	// Forum": a numbered meeting, not a body
	if kind == rightsgraph.KindOrganization && eventHeads[d.toks[head].norm] && b > s.t0 && d.toks[b-1].kind == tokNum {
		return
	}
	// "the Iranian Community": people of a nationality, not a body
	if d.toks[head].norm == "community" && b < head && d.allStateWords(b, head) {
		return
	}
	e := d.rightComplement(si, head+1, complementPreps, true)
	if b == head && e == head+1 {
		return
	}
	// A heading in title case ("Peace and Security Council Meeting Notes")
	// is still allowed, but a name must not start with a stop word.
	for b < head && (capStop[d.toks[b].norm] || connectors[d.toks[b].norm]) {
		b++
	}
	if b == head && e == head+1 {
		return
	}
	_ = s
	// "the Embassy of Lithuania in Minsk": a mission's seat is part of its name
	seat := 0
	if (d.toks[head].norm == "embassy" || d.toks[head].norm == "consulate") && e+1 < s.t1 && d.toks[e].norm == "in" && isCapWord(d.toks[e+1]) && !capStop[d.toks[e+1].norm] {
		seat = e
		e += 2
		for e < s.t1 && isCapWord(d.toks[e]) && e < seat+4 {
			e++
		}
	}
	// "the Shanghai Cooperation Organisation", "the Economic Community of
	// West African States": a community or organisation of states is an
	// intergovernmental body
	if kind == rightsgraph.KindOrganization && (d.toks[head].norm == "community" || d.toks[head].norm == "organisation" || d.toks[head].norm == "organization") {
		for k := b; k < e; k++ {
			if igoNameWords[d.toks[k].norm] {
				kind, cat = rightsgraph.KindInstitution, "igo"
				break
			}
		}
	}
	// "the Lord's Resistance Army", "the Free Syrian Army": an armed force
	// named for a cause, not a state, is an armed group
	if kind == rightsgraph.KindInstitution && cat == "security" && d.toks[head].upper && armedGroupHeads[d.toks[head].norm] {
		for k := b; k < head; k++ {
			if insurgentWords[d.toks[k].norm] {
				kind, cat = rightsgraph.KindOrganization, "armed-group"
				break
			}
		}
	}
	c := candidate{t0: b, t1: e, ref: -1, kind: kind, name: d.span(b, e), category: cat, prio: prioPattern}
	// 'the Human Rights Center “Viasna”': a quoted name after the head is
	// part of the name, and a name of its own
	if seat == 0 {
		if q := d.quotedName(si, e); q > e {
			c.alias = d.spanNoQuotes(e, q)
			c.t1, c.name = q, d.spanNoQuotes(b, q)
			e = q
		}
	}
	if seat > 0 {
		c.alias = cleanName(d.span(b, seat))
		c.seat = seat + 1
	}
	nt := strings.Join(normTokens(c.name), " ")
	if strings.Contains(nt, "council of state") || strings.Contains(nt, "conseil d'etat") || strings.Contains(nt, "raad van state") {
		c.court, c.category = true, "court"
	}
	// "the Ministry of Justice", "the National Assembly": no place or state in
	// the name, so the id is qualified by the document's state; "the French
	// Council of State" is qualified by the adjective's state.
	c.generic = !d.hasPlaceWord(b, e)
	if d.stateAdj[b] && b+1 < head+1 && kind == rightsgraph.KindInstitution {
		c.qualifier = b + 1
		c.generic = true
	}
	d.cands = append(d.cands, c)
}

// insurgentWords in an armed force's name make it a non-state armed group.
// ("the Islamic Revolutionary Guard Corps" is a state's).
var insurgentWords = map[string]bool{"resistance": true, "liberation": true, "rebel": true, "free": true, "insurgent": true, "mujahideen": true, "jihad": true, "salvation": true, "lord's": true}

var armedGroupHeads = map[string]bool{"army": true, "front": true, "forces": true, "force": true, "brigade": true, "brigades": true}

var igoNameWords = map[string]bool{"european": true, "economic": true, "cooperation": true, "co-operation": true, "states": true, "nations": true, "intergovernmental": true, "countries": true, "treaty": true}

var genericMediaWords = map[string]bool{"social": true, "mass": true, "new": true, "digital": true, "state": true, "independent": true, "online": true, "local": true, "foreign": true, "international": true, "national": true, "public": true, "private": true, "mainstream": true, "the": true}

// eventHeads also name meetings, which a number before them gives away.
var eventHeads = map[string]bool{"congress": true, "forum": true, "campaign": true, "project": true}

// hasPlaceWord reports whether a name names its place or state (a state
// adjective, a capitalised word that is not a generic institution word).
func (d *docState) hasPlaceWord(b, e int) bool {
	for k := b; k < e; k++ {
		if d.stateWord[k] {
			return true
		}
	}
	return false
}

func (d *docState) courtCandidate(si, head int) {
	s := d.sents[si]
	t := d.toks[head]
	b := d.leftName(si, head)
	for b < head && (capStop[d.toks[b].norm] || connectors[d.toks[b].norm]) {
		b++
	}
	e := head + 1
	ofState := false
	// "court of first instance", "court of appeal", "Court of Justice", "Court of Appeal of Paris"
	k := head + 1
	if k < s.t1 && d.toks[k].norm == "of" {
		k2 := k + 1
		switch {
		case k2+1 < s.t1 && d.toks[k2].norm == "first" && d.toks[k2+1].norm == "instance":
			e = k2 + 2
		case k2 < s.t1 && (d.toks[k2].norm == "appeal" || d.toks[k2].norm == "appeals" || d.toks[k2].norm == "cassation" || d.toks[k2].norm == "justice" || d.toks[k2].norm == "arbitration" || d.toks[k2].norm == "auditors"):
			e = k2 + 1
		case k2 < s.t1 && isCapWord(d.toks[k2]) && !d.kbStart[k2]:
			e = d.rightComplement(si, head+1, map[string]bool{"of": true}, false)
		case k2 < s.t1 && d.stateWord[k2] && !d.stateAdj[k2] && b < head:
			// "the Constitutional Court of Uganda"
			e = k2
			for e < s.t1 && d.stateWord[e] {
				e++
			}
			ofState = true
		case k2+1 < s.t1 && d.toks[k2].norm == "the" && d.stateWord[k2+1] && !d.stateAdj[k2+1]:
			// "Supreme Court of the United Kingdom"
			e = k2 + 1
			for e < s.t1 && d.stateWord[e] {
				e++
			}
		}
		// "Court of Appeal of Paris", "court of appeal in Ghent"
		if e > head+1 && e+1 < s.t1 && (d.toks[e].norm == "of" || d.toks[e].norm == "in") && isCapWord(d.toks[e+1]) && !capStop[d.toks[e+1].norm] {
			e += 2
			for e < s.t1 && isCapWord(d.toks[e]) {
				e++
			}
		}
	}
	// "Supreme Court of the Netherlands" where "Supreme Court" alone is a
	// known (local) name: the whole is the name
	if e > head+1 {
		if c0, ok := d.kbCourtEnd[head+1]; ok && c0 < b && c0 >= s.t0 {
			b = c0
		}
	}
	// "the Provincial Administrative Court in Białystok", "the High Court
	// in Nairobi": a named court and its seat (the name without the seat is
	// an alias)
	seat := 0
	if b < head && t.upper && e < s.t1 && d.toks[e].norm == "in" && e+1 < s.t1 && isCapWord(d.toks[e+1]) && !capStop[d.toks[e+1].norm] &&
		!d.stateWord[e+1] && !d.kbStart[e+1] && monthNumber[d.toks[e+1].norm] == 0 {
		q := e + 1
		for q < s.t1 && q < e+4 && isCapWord(d.toks[q]) && !isHeadWord(d.toks[q].norm) {
			q++
		}
		if q == s.t1 || !isCapWord(d.toks[q]) {
			seat = e
			e = q
		}
	}
	if b == head && e == head+1 {
		return
	}
	if !t.upper && b == head {
		// "the court of appeal": a generic reference, resolved later
		return
	}
	if !t.upper && (head == 0 || !isCapWord(d.toks[head-1])) {
		// "Thousands of court orders": no name before a lower-case court
		return
	}
	// "the Rules of Court", "the Statute of the Court": an instrument
	if b < head && instrumentHeads[d.toks[b].norm] != "" && d.toks[b+1].norm == "of" {
		return
	}
	name := d.span(b, e)
	c := candidate{t0: b, t1: e, ref: -1, kind: rightsgraph.KindInstitution, name: name, category: "court", court: true, prio: prioPattern + 1}
	c.generic = (b == head || !d.hasPlaceOrCap(b, head)) && !ofState
	if seat > 0 {
		c.alias = cleanName(d.span(b, seat))
		c.seat = seat + 1
	}
	d.cands = append(d.cands, c)
}

// hasPlaceOrCap: the words before a court's head name a place ("Bruges",
// "Kenyan") rather than a kind ("Supreme", "Constitutional", "High").
func (d *docState) hasPlaceOrCap(b, head int) bool {
	for k := b; k < head; k++ {
		if d.stateWord[k] {
			return true
		}
		switch d.toks[k].norm {
		case "supreme", "constitutional", "high", "district", "criminal", "civil", "administrative",
			"military", "federal", "national", "appeals", "appeal", "labour", "labor", "family", "magistrates",
			"magistrate's", "juvenile", "revolutionary", "islamic", "special", "regional", "county", "state",
			"first", "lower", "higher", "central", "commercial", "enterprise", "police", "correctional", "the":
			continue
		}
		if isCapWord(d.toks[k]) {
			return true
		}
	}
	return false
}

func (d *docState) instrumentCandidate(si, head int, cat string) {
	s := d.sents[si]
	n := d.toks[head].norm
	// Law of 9 December 2004 (on ...)
	if cat == "law" && head+1 < s.t1 && dateLawPreps[d.toks[head+1].norm] {
		if dm, ok := d.dateAt(si, d.toks[head+1].end); ok && dm.hasYear {
			// extend over the date's tokens
			e := head + 2
			for e < s.t1 && d.toks[e].end <= dm.absEnd {
				e++
			}
			short := e
			alias := d.span(head, short)
			// "on the mutual legal assistance in criminal matters"
			if e < s.t1 && (d.toks[e].norm == "on" || d.toks[e].norm == "concerning" || d.toks[e].norm == "relating" || d.toks[e].norm == "regarding" || d.toks[e].norm == "amending" || d.toks[e].norm == "relative" || d.toks[e].norm == "sur" || d.toks[e].norm == "betreffende" || d.toks[e].norm == "inzake" || d.toks[e].norm == "op") {
				k := e + 1
				for k < s.t1 && k-e < 25 {
					t := d.toks[k]
					if t.kind == tokPunct || lawStop[t.norm] {
						break
					}
					k++
				}
				if k > e+1 {
					e = k
				}
			}
			b := head
			// "Royal Decree of ...", "Belgian Law of ..."
			if head > s.t0 && isCapWord(d.toks[head-1]) && !capStop[d.toks[head-1].norm] {
				b = head - 1
			}
			if !d.toks[head].upper && e == short {
				// a lower-case "loi du ..." needs nothing more; but "law of 2004"
				// in English lower case is no name
				if d.toks[head+1].norm == "of" {
					return
				}
			}
			c := candidate{t0: b, t1: e, ref: -1, kind: rightsgraph.KindInstrument, name: d.span(b, e), category: "law", prio: prioPattern + 1, adopted: dm.value}
			if e != short {
				c.alias = alias
			}
			c.generic = true
			d.cands = append(d.cands, c)
			return
		}
	}
	b := d.leftName(si, head)
	for b < head && (capStop[d.toks[b].norm] || connectors[d.toks[b].norm]) {
		b++
	}
	// "the International Covenant on ...": a head inside a known name that
	// starts before it names nothing else
	if d.kbCover[b] && !d.kbStart[b] && b > s.t0 && d.kbCover[b-1] {
		return
	}
	// 'the “Return” Directive': a quoted short title before the head
	if b == head && head >= s.t0+3 && isDoubleQuote(d.toks[head-1]) {
		for q := head - 3; q >= s.t0 && q >= head-6; q-- {
			if isDoubleQuote(d.toks[q]) {
				if d.quotedName(si, q) == head {
					c := candidate{t0: q, t1: head + 1, ref: -1, kind: rightsgraph.KindInstrument, name: d.spanNoQuotes(q, head+1), category: cat, prio: prioPattern}
					d.cands = append(d.cands, c)
					return
				}
				break
			}
		}
	}
	e := d.rightComplement(si, head+1, instrumentPreps, true)
	// "the Human Rights Act 1998", "the Nationality, Immigration and Asylum
	// Act 2002", "the Asylum and Immigration (Treatment of Claimants etc) Act
	// 2004": a statute's short title ends with its year
	if e == head+1 && e < s.t1 && yearTitledHeads[n] && d.toks[head].upper && d.toks[e].kind == tokNum && isYear(d.text[d.toks[e].start:d.toks[e].end]) &&
		!(e+1 < s.t1 && d.toks[e+1].hyphenBefore) && d.statuteStart(si, b, head) < head {
		e++
		b = d.statuteStart(si, b, head)
		c := candidate{t0: b, t1: e, ref: -1, kind: rightsgraph.KindInstrument, name: d.span(b, e), category: cat, prio: prioPattern + 1}
		d.cands = append(d.cands, c)
		return
	}
	// "Decree-Law 54", "Law No. 12/2023", "Resolution 2334"
	if e == head+1 && e < s.t1 && d.toks[head].upper {
		q := e
		if d.toks[q].norm == "no" || d.toks[q].norm == "nr" {
			q++
			if q < s.t1 && d.toks[q].norm == "." {
				q++
			}
		}
		numbered := q > e // "No. 2016-61": a number, even one that looks like a year
		if q < s.t1 && d.toks[q].kind == tokNum && (numbered || !reYear.MatchString(d.text[d.toks[q].start:d.toks[q].end]) || q+1 < s.t1 && d.toks[q+1].kind == tokNum && d.toks[q+1].hyphenBefore) {
			e = q + 1
			// "12/2023", "2022-54"
			for e < s.t1 {
				if e+1 < s.t1 && d.toks[e].norm == "/" && d.toks[e+1].kind == tokNum {
					e += 2
					continue
				}
				if d.toks[e].kind == tokNum && d.toks[e].hyphenBefore {
					e++
					continue
				}
				break
			}
		}
	}
	if b == head && e == head+1 {
		if n == "constitution" {
			c := candidate{t0: head, t1: head + 1, ref: -1, kind: rightsgraph.KindInstrument, name: "Constitution", category: "law", prio: prioPattern, generic: true}
			d.cands = append(d.cands, c)
		}
		return
	}
	// "the European Convention", "the International Covenant": a short form
	// of some longer name, not a name of its own
	if e == head+1 {
		generic := true
		for k := b; k < head; k++ {
			if !genericInstrumentWords[d.toks[k].norm] {
				generic = false
			}
		}
		if generic {
			return
		}
	}
	name := d.span(b, e)
	nt := normTokens(name)
	for i := range nt {
		// "Rule of Law", or a heading that ends with it
		if notInstrument[strings.Join(nt[i:], " ")] {
			return
		}
	}
	if weakInstrumentHeads[n] && e == head+1 {
		// "Foreign Agents Act" is a law; "Rule of Law" or "Paris Agreement"
		// headings need the modifiers to be more than generic words.
		generic := true
		for k := b; k < head; k++ {
			if !notNameWord[d.toks[k].norm] && d.toks[k].norm != "of" {
				generic = false
			}
		}
		if generic {
			return
		}
	}
	// "Convention of the Council of Europe": stop before a known name.
	c := candidate{t0: b, t1: e, ref: -1, kind: rightsgraph.KindInstrument, name: name, category: cat, prio: prioPattern}
	d.cands = append(d.cands, c)
}

// yearTitledHeads end a statute's short title followed by its year.
var yearTitledHeads = map[string]bool{"act": true, "law": true, "code": true, "ordinance": true, "decree": true, "statute": true, "regulations": true, "order": false}

func isYear(w string) bool {
	return len(w) == 4 && (w[:2] == "19" || w[:2] == "20") && w[2] >= '0' && w[2] <= '9' && w[3] >= '0' && w[3] <= '9'
}

// statuteStart extends a statute's title leftwards from b over a
// parenthesised part ("Asylum and Immigration (Treatment of Claimants etc)")
// and over a list of capitalised words before "and" ("Nationality,
// Immigration and Asylum").
func (d *docState) statuteStart(si, b, head int) int {
	s := d.sents[si]
	for n := 0; n < 3; n++ {
		switch {
		case b-1 > s.t0 && d.toks[b-1].norm == ")":
			p := b - 2
			for p > s.t0 && p > b-10 && d.toks[p].norm != "(" && d.toks[p].kind != tokPunct {
				p--
			}
			if p <= s.t0 || d.toks[p].norm != "(" || p+1 >= b-1 || !isCapWord(d.toks[p+1]) || !isCapWord(d.toks[p-1]) {
				return b
			}
			nb := d.leftName(si, p)
			if nb == p {
				return b
			}
			b = nb
		case b-2 >= s.t0 && d.toks[b-1].norm == "," && isCapWord(d.toks[b-2]) && !capStop[d.toks[b-2].norm] && !d.kbCover[b-2] && d.hasWord(b, head, "and"):
			nb := d.leftName(si, b-1)
			if nb >= b-1 {
				return b
			}
			b = nb
		default:
			return b
		}
		for b < head && (capStop[d.toks[b].norm] || connectors[d.toks[b].norm]) {
			b++
		}
	}
	return b
}

// hasWord reports whether a token in [a, b) is the word w.
func (d *docState) hasWord(a, b int, w string) bool {
	for k := a; k < b; k++ {
		if d.toks[k].norm == w {
			return true
		}
	}
	return false
}

// lawDeterminers before a lower-case "law on ..." make it one law ("the law
// on vice and virtue"), not law in general ("international law on ...").
var lawDeterminers = map[string]bool{"the": true, "a": true, "new": true, "its": true, "this": true, "controversial": true, "draft": true}

// lawOnCandidate: "the law on vice and virtue silenced women": a lower-case
// law and its subject, up to a verb, a preposition or punctuation (at most
// six words).
func (d *docState) lawOnCandidate(si, head int) {
	s := d.sents[si]
	e := head + 2
	last := -1
	for e < s.t1 && e < head+8 {
		t := d.toks[e]
		if t.kind != tokWord || t.upper && !d.stateWord[e] || lawStop[t.norm] || lawOnStops[t.norm] || len(t.norm) > 4 && strings.HasSuffix(t.norm, "ed") {
			break
		}
		if !connectors[t.norm] {
			last = e + 1
		}
		e++
	}
	// "the law on the ground": one word after "the" is no law's subject
	if last < 0 || d.toks[head+2].norm == "the" && last <= head+4 {
		return
	}
	name := d.span(head, last)
	if notInstrument[strings.Join(normTokens(name), " ")] {
		return
	}
	d.cands = append(d.cands, candidate{t0: head, t1: last, ref: -1, kind: rightsgraph.KindInstrument, name: name, category: "law", prio: prioPattern, generic: true})
}

// lawOnStops end the subject of a lower-case "law on ...".
var lawOnStops = map[string]bool{
	"in": true, "at": true, "from": true, "with": true, "by": true, "since": true, "who": true, "to": true, "as": true,
	"for": true, "against": true, "was": true, "bans": true, "forbids": true, "targets": true, "restricts": true,
	"allows": true, "gives": true, "makes": true, "criminalises": true, "criminalizes": true, "imposes": true,
	"entered": true, "came": true, "comes": true, "enters": true, "passed": true, "adopted": true, "but": true, "or": true,
	"under": true, "into": true, "also": true, "not": true, "still": true, "already": true, "only": true,
}

// instrumentPreps start an instrument's complement; "+by" allows "by" inside
// it ("Basic Principles on the Use of Force and Firearms by Law Enforcement
// Officials").
var instrumentPreps = map[string]bool{"on": true, "against": true, "for": true, "of": true, "relating": true, "concerning": true, "+by": true}

// Modifiers that alone do not make an instrument's name.
var genericInstrumentWords = map[string]bool{"european": true, "international": true, "american": true, "african": true, "arab": true, "universal": true, "inter-american": true, "un": true, "new": true, "revised": true, "global": true, "regional": true, "optional": true, "first": true, "second": true}

// Prepositions between a law and its date: "Law of", "loi du", "wet van".
var dateLawPreps = map[string]bool{"of": true, "du": true, "van": true, "vom": true}

// lawStop ends the subject phrase of a law's title.
var lawStop = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "provides": true, "provide": true, "states": true,
	"which": true, "that": true, "this": true, "whose": true, "stipulates": true, "says": true, "requires": true,
	"allows": true, "prohibits": true, "must": true, "shall": true, "should": true, "may": true, "can": true,
	"has": true, "have": true, "had": true, "does": true, "will": true, "would": true, "article": true,
}

func (d *docState) personCandidates(si int) {
	s := d.sents[si]
	toks := d.toks
	for i := s.t0; i < s.t1; i++ {
		t := toks[i]
		if t.kind != tokWord {
			continue
		}
		cue := false
		single := false
		title := ""
		switch {
		case honorifics[t.norm] && t.upper:
			cue, single = true, true
			if t.norm == "president" || t.norm == "minister" || t.norm == "commissioner" || t.norm == "rapporteur" || t.norm == "ambassador" || t.norm == "general" || t.norm == "judge" || t.norm == "senator" || t.norm == "secretary" {
				single = false
			}
			title = t.norm
		case roleNouns[t.norm] && (!t.upper || i == s.t0) && t.norm != "by":
			cue = true
			title = t.norm
		case t.norm == "by" && (i == s.t0 || d.sents[si].lineStart && i == s.t0):
			cue = true
		case t.norm == "by" && i+3 >= s.t1:
			cue = true
		case t.norm == "of" && i > s.t0 && personOfNouns[toks[i-1].norm]:
			cue = true
		case (t.norm == "says" || t.norm == "said" || t.norm == "told" || t.norm == "according") && i+1 < s.t1:
			cue = true
		}
		if !cue {
			continue
		}
		j := i + 1
		if t.norm == "according" && j < s.t1 && toks[j].norm == "to" {
			j++
		}
		// "Mr. Smith", "Dr. Ana Ruiz": the abbreviation's full stop
		if honorifics[t.norm] && t.upper && j+1 < s.t1 && toks[j].norm == "." && toks[j].start == t.end && isCapWord(toks[j+1]) {
			j++
		}
		// skip a title after the cue: "says Deputy Prime Minister and Minister
		// of Foreign Affairs, ... Maxime Prévot"
		name0 := j
		k := j
		lastTitleEnd := -1
		for k < s.t1 && k-j < 25 {
			tk := toks[k]
			if tk.kind == tokWord && (isCapWord(tk) || connectors[tk.norm] || tk.norm == "'s") || tk.kind == tokPunct && tk.norm == "," {
				// a connector ("and", "of") never ends a title: "by Judith
				// Brown and Lorenzo Pezzani" names two people
				// a capitalised post ends the title too: "said Amnesty
				// International Director Jane Smith"
				if (notNameWord[tk.norm] || honorifics[tk.norm] && tk.upper || d.kbCover[k] || tk.upper && isRoleWord(tk.norm) && k+1 < s.t1 && isCapWord(toks[k+1])) && !(connectors[tk.norm] && !tk.upper) {
					lastTitleEnd = k + 1
				}
				k++
				continue
			}
			break
		}
		if lastTitleEnd > 0 {
			name0 = lastTitleEnd
		}
		// "said Diana Eltahawy, Deputy Regional Director for ...": a name
		// right after the cue, then a comma: the title follows the name
		if e0 := d.nameRun(si, j); e0 > j && e0 < s.t1 && toks[e0].norm == "," && !honorifics[toks[j].norm] {
			name0 = j
		}
		// "Judge Siarhei Bandarenka of Pershamaiski District Court": a name
		// right after a title, then "of" and the body it serves
		if honorifics[t.norm] && t.upper {
			if e0 := d.nameRun(si, j); e0 > j && e0+1 < s.t1 && toks[e0].norm == "of" && isCapWord(toks[e0+1]) {
				name0 = j
			}
		}
		// the name: capitalised words and particles
		e := name0
		for e < s.t1 && e-name0 < 5 {
			tk := toks[e]
			// an initial: "Ms O. Mikhaylova", "J. K. Rowling"
			if d.initialAt(si, e) {
				e += 2
				continue
			}
			if isCapWord(tk) && !notNameWord[tk.norm] && !d.kbCover[e] && !tk.allCaps {
				e++
				continue
			}
			if tk.kind == tokWord && nameParticles[tk.norm] && e+1 < s.t1 && isCapWord(toks[e+1]) && e > name0 {
				e++
				continue
			}
			break
		}
		for e > name0 && nameParticles[toks[e-1].norm] && !toks[e-1].upper {
			e--
		}
		n := e - name0
		if n == 0 || n == 1 && !single || n > 4 {
			continue
		}
		// "Minister of Justice and the North Sea": "the" before it, the
		// words are still the title; "a former mayor of Grande-Synthe": a
		// role noun's "of" names a place or a body
		if name0 > s.t0 && toks[name0-1].norm == "the" {
			continue
		}
		if !t.upper && name0 == j+1 && (toks[j].norm == "of" || toks[j].norm == "at" || toks[j].norm == "in" || toks[j].norm == "for") {
			continue
		}
		// "Minister for Climate, ... and Green Deal, Zakia Khattabi": the
		// name follows the title's last part, after a comma
		if e+1 < s.t1 && toks[e].norm == "," {
			if e2 := d.nameRun(si, e+1); e2 > e+1 && (e2 == s.t1 || toks[e2].kind == tokPunct) {
				name0, e, n = e+1, e2, e2-e-1
			}
		}
		// a name followed by a head noun is an organisation or institution
		if e < s.t1 && (orgHeads[toks[e].norm] != "" || institutionHeads[toks[e].norm] != "" || instrumentHeads[toks[e].norm] != "") && toks[e].upper {
			continue
		}
		// a single name with a title keeps the title ("Father Danial")
		b := name0
		if n == 1 && honorifics[t.norm] && t.upper && name0 == j && j <= i+2 {
			b = i
		}
		if n == 1 && b == name0 {
			continue
		}
		c := candidate{t0: b, t1: e, ref: -1, kind: rightsgraph.KindPerson, name: d.span(b, e), prio: prioPerson}
		switch {
		case name0 > j:
			// the title written between the cue and the name
			c.title = strings.TrimRight(d.span(j, name0), " ,")
			if title != "" && j == i+1 {
				c.title = d.span(i, name0)
			}
		case title != "":
			c.title = d.span(i, i+1)
		}
		d.cands = append(d.cands, c)
		i = e - 1
		// "by Judith Brown and Lorenzo Pezzani", "Judge Ana Ruiz and Judge
		// Tom Hale": names coordinated with a cued name are people too
		for i+2 < s.t1 && (toks[i+1].norm == "and" || toks[i+1].norm == ",") {
			k := i + 2
			if k < s.t1 && honorifics[toks[k].norm] && toks[k].upper && toks[k].norm == t.norm {
				k++
			}
			e2 := d.nameRun(si, k)
			if e2 == k || !(e2 == s.t1 || toks[e2].kind == tokPunct || toks[e2].norm == "and" || !toks[e2].upper) {
				break
			}
			if e2 < s.t1 && toks[e2].upper && isHeadWord(toks[e2].norm) {
				break
			}
			d.cands = append(d.cands, candidate{t0: k, t1: e2, ref: -1, kind: rightsgraph.KindPerson, name: d.span(k, e2), prio: prioPerson})
			i = e2 - 1
		}
	}
}

// pluralTitles name several people at once, each by surname ("lords Reed and
// Lloyd-Jones", "Judges Ruiz, Hale and Okafor"): the singular title makes
// each name.
var pluralTitles = map[string]string{"lords": "Lord", "judges": "Judge", "justices": "Justice", "messrs": "Mr", "senators": "Senator", "ladies": "Lady"}

func (d *docState) pluralTitleNames(si int) {
	s := d.sents[si]
	toks := d.toks
	for i := s.t0; i+1 < s.t1; i++ {
		title, ok := pluralTitles[toks[i].norm]
		if !ok || toks[i].kind != tokWord {
			continue
		}
		var items [][2]int
		k := i + 1
		for k < s.t1 {
			// a surname (a capitalised word and hyphen-joined parts), or a
			// full name ("Judges Lado Chanturia and Ana Ruiz")
			if !isCapWord(toks[k]) || toks[k].allCaps || notNameWord[toks[k].norm] || capStop[toks[k].norm] || d.kbCover[k] || isHeadWord(toks[k].norm) {
				break
			}
			e := k + 1
			for e < s.t1 && e < k+4 && isCapWord(toks[e]) && !toks[e].allCaps && !notNameWord[toks[e].norm] && !d.kbCover[e] && !isHeadWord(toks[e].norm) {
				e++
			}
			items = append(items, [2]int{k, e})
			if e+1 < s.t1 && (toks[e].norm == "," || toks[e].norm == "and") {
				k = e + 1
				continue
			}
			break
		}
		// one surname needs the list to end there ("lords Reed agreed" is
		// fine, "judges Human Rights" is not a list: the head check stops it)
		if len(items) == 0 {
			continue
		}
		last := items[len(items)-1][1]
		if last < s.t1 && isCapWord(toks[last]) {
			continue
		}
		for _, it := range items {
			name := title + " " + d.span(it[0], it[1])
			if d.hasSpaceInside(it[0], it[1]) {
				// a full name needs no title to be told apart
				name = d.span(it[0], it[1])
			}
			d.cands = append(d.cands, candidate{t0: it[0], t1: it[1], ref: -1, kind: rightsgraph.KindPerson, name: name, title: title, prio: prioPerson})
		}
		i = last - 1
	}
}

// hasConnector reports whether a token in [a, b) is a connector word.
func (d *docState) hasConnector(a, b int) bool {
	for k := a; k < b; k++ {
		if d.toks[k].kind == tokWord && connectors[d.toks[k].norm] {
			return true
		}
	}
	return false
}

// conjunctHasHead: the capitalised words from k on (after "and the") hold a
// head word of their own ("and the African Charter on ..."): another name.
func (d *docState) conjunctHasHead(si, k int) bool {
	s := d.sents[si]
	for q := k; q < s.t1 && q < k+6; q++ {
		t := d.toks[q]
		if !isCapWord(t) {
			return false
		}
		if isHeadWord(t.norm) {
			return true
		}
	}
	return false
}

// initialAt: token k is an initial, a capital letter and its full stop,
// before another capitalised word ("O. Mikhaylova").
func (d *docState) initialAt(si, k int) bool {
	s := d.sents[si]
	if k+2 >= s.t1 {
		return false
	}
	t := d.toks[k]
	return t.kind == tokWord && t.upper && t.end-t.start == 1 && d.toks[k+1].norm == "." && d.toks[k+1].start == t.end && isCapWord(d.toks[k+2])
}

// hasSpaceInside: the tokens [a, b) are more than one word ("Lado
// Chanturia", not "Lloyd-Jones").
func (d *docState) hasSpaceInside(a, b int) bool {
	for k := a + 1; k < b; k++ {
		if strings.TrimSpace(d.text[d.toks[k-1].end:d.toks[k].start]) != d.text[d.toks[k-1].end:d.toks[k].start] || d.toks[k].start > d.toks[k-1].end && !d.toks[k].hyphenBefore {
			return true
		}
	}
	return false
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func (d *docState) placeCandidates(si int) {
	s := d.sents[si]
	toks := d.toks
	for i := s.t0; i+1 < s.t1; i++ {
		t := toks[i]
		if t.kind != tokWord {
			continue
		}
		j := -1
		switch {
		case placeOfNouns[t.norm] && !t.upper && toks[i+1].norm == "of" && i+2 < s.t1:
			j = i + 2
		case placePreps[t.norm] && !t.upper:
			j = i + 1
			if j < s.t1 && toks[j].norm == "the" {
				continue
			}
		case t.norm == "(" && i+2 < s.t1:
			// "(Strasbourg 20.4.1959)"
			if isCapWord(toks[i+1]) && toks[i+2].kind == tokNum {
				j = i + 1
			}
		}
		if j < 0 || j >= s.t1 {
			continue
		}
		e := j
		for e < s.t1 && e-j < 3 && isCapWord(toks[e]) && !toks[e].allCaps && !capStop[toks[e].norm] && !notNameWord[toks[e].norm] && !d.kbCover[e] {
			e++
		}
		if e == j {
			continue
		}
		// "in Brussels Court ..." is a court, not a place
		if e < s.t1 && toks[e].upper && (orgHeads[toks[e].norm] != "" || institutionHeads[toks[e].norm] != "" || toks[e].norm == "court") {
			continue
		}
		if monthNumber[toks[j].norm] > 0 || s.heading {
			continue
		}
		// "in French": a language
		if d.langWord[j] {
			continue
		}
		// "in Camara v. Belgium", "In Kudrevičius and Others v. Lithuania":
		// a party to a case
		if d.caseParty(e, s.t1) {
			continue
		}
		// "at UCLouvain": an acronym run into a name is an institution's
		if w := d.text[toks[j].start:toks[j].end]; len(w) > 2 && isUpperASCII(w[0]) && isUpperASCII(w[1]) && !toks[j].allCaps {
			continue
		}
		// "in Election Observation Missions", "in Case of": part of a longer name
		if e < s.t1 && (isCapWord(toks[e]) || toks[e].norm == "of" && e+1 < s.t1 && isCapWord(toks[e+1])) {
			continue
		}
		d.cands = append(d.cands, candidate{t0: j, t1: e, ref: -1, kind: rightsgraph.KindPlace, name: d.span(j, e), prio: prioPlace})
	}
}

// mandateStops end a mandate's title ("... and human rights a few months
// earlier").
var mandateStops = map[string]bool{"a": true, "an": true, "few": true, "earlier": true, "later": true, "ago": true, "last": true, "next": true, "since": true, "who": true, "which": true, "when": true, "as": true, "at": true, "during": true, "after": true, "before": true, "until": true, "with": true}

// lowerHeadOK: a lower-case head ("government", "party", "office") heads a
// name when capitalised words that are not only a state's name or adjective
// stand before it ("the Kano State government", not "the Belgian
// government").
func (d *docState) lowerHeadOK(si, head int) bool {
	s := d.sents[si]
	k := head - 1
	for k >= s.t0 && !d.toks[k].upper && (d.toks[k].norm == "prosecutor's" || d.toks[k].norm == "'s" || d.toks[k].norm == "prosecutor" || d.toks[k].norm == "public") {
		k--
	}
	if k < s.t0 || !isCapWord(d.toks[k]) || capStop[d.toks[k].norm] {
		return false
	}
	b := d.leftName(si, head)
	// a government, an office, a police force is named by its place ("the
	// Kano State government", "the Istanbul prosecutor's office"); "the
	// Orbán government" is the state's
	geo := d.toks[head].norm == "party" || d.toks[head].norm == "movement"
	for q := b; q < head && !geo; q++ {
		geo = d.placeWord[q] || geoWords[d.toks[q].norm]
	}
	if !geo {
		return false
	}
	for q := b; q < head; q++ {
		if isCapWord(d.toks[q]) && !d.stateWord[q] && !capStop[d.toks[q].norm] && !genericModifiers[d.toks[q].norm] {
			return true
		}
	}
	return false
}

// Words that make a name a place's: "Kano State", "Lagos City".
var geoWords = map[string]bool{"state": true, "region": true, "regional": true, "province": true, "provincial": true, "county": true, "city": true, "municipal": true, "district": true, "territory": true, "autonomous": true, "capital": true, "prefecture": true, "governorate": true, "oblast": true}

// Capitalised words that alone do not name a body: "a State party".
var genericModifiers = map[string]bool{"state": true, "states": true, "member": true, "federal": true, "national": true, "ruling": true, "opposition": true, "governing": true, "central": true, "local": true, "regional": true}

// mandateCandidate: "the (UN) Special Rapporteur on the situation of human
// rights in Afghanistan", "Special Rapporteur on torture": the title runs
// over lower-case words to the state it covers, or to punctuation or a verb.
func (d *docState) mandateCandidate(si, head int) {
	s := d.sents[si]
	if !d.toks[head].upper {
		return
	}
	b := d.leftName(si, head)
	for b < head && (capStop[d.toks[b].norm] || connectors[d.toks[b].norm]) {
		b++
	}
	// "UN Special Rapporteur", "United Nations Special Rapporteur"
	if b > s.t0 && d.text[d.toks[b-1].start:d.toks[b-1].end] == "UN" {
		b--
	} else if b > s.t0+1 && d.toks[b-2].norm == "united" && d.toks[b-1].norm == "nations" {
		b -= 2
	}
	e := head + 1
	if e < s.t1 && (d.toks[e].norm == "on" || d.toks[e].norm == "for") {
		k := e + 1
		last := -1
		for k < s.t1 && k-e < 16 {
			t := d.toks[k]
			if t.kind == tokPunct || t.kind == tokNum || lawStop[t.norm] || speechVerbs[t.norm] || mandateStops[t.norm] || timeWords[t.norm] {
				break
			}
			if d.stateWord[k] && !d.stateAdj[k] {
				// "... in Afghanistan": the state ends the title
				for k < s.t1 && d.stateWord[k] {
					k++
				}
				last = k
				break
			}
			if t.kind == tokWord && !connectors[t.norm] && t.norm != "situation" || t.norm == "situation" {
				last = k + 1
			}
			k++
		}
		if last > e+1 {
			e = last
		}
	}
	if b == head && e == head+1 {
		return
	}
	// "Bandana Rana, Committee Expert and Country Rapporteur, said": a
	// rapporteur without a mandate, in commas after a name, is a role
	if e == head+1 && b > s.t0 && d.toks[b-1].norm == "," && (e == s.t1 || d.toks[e].kind == tokPunct) {
		return
	}
	c := candidate{t0: b, t1: e, ref: -1, kind: rightsgraph.KindInstitution, name: d.span(b, e), category: "mechanism", prio: prioPattern}
	d.cands = append(d.cands, c)
}

// caseParty: the name ending before token e is the first party of a case
// name ("Camara v. Belgium", "Kudrevičius and Others v. Lithuania").
func (d *docState) caseParty(e, limit int) bool {
	if e+2 < limit && d.toks[e].norm == "and" && d.toks[e+1].norm == "others" {
		e += 2
	}
	if e >= limit {
		return false
	}
	n := d.toks[e].norm
	return n == "v" || n == "vs" || n == "versus" || n == "c" && e+1 < limit && d.toks[e+1].norm == "."
}

func isUpperASCII(b byte) bool { return b >= 'A' && b <= 'Z' }
