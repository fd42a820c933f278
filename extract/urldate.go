package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// A date in a web address's path: news sites file their pages under
// /2011/12/19/ or /2022/10/.
var reURLDate = regexp.MustCompile(`/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/(0[1-9]|[12]\d|3[01]))?(?:/|$)`)

// A source line at the top of a saved page: "Source: https://...".
var reSourceLine = regexp.MustCompile(`(?im)^\s*(?:source|url|retrieved from|original(?:ly published)? at)\s*:?\s*(https?://\S+)`)

// urlDate returns the date a web address files its page under ("2011-12-19",
// "2022-10"), or "".
func urlDate(u string) string {
	m := reURLDate.FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	if y < 1990 {
		return ""
	}
	if m[3] != "" {
		return m[1] + "-" + m[2] + "-" + m[3]
	}
	return m[1] + "-" + m[2]
}

// sourceURLDate: the date of the page the document was saved from, from the
// address it was loaded from or a "Source:" line in its first lines.
func (d *docState) sourceURLDate() string {
	if strings.HasPrefix(d.doc.Source, "http://") || strings.HasPrefix(d.doc.Source, "https://") {
		if v := urlDate(d.doc.Source); v != "" {
			return v
		}
	}
	head := d.text
	if len(head) > 1000 {
		head = head[:1000]
	}
	if m := reSourceLine.FindStringSubmatch(head); m != nil {
		return urlDate(m[1])
	}
	return ""
}
