package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	rightsgraph "github.com/rightsgraph/rightsgraph"
	"github.com/rightsgraph/rightsgraph/internal/neo4jtest"
	"github.com/rightsgraph/rightsgraph/kb"
	"github.com/rightsgraph/rightsgraph/neo4jdb"
	"github.com/rightsgraph/rightsgraph/server"
)

func writeReference(t *testing.T, db *neo4jdb.DB, names ...string) {
	t.Helper()
	sub, _ := fs.Sub(rightsgraph.ReferenceFS, "reference")
	for _, n := range names {
		b, err := fs.ReadFile(sub, n)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		ext, err := kb.ExtractReference(rightsgraph.Document{ID: hex.EncodeToString(sum[:]), Source: "reference/" + n, Text: string(b)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.WriteExtraction(context.Background(), ext, neo4jdb.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
}

// rulingQuote is the span of the ruling fixture that states the violation.
const rulingQuote = "violated the rights to life and to private life"

// writeRulingFixture writes a document whose ruling by the Brussels Court of
// Appeal found that Belgium violated the right to life.
func writeRulingFixture(t *testing.T, db *neo4jdb.DB) {
	t.Helper()
	text := "The Brussels Court of Appeal ruled that Belgium had violated the rights to life and to private life."
	i := strings.Index(text, rulingQuote)
	sum := sha256.Sum256([]byte(text))
	ev := []rightsgraph.Evidence{{Start: i, End: i + len(rulingQuote), Quote: rulingQuote}}
	ext := &rightsgraph.Extraction{
		Document: rightsgraph.Document{ID: hex.EncodeToString(sum[:]), Source: "ruling.txt", Publisher: "Amnesty International", Text: text},
		Entities: []rightsgraph.Entity{
			{ID: "state:BEL", Kind: rightsgraph.KindState, Name: "Belgium", ISO3: "BEL"},
			{ID: "institution:be-brussels-court-of-appeal", Kind: rightsgraph.KindInstitution, Court: true, Name: "Brussels Court of Appeal"},
			{ID: "right:life", Kind: rightsgraph.KindRight, Name: "Right to life"},
		},
		Events: []rightsgraph.Event{{ID: "event:ruling-x", Type: "RULING", Date: "2023-11", Summary: "climate ruling",
			Participants: []rightsgraph.Participant{{Entity: "institution:be-brussels-court-of-appeal", Role: "authority"}, {Entity: "state:BEL", Role: "target"}},
			Evidence:     ev}},
		Relations: []rightsgraph.Relation{{Type: "FINDS_VIOLATION_OF", From: "event:ruling-x", To: "right:life", Confidence: 0.9, Evidence: ev}},
	}
	if _, err := db.WriteExtraction(context.Background(), ext, neo4jdb.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
}

func getReport(t *testing.T, db *neo4jdb.DB, query string) (int, http.Header, [][]string, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	server.ReportCSV(rec, httptest.NewRequest(http.MethodGet, "/export?"+query, nil), db)
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		return rec.Code, rec.Header(), nil, body
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%s: bad CSV: %v", query, err)
	}
	return rec.Code, rec.Header(), rows, body
}

func column(rows [][]string, name string) int {
	for i, h := range rows[0] {
		if h == name {
			return i
		}
	}
	return -1
}

func TestReportCSV(t *testing.T) {
	db := neo4jtest.Open(t)
	writeReference(t, db, "rights.yaml", "instruments.yaml", "provisions/echr.yaml", "provisions/iccpr.yaml", "participation/BEL.yaml")

	writeRulingFixture(t, db)

	code, hdr, rows, body := getReport(t, db, "report=obligations&state=BEL&asOf=2023-05-01")
	if code != http.StatusOK {
		t.Fatalf("obligations: %d %s", code, body)
	}
	if !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") || !strings.Contains(hdr.Get("Content-Disposition"), "rightsgraph-obligations-BEL-2023-05-01.csv") {
		t.Errorf("headers = %v", hdr)
	}
	inst, prov, right, res, from := column(rows, "instrument_id"), column(rows, "provision"), column(rows, "right_id"), column(rows, "reservations"), column(rows, "binding_from")
	var art2, iccpr10 bool
	for _, r := range rows[1:] {
		if r[inst] == "instrument:echr" && r[prov] == "Article 2" && r[right] == "right:life" && r[from] == "1955-06-14" {
			art2 = true
		}
		if r[inst] == "instrument:iccpr" && r[prov] == "Article 10" && strings.Contains(r[res], "untried prisoners") {
			iccpr10 = true
		}
	}
	if !art2 || !iccpr10 {
		t.Errorf("obligations report: ECHR Art 2 row %v, ICCPR Art 10 reservation %v", art2, iccpr10)
	}
	_, _, rows, _ = getReport(t, db, "report=obligations&state=state:BEL&asOf=1955-01-01")
	for _, r := range rows[1:] {
		if r[inst] == "instrument:echr" {
			t.Fatal("ECHR in Belgium's obligations before its ratification")
		}
	}

	code, _, rows, body = getReport(t, db, "report=violations&state=BEL&stance=FOUND")
	if code != http.StatusOK || len(rows) != 2 {
		t.Fatalf("violations: %d %q", code, body)
	}
	r := rows[1]
	if r[column(rows, "right_id")] != "right:life" || r[column(rows, "asserted_by")] != "Brussels Court of Appeal" || r[column(rows, "quotes")] != rulingQuote {
		t.Errorf("violation row = %v", r)
	}
	if _, _, rows, _ = getReport(t, db, "report=violations&state=BEL&stance=ALLEGED"); len(rows) != 1 {
		t.Errorf("ALLEGED rows = %v", rows)
	}

	for _, q := range []string{
		"report=obligations",                              // no state
		"report=obligations&state=BEL&asOf=last+year",     // bad date
		"report=obligations&state=BEL&seed=x",             // unknown parameter
		"report=violations&state=BEL&stance=PERHAPS",      // bad stance
		"report=nope&state=BEL",                           // unknown report
		"report=violations&state=BEL&from=2023&from=2024", // repeated
	} {
		if code, _, _, body := getReport(t, db, q); code != http.StatusBadRequest {
			t.Errorf("%s: %d %s", q, code, body)
		}
	}
}
