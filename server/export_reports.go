package server

// GET /export?report=<name>&... writes a tabular report as CSV (one row per
// fact, a header row first), for spreadsheets:
//
//	report=obligations  state (required: BEL or state:BEL), asOf, instrument, right
//	    What binds the state on asOf: one row per instrument x provision x
//	    right, with the date from which the instrument binds the state, the
//	    reservations in effect on that provision, and the obligation nodes.
//	report=violations   state (required), from, to, stance (FOUND|ALLEGED), right, instrument
//	    Events that found or allege a breach concerning the state: one row
//	    per right x provision x claim, with who asserts it and its evidence.
//
// Dates are ISO 8601 prefixes (2023, 2023-05, 2023-05-01).

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/kb"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// Reports are the values of report= that ReportCSV answers.
var Reports = []string{"obligations", "violations"}

// reportParams lists the parameters each report accepts (besides report and
// format=csv).
var reportParams = map[string][]string{
	"obligations": {"state", "asOf", "instrument", "right"},
	"violations":  {"state", "from", "to", "stance", "right", "instrument"},
}

// ReportCSV answers GET /export?report=...: it validates the parameters,
// reads the report from db and writes it as a CSV attachment, or writes a
// plain-text error (400 for bad parameters, 503 when Neo4j is unavailable,
// 500 "internal error" otherwise, logged).
func ReportCSV(w http.ResponseWriter, r *http.Request, db *neo4jdb.DB) {
	q := r.URL.Query()
	name := q.Get("report")
	allowed, ok := reportParams[name]
	if !ok {
		reportFail(w, r, rightsgraph.Errorf(rightsgraph.EINVALID, "unknown report %q: use one of %s", name, strings.Join(Reports, ", ")))
		return
	}
	if err := checkReportParams(q, allowed); err != nil {
		reportFail(w, r, err)
		return
	}
	state := q.Get("state")
	if state == "" {
		reportFail(w, r, rightsgraph.Errorf(rightsgraph.EINVALID, "state is required (an ISO 3166-1 alpha-3 code such as BEL, or state:BEL)"))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()

	var rows [][]string
	var err error
	var file string
	switch name {
	case "obligations":
		rows, err = obligationsReport(ctx, db, neo4jdb.ObligationsArgs{State: state, AsOf: q.Get("asOf"), Instrument: q.Get("instrument"), Right: q.Get("right")})
		file = reportFileName("obligations", neo4jdb.StateID(state), q.Get("asOf"))
	case "violations":
		rows, err = violationsReport(ctx, db, neo4jdb.ViolationsArgs{State: state, From: q.Get("from"), To: q.Get("to"),
			Stance: q.Get("stance"), Right: q.Get("right"), Instrument: q.Get("instrument")})
		file = reportFileName("violations", neo4jdb.StateID(state), q.Get("from")+"_"+q.Get("to"))
	}
	if err != nil {
		reportFail(w, r, err)
		return
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	for _, row := range rows {
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		if err := cw.Write(row); err != nil {
			reportFail(w, r, fmt.Errorf("report %s: %w", name, err))
			return
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		reportFail(w, r, fmt.Errorf("report %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, file))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(buf.Bytes())
}

func checkReportParams(q url.Values, allowed []string) error {
	ok := map[string]bool{"report": true, "format": true}
	for _, a := range allowed {
		ok[a] = true
	}
	var bad []string
	for k, v := range q {
		if !ok[k] {
			bad = append(bad, k)
			continue
		}
		if len(v) > 1 {
			return rightsgraph.Errorf(rightsgraph.EINVALID, "%s is given %d times", k, len(v))
		}
		if len(v[0]) > 200 {
			return rightsgraph.Errorf(rightsgraph.EINVALID, "%s is too long", k)
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return rightsgraph.Errorf(rightsgraph.EINVALID, "unknown parameter %s for report %s: use %s", strings.Join(bad, ", "), q.Get("report"), strings.Join(allowed, ", "))
	}
	return nil
}

// ObligationsReportHeader is the obligations report's header row.
var ObligationsReportHeader = []string{
	"state", "instrument_id", "instrument", "binding_from", "action", "provision_id", "provision",
	"right_id", "right", "reservations", "obligation_ids", "obligations", "source", "unverified",
}

func obligationsReport(ctx context.Context, db *neo4jdb.DB, args neo4jdb.ObligationsArgs) ([][]string, error) {
	groups, err := db.ObligationsOf(ctx, args)
	if err != nil {
		return nil, err
	}
	state := neo4jdb.StateID(args.State)
	rows := [][]string{ObligationsReportHeader}
	for _, g := range groups {
		action, source, unverified := "", "", ""
		if p := g.Participation; p != nil {
			action, source = p.P.Action, p.P.Source
			unverified = strconv.FormatBool(p.P.Unverified)
		}
		base := []string{state, g.Instrument.ID, g.Instrument.Str("name"), g.BindingFrom, action}
		tail := func(obs []*neo4jdb.BoundObligation) []string {
			return []string{obligationIDs(obs), obligationTexts(obs), source, unverified}
		}
		if len(g.Provisions) == 0 {
			rows = append(rows, concat(base, []string{"", "", "", "", reservationsText(g.Reservations)}, tail(g.Obligations)))
			continue
		}
		for _, p := range g.Provisions {
			// The instrument's own obligations go on each provision row that
			// has none of its own, so every row says what binds.
			obs := p.Obligations
			if len(obs) == 0 {
				obs = instrumentLevel(g.Obligations)
			}
			rights := p.Rights
			if args.Right != "" {
				rights = filterNodes(rights, args.Right)
			}
			if len(rights) == 0 {
				rows = append(rows, concat(base, []string{p.Provision.ID, p.Provision.Str("number"), "", "", reservationsText(p.Reservations)}, tail(obs)))
				continue
			}
			for _, rt := range rights {
				rows = append(rows, concat(base, []string{p.Provision.ID, p.Provision.Str("number"), rt.ID, rt.Str("name"), reservationsText(p.Reservations)}, tail(obs)))
			}
		}
	}
	return rows, nil
}

// instrumentLevel keeps the obligations established by the instrument itself
// (not by one of its provisions).
func instrumentLevel(obs []*neo4jdb.BoundObligation) []*neo4jdb.BoundObligation {
	var out []*neo4jdb.BoundObligation
	for _, o := range obs {
		if o.Source == nil || !o.Source.Has("Provision") {
			out = append(out, o)
		}
	}
	return out
}

// ViolationsReportHeader is the violations report's header row.
var ViolationsReportHeader = []string{
	"state", "right_id", "right", "provision_id", "provision", "stance", "event_id", "event_type", "event_date",
	"event_summary", "breached_id", "asserted_by", "confidence", "document_ids", "quotes",
}

func violationsReport(ctx context.Context, db *neo4jdb.DB, args neo4jdb.ViolationsArgs) ([][]string, error) {
	groups, err := db.Violations(ctx, args)
	if err != nil {
		return nil, err
	}
	// Publishers of the evidence documents assert ALLEGED claims.
	var docIDs []string
	seen := map[string]bool{}
	for _, g := range groups {
		for _, p := range g.Provisions {
			for _, c := range p.Claims {
				for _, e := range c.Rel.Evidence() {
					if !seen[e.DocID] && e.DocID != "" {
						seen[e.DocID] = true
						docIDs = append(docIDs, e.DocID)
					}
				}
			}
		}
	}
	docs := map[string]*neo4jdb.Node{}
	if len(docIDs) > 0 {
		if docs, err = db.NodesByID(ctx, docIDs); err != nil {
			return nil, err
		}
	}
	state := neo4jdb.StateID(args.State)
	rows := [][]string{ViolationsReportHeader}
	for _, g := range groups {
		rid, rname := "", ""
		if g.Right != nil {
			rid, rname = g.Right.ID, g.Right.Str("name")
		}
		for _, p := range g.Provisions {
			pid, pnum := "", ""
			if p.Provision != nil {
				pid, pnum = p.Provision.ID, provisionLabel(p.Provision)
			}
			for _, c := range p.Claims {
				ev := c.Rel.Evidence()
				var ids, quotes []string
				for _, e := range ev {
					ids = append(ids, e.DocID)
					quotes = append(quotes, e.Quote)
				}
				rightsgraph.CountDocuments(ctx, ids...)
				rows = append(rows, []string{state, rid, rname, pid, pnum, c.Stance, c.Event.ID, c.Event.Str("type"),
					c.Event.Str("date"), c.Event.Str("summary"), c.Breached.ID, asserters(c, ev, docs),
					strconv.FormatFloat(c.Rel.Confidence(), 'f', -1, 64), strings.Join(uniq(ids), " "), strings.Join(uniq(quotes), " | ")})
			}
		}
	}
	return rows, nil
}

// asserters names who asserts a claim: the ruling's authority for FOUND; for
// ALLEGED the speaker's id, the publishers of the evidence documents, or
// "unattributed".
func asserters(c *neo4jdb.ViolationClaim, ev []neo4jdb.Evidence, docs map[string]*neo4jdb.Node) string {
	var names []string
	if c.Stance == "FOUND" {
		for _, a := range c.Authorities {
			names = append(names, a.Str("name"))
		}
	} else {
		// the speaker the extraction found (by id), then the publishers
		if id := c.Rel.Str("assertedBy"); id != nil && *id != "" {
			names = append(names, *id)
		}
		for _, e := range ev {
			if d := docs[e.DocID]; d != nil && d.Str("publisher") != "" {
				names = append(names, d.Str("publisher"))
			}
		}
		if len(names) == 0 && len(ev) > 0 {
			names = append(names, "unattributed")
		}
	}
	return strings.Join(uniq(names), "; ")
}

// provisionLabel is the provision's number with its instrument's name when
// the node's name adds it ("Article 2 ECHR").
func provisionLabel(p *neo4jdb.Node) string {
	if n := p.Str("name"); n != "" {
		return n
	}
	return p.Str("number")
}

func reservationsText(rs []kb.Reservation) string {
	var parts []string
	for _, r := range rs {
		s := r.Kind
		if r.Article != "" {
			s += " (" + r.Article + ")"
		}
		parts = append(parts, s+": "+r.Text)
	}
	return strings.Join(parts, " | ")
}

func obligationIDs(obs []*neo4jdb.BoundObligation) string {
	var ids []string
	for _, o := range obs {
		ids = append(ids, o.Obligation.ID)
	}
	return strings.Join(ids, " ")
}

func obligationTexts(obs []*neo4jdb.BoundObligation) string {
	var ts []string
	for _, o := range obs {
		t := o.Obligation.Str("text")
		if t == "" {
			t = o.Obligation.Str("name")
		}
		ts = append(ts, t)
	}
	return strings.Join(ts, " | ")
}

func filterNodes(ns []*neo4jdb.Node, id string) []*neo4jdb.Node {
	var out []*neo4jdb.Node
	for _, n := range ns {
		if n.ID == id {
			out = append(out, n)
		}
	}
	return out
}

func concat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// csvSafe keeps a spreadsheet from running a cell as a formula: a value
// starting with = + - @ (or a tab or carriage return) gets a leading quote,
// unless it is a number or an ISO date.
func csvSafe(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

func reportFileName(report, state, suffix string) string {
	s := "rightsgraph-" + report + "-" + strings.TrimPrefix(state, "state:")
	if suffix = strings.Trim(suffix, "_"); suffix != "" {
		s += "-" + suffix
	}
	return fileSafe.ReplaceAllString(s, "-") + ".csv"
}

// reportFail writes err as plain text with the status its code maps to
// (failPlain: cancellations and timeouts are logged at info).
func reportFail(w http.ResponseWriter, r *http.Request, err error) {
	failPlain(slog.Default(), w, r, err)
}
