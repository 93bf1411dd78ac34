package index

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/vnews/vnews/nlp"
)

// RosterQuery selects roster entries. Empty fields select everything.
type RosterQuery struct {
	Person string // a name, matched with case and tone marks folded
	Unit   string // people seen in this unit
	Rank   string // people seen with this rank
	Since  string // only mentions on or after this day (YYYY-MM-DD)
}

// Mention is one article's profile of a person: a point of the timeline.
type Mention struct {
	Article   string // the article's key
	Published string
	Name      string
	Rank      string
	RankLevel int
	Position  string
	Unit      string
}

// Promotion is a rise in rank between two consecutive mentions.
type Promotion struct {
	From, To string
	Article  string // the first article with the new rank
	Date     string
}

// Person is one roster entry: mentions taken to be one person, in date
// order, and the promotions among them.
type Person struct {
	ID         int // 1, 2, ... in the order of the roster (stable for one database)
	Name       string
	Timeline   []Mention
	Promotions []Promotion
}

// Post is a person's post in a unit over a time.
type Post struct {
	Person      int // Person.ID
	Name        string
	Rank        string
	Position    string
	First, Last string // dates of the first and last article
	Articles    int
}

// Unit is a unit with the people seen in it and their posts over time, by
// first date.
type Unit struct {
	Name  string
	Posts []Post
}

