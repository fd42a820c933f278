package server

// GET /export writes the neighbourhood of a seed entity in a format that graph
// tools read directly:
//
//	format=graphml  GraphML (Gephi, Cytoscape, yEd): typed node and edge attributes
//	format=gexf     GEXF 1.3 (Gephi)
//	format=csv      a zip of nodes-<kind>.csv (one per kind, with that kind's
//	                columns) and edges.csv, for spreadsheets and neo4j-admin style imports
//	format=ftm      FollowTheMoney entities as JSON Lines (Aleph, OpenSanctions tools)
//
// Parameters: seed (an entity or document id), depth (1..3, default 1), relTypes
// (comma-separated), direction (BOTH|OUT|IN), limitPerNode (1..100),
// minConfidence (0..1), includeDocuments (true|false). The subgraph is the one
// the GraphQL neighborhood query returns. Every edge carries its evidence as
// attributes: evidenceCount, confidence, documents, quotes and the full
// evidence as JSON.
//
// ids=<id>,<id>,... instead of seed exports those nodes and every relationship
// among them (an explorer's view, at most 1000 ids; unknown ids are skipped).
//
// report=<name> instead of format asks for a tabular report (ReportCSV).

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
)

// ExportFormats are the values of format= that /export accepts.
var ExportFormats = []string{"graphml", "gexf", "csv", "ftm"}

// ExportHandler serves GET /export. Mount it with mux.Handle("/export", ...).
type ExportHandler struct {
	DB *neo4jdb.DB
	// Log receives internal errors; nil means slog.Default().
	Log *slog.Logger
	// Timeout bounds one export; 0 means 30 seconds.
	Timeout time.Duration
}

// NewExportHandler returns the /export handler reading from db.
func NewExportHandler(db *neo4jdb.DB) *ExportHandler { return &ExportHandler{DB: db} }

// exportRequest is a validated /export request.
type exportRequest struct {
	format string
	seed   string
	ids    []string // a view: these nodes and the edges among them, instead of a seed's neighbourhood
	opt    neo4jdb.NeighborhoodOptions
}

// parseExportRequest validates the query string. Errors are *rightsgraph.Error
// with a message naming the parameter.
func parseExportRequest(q url.Values) (*exportRequest, error) {
	for k, v := range q {
		switch k {
		case "format", "seed", "ids", "depth", "relTypes", "direction", "limitPerNode", "minConfidence", "includeDocuments", "ranking", "report":
		default:
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "unknown parameter %q", k)
		}
		if len(v) > 1 {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "parameter %q given %d times", k, len(v))
		}
	}
	req := &exportRequest{format: strings.ToLower(q.Get("format")), seed: strings.TrimSpace(q.Get("seed")),
		opt: neo4jdb.NeighborhoodOptions{ResolveEvidence: true}}
	switch req.format {
	case "graphml", "gexf", "csv", "ftm":
	case "":
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "format is required: one of %s", strings.Join(ExportFormats, ", "))
	default:
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "unknown format %q: want one of %s", q.Get("format"), strings.Join(ExportFormats, ", "))
	}
	if s := q.Get("ids"); s != "" {
		if req.seed != "" {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "give seed or ids, not both")
		}
		for _, id := range strings.Split(s, ",") {
			if id = strings.TrimSpace(id); id != "" {
				if len(id) > 512 || !utf8Printable(id) {
					return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "ids: %q is not a valid id", id)
				}
				req.ids = append(req.ids, id)
			}
		}
		if len(req.ids) > neo4jdb.MaxViewNodes {
			return nil, rightsgraph.Errorf(rightsgraph.ELIMIT, "ids: %d ids exceed the limit of %d", len(req.ids), neo4jdb.MaxViewNodes)
		}
		if len(req.ids) == 0 {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "ids: give at least one id")
		}
		req.seed = "view"
		return req, nil
	}
	if req.seed == "" {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "seed is required: the id of the entity or document to export around (or ids for a view)")
	}
	if len(req.seed) > 512 || !utf8Printable(req.seed) {
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "seed is not a valid id")
	}
	intParam := func(name string, def, lo, hi int) (int, error) {
		s := q.Get(name)
		if s == "" {
			return def, nil
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, rightsgraph.Errorf(rightsgraph.EINVALID, "%s must be an integer, not %q", name, s)
		}
		if n < lo || n > hi {
			return 0, rightsgraph.Errorf(rightsgraph.EINVALID, "%s must be between %d and %d, not %d", name, lo, hi, n)
		}
		return n, nil
	}
	var err error
	if req.opt.Depth, err = intParam("depth", 1, 1, neo4jdb.MaxNeighborhoodDepth); err != nil {
		return nil, err
	}
	if req.opt.LimitPerNode, err = intParam("limitPerNode", neo4jdb.DefaultLimitPerNode, 1, neo4jdb.MaxLimitPerNode); err != nil {
		return nil, err
	}
	if s := q.Get("relTypes"); s != "" {
		for _, t := range strings.Split(s, ",") {
			if t = strings.TrimSpace(t); t != "" {
				req.opt.RelTypes = append(req.opt.RelTypes, t)
			}
		}
	}
	switch d := strings.ToUpper(q.Get("direction")); d {
	case "", "BOTH", "OUT", "IN":
		req.opt.Direction = neo4jdb.Direction(d)
	default:
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "direction must be BOTH, OUT or IN, not %q", q.Get("direction"))
	}
	if s := q.Get("minConfidence"); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 0 || f > 1 {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "minConfidence must be a number between 0 and 1, not %q", s)
		}
		req.opt.MinConfidence = f
	}
	if s := q.Get("includeDocuments"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "includeDocuments must be true or false, not %q", s)
		}
		req.opt.IncludeDocuments = b
	}
	switch rk := strings.ToUpper(q.Get("ranking")); rk {
	case "", "BALANCED", "CONFIDENCE":
		req.opt.Ranking = neo4jdb.Ranking(rk)
	default:
		return nil, rightsgraph.Errorf(rightsgraph.EINVALID, "ranking must be BALANCED or CONFIDENCE, not %q", q.Get("ranking"))
	}
	return req, nil
}

