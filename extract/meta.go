package extract

import (
	"regexp"
	"strings"

	rightsgraph "github.com/rightsgraph/rightsgraph"
)

var (
	// "date 2025-12-09", "Published: 9 December 2025", "Posted on ..."
	rePublishedCue = regexp.MustCompile(`(?i)\b(?:date|dated|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|issued(?:\s+on)?)\s*:?\s*`)
	// a heading like "Belgium 2023" names the year a report covers
	reNameYear = regexp.MustCompile(`^\s*([A-Z][\p{L}' .-]{2,40}?)\s+((?:19|20)\d{2})\s*$`)
	// "(Abuja, November 12, 2024) –", "BERLIN, 3 May 2024 —": a place, a
	// comma, then the date (group 1 ends before it)
	reDateline  = regexp.MustCompile(`^\(?\s*([A-Z][\p{L}.'’ -]{1,40}?,\s*)`)
	reCopyright = regexp.MustCompile(`(?:©|\(c\)|Copyright)\s*(?:(?:19|20)\d{2}\s*)?([A-Z][\p{L}&' .-]{2,60})`)
)

// navigation lines are not titles.
var navWords = map[string]bool{"back": true, "home": true, "menu": true, "skip": true, "share": true, "print": true, "search": true, "login": true, "subscribe": true, "cookies": true}

