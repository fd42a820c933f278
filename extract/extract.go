// Package extract turns a document's text into entities, events, obligations
// and relations with byte-exact evidence. It is pure: no network, no database.
//
// The pipeline, per document: tokens (byte spans) and sentences; knowledge-base
// names found with a token trie built once per Extractor (longest match,
// acronyms case-sensitive, local aliases only in texts about their state);
// names the knowledge base lacks found by patterns (courts, public bodies,
// organisations, instruments, laws, provisions, persons, places, groups);
// overlaps resolved longest-first; acronyms defined in parentheses and short
// forms ("the Convention", "FPS") merged into the entity they name; then
// events, obligations and relations, sentence by sentence, from trigger words
// and the entities around them. Every output span is a byte range of
// doc.Text, and every quote is exactly that range.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/kb"
)

// Extractor extracts facts from documents, linking mentions to a knowledge
// base. It is safe for concurrent use.
type Extractor struct {
	kb *kb.KB
	ix *index
}

// New returns an Extractor over the given knowledge base (nil: none). The
// alias index is built here, once.
func New(k *kb.KB) *Extractor {
	return &Extractor{kb: k, ix: newIndex(k)}
}

// Extract extracts everything from doc. doc.Text must be set; missing
// metadata (title, published, about, publisher, language) is filled from the
// text where it can be.
//
// A text longer than chunkAbove is extracted in windows of about chunkBytes
// that end at paragraph breaks (see extractChunked), so peak memory follows
// the window, not the document.
func (x *Extractor) Extract(doc rightsgraph.Document) *rightsgraph.Extraction {
	if len(doc.Text) > chunkAbove {
		return x.extractChunked(doc)
	}
	d := newDoc(x, doc)
	d.run()
	return d.out
}

// mention is a resolved entity mention.
type mention struct {
	t0, t1 int
	ent    int // index into docState.ents
	form   aliasForm
	sent   int
}

// docEntity is an entity of one document.
type docEntity struct {
	e        rightsgraph.Entity
	ref      int32 // index of the reference entity, -1 when new
	aliases  map[string]bool
	title    string // persons: title or role written with the name
	iso3     string // places from the gazetteer: the state they lie in
	first    int    // token of the first mention
	nameToks []string
}

// docState holds one document while it is processed. The text and its
// tokens are shared; each stage of the pipeline keeps its own state in its
// own struct (embedded, so a stage's code reads d.field), and a stage only
// reads what the stages before it built:
//
//	mentionStage    candidates -> mentions and entities, the document's metadata
//	obligationStage provisions cited, obligations
//	eventStage      events, their dates and selection
//	relationStage   relations between entities and events
//
// What only one stage needs while it runs (the NER candidates) is released
// when that stage ends (endMentions), so the peak memory of a long text is
// not the sum of all stages. TestDocStateStages keeps new state in a stage.
type docState struct {
	x       *Extractor
	doc     rightsgraph.Document
	text    string
	toks    []token
	sents   []sentence
	tokSent []int32

	mentionStage
	eventStage
	obligationStage
	relationStage

	out *rightsgraph.Extraction
}

// mentionStage: named-entity candidates, their resolution into mentions and
// entities, state words, and the document's metadata (voice, dateline).
type mentionStage struct {
	cands     []candidate
	sentCand0 int // index in cands of the current sentence's first pattern candidate
	kbStart   []bool
	kbCover   []bool
	stateWord []bool
	stateAdj  []bool
	adjState  map[int]string // token of a state adjective -> iso3

	mainState  int32          // reference index of the state the document is about, -1
	windowMain *int32         // the first window's mainState, for later windows of a long text
	stateCount map[string]int // mentions per state (iso3)
	about      string

	ments     []mention
	nested    []mention // mentions inside another mention (not in tokMent)
	tokMent   []int32   // token -> mention index, -1
	mentsByT0 []int     // mention indexes sorted by first token (see sortedMentions)
	ents      []*docEntity
	entByID   map[string]int

	personsByTok map[string][]int // name token -> person entities
	byContent    map[string]int   // kind|content words -> new organisation or institution
	byAlias      map[string]int   // short name -> instrument ("Law of 9 December 2004")
	byStateKey   map[string]int   // kind|iso3|words without state words -> body (see stateKey)
	stateTok     []string         // token -> iso3 of the state whose name or adjective covers it
	igoWord      []bool           // token covered by the name or acronym of an intergovernmental body
	demonym      []bool           // token of a state's demonym ("Türk"), not an adjective
	placeWord    []bool           // token of a gazetteer place
	langWord     map[int]bool     // token of a state's adjective naming a language ("in French")
	placeEnd     map[int]int      // first token of a gazetteer place -> its end
	kbCourtEnd   map[int]int      // end token of a known court's name -> its first token
	acronyms     map[string]int   // acronym defined in the text -> entity

	voice int // entity that speaks for the document (publisher or main NGO), -1
	// datelineEnd is the end of a dateline that opens a paragraph ("(Abuja,
	// November 12, 2024) –"); dates before it are not events' dates
	datelineEnd int
}

// eventStage: how each event was found, dates, speakers.
type eventStage struct {
	evMeta       []eventMeta // how each event of out.Events was found (parallel)
	sentEvents   [][]int     // sentence -> events it is evidence for (built on first use)
	speakerOfDoc int         // docSpeaker's answer, -2 before it is asked
	lastWords    map[int]string
	dateCache    [][]dateMention
	dateDone     []bool
}

// obligationStage: provisions cited and the obligations found.
type obligationStage struct {
	provs       [][]provRef // provisions cited, per sentence
	eventSource int         // the ruling event sourceOf found for the obligation being added, or -1
	obSeen      map[string]bool
	lastSource  int // source of the last obligation found, -1
}

// relationStage: relations, deduplicated by type and ends.
type relationStage struct {
	relIndex     map[string]int // type|from|to -> index in out.Relations
	titleRelated map[int]bool
	rightsCache  map[int][]string
}

// endMentions releases what only the mention stage needed.
func (d *docState) endMentions() {
	d.cands = nil
}

func newDoc(x *Extractor, doc rightsgraph.Document) *docState {
	return newDocWindow(x, doc, 0, len(doc.Text))
}

