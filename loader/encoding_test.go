package loader

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/rightsgraph/rightsgraph/extract"
	"github.com/rightsgraph/rightsgraph/kb"
)

// Texts not in UTF-8 are detected and decoded (issue 9, item 7), and the
// extraction's evidence spans are exact byte ranges of the decoded text that
// is stored, also after the first accented character.
func TestDecodeText(t *testing.T) {
	const want = "Résumé: the Conseil d’État in Liège heard “Amnesty International” on 3 März 2024 – €5 fine."
	win1252, err := charmap.Windows1252.NewEncoder().String(want)
	if err != nil {
		t.Fatal(err)
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().String(strings.NewReplacer("’", "'", "“", `"`, "”", `"`, "–", "-", "€", "EUR").Replace(want))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(want)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, raw, ctype, text, warn string
	}{
		{"UTF-8 kept byte for byte", want, "text/plain", want, ""},
		{"Windows-1252", win1252, "text/plain", want, "decoded from windows-1252"},
		{"Latin-1", latin1, "text/plain", strings.NewReplacer("’", "'", "“", `"`, "”", `"`, "–", "-", "€", "EUR").Replace(want), "decoded from windows-1252"},
		{"UTF-16 with a byte-order mark", utf16, "text/plain", want, "decoded from utf-16le"},
		{"declared in HTML", "<meta charset=\"iso-8859-15\"><p>" + mustEncode(t, charmap.ISO8859_15, "Café €") + "</p>", "text/html", "<meta charset=\"iso-8859-15\"><p>Café €</p>", "decoded from"},
		{"UTF-8 with one broken byte is repaired", "Liège, Genève and M\xfcnchen: Zürich", "text/plain", "Liège, Genève and M\uFFFDnchen: Zürich", "1 byte(s) replaced with U+FFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, warn, err := decodeText([]byte(tt.raw), tt.ctype)
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.text || !utf8.ValidString(text) {
				t.Errorf("text %q, want %q", text, tt.text)
			}
			if tt.warn == "" && len(warn) != 0 || tt.warn != "" && (len(warn) != 1 || !strings.Contains(warn[0], tt.warn)) {
				t.Errorf("warnings %q, want %q", warn, tt.warn)
			}
		})
	}
}

func mustEncode(t *testing.T, cm *charmap.Charmap, s string) string {
	t.Helper()
	out, err := cm.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLatin1EvidenceOffsets(t *testing.T) {
	k, err := kb.Default()
	if err != nil {
		t.Fatal(err)
	}
	x := extract.New(k)
	const utf = "Le Conseil d'État a jugé à Liège que la Belgique doit respecter l'article 3. Amnesty International a salué la décision."
	raw := mustEncode(t, charmap.Windows1252, utf)
	d, err := ReadText("latin1.txt", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if d.Document.Text != utf {
		t.Fatalf("text %q", d.Document.Text)
	}
	out := x.Extract(d.Document)
	names := map[string]string{}
	for _, e := range out.Entities {
		for _, m := range e.Mentions {
			names[d.Document.Text[m.Start:m.End]] = e.ID
		}
	}
	for _, w := range []string{"Belgique", "Amnesty International", "Liège"} {
		if _, ok := names[w]; !ok {
			t.Errorf("no mention quoting %q exactly; got %v", w, names)
		}
	}
	for _, ev := range out.Events {
		for _, sp := range ev.Evidence {
			if d.Document.Text[sp.Start:sp.End] != sp.Quote {
				t.Errorf("event evidence %d-%d quotes %q, text has %q", sp.Start, sp.End, sp.Quote, d.Document.Text[sp.Start:sp.End])
			}
		}
	}
}
