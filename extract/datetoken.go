package extract

import (
	"strings"
	"time"

	"github.com/vnews/vnews/nlp"
)

// Numbers, day-month tokens and clock times, for the date grammar's elements.

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func parseQuarter(s string) (int, bool) {
	switch strings.ToUpper(s) {
	case "I", "1":
		return 1, true
	case "II", "2":
		return 2, true
	case "III", "3":
		return 3, true
	case "IV", "4":
		return 4, true
	}
	return 0, false
}

var romanCenturies = map[string]int{"XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20, "XXI": 21, "XXII": 22}

func parseCentury(s string) (int, bool) {
	if c, ok := romanCenturies[strings.ToUpper(s)]; ok {
		return c, true
	}
	return atoiRange(s, 1, 22)
}

// atoiRange parses a decimal number made of digits only and checks its range.
func atoiRange(s string, lo, hi int) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n >= lo && n <= hi
}

// parseDMY parses "23-4", "23/4", "23.4", "24/04/2020", "19.10.2013".
func parseDMY(s string) (d, m, y int, sep byte, ok bool) {
	sep = 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '-' || c == '/' || c == '.' {
			if sep != 0 && sep != c {
				return 0, 0, 0, 0, false
			}
			sep = c
		}
	}
	if sep == 0 {
		return 0, 0, 0, 0, false
	}
	// The two or three parts between the separators, without a list made.
	var parts [3]string
	np := 0
	for rest := s; ; np++ {
		k := strings.IndexByte(rest, sep)
		if k < 0 {
			if np < 3 {
				parts[np] = rest
			}
			np++
			break
		}
		if np < 3 {
			parts[np] = rest[:k]
		}
		rest = rest[k+1:]
	}
	if np != 2 && np != 3 {
		return 0, 0, 0, 0, false
	}
	if len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, 0, 0, 0, false
	}
	d, ok1 := atoiRange(parts[0], 1, 31)
	m, ok2 := atoiRange(parts[1], 1, 12)
	if !ok1 || !ok2 {
		return 0, 0, 0, 0, false
	}
	if np == 3 {
		if len(parts[2]) != 4 {
			return 0, 0, 0, 0, false
		}
		y, ok = atoiRange(parts[2], 1000, 2100)
		if !ok {
			return 0, 0, 0, 0, false
		}
	}
	if !validDay(y, m, d) {
		return 0, 0, 0, 0, false
	}
	return d, m, y, sep, true
}

func validDay(y, m, d int) bool {
	if y == 0 {
		y = 2000 // a leap year: 29-2 is valid without a year
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && int(t.Month()) == m
}

// parseDMRange parses two dates written as one token with a dash between
// them: a range of days of one month ("20-31/7", "5-6/8/2021", "1-31.7")
// or of two day-months ("20/7-31/7", "28.7-2.8", "1/8/2021-15/8/2021").
// The first date takes the month and year it leaves out from the second
// (the year before it when the range crosses a new year); the days of one
// month must go forward.
func parseDMRange(s string) (a, b [3]int, ok bool) {
	k := strings.IndexByte(s, '-')
	if k <= 0 || strings.IndexByte(s[k+1:], '-') >= 0 {
		return a, b, false
	}
	left, right := s[:k], s[k+1:]
	bd, bm, by, sep, ok := parseDMY(right)
	if !ok || sep == '-' {
		return a, b, false
	}
	b = [3]int{bd, bm, by}
	if isDigits(left) {
		d, ok := atoiRange(left, 1, 31)
		if !ok || len(left) > 2 || d >= bd {
			return a, b, false
		}
		a = [3]int{d, bm, by}
	} else {
		ad, am, ay, asep, ok := parseDMY(left)
		if !ok || asep != sep || ay != 0 && by == 0 || ay > by && by != 0 {
			return a, b, false
		}
		if ay == 0 {
			ay = by
			if am > bm && by != 0 {
				ay--
			}
		}
		if am == bm && ay == by && ad >= bd {
			return a, b, false
		}
		a = [3]int{ad, am, ay}
	}
	if !validDay(a[2], a[1], a[0]) {
		return a, b, false
	}
	return a, b, true
}

// parseMY parses a month and year: "4/2020", "12-1967", "7.2013".
func parseMY(s string) (int, int, bool) {
	k := strings.IndexAny(s, "/-.")
	if k <= 0 || k > 2 || len(s)-k-1 != 4 {
		return 0, 0, false
	}
	m, ok1 := atoiRange(s[:k], 1, 12)
	y, ok2 := atoiRange(s[k+1:], 1000, 2100)
	return m, y, ok1 && ok2
}

// parseYY parses a range of years in one token: "2011-2020".
func parseYY(s string) (int, int, bool) {
	if len(s) != 9 || s[4] != '-' && s[4] != '/' {
		return 0, 0, false
	}
	a, ok1 := atoiRange(s[:4], 1000, 2100)
	b, ok2 := atoiRange(s[5:], 1000, 2100)
	return a, b, ok1 && ok2 && a < b && b-a <= 100
}

// parseTime parses a clock time token: "08:06", "15h45", "15h", "22g", "9g30".
func parseTime(t *nlp.Token) (int, int, bool) {
	s := t.Text
	switch t.Kind {
	case nlp.KindNumber:
		k := strings.IndexByte(s, ':')
		if k <= 0 || k > 2 || len(s)-k-1 != 2 {
			return 0, 0, false
		}
		h, ok1 := atoiRange(s[:k], 0, 24)
		m, ok2 := atoiRange(s[k+1:], 0, 59)
		return h, m, ok1 && ok2
	case nlp.KindCode:
		k := strings.IndexAny(s, "hHgG")
		if k <= 0 || k > 2 {
			return 0, 0, false
		}
		h, ok := atoiRange(s[:k], 0, 24)
		if !ok {
			return 0, 0, false
		}
		rest := strings.TrimRight(s[k+1:], "'’")
		if rest == "" {
			return h, 0, true
		}
		m, ok := atoiRange(rest, 0, 59)
		return h, m, ok && len(rest) == 2
	}
	return 0, 0, false
}