// newDocWindow prepares the bytes [a, b) of doc.Text: its tokens and
// sentences carry offsets into the whole text, so evidence and ids stay
// exact against it.
func newDocWindow(x *Extractor, doc rightsgraph.Document, a, b int) *docState {
	d := &docState{x: x, doc: doc, text: doc.Text}
	d.mentionStage = mentionStage{mainState: -1, stateCount: map[string]int{}, personsByTok: map[string][]int{}, byContent: map[string]int{},
		byAlias: map[string]int{}, byStateKey: map[string]int{}, entByID: map[string]int{}, acronyms: map[string]int{}, voice: -1}
	d.eventStage = eventStage{speakerOfDoc: -2}
	d.obligationStage = obligationStage{obSeen: map[string]bool{}, lastSource: -1, eventSource: -1}
	d.relationStage = relationStage{titleRelated: map[int]bool{}}
	if d.doc.ID == "" {
		h := sha256.Sum256([]byte(doc.Text))
		d.doc.ID = hex.EncodeToString(h[:])
	}
	d.toks = tokenize(d.text[a:b])
	d.sents = splitSentences(d.text[a:b], d.toks)
	if a > 0 {
		for i := range d.toks {
			d.toks[i].start += a
			d.toks[i].end += a
		}
		for i := range d.sents {
			d.sents[i].start += a
			d.sents[i].end += a
		}
	}
	d.tokSent = make([]int32, len(d.toks))
	for i := range d.tokSent {
		d.tokSent[i] = -1
	}
	for si, s := range d.sents {
		for k := s.t0; k < s.t1; k++ {
			d.tokSent[k] = int32(si)
		}
	}
	n := len(d.toks)
	d.kbStart = make([]bool, n)
	d.kbCover = make([]bool, n)
	d.stateWord = make([]bool, n)
	d.stateAdj = make([]bool, n)
	d.stateTok = make([]string, n)
	d.igoWord = make([]bool, n)
	d.demonym = make([]bool, n)
	d.placeWord = make([]bool, n)
	d.placeEnd = map[int]int{}
	d.langWord = map[int]bool{}
	d.kbCourtEnd = map[int]int{}
	d.adjState = map[int]string{}
	d.tokMent = make([]int32, n)
	for i := range d.tokMent {
		d.tokMent[i] = -1
	}
	return d
}

func (d *docState) span(t0, t1 int) string {
	if t0 >= t1 {
		return ""
	}
	return d.text[d.toks[t0].start:d.toks[t1-1].end]
}

func (d *docState) evidence(start, end int) rightsgraph.Evidence {
	return rightsgraph.Evidence{Start: start, End: end, Quote: d.text[start:end]}
}

func (d *docState) sentEvidence(si int) rightsgraph.Evidence {
	s := d.sents[si]
	return d.evidence(s.start, s.end)
}

func (d *docState) run() {
	d.kbCandidates()
	d.dropLanguageNames()
	d.placeGazetteer()
	d.chooseMainState()
	d.filterKB()
	for si := range d.sents {
		d.patternCandidates(si)
	}
	d.resolve()
	d.defineAcronyms()
	d.shortForms()
	d.metadata()
	d.mentsByT0 = d.sortedMentions()
	d.endMentions()
	d.out = &rightsgraph.Extraction{Document: d.doc, Entities: []rightsgraph.Entity{}, Relations: []rightsgraph.Relation{}, Events: []rightsgraph.Event{}, Obligations: []rightsgraph.Obligation{}}
	d.provisions()
	d.chooseVoice()
	d.events()
	d.obligations()
	d.actorRelations()
	d.dateLegislationByName()
	d.statementsOfReports()
	d.dropOwnVoice()
	d.finish()
}

// kbCandidates collects every knowledge-base alias match.
func (d *docState) kbCandidates() {
	var buf []kbMatch
	for _, s := range d.sents {
		for i := s.t0; i < s.t1; i++ {
			buf = d.x.ix.lookup(d.text, d.toks, i, s.t1, buf[:0])
			for _, m := range buf {
				re := &d.x.ix.ents[m.entry.ent]
				// "Jordan Peterson", "Chad Smith": a given name, not the state
				if re.kind == rightsgraph.KindState && m.t1-m.t0 == 1 && ambiguousStateNames[d.toks[m.t0].norm] &&
					m.t1 < s.t1 && isCapWord(d.toks[m.t1]) && !capStop[d.toks[m.t1].norm] {
					continue
				}
				// "UN Geospatial", "EU Agency X": an acronym glued to an unknown
				// capitalised word names some other body
				d.cands = append(d.cands, candidate{t0: m.t0, t1: m.t1, ref: m.entry.ent, form: m.entry.form, kind: re.kind, name: re.name, prio: prioKB})
			}
		}
	}
}

// chooseMainState picks the state the document is mostly about, or written
// from: the most mentioned, headings and the first lines counting double; a
// "Poland 2023" heading decides; the state of a body named in the first line
// (the publisher) counts as fifteen mentions, a dateline or byline city
// ("London, 15 November 2023") and a city the title places the text in
// ("... in Vienna") as ten.
func (d *docState) chooseMainState() {
	count := map[int32]int{}
	first := map[int32]int{}
	stateRef := func(iso3 string) int32 {
		if i, ok := d.x.ix.byID["state:"+iso3]; ok {
			return i
		}
		return -1
	}
	// a state name inside a longer known name ("Guinea" in "Papua New
	// Guinea") is no mention of that state
	longest := map[int]int{}
	for _, c := range d.cands {
		if c.ref >= 0 && c.t1 > longest[c.t0] {
			longest[c.t0] = c.t1
		}
	}
	inside := func(c candidate) bool {
		for a := c.t0; a >= 0 && a > c.t0-6; a-- {
			if e, ok := longest[a]; ok && e >= c.t1 && e-a > c.t1-c.t0 {
				return true
			}
		}
		return false
	}
	for _, c := range d.cands {
		si := d.tokSent[c.t0]
		if si < 0 {
			continue
		}
		s := d.sents[si]
		if c.ref >= 0 && c.kind == rightsgraph.KindState && inside(c) {
			continue
		}
		if c.kind == rightsgraph.KindPlace && c.iso3 != "" {
			r := stateRef(c.iso3)
			if r < 0 || c.venue {
				continue
			}
			dateline := c.t0 == s.t0 || c.t0 == s.t0+1 && d.toks[s.t0].norm == "("
			dateline = dateline && c.t1 < s.t1 && (d.toks[c.t1].norm == "," || d.toks[c.t1].norm == "-" || d.toks[c.t1].norm == "–")
			byline := si < 8 && s.end-s.start <= 120 && c.t0 > s.t0 && d.clauseHas(s.t0, c.t0, []string{"by"})
			locative := c.t0 > s.t0 && placePreps[d.toks[c.t0-1].norm]
			if dateline && si < 8 || byline || s.heading && si < 3 && locative {
				count[r] += 20
				if _, ok := first[r]; !ok {
					first[r] = c.t0
				}
			}
			continue
		}
		if c.ref < 0 {
			continue
		}
		re := d.x.ix.ents[c.ref]
		if re.kind == rightsgraph.KindInstitution && re.state != "" && si == 0 && c.form != formLocal {
			if r := stateRef(re.state); r >= 0 {
				count[r] += 30
			}
			continue
		}
		if re.kind != rightsgraph.KindState {
			continue
		}
		if s.heading && si < 20 && reNameYear.MatchString(d.text[s.start:s.end]) && c.t0 == s.t0 {
			count[c.ref] += 1000
		}
		// "Afghan women in Vienna": an adjective or demonym names people's
		// origin more often than the state the text is about
		w := 2
		if c.form == formAdjective || c.form == formDemonym {
			w = 1
		}
		if s.heading || si < 3 {
			w *= 2
		}
		count[c.ref] += w
		d.stateCount[re.iso3]++
		if _, ok := first[c.ref]; !ok {
			first[c.ref] = c.t0
		}
	}
	best, bestN := int32(-1), 0
	for r, n := range count {
		// Ties on count and first position (two states named from the same
		// token, "Guinea" inside "Guinea-Bissau") go to the lower index, not
		// to map order.
		if n > bestN || n == bestN && (first[r] < first[best] || first[r] == first[best] && r < best) {
			best, bestN = r, n
		}
	}
	d.mainState = best
	// a later window of a long text is about the state its first window is
	if d.windowMain != nil {
		d.mainState = *d.windowMain
	}
}

