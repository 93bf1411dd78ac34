package extract

import (
	"fmt"
	"strconv"
	"time"

	"github.com/vnews/vnews/nlp"
)

// The resolve step: a parsed date's fields anchored on the publication date.

// resolve computes a DATE's kind and value, anchoring partial dates on the
// publication date when there is one.
func (r *run) resolve(e *dexpr) (string, string) {
	kind := e.kind
	if kind == kindDay {
		kind = kindDate
	}
	if e.anaphoric || e.lunar {
		return kind, ""
	}
	switch e.kind {
	case kindPeriod:
		if e.span != "" {
			return kind, e.span
		}
		if e.months[1] != 0 {
			y := e.y
			if e.unit == 'Y' && !r.anchorSet {
				return kind, fmt.Sprintf("XXXX-%02d/XXXX-%02d", e.months[0], e.months[1])
			}
			if e.unit == 'y' || e.unit == 'Y' {
				if !r.anchorSet {
					return kind, ""
				}
				y = r.anchor.Year() + e.offset
			}
			return kind, fmt.Sprintf("%04d-%02d/%04d-%02d", y, e.months[0], y, e.months[1])
		}
		_, a := r.resolve(e.from)
		_, b := r.resolve(e.to)
		if a == "" || b == "" {
			return kind, ""
		}
		return kind, a + "/" + b
	case kindRelative:
		if !r.anchorSet {
			return kind, ""
		}
		t := r.anchor
		switch e.unit {
		case 'd':
			t = t.AddDate(0, 0, e.offset)
			if e.hasTime {
				return kind, time.Date(t.Year(), t.Month(), t.Day(), e.hh, e.mi, 0, 0, vietnamTime).Format(time.RFC3339)
			}
			return kind, t.Format("2006-01-02")
		case 'w':
			y, w := t.AddDate(0, 0, 7*e.offset).ISOWeek()
			return kind, fmt.Sprintf("%04d-W%02d", y, w)
		case 'm':
			t = time.Date(t.Year(), t.Month()+time.Month(e.offset), 1, 0, 0, 0, 0, vietnamTime)
			return kind, t.Format("2006-01")
		case 'y':
			return kind, strconv.Itoa(t.Year() + e.offset)
		}
		return kind, ""
	case kindYear:
		return kind, fmt.Sprintf("%04d", e.y)
	case kindQuarter:
		y := e.y
		if y == 0 && r.anchorSet {
			y = r.anchor.Year()
		}
		if y == 0 {
			return kind, fmt.Sprintf("XXXX-Q%d", e.quarter)
		}
		return kind, fmt.Sprintf("%04d-Q%d", y, e.quarter)
	case kindMonth:
		y := e.y
		if e.unit == 'y' {
			if !r.anchorSet {
				return kindRelative, ""
			}
			y = r.anchor.Year() + e.offset
		} else if y == 0 && r.anchorSet {
			y = r.nearestYear(e.m, 15)
		}
		if y == 0 {
			return kind, fmt.Sprintf("XXXX-%02d", e.m)
		}
		return kind, fmt.Sprintf("%04d-%02d", y, e.m)
	}
	// date, datetime
	y := e.y
	if y == 0 && r.anchorSet {
		y = r.nearestYear(e.m, e.d)
	}
	if e.hasTime {
		if y == 0 {
			return kind, fmt.Sprintf("XXXX-%02d-%02dT%02d:%02d", e.m, e.d, e.hh, e.mi)
		}
		return kind, time.Date(y, time.Month(e.m), e.d, e.hh, e.mi, 0, 0, vietnamTime).Format(time.RFC3339)
	}
	if y == 0 {
		return kind, fmt.Sprintf("XXXX-%02d-%02d", e.m, e.d)
	}
	return kind, fmt.Sprintf("%04d-%02d-%02d", y, e.m, e.d)
}

// nearestYear returns the year that puts month m, day d nearest the anchor.
func (r *run) nearestYear(m, d int) int {
	a := r.anchor
	best, bestDist := 0, time.Duration(1<<62)
	for y := a.Year() - 1; y <= a.Year()+1; y++ {
		t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, vietnamTime)
		dist := t.Sub(a)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}

// publishedFromMeta returns the first full date or datetime found in a meta
// sentence: the article's posting time.
func (r *run) publishedFromMeta() (time.Time, bool, bool) {
	for _, e := range r.ents {
		if e.Type != Date || r.doc.Sentences[e.Sentence].Role != nlp.RoleMeta {
			continue
		}
		switch e.Kind {
		case kindDatetime:
			if t, err := time.Parse(time.RFC3339, e.Value); err == nil {
				return t, true, true
			}
		case kindDate:
			if t, err := time.ParseInLocation("2006-01-02", e.Value, vietnamTime); err == nil {
				return t, false, true
			}
		}
	}
	return time.Time{}, false, false
}