// metadata fills the document's title, published date, the year it is about,
// its language and its publisher when they are missing.
func (d *docState) metadata() {
	head := d.text
	if len(head) > 600 {
		head = head[:600]
	}
	if d.doc.Published == "" {
		for _, loc := range rePublishedCue.FindAllStringIndex(head, 4) {
			ds := findDates(head[loc[1]:minInt(len(head), loc[1]+40)], "")
			if len(ds) > 0 && ds[0].start == 0 && ds[0].hasYear && ds[0].value != "" {
				d.doc.Published = ds[0].value
				break
			}
		}
	}
	if d.doc.Published == "" {
		// a dateline or byline near the top: "Paris, 9 November 2023",
		// "Human Rights Watch, 2 July 2024"
		for i, s := range d.sents {
			if i > 6 || s.start > 800 {
				break
			}
			line := d.text[s.start:s.end]
			if len(line) > 120 {
				continue
			}
			for _, dm := range findDates(line, "") {
				if dm.hasYear && len(dm.value) == 10 {
					d.doc.Published = dm.value
					break
				}
			}
			if d.doc.Published != "" {
				break
			}
		}
	}
	// "(Abuja, November 12, 2024) – Nigerian police ...": a dateline that
	// opens the first paragraph; its date is not an event's
	for i, s := range d.sents {
		if i > 8 || s.start > 1200 {
			break
		}
		m := reDateline.FindStringSubmatchIndex(d.text[s.start:minInt(s.end, s.start+100)])
		if m == nil {
			continue
		}
		rest := d.text[s.start+m[3] : minInt(s.end, s.start+m[3]+40)]
		ds := findDates(rest, "")
		if len(ds) == 0 || ds[0].start != 0 || !ds[0].hasYear || len(ds[0].value) != 10 {
			continue
		}
		if d.doc.Published == "" {
			d.doc.Published = ds[0].value
		}
		end := s.start + m[3] + ds[0].end
		for end < s.end && (d.text[end] == ')' || d.text[end] == ' ') {
			end++
		}
		d.datelineEnd = end
		break
	}
	if d.doc.Published == "" {
		// the page's address: ".../newswire/2011/12/19/..."
		d.doc.Published = d.sourceURLDate()
	}
	if d.doc.Title == "" {
		d.doc.Title = d.guessTitle()
	}
	if d.doc.About == "" {
		d.doc.About = d.guessAbout()
	}
	d.about = d.doc.About
	if d.doc.Language == "" {
		d.doc.Language = detectLanguage(d.text)
	}
	if d.doc.Publisher == "" {
		d.doc.Publisher = d.guessPublisher()
	}
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func (d *docState) guessTitle() string {
	first := ""
	for i, s := range d.sents {
		if i > 12 {
			break
		}
		if !s.heading {
			continue
		}
		line := strings.TrimSpace(d.text[s.start:s.end])
		words := strings.Fields(line)
		if len(words) == 0 || navWords[strings.ToLower(strings.Trim(words[0], ".,:"))] {
			continue
		}
		if first == "" {
			first = line
		}
		if len(words) >= 4 || reNameYear.MatchString(line) {
			return line
		}
	}
	if first != "" {
		return first
	}
	for _, s := range d.sents {
		line := strings.TrimSpace(d.text[s.start:s.end])
		// "date 2025-12-09 On Human Rights Day, ...": the words after the date
		if loc := rePublishedCue.FindStringIndex(line); loc != nil && loc[0] == 0 {
			rest := line[loc[1]:]
			if ds := findDates(rest, ""); len(ds) > 0 && ds[0].start == 0 {
				rest = strings.TrimSpace(rest[ds[0].end:])
			}
			if rest == "" {
				continue
			}
			line = rest
		}
		if len(line) > 120 {
			cut := strings.LastIndex(line[:120], " ")
			if cut > 0 {
				line = line[:cut] + "…"
			}
		}
		return line
	}
	return ""
}

// guessAbout returns the year the document covers: a "Belgium 2023" heading,
// else the published year, else the most frequent year in its sentences
// (not the dates inside instrument names), the latest on a tie.
func (d *docState) guessAbout() string {
	for i, s := range d.sents {
		if i > 20 {
			break
		}
		if !s.heading {
			continue
		}
		if m := reNameYear.FindStringSubmatch(d.text[s.start:s.end]); m != nil {
			return m[2]
		}
	}
	if d.doc.Published != "" {
		return yearOf(d.doc.Published)
	}
	// no heading year and no date of publication: a text is written after
	// what it reports, so it is about the latest year its dates name; a
	// year that only names something ("before the 2008 crisis") or a
	// deadline ("by 2030") is not one of them
	best := ""
	for si, s := range d.sents {
		if !d.mayHaveDate(si) {
			continue
		}
		for _, dm := range findDates(d.text[s.start:s.end], "") {
			if !dm.hasYear || dm.value == "" || d.inInstrument(si, s.start+dm.start) {
				continue
			}
			before := strings.TrimRight(d.text[s.start:s.start+dm.start], " ")
			if sp := strings.LastIndexAny(before, " \n("); sp >= 0 {
				before = before[sp+1:]
			}
			switch strings.ToLower(before) {
			case "the", "a", "its", "his", "her", "their", "our", "this", "that", "by", "until", "till":
				if len(dm.value) < 7 {
					continue
				}
			}
			if y := yearOf(dm.value); y > best {
				best = y
			}
		}
	}
	return best
}

// inInstrument reports whether the byte offset lies in an instrument's name
// or in the parenthesis that follows one ("(Strasbourg 20.4.1959)").
func (d *docState) inInstrument(si int, off int) bool {
	s := d.sents[si]
	for k := s.t0; k < s.t1; k++ {
		if d.toks[k].start > off {
			break
		}
		if d.toks[k].end <= off {
			continue
		}
		if mi := d.tokMent[k]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
			return true
		}
		// inside parentheses right after an instrument mention
		depth := 0
		for j := k; j >= s.t0; j-- {
			switch d.toks[j].norm {
			case ")":
				depth++
			case "(":
				if depth == 0 {
					if j > s.t0 {
						if mi := d.tokMent[j-1]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindInstrument {
							return true
						}
					}
					return false
				}
				depth--
			}
		}
		return false
	}
	return false
}