func (d *docState) mainISO3() string {
	if d.mainState < 0 {
		return ""
	}
	return d.x.ix.ents[d.mainState].iso3
}

// filterKB drops local aliases of other states' bodies and marks the tokens
// the remaining matches cover.
func (d *docState) filterKB() {
	main := d.mainISO3()
	for _, c := range d.cands {
		if c.ref >= 0 {
			d.kbStart[c.t0] = true
		}
	}
	out := d.cands[:0]
	for _, c := range d.cands {
		if c.ref >= 0 && c.form == formLocal {
			st := d.x.ix.ents[c.ref].state
			if st != main && d.stateCount[st] < 2 {
				continue
			}
		}
		if c.ref >= 0 && c.form == formAcronym && c.t1-c.t0 == 1 && d.gluedAcronym(c) {
			continue
		}
		out = append(out, c)
	}
	d.cands = out
	for i := range d.kbStart {
		d.kbStart[i] = false
	}
	for _, c := range d.cands {
		// gazetteer places do not stop a name ("Warsaw-Praga District Court")
		if c.ref < 0 {
			continue
		}
		// a right's name may be part of an organisation's or a treaty's
		// ("Freedom of Speech Alliance"): it does not stop a name
		if d.x.ix.ents[c.ref].kind == rightsgraph.KindRight {
			continue
		}
		d.kbStart[c.t0] = true
		if d.x.ix.ents[c.ref].court {
			if b, ok := d.kbCourtEnd[c.t1]; !ok || c.t0 < b {
				d.kbCourtEnd[c.t1] = c.t0
			}
		}
		for k := c.t0; k < c.t1; k++ {
			d.kbCover[k] = true
			if re := d.x.ix.ents[c.ref]; re.kind == rightsgraph.KindInstitution && re.category == "igo" && !re.court {
				d.igoWord[k] = true
			}
			if d.x.ix.ents[c.ref].kind == rightsgraph.KindState {
				d.stateWord[k] = true
				d.stateTok[k] = d.x.ix.ents[c.ref].iso3
				if c.form == formDemonym {
					d.demonym[k] = true
				}
				if c.form == formAdjective || c.form == formDemonym {
					d.stateAdj[k] = true
					d.adjState[k] = d.x.ix.ents[c.ref].iso3
				}
			}
		}
	}
}

// Capitalised words that may follow an acronym without making a new name
// ("UN Member States", "EU Special Representative").
var acronymFollowers = map[string]bool{
	"member": true, "members": true, "state": true, "states": true, "secretary": true, "secretary-general": true,
	"summit": true, "mission": true, "missions": true, "staff": true, "envoy": true, "expert": true, "experts": true,
	"special": true, "high": true, "chief": true, "official": true, "officials": true, "troops": true,
	"peacekeepers": true, "resolution": true, "resolutions": true, "report": true, "reports": true,
	"treaty": true, "treaties": true, "declaration": true, "convention": true, "ambassador": true,
	"representative": true, "delegation": true, "presidency": true, "law": true, "regulation": true,
	"directive": true, "citizens": true, "countries": true, "nationals": true, "sanctions": true,
	"framework": true, "strategy": true, "charter": true, "court": true, "council": true, "commission": true,
	"parliament": true, "agency": true, "general": true, "human": true, "security": true, "office": true,
	"committee": true, "working": true, "independent": true, "and": true, "or": true,
}

// gluedAcronym: "UN Geospatial" — an acronym followed by an unknown
// capitalised word names some other body, not the acronym's.
func (d *docState) gluedAcronym(c candidate) bool {
	k := c.t1
	if k >= len(d.toks) || d.tokSent[k] != d.tokSent[c.t0] {
		return false
	}
	t := d.toks[k]
	// "vice-president of FIDH Ales Bialiatski": after a role and "of", the
	// capitalised words are the person who holds it
	if b := c.t0; b >= 2 && d.toks[b-1].norm == "of" && isRoleWord(d.toks[b-2].norm) && !d.toks[b-2].upper &&
		k+1 < len(d.toks) && isCapWord(d.toks[k+1]) && !d.toks[k+1].allCaps && d.tokSent[k+1] == d.tokSent[k] {
		return false
	}
	if d.postAfterAcronym(k) {
		return false
	}
	return isCapWord(t) && !t.allCaps && !d.kbStart[k] && !acronymFollowers[t.norm] && !capStop[t.norm]
}