func utf8Printable(s string) bool {
	for _, r := range s {
		if r == 0xFFFD || r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// ServeHTTP implements http.Handler.
func (h *ExportHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: use GET", http.StatusMethodNotAllowed)
		return
	}
	// One check per export of whether the caller reads every document.
	r = r.WithContext(neo4jdb.WithAccessMemo(r.Context()))
	q := r.URL.Query()
	if q.Has("report") {
		if q.Has("format") && q.Get("format") != "csv" {
			h.fail(w, r, rightsgraph.Errorf(rightsgraph.EINVALID, "reports are CSV only: drop format or use format=csv"))
			return
		}
		h.report(w, r)
		return
	}
	req, err := parseExportRequest(q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	timeout := h.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	var g *neo4jdb.Subgraph
	if req.ids != nil {
		g, err = h.DB.Induced(ctx, req.ids, true)
	} else {
		g, err = h.DB.Neighborhood(ctx, req.seed, req.opt)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	countSubgraphDocuments(ctx, g)
	// The subgraph is bounded (MaxSubgraphNodes), so render it to memory
	// first: a failure while writing then becomes a clean error response
	// instead of a truncated file.
	var buf bytes.Buffer
	var ctype, ext string
	switch req.format {
	case "graphml":
		ctype, ext, err = "application/graphml+xml; charset=utf-8", "graphml", WriteGraphML(&buf, g)
	case "gexf":
		ctype, ext, err = "application/gexf+xml; charset=utf-8", "gexf", WriteGEXF(&buf, g)
	case "csv":
		ctype, ext, err = "application/zip", "zip", WriteCSVZip(&buf, g)
	case "ftm":
		ctype, ext, err = "application/x-ndjson; charset=utf-8", "ftm.jsonl", WriteFtM(&buf, g)
	}
	if err != nil {
		h.fail(w, r, fmt.Errorf("export %s: %w", req.format, err))
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, exportFileName(req.seed, req.opt.Depth, ext)))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	if g.Truncated {
		w.Header().Set("X-Rightsgraph-Truncated", "true")
	}
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(buf.Bytes())
}

// report answers report= requests with the tabular reports of ReportCSV
// (server/export_reports.go), which validates its own parameters.
func (h *ExportHandler) report(w http.ResponseWriter, r *http.Request) {
	ReportCSV(w, r, h.DB)
}

var fileSafe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func exportFileName(seed string, depth int, ext string) string {
	s := strings.Trim(fileSafe.ReplaceAllString(seed, "-"), "-.")
	if len(s) > 80 {
		s = s[:80]
	}
	if s == "" {
		s = "seed"
	}
	return fmt.Sprintf("rightsgraph-%s-depth%d.%s", s, depth, ext)
}

// fail writes err as a plain-text response with the status its code maps to;
// internal errors are logged and shown as "internal error".
func (h *ExportHandler) fail(w http.ResponseWriter, r *http.Request, err error) {
	log := h.Log
	if log == nil {
		log = slog.Default()
	}
	failPlain(log, w, r, err)
}

// failPlain writes err as plain text with the status its code maps to. A
// client that went away gets nothing and a timeout gets 504, each logged
// once at info as "request cancelled" (neither is a failure of the server
// or of Neo4j); errors of status 500 and over are logged as errors.
func failPlain(log *slog.Logger, w http.ResponseWriter, r *http.Request, err error) {
	ctx := r.Context()
	code := rightsgraph.ErrorCode(err)
	timedOut := errors.Is(err, context.DeadlineExceeded) ||
		(code == rightsgraph.ELIMIT && strings.Contains(rightsgraph.ErrorMessage(err), "timed out"))
	if ctx.Err() != nil || code == rightsgraph.ECANCELLED || timedOut {
		reason := "client disconnected"
		if timedOut && ctx.Err() == nil {
			reason = "request timeout passed"
		}
		log.LogAttrs(ctx, slog.LevelInfo, "request cancelled",
			slog.String("request_id", RequestID(ctx)), slog.String("reason", reason))
		if reason == "client disconnected" {
			return // nobody reads the answer
		}
	}
	status := http.StatusInternalServerError
	switch code {
	case rightsgraph.EINVALID, rightsgraph.ELIMIT:
		status = http.StatusBadRequest
	case rightsgraph.ENOTFOUND:
		status = http.StatusNotFound
	case rightsgraph.EUNAVAILABLE:
		status = http.StatusServiceUnavailable
	}
	if timedOut {
		status = http.StatusGatewayTimeout
	} else if status >= 500 {
		log.ErrorContext(ctx, "export failed", "request_id", RequestID(ctx), "url", r.URL.String(), "err", err)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	fmt.Fprintln(w, rightsgraph.ErrorMessage(err))
}

// ---- shared attribute tables

// exportAttr is one attribute column of a node or edge table.
type exportAttr struct {
	name string
	typ  string // string, long, double, boolean
}

// nodeAttrs are the node attributes every format writes first; property
// columns follow, named after the stored property.
var nodeBaseAttrs = []exportAttr{{"label", "string"}, {"kind", "string"}, {"labels", "string"}}

var edgeBaseAttrs = []exportAttr{
	{"type", "string"}, {"weight", "long"}, {"confidence", "double"},
	{"documents", "string"}, {"quotes", "string"}, {"evidence", "string"},
}

// propAttrs returns the union of property names over props, each with the
// narrowest type that holds all its values (lists and maps are JSON strings).
func propAttrs(props []map[string]any, skip map[string]bool) []exportAttr {
	types := map[string]string{}
	for _, p := range props {
		for k, v := range p {
			if skip[k] || v == nil {
				continue
			}
			t := valueType(v)
			switch prev, ok := types[k]; {
			case !ok || prev == t:
				types[k] = t
			case (prev == "long" && t == "double") || (prev == "double" && t == "long"):
				types[k] = "double"
			default:
				types[k] = "string"
			}
		}
	}
	out := make([]exportAttr, 0, len(types))
	for k, t := range types {
		out = append(out, exportAttr{k, t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func valueType(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case int64, int:
		return "long"
	case float64:
		return "double"
	default:
		return "string"
	}
}

// valueString renders a property value as an attribute value: scalars as
// themselves, lists and maps as JSON.
func valueString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	default:
		b, err := json.Marshal(x)
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	}
}

// nodeSkip are properties that the base attributes already carry or that do
// not belong in an export.
var nodeSkip = map[string]bool{"id": true, "text": true, "label": true, "kind": true, "labels": true}

// edgeValues returns the values of the base edge attributes.
func edgeValues(e neo4jdb.GraphEdge) []string {
	docs := []string{}
	seen := map[string]bool{}
	quotes := make([]string, 0, len(e.Evidence))
	for _, ev := range e.Evidence {
		name := ev.Document.Title
		if name == "" {
			name = ev.Document.Source
		}
		if name == "" {
			name = ev.Document.ID
		}
		if !seen[name] {
			seen[name] = true
			docs = append(docs, name)
		}
		if ev.Quote != "" {
			quotes = append(quotes, ev.Quote)
		}
	}
	return []string{
		e.Type, strconv.Itoa(e.Weight()), strconv.FormatFloat(e.Confidence, 'g', -1, 64),
		strings.Join(docs, " | "), strings.Join(quotes, " | "), evidenceJSON(e.Evidence),
	}
}

// exportEvidence is the JSON shape of evidence in every format.
type exportEvidence struct {
	Document   string  `json:"document"`
	Title      string  `json:"title,omitempty"`
	Source     string  `json:"source,omitempty"`
	Publisher  string  `json:"publisher,omitempty"`
	Published  string  `json:"published,omitempty"`
	Quote      string  `json:"quote,omitempty"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Confidence float64 `json:"confidence"`
}

func evidenceJSON(evs []neo4jdb.EdgeEvidence) string {
	out := make([]exportEvidence, len(evs))
	for i, ev := range evs {
		out[i] = exportEvidence{ev.Document.ID, ev.Document.Title, ev.Document.Source, ev.Document.Publisher,
			ev.Document.Published, ev.Quote, ev.Start, ev.End, ev.Confidence}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func nodeProps(g *neo4jdb.Subgraph) []map[string]any {
	out := make([]map[string]any, len(g.Nodes))
	for i, n := range g.Nodes {
		out[i] = n.Properties
	}
	return out
}

func edgeProps(g *neo4jdb.Subgraph) []map[string]any {
	out := make([]map[string]any, len(g.Edges))
	for i, e := range g.Edges {
		out[i] = e.Properties
	}
	return out
}

// edgeSkip keeps edge properties from shadowing the base edge attributes.
var edgeSkip = map[string]bool{"type": true, "weight": true, "confidence": true, "documents": true, "quotes": true, "evidence": true}

// ---- GraphML

type graphMLDoc struct {
	XMLName xml.Name     `xml:"graphml"`
	XMLNS   string       `xml:"xmlns,attr"`
	Keys    []graphMLKey `xml:"key"`
	Graph   graphMLGraph `xml:"graph"`
}

type graphMLKey struct {
	ID       string `xml:"id,attr"`
	For      string `xml:"for,attr"`
	AttrName string `xml:"attr.name,attr"`
	AttrType string `xml:"attr.type,attr"`
}

type graphMLGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Data        []graphMLData `xml:"data"`
	Nodes       []graphMLNode `xml:"node"`
	Edges       []graphMLEdge `xml:"edge"`
}

type graphMLNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphMLData `xml:"data"`
}

type graphMLEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphMLData `xml:"data"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// WriteGraphML writes g as GraphML: a directed graph whose nodes carry label,
// kind, labels and every stored property, and whose edges carry type, weight
// (evidence count), confidence, documents, quotes, evidence (JSON) and their
// own properties.
func WriteGraphML(w io.Writer, g *neo4jdb.Subgraph) error {
	doc := graphMLDoc{XMLNS: "http://graphml.graphdrawing.org/xmlns",
		Graph: graphMLGraph{ID: "rightsgraph", EdgeDefault: "directed"}}
	nattrs := append(append([]exportAttr{}, nodeBaseAttrs...), propAttrs(nodeProps(g), nodeSkip)...)
	eattrs := append(append([]exportAttr{}, edgeBaseAttrs...), propAttrs(edgeProps(g), edgeSkip)...)
	nkey := map[string]string{}
	for i, a := range nattrs {
		id := fmt.Sprintf("n%d", i)
		if i < len(nodeBaseAttrs) {
			id = "n_" + a.name
		}
		nkey[a.name] = id
		doc.Keys = append(doc.Keys, graphMLKey{id, "node", a.name, a.typ})
	}
	ekey := map[string]string{}
	for i, a := range eattrs {
		id := fmt.Sprintf("e%d", i)
		if i < len(edgeBaseAttrs) {
			id = "e_" + a.name
		}
		ekey[a.name] = id
		doc.Keys = append(doc.Keys, graphMLKey{id, "edge", a.name, a.typ})
	}
	doc.Keys = append(doc.Keys, graphMLKey{"g_truncated", "graph", "truncated", "boolean"})
	doc.Graph.Data = []graphMLData{{"g_truncated", strconv.FormatBool(g.Truncated)}}
	for _, n := range g.Nodes {
		gn := graphMLNode{ID: n.ID, Data: []graphMLData{
			{nkey["label"], n.Label}, {nkey["kind"], n.Kind}, {nkey["labels"], strings.Join(n.Labels, ",")},
		}}
		for _, a := range nattrs[len(nodeBaseAttrs):] {
			if v, ok := n.Properties[a.name]; ok && v != nil {
				gn.Data = append(gn.Data, graphMLData{nkey[a.name], valueString(v)})
			}
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for _, e := range g.Edges {
		ge := graphMLEdge{ID: e.ID, Source: e.Source, Target: e.Target}
		for i, v := range edgeValues(e) {
			ge.Data = append(ge.Data, graphMLData{ekey[edgeBaseAttrs[i].name], v})
		}
		for _, a := range eattrs[len(edgeBaseAttrs):] {
			if v, ok := e.Properties[a.name]; ok && v != nil {
				ge.Data = append(ge.Data, graphMLData{ekey[a.name], valueString(v)})
			}
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	return writeXML(w, doc)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// ---- GEXF

type gexfDoc struct {
	XMLName xml.Name  `xml:"gexf"`
	XMLNS   string    `xml:"xmlns,attr"`
	Version string    `xml:"version,attr"`
	Meta    gexfMeta  `xml:"meta"`
	Graph   gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	LastModified string `xml:"lastmodifieddate,attr"`
	Creator      string `xml:"creator"`
	Description  string `xml:"description"`
}

type gexfGraph struct {
	Mode            string           `xml:"mode,attr"`
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class string          `xml:"class,attr"`
	Attrs []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNode struct {
	ID     string         `xml:"id,attr"`
	Label  string         `xml:"label,attr"`
	Values []gexfAttValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID     string         `xml:"id,attr"`
	Source string         `xml:"source,attr"`
	Target string         `xml:"target,attr"`
	Label  string         `xml:"label,attr"`
	Weight string         `xml:"weight,attr"`
	Values []gexfAttValue `xml:"attvalues>attvalue"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// WriteGEXF writes g as GEXF 1.3 with the same attributes as GraphML; the
// edge weight is the evidence count and the edge label its type.
func WriteGEXF(w io.Writer, g *neo4jdb.Subgraph) error {
	doc := gexfDoc{XMLNS: "http://gexf.net/1.3", Version: "1.3",
		Meta: gexfMeta{LastModified: time.Now().UTC().Format("2006-01-02"), Creator: "rightsgraph",
			Description: fmt.Sprintf("rightsgraph neighbourhood export (%d nodes, %d edges, truncated: %v)", len(g.Nodes), len(g.Edges), g.Truncated)},
		Graph: gexfGraph{Mode: "static", DefaultEdgeType: "directed"}}
	nattrs := append(append([]exportAttr{}, nodeBaseAttrs[1:]...), propAttrs(nodeProps(g), nodeSkip)...)
	eattrs := append(append([]exportAttr{}, edgeBaseAttrs...), propAttrs(edgeProps(g), edgeSkip)...)
	na := gexfAttributes{Class: "node"}
	for i, a := range nattrs {
		na.Attrs = append(na.Attrs, gexfAttribute{strconv.Itoa(i), a.name, a.typ})
	}
	ea := gexfAttributes{Class: "edge"}
	for i, a := range eattrs {
		ea.Attrs = append(ea.Attrs, gexfAttribute{strconv.Itoa(i), a.name, a.typ})
	}
	doc.Graph.Attributes = []gexfAttributes{na, ea}
	for _, n := range g.Nodes {
		gn := gexfNode{ID: n.ID, Label: n.Label, Values: []gexfAttValue{{"0", n.Kind}, {"1", strings.Join(n.Labels, ",")}}}
		for i, a := range nattrs[2:] {
			if v, ok := n.Properties[a.name]; ok && v != nil {
				gn.Values = append(gn.Values, gexfAttValue{strconv.Itoa(i + 2), valueString(v)})
			}
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, gn)
	}
	for _, e := range g.Edges {
		ge := gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Label: e.Type, Weight: strconv.Itoa(e.Weight())}
		for i, v := range edgeValues(e) {
			ge.Values = append(ge.Values, gexfAttValue{strconv.Itoa(i), v})
		}
		for i, a := range eattrs[len(edgeBaseAttrs):] {
			if v, ok := e.Properties[a.name]; ok && v != nil {
				ge.Values = append(ge.Values, gexfAttValue{strconv.Itoa(i + len(edgeBaseAttrs)), valueString(v)})
			}
		}
		doc.Graph.Edges = append(doc.Graph.Edges, ge)
	}
	return writeXML(w, doc)
}

// ---- CSV

// WriteCSVZip writes g as a zip of CSV files: nodes-<kind>.csv for each kind
// (columns id, label, kind, labels, then that kind's properties, sorted) and
// edges.csv (id, source, target, type, weight, confidence, documents, quotes,
// evidence as JSON, then edge properties). Kinds are lower-cased in file
// names: nodes-state.csv, nodes-event.csv, nodes-document.csv.
func WriteCSVZip(w io.Writer, g *neo4jdb.Subgraph) error {
	zw := zip.NewWriter(w)
	byKind := map[string][]neo4jdb.GraphNode{}
	for _, n := range g.Nodes {
		k := strings.ToLower(fileSafe.ReplaceAllString(n.Kind, "-"))
		if k == "" {
			k = "other"
		}
		byKind[k] = append(byKind[k], n)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	now := time.Now()
	create := func(name string) (*csv.Writer, error) {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return nil, err
		}
		return csv.NewWriter(f), nil
	}
	for _, k := range kinds {
		nodes := byKind[k]
		props := make([]map[string]any, len(nodes))
		for i, n := range nodes {
			props[i] = n.Properties
		}
		attrs := propAttrs(props, nodeSkip)
		cw, err := create("nodes-" + k + ".csv")
		if err != nil {
			return err
		}
		header := []string{"id", "label", "kind", "labels"}
		for _, a := range attrs {
			header = append(header, a.name)
		}
		if err := cw.Write(header); err != nil {
			return err
		}
		for _, n := range nodes {
			row := []string{n.ID, n.Label, n.Kind, strings.Join(n.Labels, ",")}
			for _, a := range attrs {
				row = append(row, valueString(n.Properties[a.name]))
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		if cw.Flush(); cw.Error() != nil {
			return cw.Error()
		}
	}
	cw, err := create("edges.csv")
	if err != nil {
		return err
	}
	eattrs := propAttrs(edgeProps(g), map[string]bool{"id": true, "source": true, "target": true, "type": true,
		"weight": true, "confidence": true, "documents": true, "quotes": true, "evidence": true})
	header := []string{"id", "source", "target", "type", "weight", "confidence", "documents", "quotes", "evidence"}
	for _, a := range eattrs {
		header = append(header, a.name)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, e := range g.Edges {
		row := append([]string{e.ID, e.Source, e.Target}, edgeValues(e)...)
		for _, a := range eattrs {
			row = append(row, valueString(e.Properties[a.name]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	if cw.Flush(); cw.Error() != nil {
		return cw.Error()
	}
	return zw.Close()
}

// ---- FollowTheMoney

// FtMEntity is one FollowTheMoney entity: every property value is a list of
// strings.
type FtMEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

func (e *FtMEntity) add(prop string, values ...string) {
	for _, v := range values {
		if v != "" && !slices.Contains(e.Properties[prop], v) {
			e.Properties[prop] = append(e.Properties[prop], v)
		}
	}
}

// ftmSchema maps a node kind to its FollowTheMoney schema; kinds FtM has no
// schema for (instruments, provisions, rights, obligations) map to "".
func ftmSchema(n neo4jdb.GraphNode) string {
	switch n.Kind {
	case "State", "Institution":
		return "PublicBody"
	case "Organization":
		return "Organization"
	case "Person":
		return "Person"
	case "Group":
		// An unorganised collective ("asylum seekers"): the closest FtM
		// schema that can take part in events and links.
		return "LegalEntity"
	case "Place":
		return "Address"
	case "Event":
		return "Event"
	case "Document":
		return "Document"
	}
	return ""
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func strProp(n neo4jdb.GraphNode, key string) string {
	if v, ok := n.Properties[key]; ok && v != nil {
		return valueString(v)
	}
	return ""
}

func strsProp(n neo4jdb.GraphNode, key string) []string {
	var out []string
	switch v := n.Properties[key].(type) {
	case []any:
		for _, x := range v {
			out = append(out, valueString(x))
		}
	case []string:
		out = v
	case nil:
	default:
		out = append(out, valueString(v))
	}
	return out
}

// WriteFtM writes g as FollowTheMoney entities, one JSON object per line.
// States and institutions are PublicBody, organisations Organization, persons
// Person, groups LegalEntity, places Address, events Event, documents (those
// in the subgraph and those that evidence cites) Document. Instruments,
// provisions, rights and obligations have no FtM schema and are left out with
// their edges. Edges become interval entities: MEMBER_OF a Membership,
// HOLDS_POSITION a Directorship (role = title), everything else an
// UnknownLink (role = the relationship, or the participant's role for
// INVOLVED_IN). Each carries its evidence: summary (the quotes), description
// (type, confidence and every quote with its document and span), publisher,
// sourceUrl (URL sources) and recordId (the edge id); entities list the
// documents that evidence them as proof. Events also list their participants
// as involved (organizers as organizer) and their place as location.
func WriteFtM(w io.Writer, g *neo4jdb.Subgraph) error {
	var order []string
	ents := map[string]*FtMEntity{}
	nodes := map[string]neo4jdb.GraphNode{}
	get := func(id, schema string) *FtMEntity {
		if e, ok := ents[id]; ok {
			return e
		}
		e := &FtMEntity{ID: id, Schema: schema, Properties: map[string][]string{}}
		ents[id] = e
		order = append(order, id)
		return e
	}
	for _, n := range g.Nodes {
		nodes[n.ID] = n
		schema := ftmSchema(n)
		if schema == "" {
			continue
		}
		e := get(n.ID, schema)
		switch schema {
		case "Document":
			addFtMDocument(e, neo4jdb.EvidenceDocument{ID: n.ID, Title: strProp(n, "title"), Source: strProp(n, "source"),
				Publisher: strProp(n, "publisher"), Published: strProp(n, "published")})
			e.add("language", strProp(n, "language"))
			continue
		case "Address":
			e.add("full", n.Label)
		case "Event":
			e.add("name", n.Label)
			e.add("summary", strProp(n, "summary"))
			e.add("date", strProp(n, "date"))
			e.add("keywords", strProp(n, "type"))
			e.add("description", strProp(n, "outcome"))
		default:
			e.add("name", n.Label)
		}
		e.add("alias", strsProp(n, "aliases")...)
		if iso2 := strProp(n, "iso2"); iso2 != "" {
			e.add("country", strings.ToLower(iso2))
			e.add("jurisdiction", strings.ToLower(iso2))
		}
		if c := strProp(n, "category"); c != "" && schema != "Event" {
			e.add("classification", c)
		}
		if j := strProp(n, "jurisdiction"); j != "" {
			e.add("notes", "jurisdiction: "+j)
		}
	}
	// Evidence documents become Document entities so proof can point at them.
	for _, ed := range g.Edges {
		for _, ev := range ed.Evidence {
			if ev.Document.ID == "" {
				continue
			}
			if _, ok := ents[ev.Document.ID]; !ok {
				addFtMDocument(get(ev.Document.ID, "Document"), ev.Document)
			}
		}
	}
	for _, ed := range g.Edges {
		src, dst := ents[ed.Source], ents[ed.Target]
		if src == nil || dst == nil {
			continue // an end FtM has no schema for
		}
		var docIDs []string
		for _, ev := range ed.Evidence {
			docIDs = append(docIDs, ev.Document.ID)
		}
		if ed.Type == neo4jdb.MentionedIn {
			if src.Schema != "Document" {
				src.add("proof", ed.Target)
			}
			continue
		}
		for _, x := range []*FtMEntity{src, dst} {
			if x.Schema != "Document" {
				x.add("proof", docIDs...)
			}
		}
		role := strings.ToLower(strings.ReplaceAll(ed.Type, "_", " "))
		var link *FtMEntity
		switch {
		case ed.Type == "MEMBER_OF" && ftmIsOrganization(dst.Schema):
			link = get(ed.ID, "Membership")
			link.add("member", ed.Source)
			link.add("organization", ed.Target)
			link.add("role", "member")
		case ed.Type == "HOLDS_POSITION" && ftmIsOrganization(dst.Schema):
			link = get(ed.ID, "Directorship")
			link.add("director", ed.Source)
			link.add("organization", ed.Target)
			role = "position"
			if t := valueString(ed.Properties["title"]); t != "" {
				role = t
			}
			link.add("role", role)
		case ed.Type == "OCCURRED_IN" && src.Schema == "Event":
			src.add("location", nodes[ed.Target].Label)
			if iso2 := strProp(nodes[ed.Target], "iso2"); iso2 != "" {
				src.add("country", strings.ToLower(iso2))
			}
			link = get(ed.ID, "UnknownLink")
			link.add("subject", ed.Source)
			link.add("object", ed.Target)
			link.add("role", role)
		default:
			if ed.Type == "INVOLVED_IN" {
				if r := valueString(ed.Properties["role"]); r != "" {
					role = r
				}
				if dst.Schema == "Event" {
					dst.add("involved", ed.Source)
					if role == "organizer" {
						dst.add("organizer", ed.Source)
					}
				}
			}
			link = get(ed.ID, "UnknownLink")
			link.add("subject", ed.Source)
			link.add("object", ed.Target)
			link.add("role", role)
		}
		link.add("startDate", valueString(ed.Properties["from"]))
		link.add("endDate", valueString(ed.Properties["to"]))
		link.add("status", valueString(ed.Properties["status"]))
		link.add("recordId", ed.ID)
		var quotes, lines []string
		lines = append(lines, fmt.Sprintf("%s, confidence %.2f, %d piece(s) of evidence", ed.Type, ed.Confidence, ed.Weight()))
		for _, ev := range ed.Evidence {
			if ev.Quote != "" {
				quotes = append(quotes, ev.Quote)
			}
			name := ev.Document.Title
			if name == "" {
				name = ev.Document.Source
			}
			lines = append(lines, fmt.Sprintf("%q (%s, bytes %d-%d, document %s)", ev.Quote, name, ev.Start, ev.End, ev.Document.ID))
			link.add("publisher", ev.Document.Publisher)
			if isURL(ev.Document.Source) {
				link.add("sourceUrl", ev.Document.Source)
			}
		}
		link.add("summary", strings.Join(quotes, " | "))
		link.add("description", strings.Join(lines, "\n"))
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, id := range order {
		e := ents[id]
		if e.Schema == "Event" && len(e.Properties["name"]) == 0 {
			e.add("name", id) // name is required
		}
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return nil
}

func ftmIsOrganization(schema string) bool {
	return schema == "Organization" || schema == "PublicBody"
}

func addFtMDocument(e *FtMEntity, d neo4jdb.EvidenceDocument) {
	e.add("title", d.Title)
	name := path.Base(d.Source)
	if d.Source == "" || name == "." || name == "/" {
		name = d.ID
	}
	e.add("fileName", name) // required by the schema
	if isURL(d.Source) {
		e.add("sourceUrl", d.Source)
	}
	e.add("publisher", d.Publisher)
	e.add("publishedAt", d.Published)
}

// RelationCosts are complexity costs for the relationship queries of
// graph/relations.graphqls, to merge into Config.Costs: each costs its
// children once per node it can return, so a client that asks for nested
// lists under every node of a large neighbourhood meets the complexity
// limit. A neighbourhood can return sum(limitPerNode^d, d = 0..depth) nodes
// (at most neo4jdb.MaxSubgraphNodes); paths first × (maxHops + 1);
// connections one path of maxHops + 1 nodes per pair plus the ids.
// (timeline has first, which the default cost already uses.)
func RelationCosts() map[string]CostFunc {
	return map[string]CostFunc{
		"Query.neighborhood": func(child int, args map[string]any) int {
			depth, limit := costInt(args["depth"], 1), costInt(args["limitPerNode"], neo4jdb.DefaultLimitPerNode)
			nodes, level := 1, 1
			for d := 1; d <= depth && nodes < neo4jdb.MaxSubgraphNodes; d++ {
				level *= max(limit, 1)
				nodes += level
			}
			return 1 + min(nodes, neo4jdb.MaxSubgraphNodes)*child
		},
		"Query.paths": func(child int, args map[string]any) int {
			return 1 + costInt(args["first"], 5)*(costInt(args["maxHops"], 4)+1)*child
		},
		"Query.connections": func(child int, args map[string]any) int {
			n := 0
			if ids, ok := args["ids"].([]any); ok {
				n = len(ids)
			} else if ids, ok := args["ids"].([]string); ok {
				n = len(ids)
			}
			return 1 + (n+n*(n-1)/2*(costInt(args["maxHops"], 3)+1))*child
		},
	}
}

// costInt reads an integer argument as gqlgen passes it, def when absent
// and 0 for a value out of the bounds the resolvers enforce anyway.
func costInt(v any, def int) int {
	var n int
	switch x := v.(type) {
	case int:
		n = x
	case int64:
		n = int(x)
	case *int:
		if x == nil {
			return def
		}
		n = *x
	default:
		return def
	}
	if n < 0 || n > 1000 {
		return 0
	}
	return n
}

// countSubgraphDocuments counts, for the audit log, the documents an export
// returns: document nodes and the documents of every edge's evidence.
func countSubgraphDocuments(ctx context.Context, g *neo4jdb.Subgraph) {
	for _, n := range g.Nodes {
		if n.Kind == "Document" {
			rightsgraph.CountDocuments(ctx, n.ID)
		}
	}
	for _, e := range g.Edges {
		for _, ev := range e.Evidence {
			rightsgraph.CountDocuments(ctx, ev.Document.ID)
		}
	}
}