// guessPublisher: a copyright line, "our <body>", or a body named in the
// first line of the text.
func (d *docState) guessPublisher() string {
	if !strings.Contains(d.text, "©") && !strings.Contains(d.text, "(c)") && !strings.Contains(d.text, "Copyright") {
		// no copyright line
	} else if m := reCopyright.FindStringSubmatch(d.text); m != nil {
		name := strings.TrimSpace(m[1])
		for _, e := range d.ents {
			if strings.EqualFold(e.e.Name, name) || e.aliases[name] {
				return e.e.Name
			}
		}
	}
	for _, m := range d.ments {
		k := d.ents[m.ent].e.Kind
		if k != rightsgraph.KindOrganization && k != rightsgraph.KindInstitution {
			continue
		}
		if m.t0 > 0 && d.toks[m.t0-1].norm == "our" {
			return d.ents[m.ent].e.Name
		}
	}
	if len(d.sents) > 0 {
		s := d.sents[0]
		for _, m := range d.ments {
			if m.t0 >= s.t1 {
				break
			}
			k := d.ents[m.ent].e.Kind
			// "Amnesty International ...", "Ministry of Foreign Affairs of the
			// Republic of Lithuania" (a press release's first line)
			if (k == rightsgraph.KindOrganization || k == rightsgraph.KindInstitution && s.heading && !d.ents[m.ent].e.Court) && m.t0 == s.t0 {
				return d.ents[m.ent].e.Name
			}
		}
	}
	return ""
}

// chooseVoice picks the entity that speaks for the document, used as the
// source of duties it states without naming one: the publisher, else the
// first organisation that calls, urges or demands, else the most named one.
func (d *docState) chooseVoice() {
	if d.doc.Publisher != "" {
		for ei, e := range d.ents {
			if e.e.Name == d.doc.Publisher {
				d.voice = ei
				return
			}
		}
	}
	for _, mi := range d.sortedMentions() {
		m := d.ments[mi]
		e := d.ents[m.ent]
		if e.e.Kind != rightsgraph.KindOrganization || m.sent < 0 {
			continue
		}
		// the subject of an advocacy verb: only other organisations joined to
		// it ("X and Y call for ...") and a few adverbs come between
		s := d.sents[m.sent]
		for k := m.t1; k < s.t1 && k < m.t1+40; k++ {
			if om := d.tokMent[k]; om >= 0 {
				if d.ents[d.ments[om].ent].e.Kind != rightsgraph.KindOrganization {
					break
				}
				k = d.ments[om].t1 - 1
				continue
			}
			n := d.toks[k].norm
			if advocacyVerbs[n] {
				d.voice = m.ent
				return
			}
			if n == "," || n == "and" || n == "&" || voiceAdverbs[n] {
				continue
			}
			break
		}
	}
	count := map[int]int{}
	for _, m := range d.ments {
		if d.ents[m.ent].e.Kind == rightsgraph.KindOrganization {
			count[m.ent]++
		}
	}
	best := -1
	for ei, n := range count {
		if best < 0 || n > count[best] || n == count[best] && ei < best {
			best = ei
		}
	}
	if best >= 0 && count[best] >= 2 {
		d.voice = best
		return
	}
	// a signed commentary: its author ("by Lukas Brunner, attorney-at-law")
	for si, s := range d.sents {
		if si > 8 {
			break
		}
		if s.t1-s.t0 < 2 || d.toks[s.t0].norm != "by" {
			continue
		}
		if mi := d.tokMent[s.t0+1]; mi >= 0 && d.ents[d.ments[mi].ent].e.Kind == rightsgraph.KindPerson {
			d.voice = d.ments[mi].ent
			return
		}
	}
}

var voiceAdverbs = map[string]bool{"also": true, "today": true, "again": true, "has": true, "have": true, "repeatedly": true, "strongly": true, "therefore": true, "further": true}

var advocacyVerbs = map[string]bool{
	"calls": true, "call": true, "called": true, "urges": true, "urged": true, "demands": true,
	"demanded": true, "denounces": true, "denounced": true, "considers": true, "recalls": true,
	"insists": true, "asks": true, "asked": true, "appeals": true, "requests": true,
}