// postAfterAcronym: "CPJ Europe and Central Asia Program Coordinator Nina
// Ognianova" — capitalised words after an acronym that end in a post held
// by the person named next are a post in the acronym's body, not a new name.
func (d *docState) postAfterAcronym(k int) bool {
	si := d.tokSent[k]
	for j := k; j < len(d.toks) && j < k+9 && d.tokSent[j] == si; j++ {
		t := d.toks[j]
		if t.kind != tokWord || !(isCapWord(t) || t.norm == "and" || t.norm == "of" || t.norm == "for") || t.allCaps {
			return false
		}
		if t.upper && isRoleWord(t.norm) {
			n := j + 1
			return n+1 < len(d.toks) && d.tokSent[n+1] == si && isCapWord(d.toks[n]) && isCapWord(d.toks[n+1]) && !isRoleWord(d.toks[n].norm)
		}
	}
	return false
}

// resolve chooses non-overlapping candidates, longest first, and registers
// their entities.
func (d *docState) resolve() {
	cs := d.cands
	main := d.mainISO3()
	sort.SliceStable(cs, func(i, j int) bool {
		li, lj := cs[i].t1-cs[i].t0, cs[j].t1-cs[j].t0
		if li != lj {
			return li > lj
		}
		// "Freedom from Torture, whose chief executive ...": a capitalised
		// name that a pattern calls a body is not the right it spells
		if ri, rj := cs[i].kind == rightsgraph.KindRight, cs[j].kind == rightsgraph.KindRight; ri != rj && cs[i].t0 == cs[j].t0 {
			oi := cs[i].kind == rightsgraph.KindOrganization || cs[i].kind == rightsgraph.KindInstitution
			oj := cs[j].kind == rightsgraph.KindOrganization || cs[j].kind == rightsgraph.KindInstitution
			if oi || oj {
				return oi
			}
		}
		if cs[i].prio != cs[j].prio {
			return cs[i].prio > cs[j].prio
		}
		// same alias, several bodies: the main state's first
		if cs[i].ref >= 0 && cs[j].ref >= 0 {
			si, sj := d.x.ix.ents[cs[i].ref].state == main, d.x.ix.ents[cs[j].ref].state == main
			if si != sj {
				return si
			}
		}
		return cs[i].t0 < cs[j].t0
	})
	used := make([]bool, len(d.toks))
	kbAt := map[int][]int{}
	for i, c := range cs {
		if c.ref >= 0 {
			kbAt[c.t0] = append(kbAt[c.t0], i)
		}
	}
	var chosen []candidate
	for _, c := range cs {
		free := true
		for k := c.t0; k < c.t1; k++ {
			if used[k] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		// a national law named by its date ("la loi du 9 décembre 2004") is
		// the known law of that date, when there is one
		if c.ref < 0 && c.kind == rightsgraph.KindInstrument && len(c.adopted) == 10 {
			if r := d.x.ix.lawByDate(c.adopted, main); r >= 0 {
				re := d.x.ix.ents[r]
				c.ref, c.name, c.form = r, re.name, formAlias
			}
		}
		// a pattern name that contains a known name of the same kind at its
		// start is that known thing ("Law of 9 December 2004 on ...")
		if c.ref < 0 {
			for _, ki := range kbAt[c.t0] {
				k := cs[ki]
				// ("African Union Commission" is another body than the
				// African Union: a head word follows the known name)
				if k.kind == c.kind && k.t1 < c.t1 && (k.t1-k.t0)*2 >= (c.t1-c.t0) && !(c.kind != rightsgraph.KindInstrument && isHeadWord(d.toks[k.t1].norm)) {
					c.ref, c.form, c.name = k.ref, k.form, k.name
					break
				}
			}
		}
		for k := c.t0; k < c.t1; k++ {
			used[k] = true
		}
		chosen = append(chosen, c)
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].t0 < chosen[j].t0 })
	// "the UN Convention against Torture", "the EU Return Directive": an
	// intergovernmental body written before an instrument's name is part of
	// that name, not a mention of the body
	merged := chosen[:0]
	for i := 0; i < len(chosen); i++ {
		c := chosen[i]
		if i+1 < len(chosen) && c.ref >= 0 && c.kind == rightsgraph.KindInstitution && d.x.ix.ents[c.ref].category == "igo" &&
			chosen[i+1].kind == rightsgraph.KindInstrument && chosen[i+1].t0 == c.t1 && c.t1-c.t0 <= 2 {
			chosen[i+1].t0 = c.t0
			continue
		}
		merged = append(merged, c)
	}
	chosen = merged
	// "the UN Human Rights Council", "the Council of Europe Commissioner for
	// Human Rights": the parent body (the knowledge base's partOf) a name
	// starts with is mentioned too
	igoStart := map[int][]candidate{}
	for _, c := range cs {
		if c.ref >= 0 && c.kind == rightsgraph.KindInstitution && d.x.ix.ents[c.ref].category == "igo" {
			igoStart[c.t0] = append(igoStart[c.t0], c)
		}
	}
	// a body named inside an instrument's name ("Convention ... of the
	// Council of Europe") is mentioned too
	insideEnd := map[int][]candidate{}
	for _, c := range cs {
		if c.ref >= 0 && c.kind == rightsgraph.KindInstitution {
			insideEnd[c.t1] = append(insideEnd[c.t1], c)
		}
	}
	// gazetteer places by span, for the seats of courts
	placeAt := map[[2]int]candidate{}
	for _, c := range cs {
		if c.iso3 != "" {
			placeAt[[2]int{c.t0, c.t1}] = c
		}
	}
	for _, c := range chosen {
		mi := d.addMention(c)
		if c.seat > 0 && c.seat < c.t1 {
			// "High Court in Nairobi": the seat is a Place mentioned too
			pc, ok := placeAt[[2]int{c.seat, c.t1}]
			if !ok {
				pc = candidate{t0: c.seat, t1: c.t1, ref: -1, kind: rightsgraph.KindPlace, name: d.span(c.seat, c.t1), prio: prioPlace}
			}
			if ei := d.entityFor(pc); ei >= 0 {
				d.nested = append(d.nested, mention{t0: pc.t0, t1: pc.t1, ent: ei, sent: int(d.tokSent[pc.t0])})
			}
		}
		if c.kind != rightsgraph.KindInstrument && c.kind != rightsgraph.KindInstitution {
			continue
		}
		if c.kind == rightsgraph.KindInstitution && c.ref >= 0 && d.x.ix.ents[c.ref].partOf != "" {
			for _, in := range igoStart[c.t0] {
				if in.t1 < c.t1 && d.x.ix.ents[in.ref].id == d.x.ix.ents[c.ref].partOf && !d.toks[in.t1].hyphenBefore {
					if ei := d.entityFor(in); ei >= 0 && (mi < 0 || d.ments[mi].ent != ei) {
						d.nested = append(d.nested, mention{t0: in.t0, t1: in.t1, ent: ei, sent: int(d.tokSent[in.t0])})
					}
					break
				}
			}
		}
		// "Committee of Ministers of the Council of Europe": the body named
		// at the end, after "of the", is mentioned too
		for _, in := range insideEnd[c.t1] {
			if in.t0 > c.t0 && in.t1-in.t0 >= 2 && (c.kind == rightsgraph.KindInstrument || in.t0 >= 2 && d.toks[in.t0-1].norm == "the" && d.toks[in.t0-2].norm == "of") {
				ei := d.entityFor(in)
				if ei >= 0 && (mi < 0 || d.ments[mi].ent != ei) {
					d.nested = append(d.nested, mention{t0: in.t0, t1: in.t1, ent: ei, sent: int(d.tokSent[in.t0])})
				}
				break
			}
		}
	}
}

