package server

import "testing"

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1+2":              "'+1+2",
		"@SUM(A1)":          "'@SUM(A1)",
		"-12.5":             "-12.5",
		"2023-05-01":        "2023-05-01",
		"Article 2":         "Article 2",
		"":                  "",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
	if got := reportFileName("violations", "state:BEL", "2023_"); got != "rightsgraph-violations-BEL-2023.csv" {
		t.Errorf("file name = %q", got)
	}
}