// Roster returns the people that q selects, each with their timeline, and
// the units they were seen in with the posts held there.
//
// How mentions become one person: people profiles (author bylines aside)
// are grouped by their name's matching key (case and tone-mark placement
// folded); within a name, mentions are taken in date order and each joins
// the first earlier entry it is compatible with, else starts a new one. A
// mention is compatible with an entry when
//   - its rank is not below the entry's latest rank (ranks only rise);
//   - its unit and the entry's latest unit, when both are known, are the
//     same or one names the other ("Quân khu 4" in "Bộ Tư lệnh Quân khu 4");
//   - when one of the two units is unknown, their posts, when both are
//     known, are the same.
//
// Among several compatible entries the one sharing most attributes (unit,
// post, rank) wins, then the latest seen. So namesakes in different units
// or posts stay apart; the cost is that a person who moved to another unit
// starts a new entry.
func (db *DB) Roster(ctx context.Context, q RosterQuery) ([]Person, []Unit, error) {
	cond, args := "p.role NOT IN (SELECT id FROM strings WHERE text = 'author')", []any{}
	switch {
	case q.Person != "":
		cond += " AND n.key = ?"
		args = append(args, nlp.Key(q.Person))
	case q.Unit != "":
		cond += ` AND n.key IN (SELECT n2.key FROM strings u2 JOIN people p2 ON p2.unit = u2.id JOIN strings n2 ON n2.id = p2.name WHERE u2.key = ?)`
		args = append(args, nlp.Key(q.Unit))
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT n.key, a.key, a.day, n.text, coalesce(r.text, ''), p.rank_level, coalesce(po.text, ''), coalesce(u.text, '')
FROM people p JOIN strings n ON n.id = p.name JOIN articles a ON a.id = p.article
LEFT JOIN strings r ON r.id = p.rank LEFT JOIN strings po ON po.id = p.position LEFT JOIN strings u ON u.id = p.unit
WHERE `+cond+` ORDER BY n.key, a.day, a.key, p.n`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("index: roster: %w", err)
	}
	defer rows.Close()
	var people []Person
	var group []Mention
	var groupKey string
	flush := func() {
		people = append(people, cluster(group)...)
		group = group[:0]
	}
	for rows.Next() {
		var key, d string
		var m Mention
		if err := rows.Scan(&key, &m.Article, &d, &m.Name, &m.Rank, &m.RankLevel, &m.Position, &m.Unit); err != nil {
			return nil, nil, fmt.Errorf("index: roster: %w", err)
		}
		m.Published = d
		if key != groupKey && len(group) > 0 {
			flush()
		}
		groupKey = key
		group = append(group, m)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("index: roster: %w", err)
	}
	if len(group) > 0 {
		flush()
	}
	var out []Person
	for _, p := range people {
		if q.Unit != "" && !p.has(func(m Mention) bool { return unitsMatch(nlp.Key(m.Unit), nlp.Key(q.Unit)) && m.Unit != "" }) {
			continue
		}
		if q.Rank != "" && !p.has(func(m Mention) bool { return nlp.EqualFold(m.Rank, q.Rank) }) {
			continue
		}
		if q.Since != "" {
			tl := p.Timeline[:0:0]
			for _, m := range p.Timeline {
				if m.Published >= q.Since {
					tl = append(tl, m)
				}
			}
			if len(tl) == 0 {
				continue
			}
			p.Timeline = tl
			p.Promotions = promotions(tl)
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Timeline[0].Published < out[j].Timeline[0].Published
	})
	for i := range out {
		out[i].ID = i + 1
	}
	return out, units(out, q.Unit), nil
}

func (p *Person) has(f func(Mention) bool) bool {
	for _, m := range p.Timeline {
		if f(m) {
			return true
		}
	}
	return false
}

// entry is a person being built by cluster.
type entry struct {
	mentions      []Mention
	level         int
	unitKey, post string
	rankKey       string
}

// unitsMatch reports whether two unit keys name the same unit: equal, or
// one within the other on word boundaries.
func unitsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	return strings.HasSuffix(a, " "+b) || strings.HasPrefix(a, b+" ") || strings.Contains(a, " "+b+" ")
}

// compatible scores m against e: -1 when they conflict, else the number of
// attributes they share.
func (e *entry) compatible(m Mention) int {
	score := 0
	if m.RankLevel > 0 && e.level > 0 {
		if m.RankLevel < e.level {
			return -1
		}
		if m.RankLevel == e.level {
			score++
		}
	}
	uk := ""
	if m.Unit != "" {
		uk = nlp.Key(m.Unit)
	}
	pk := ""
	if m.Position != "" {
		pk = nlp.Key(m.Position)
	}
	switch {
	case uk != "" && e.unitKey != "":
		if !unitsMatch(uk, e.unitKey) {
			return -1
		}
		score += 2
	case pk != "" && e.post != "":
		if pk != e.post {
			return -1
		}
	}
	if pk != "" && pk == e.post {
		score++
	}
	return score
}

func (e *entry) add(m Mention) {
	e.mentions = append(e.mentions, m)
	if m.RankLevel > e.level {
		e.level = m.RankLevel
	}
	if m.Unit != "" {
		e.unitKey = nlp.Key(m.Unit)
	}
	if m.Position != "" {
		e.post = nlp.Key(m.Position)
	}
}

// cluster splits one name's mentions, in date order, into persons.
func cluster(ms []Mention) []Person {
	var es []*entry
	for _, m := range ms {
		best, bestScore := -1, -1
		for i, e := range es {
			if s := e.compatible(m); s >= 0 && s >= bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			es = append(es, &entry{})
			best = len(es) - 1
		}
		es[best].add(m)
	}
	out := make([]Person, len(es))
	for i, e := range es {
		out[i] = Person{Name: e.mentions[len(e.mentions)-1].Name, Timeline: e.mentions, Promotions: promotions(e.mentions)}
	}
	return out
}

// promotions lists the rises in rank along a timeline.
func promotions(tl []Mention) []Promotion {
	var out []Promotion
	level, rank := 0, ""
	for _, m := range tl {
		if m.RankLevel == 0 {
			continue
		}
		if level > 0 && m.RankLevel > level {
			out = append(out, Promotion{From: rank, To: m.Rank, Article: m.Article, Date: m.Published})
		}
		if m.RankLevel >= level {
			level, rank = m.RankLevel, m.Rank
		}
	}
	return out
}

// units gathers, per unit, the posts of the people seen in it; only the
// unit named by filter when it is set.
func units(people []Person, filter string) []Unit {
	fk := ""
	if filter != "" {
		fk = nlp.Key(filter)
	}
	type postKey struct {
		unit, pos, rank string
		person          int
	}
	byUnit := map[string]*Unit{}
	idx := map[postKey]int{}
	for _, p := range people {
		for _, m := range p.Timeline {
			if m.Unit == "" {
				continue
			}
			uk := nlp.Key(m.Unit)
			if fk != "" && !unitsMatch(uk, fk) {
				continue
			}
			u := byUnit[uk]
			if u == nil {
				u = &Unit{Name: m.Unit}
				byUnit[uk] = u
			}
			k := postKey{uk, m.Position, m.Rank, p.ID}
			i, ok := idx[k]
			if !ok {
				u.Posts = append(u.Posts, Post{Person: p.ID, Name: p.Name, Rank: m.Rank, Position: m.Position, First: m.Published, Last: m.Published})
				i = len(u.Posts) - 1
				idx[k] = i
			}
			po := &u.Posts[i]
			po.Articles++
			po.Last = max(po.Last, m.Published)
		}
	}
	out := make([]Unit, 0, len(byUnit))
	for _, u := range byUnit {
		sort.SliceStable(u.Posts, func(i, j int) bool {
			if u.Posts[i].First != u.Posts[j].First {
				return u.Posts[i].First < u.Posts[j].First
			}
			return u.Posts[i].Person < u.Posts[j].Person
		})
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