// entityFor returns the document entity for a candidate, creating it.
func (d *docState) entityFor(c candidate) int {
	var id string
	if c.ref >= 0 {
		id = d.x.ix.ents[c.ref].id
	} else {
		id = d.newID(c)
		if id == "" {
			return -1
		}
		if j, ok := d.entByID[id]; ok {
			return j
		}
		// merge with an entity that has the same name under another spelling
		if j, ok := d.similar(c); ok {
			return j
		}
	}
	if j, ok := d.entByID[id]; ok {
		return j
	}
	de := &docEntity{ref: c.ref, aliases: map[string]bool{}, first: c.t0}
	de.e.ID = id
	de.e.Kind = c.kind
	de.e.Mentions = []rightsgraph.Span{}
	if c.ref >= 0 {
		re := &d.x.ix.ents[c.ref]
		de.e.Name = re.name
		de.e.Reference = true
		de.e.ISO2, de.e.ISO3 = re.iso2, re.iso3
		de.e.Category = re.category
		if re.kind == rightsgraph.KindInstrument {
			de.e.Category = re.instrumentCat
			de.e.Adopted, de.e.InForce, de.e.Binding = re.adopted, re.inForce, re.binding
		}
		de.e.Court = re.court
		de.e.Jurisdiction = re.jurisdiction
	} else if c.iso3 != "" {
		// a gazetteer place keeps its canonical name ("The Hague")
		de.e.Name = c.name
		de.iso3 = c.iso3
	} else {
		de.e.Name = cleanName(c.name)
		if q := c.qualifier - 1; q >= 0 && d.qualState(q) != "" {
			de.e.Name = cleanName(d.span(q+1, c.t1))
		}
		de.e.Category = c.category
		de.iso3 = c.iso3
		de.e.Court = c.court
		de.e.Adopted = c.adopted
		if c.court && c.generic && d.mainState >= 0 {
			de.e.Jurisdiction = d.x.ix.ents[d.mainState].name
		}
	}
	de.nameToks = normTokens(de.e.Name)
	d.ents = append(d.ents, de)
	d.entByID[id] = len(d.ents) - 1
	d.indexEntity(len(d.ents) - 1)
	if c.kind == rightsgraph.KindInstitution || c.kind == rightsgraph.KindOrganization {
		if k := d.stateKey(c); k != "" {
			if _, ok := d.byStateKey[k]; !ok {
				d.byStateKey[k] = len(d.ents) - 1
			}
		}
	}
	return len(d.ents) - 1
}

// newID makes the deterministic id of a name the knowledge base lacks.
func (d *docState) newID(c candidate) string {
	name := cleanName(c.name)
	if c.iso3 != "" {
		name = c.name
	}
	iso3 := d.mainISO3()
	if q := c.qualifier - 1; q >= 0 {
		if mi := d.qualState(q); mi != "" {
			iso3 = mi
			name = cleanName(d.span(q+1, c.t1))
		}
	}
	slug := slugify(name)
	if slug == "" {
		return ""
	}
	if c.generic && iso3 != "" && (c.kind == rightsgraph.KindInstitution || c.kind == rightsgraph.KindInstrument) {
		slug = strings.ToLower(iso3) + "-" + slug
	}
	return strings.ToLower(c.kind) + ":" + slug
}

// qualState returns the iso3 of the state adjective at token q.
func (d *docState) qualState(q int) string {
	return d.adjState[q]
}

// similar finds an entity of the same kind whose name has the same content
// words ("International Association of Culture and Human Rights" and "the
// Culture and Human Rights Association"), or, for persons, whose name
// contains this one ("Danial" in "Father Danial").
func (d *docState) similar(c candidate) (int, bool) {
	switch c.kind {
	case rightsgraph.KindPerson:
		// persons sharing a name token are few: compare them, without a
		// title ("Mr Arslan" is "Deniz Arslan")
		nt := withoutHonorific(normTokens(c.name))
		seen := map[int]bool{}
		for _, w := range nt {
			for _, j := range d.personsByTok[w] {
				if seen[j] {
					continue
				}
				seen[j] = true
				et := withoutHonorific(d.ents[j].nameToks)
				if containsSeq(et, nt) || containsSeq(nt, et) {
					return j, true
				}
			}
		}
	case rightsgraph.KindOrganization, rightsgraph.KindInstitution:
		words := contentWords(c.name)
		if len(words) >= 2 {
			if j, ok := d.byContent[c.kind+"|"+strings.Join(words, " ")]; ok {
				return j, true
			}
		}
		// "UK Supreme Court", "Supreme Court of the United Kingdom" and, in a
		// text about the UK, "Supreme Court": the same words and state
		if k := d.stateKey(c); k != "" {
			if j, ok := d.byStateKey[k]; ok {
				return j, true
			}
		}
		// "Court of Justice" and "Court of Justice of the European Union",
		// "Federal Office" and "Federal Office of Justice": a name that is the
		// start of exactly one other body's name, before "of", "in", "for" or "on"
		if j, ok := d.prefixOf(c); ok {
			return j, true
		}
	case rightsgraph.KindInstrument:
		if j, ok := d.byAlias[c.name]; ok {
			return j, true
		}
		// "the Act on the Defence of National Sovereignty" and "the Defence
		// of National Sovereignty Act": one law, its title turned around
		if c.ref < 0 {
			if k := lawTitleKey(c.name); k != "" {
				if j, ok := d.byContent[k]; ok {
					return j, true
				}
			}
		}
	}
	return 0, false
}

// lawTitleKey is a national law's head and content words ("act|defence
// national sovereignty"), the same for "Act on X" and "X Act"; "" for other
// instruments or titles of fewer than two content words.
func lawTitleKey(name string) string {
	ts := normTokens(name)
	head := ""
	var words []string
	for _, w := range ts {
		switch {
		case w == "act" || w == "law" || w == "code" || w == "decree":
			if head != "" && head != w {
				return ""
			}
			head = w
		case genericNameWords[w] || w == "concerning" || w == "regarding":
		default:
			words = append(words, w)
		}
	}
	if head == "" || len(words) < 2 || !(ts[0] == head || ts[len(ts)-1] == head) {
		return ""
	}
	sort.Strings(words)
	return "instrument|" + head + "|" + strings.Join(words, " ")
}

// stateKey is a body's name without its state words, with the state they
// name (or, for a generic name, the document's state): "institution|GBR|
// supreme court". "" when the name has no other words.
func (d *docState) stateKey(c candidate) string {
	if c.t0 < 0 || c.t1 > len(d.toks) {
		return ""
	}
	iso := ""
	var words []string
	for k := c.t0; k < c.t1; k++ {
		t := d.toks[k]
		if d.stateTok[k] != "" {
			if iso == "" {
				iso = d.stateTok[k]
			} else if iso != d.stateTok[k] {
				return ""
			}
			continue
		}
		if t.kind != tokWord || t.norm == "the" || t.norm == "of" || t.norm == "'s" {
			continue
		}
		words = append(words, t.norm)
	}
	if len(words) == 0 {
		return ""
	}
	if iso == "" {
		if !c.generic {
			return ""
		}
		iso = d.mainISO3()
	}
	if iso == "" {
		return ""
	}
	return c.kind + "|" + iso + "|" + strings.Join(words, " ")
}

var prefixFollowers = map[string]bool{"of": true, "in": true, "for": true, "on": true}

// prefixOf finds the one body of the same kind whose name starts with the
// candidate's name (or the reverse) followed by "of", "in", "for" or "on".
func (d *docState) prefixOf(c candidate) (int, bool) {
	nt := normTokens(cleanName(c.name))
	if len(nt) < 2 {
		return 0, false
	}
	found := -1
	for ei, e := range d.ents {
		if e.e.Kind != c.kind {
			continue
		}
		et := e.nameToks
		if len(et) > 0 && et[0] == "the" {
			et = et[1:]
		}
		ok := len(et) > len(nt) && equalStrings(et[:len(nt)], nt) && prefixFollowers[et[len(nt)]] ||
			len(nt) > len(et) && len(et) >= 2 && equalStrings(nt[:len(et)], et) && prefixFollowers[nt[len(et)]]
		if !ok {
			continue
		}
		if found >= 0 && found != ei {
			return 0, false
		}
		found = ei
	}
	return found, found >= 0
}

// indexEntity records a new entity in the lookups similar uses.
func (d *docState) indexEntity(ei int) {
	e := d.ents[ei]
	switch e.e.Kind {
	case rightsgraph.KindPerson:
		for _, w := range e.nameToks {
			d.personsByTok[w] = append(d.personsByTok[w], ei)
		}
	case rightsgraph.KindInstrument:
		if e.ref < 0 {
			if k := lawTitleKey(e.e.Name); k != "" {
				if _, ok := d.byContent[k]; !ok {
					d.byContent[k] = ei
				}
			}
		}
	case rightsgraph.KindOrganization, rightsgraph.KindInstitution:
		if e.ref < 0 {
			if words := contentWords(e.e.Name); len(words) >= 2 {
				k := e.e.Kind + "|" + strings.Join(words, " ")
				if _, ok := d.byContent[k]; !ok {
					d.byContent[k] = ei
				}
			}
		}
	}
}

var genericNameWords = map[string]bool{
	"the": true, "of": true, "and": true, "for": true, "international": true, "association": true,
	"alliance": true, "league": true, "organisation": true, "organization": true, "&": true, "on": true,
	"in": true, "'s": true, "national": true, "society": true, "federation": true, "network": true,
	"committee": true, "council": true, "commission": true, "centre": true, "center": true,
}

func contentWords(name string) []string {
	var out []string
	for _, w := range normTokens(name) {
		if !genericNameWords[w] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// withoutHonorific drops a leading title ("mr", "father") from a person's
// name tokens, unless nothing would be left.
func withoutHonorific(ts []string) []string {
	if len(ts) >= 2 && honorifics[ts[0]] {
		return ts[1:]
	}
	return ts
}

func sameWords(a, b []string) bool {
	return len(a) >= 2 && equalStrings(a, b)
}

func containsSeq(hay, needle []string) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
	for i := 0; i+len(needle) <= len(hay); i++ {
		if equalStrings(hay[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

func (d *docState) addMention(c candidate) int {
	ei := d.entityFor(c)
	if ei < 0 {
		return -1
	}
	de := d.ents[ei]
	if c.title != "" && de.title == "" {
		de.title = c.title
	}
	if c.alias != "" {
		de.aliases[c.alias] = true
		if de.e.Kind == rightsgraph.KindInstrument {
			d.byAlias[c.alias] = ei
		}
	}
	if c.ref < 0 && c.iso3 == "" && c.name != "" && cleanName(c.name) != de.e.Name {
		de.aliases[cleanName(c.name)] = true
	}
	si := int(d.tokSent[c.t0])
	d.ments = append(d.ments, mention{t0: c.t0, t1: c.t1, ent: ei, form: c.form, sent: si})
	mi := int32(len(d.ments) - 1)
	for k := c.t0; k < c.t1; k++ {
		d.tokMent[k] = mi
	}
	return int(mi)
}

// defineAcronyms makes "Name (ACR)" define ACR as an alias of Name, and links
// the acronym's other uses to it (before the knowledge base's meaning).
func (d *docState) defineAcronyms() {
	for _, m := range d.ments {
		e := m.t1
		// "the Kazakh security service, or KNB, detained him"
		if e+3 < len(d.toks) && d.toks[e].norm == "," && d.toks[e+1].norm == "or" && d.toks[e+2].allCaps && (d.toks[e+3].norm == "," || d.toks[e+3].norm == ")") {
			e++
		}
		if e+2 >= len(d.toks) || d.toks[e].norm != "(" && d.toks[e].norm != "or" || d.toks[e+2].norm != ")" && d.toks[e+2].norm != "," {
			continue
		}
		if d.toks[e].norm == "(" && d.toks[e+2].norm != ")" {
			continue
		}
		a := d.toks[e+1]
		if a.kind != tokWord || !isAcronymLike(d.text[a.start:a.end]) {
			continue
		}
		acr := d.text[a.start:a.end]
		d.acronyms[acr] = m.ent
	}
	if len(d.acronyms) == 0 {
		return
	}
	for i, t := range d.toks {
		if t.kind != tokWord || !t.upper {
			continue
		}
		ei, ok := d.acronyms[d.text[t.start:t.end]]
		if !ok {
			continue
		}
		if mi := d.tokMent[i]; mi >= 0 {
			m := &d.ments[mi]
			if m.t1-m.t0 != 1 || m.ent == ei {
				continue
			}
			// the text's own definition wins over the knowledge base's meaning
			m.ent = ei
			continue
		}
		d.addMentionTo(i, i+1, ei)
	}
}

func (d *docState) addMentionTo(t0, t1, ei int) {
	si := int(d.tokSent[t0])
	d.ments = append(d.ments, mention{t0: t0, t1: t1, ent: ei, sent: si})
	mi := int32(len(d.ments) - 1)
	for k := t0; k < t1; k++ {
		d.tokMent[k] = mi
	}
}

// shortHeads are words that, after "the" (or alone for acronyms), refer back
// to the one entity of the document that has them in its name.
var shortHeads = map[string]bool{
	"convention": true, "covenant": true, "charter": true, "protocol": true, "treaty": true,
	"court": true, "commission": true, "council": true, "committee": true, "ministry": true,
	"agency": true, "office": true, "alliance": true, "association": true, "league": true,
	"church": true, "institute": true, "unit": true, "service": true, "tribunal": true,
	"declaration": true, "statute": true, "parliament": true, "law": true, "act": true,
	"network": true, "coalition": true, "foundation": true, "movement": true, "party": true, "collective": true,
	"federation": true, "board": true, "rapporteur": true, "chancellery": true,
}

// shortForms links "the Convention", "the Court", "FPS" and repeated person
// names to the entity already named in full. One pass over the tokens, with
// the mentions found so far walked in step.
func (d *docState) shortForms() {
	// persons: full name again, or the family name alone, by first token
	type pn struct {
		seq []string
		ei  int
	}
	persons := map[string][]pn{}
	addP := func(seq []string, ei int) { persons[seq[0]] = append(persons[seq[0]], pn{seq, ei}) }
	wordEnts := map[string][]int{}
	for ei, e := range d.ents {
		switch e.e.Kind {
		case rightsgraph.KindPerson:
			ts := e.nameToks
			if len(ts) == 0 {
				continue
			}
			addP(ts, ei)
			if len(ts) >= 2 {
				last := ts[len(ts)-1]
				if len(ts) >= 3 && nameParticles[ts[len(ts)-2]] {
					addP(ts[len(ts)-2:], ei)
				} else if !honorifics[ts[0]] || len(ts) == 2 {
					addP([]string{last}, ei)
				}
			}
		case rightsgraph.KindGroup, rightsgraph.KindPlace, rightsgraph.KindState:
		default:
			seen := map[string]bool{}
			for _, w := range e.nameToks {
				if !seen[w] {
					seen[w] = true
					wordEnts[w] = append(wordEnts[w], ei)
				}
			}
		}
	}
	sorted := d.sortedMentions()
	ptr := 0
	lastByWord := map[string]int{}
	lastCourt := -1
	for i := 0; i < len(d.toks); i++ {
		for ptr < len(sorted) && d.ments[sorted[ptr]].t0 < i {
			m := d.ments[sorted[ptr]]
			for _, w := range d.ents[m.ent].nameToks {
				lastByWord[w] = m.ent
			}
			if d.ents[m.ent].e.Court {
				lastCourt = m.ent
			}
			ptr++
		}
		t := d.toks[i]
		if d.tokMent[i] >= 0 || t.kind != tokWord {
			continue
		}
		if !t.upper {
			// "the court ruled": the last court named before
			if (t.norm == "court" || t.norm == "tribunal") && i > 0 && d.toks[i-1].norm == "the" && lastCourt >= 0 &&
				!(i+1 < len(d.toks) && (d.toks[i+1].norm == "of" || d.toks[i+1].norm == "'s" || d.toks[i+1].hyphenBefore)) {
				d.addMentionTo(i, i+1, lastCourt)
			}
			// "the network called on ...": the one body whose name ends so
			if lowerShortHeads[t.norm] && i > 0 && d.toks[i-1].norm == "the" && !(i+1 < len(d.toks) && (d.toks[i+1].norm == "of" || d.toks[i+1].hyphenBefore || isCapWord(d.toks[i+1]))) {
				if ei := d.uniqueHead(t.norm); ei >= 0 {
					d.addMentionTo(i, i+1, ei)
				}
			}
			continue
		}
		matched := false
		for _, p := range persons[t.norm] {
			if j, ok := d.matchSeq(i, len(d.toks), p.seq); ok && d.allFree(i, j) && d.allCap(i, j) {
				if j < len(d.toks) && isCapWord(d.toks[j]) && !capStop[d.toks[j].norm] {
					continue
				}
				d.addMentionTo(i, j, p.ei)
				i = j - 1
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		// "the Convention", "our FPS"
		prev := ""
		if i > 0 {
			prev = d.toks[i-1].norm
		}
		if !(shortHeads[t.norm] && (prev == "the" || prev == "this" || prev == "our")) && !(t.allCaps && !d.isDefined(i)) {
			continue
		}
		if i+1 < len(d.toks) && d.toks[i+1].kind == tokWord && (isCapWord(d.toks[i+1]) || d.toks[i+1].norm == "of") {
			// "the Court of Appeal of ..." is a name of its own
			continue
		}
		switch ents := wordEnts[t.norm]; {
		case len(ents) == 1:
			d.addMentionTo(i, i+1, ents[0])
		case len(ents) > 1:
			if ei, ok := lastByWord[t.norm]; ok {
				d.addMentionTo(i, i+1, ei)
			}
		}
	}
}

// lowerShortHeads, after "the" and in lower case, refer back to the one body
// of the document whose name ends with them ("the network").
var lowerShortHeads = map[string]bool{"army": true, "police": true, "navy": true, "gendarmerie": true, "network": true, "coalition": true, "alliance": true, "association": true, "foundation": true, "collective": true, "league": true, "federation": true, "movement": true, "board": true, "ombudsman": true}

// uniqueHead returns the one organisation or institution whose name ends
// with the word w, or -1.
func (d *docState) uniqueHead(w string) int {
	found := -1
	for ei, e := range d.ents {
		if e.e.Kind != rightsgraph.KindOrganization && e.e.Kind != rightsgraph.KindInstitution || len(e.nameToks) == 0 || e.nameToks[len(e.nameToks)-1] != w {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = ei
	}
	return found
}

// sortedMentions returns the indexes of the mentions in text order.
func (d *docState) sortedMentions() []int {
	idx := make([]int, len(d.ments))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return d.ments[idx[a]].t0 < d.ments[idx[b]].t0 })
	return idx
}

// lastMentionBefore walks back from token k over the mentions in text order
// (d.mentsByT0) and returns the first entity ok accepts, looking at no more
// than 2000 mentions.
func (d *docState) lastMentionBefore(k int, ok func(ei int) bool) int {
	s := d.mentsByT0
	i := sort.Search(len(s), func(i int) bool { return d.ments[s[i]].t0 >= k }) - 1
	for n := 0; i >= 0 && n < 2000; i, n = i-1, n+1 {
		if e := d.ments[s[i]].ent; ok(e) {
			return e
		}
	}
	return -1
}

func (d *docState) isDefined(i int) bool {
	_, ok := d.acronyms[d.text[d.toks[i].start:d.toks[i].end]]
	return ok
}

func (d *docState) allFree(i, j int) bool {
	for k := i; k < j; k++ {
		if d.tokMent[k] >= 0 {
			return false
		}
	}
	return true
}

func (d *docState) allCap(i, j int) bool {
	for k := i; k < j; k++ {
		if !d.toks[k].upper && !nameParticles[d.toks[k].norm] {
			return false
		}
	}
	return true
}

// cleanName trims spaces, a leading article and trailing punctuation.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.Trim(s, " ,;:")
}

// slugify makes an id fragment: lower case ASCII letters and digits joined by dashes.
func slugify(s string) string {
	f := foldString(s)
	var b strings.Builder
	dash := false
	for _, r := range f {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
			continue
		}
		if r == '\'' {
			continue
		}
		if b.Len() > 0 && !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// finish writes the entities with their mentions and surface forms.
func (d *docState) finish() {
	for _, m := range append(d.ments, d.nested...) {
		de := d.ents[m.ent]
		de.e.Mentions = append(de.e.Mentions, rightsgraph.Span{Start: d.toks[m.t0].start, End: d.toks[m.t1-1].end})
		surface := strings.Join(strings.Fields(d.span(m.t0, m.t1)), " ")
		// "the court", "the Convention": a reference, not another name
		if m.t1-m.t0 == 1 && shortHeads[d.toks[m.t0].norm] {
			continue
		}
		if surface != de.e.Name {
			de.aliases[surface] = true
		}
	}
	// an entity the text no longer mentions (its acronym was redefined by
	// the text: "Parliamentary Assembly (PACE)") and nothing refers to is no
	// entity of this document
	used := d.referencedIDs()
	for _, de := range d.ents {
		if len(de.e.Mentions) == 0 && !used[de.e.ID] {
			continue
		}
		sort.Slice(de.e.Mentions, func(i, j int) bool { return de.e.Mentions[i].Start < de.e.Mentions[j].Start })
		for a := range de.aliases {
			if a != "" && a != de.e.Name {
				de.e.Aliases = append(de.e.Aliases, a)
			}
		}
		sort.Strings(de.e.Aliases)
		d.out.Entities = append(d.out.Entities, de.e)
	}
	d.out.Document = d.doc
	d.dropDangling()
}

// dropDangling is the last consistency pass: every id the extraction refers
// to (a relation's ends, an event's participants and place, an obligation's
// bound party, source and rights) must be one of its entities, or for a
// relation one of its events or obligations; what points elsewhere is
// dropped (an obligation without its bound party entirely), since the
// graph writer could not attach it.
// referencedIDs: the entity ids that relations, events and obligations name.
func (d *docState) referencedIDs() map[string]bool {
	used := map[string]bool{}
	for _, r := range d.out.Relations {
		used[r.From], used[r.To] = true, true
	}
	for _, ev := range d.out.Events {
		for _, p := range ev.Participants {
			used[p.Entity] = true
		}
		if ev.Place != "" {
			used[ev.Place] = true
		}
	}
	for _, o := range d.out.Obligations {
		used[o.Bound] = true
		if o.Source != nil {
			used[*o.Source] = true
		}
		for _, r := range o.Rights {
			used[r] = true
		}
	}
	return used
}

func (d *docState) dropDangling() {
	ents := make(map[string]bool, len(d.out.Entities))
	for _, e := range d.out.Entities {
		ents[e.ID] = true
	}
	events := make(map[string]bool, len(d.out.Events))
	for _, ev := range d.out.Events {
		events[ev.ID] = true
	}
	nodes := make(map[string]bool, len(ents)+len(d.out.Events)+len(d.out.Obligations))
	for id := range ents {
		nodes[id] = true
	}
	for i := range d.out.Events {
		ev := &d.out.Events[i]
		nodes[ev.ID] = true
		ps := ev.Participants[:0]
		for _, p := range ev.Participants {
			if ents[p.Entity] {
				ps = append(ps, p)
			}
		}
		ev.Participants = ps
		if ev.Place != "" && !ents[ev.Place] {
			ev.Place = ""
		}
	}
	obs := d.out.Obligations[:0]
	for _, o := range d.out.Obligations {
		if !ents[o.Bound] {
			continue
		}
		if o.Source != nil && !ents[*o.Source] && !events[*o.Source] {
			o.Source = nil
		}
		var rights []string
		for _, r := range o.Rights {
			if ents[r] {
				rights = append(rights, r)
			}
		}
		o.Rights = rights
		nodes[o.ID] = true
		obs = append(obs, o)
	}
	d.out.Obligations = obs
	rels := d.out.Relations[:0]
	for _, r := range d.out.Relations {
		if nodes[r.From] && nodes[r.To] {
			rels = append(rels, r)
		}
	}
	d.out.Relations = rels
}
