package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
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

	nameKey, unitKey, postKey string // matching keys
	n                         int    // the profile's place in its record
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
// post, rank) wins, then one that knows more than a name, then the latest
// begun. A mention is compared with the 256 entries of its name mentioned
// most recently (clusterWindow): a name shared by more people than that is
// clustered in linear time, and an entry not mentioned while 256 others of
// the name were is not joined again. A mention with nothing but the name (no rank, post or unit) joins
// the name's entry only when there is one: among several namesakes it
// could be any of them, and starts an entry of its own. So namesakes in
// different units or posts stay apart; the cost is that a person who moved
// to another unit starts a new entry, and so does a bare mention of a
// person whose name others share.
//
// Measured on articles written for the purpose (testdata/roster, 26
// mentions of 13 people, 51 same-name pairs): precision 1.00 and recall
// 0.83 of the pairwise merges (TestRosterGold).
func (db *DB) Roster(ctx context.Context, q RosterQuery) ([]Person, []Unit, error) {
	cond, args := "p.role NOT IN (SELECT id FROM strings WHERE text = 'author')", []any{}
	switch {
	case q.Person != "":
		cond += " AND p.name IN (SELECT id FROM strings WHERE key = ?)"
		args = append(args, nlp.Key(q.Person))
	case q.Unit != "":
		cond += ` AND p.name IN (SELECT n.id FROM strings n WHERE n.key IN
  (SELECT n2.key FROM strings u2 JOIN people p2 ON p2.unit = u2.id JOIN strings n2 ON n2.id = p2.name WHERE u2.key = ?))`
		args = append(args, nlp.Key(q.Unit))
	}
	ms, err := db.mentions(ctx, cond, args)
	if err != nil {
		return nil, nil, err
	}
	var people []Person
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].nameKey == ms[i].nameKey {
			j++
		}
		people = append(people, cluster(ms[i:j])...)
		i = j
	}
	var out []Person
	for _, p := range people {
		if uk := nlp.Key(q.Unit); q.Unit != "" && !p.has(func(m Mention) bool { return m.unitKey != "" && unitsMatch(m.unitKey, uk) }) {
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
	mentions      []int32 // indexes in the name's mentions
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
	if b == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(a[i:], b)
		if j < 0 {
			return false
		}
		j += i
		if (j == 0 || a[j-1] == ' ') && (j+len(b) == len(a) || a[j+len(b)] == ' ') {
			return true
		}
		i = j + 1
	}
}

// compatible scores m against e: -1 when they conflict, else the number of
// attributes they share.
func (e *entry) compatible(m *Mention) int {
	score := 0
	if m.RankLevel > 0 && e.level > 0 {
		if m.RankLevel < e.level {
			return -1
		}
		if m.RankLevel == e.level {
			score++
		}
	}
	uk, pk := m.unitKey, m.postKey
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

// bare reports whether the entry knows nothing of its person but the name.
func (e *entry) bare() bool { return e.level == 0 && e.unitKey == "" && e.post == "" }

func (e *entry) add(i int32, m *Mention) {
	e.mentions = append(e.mentions, i)
	if m.RankLevel > e.level {
		e.level = m.RankLevel
	}
	if m.unitKey != "" {
		e.unitKey = m.unitKey
	}
	if m.postKey != "" {
		e.post = m.postKey
	}
}

// clusterWindow bounds how many of a name's people a mention is compared
// with: the ones mentioned most recently. A name that many people share
// costs linear time, not time in the product of its mentions and people.
const clusterWindow = 256

// cluster splits one name's mentions, in date order, into persons. Each
// mention is compared with the clusterWindow people of that name mentioned
// most recently (all of them for a name of fewer people).
func cluster(ms []Mention) []Person {
	return clusterIn(ms, clusterWindow)
}

func clusterIn(ms []Mention, window int) []Person {
	var es []*entry
	var active []int32 // indexes in es, least recently mentioned first
	for k := range ms {
		m := &ms[k]
		best, bestScore := -1, -1
		for _, i := range active {
			e := es[i]
			s := e.compatible(m)
			if s < 0 || s < bestScore {
				continue
			}
			if s == bestScore {
				// The same score: one that says something about its
				// person first, then the later one.
				if b := es[best]; e.bare() != b.bare() && e.bare() || e.bare() == b.bare() && int(i) < best {
					continue
				}
			}
			best, bestScore = int(i), s
		}
		if m.RankLevel == 0 && m.unitKey == "" && m.postKey == "" && len(es) > 1 {
			// A bare name, and several people by that name: it could be
			// any of them, or someone else.
			best = -1
		}
		if best < 0 {
			es = append(es, &entry{})
			best = len(es) - 1
		} else {
			active = slices.DeleteFunc(active, func(i int32) bool { return int(i) == best })
		}
		if active = append(active, int32(best)); len(active) > window {
			active = active[1:]
		}
		es[best].add(int32(k), m)
	}
	out := make([]Person, len(es))
	for i, e := range es {
		tl := make([]Mention, len(e.mentions))
		for j, k := range e.mentions {
			tl[j] = ms[k]
		}
		out[i] = Person{Name: tl[len(tl)-1].Name, Timeline: tl, Promotions: promotions(tl)}
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
			uk := m.unitKey
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

// mentions reads the people profiles that cond (on people p) selects, in
// the order of their name's key, date, article and place in the record.
// Strings come from the cache, articles' keys and days from the covering
// index articles_meta: no article row is read.
func (db *DB) mentions(ctx context.Context, cond string, args []any) ([]Mention, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT p.article, p.n, p.name, p.rank, p.rank_level, p.position, p.unit FROM people p WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("index: roster: %w", err)
	}
	type row struct {
		article, name, rank, position, unit int64
		n, level                            int
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.article, &r.n, &r.name, &r.rank, &r.level, &r.position, &r.unit); err != nil {
			rows.Close()
			return nil, fmt.Errorf("index: roster: %w", err)
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("index: roster: %w", err)
	}
	// What the caches lack is read first; then one pass under the lock.
	ids := map[int64]bool{}
	arts := map[int64]*[2]string{}
	db.dictMu.Lock()
	for _, r := range rs {
		for _, id := range [...]int64{r.name, r.rank, r.position, r.unit} {
			if _, ok := db.dict[id]; !ok && id != 0 {
				ids[id] = true
			}
		}
		if _, ok := db.meta[r.article]; !ok {
			arts[r.article] = nil
		}
	}
	db.dictMu.Unlock()
	if len(arts) > 0 {
		if err := db.articleMeta(ctx, arts); err != nil {
			return nil, err
		}
	}
	if len(ids) > 0 {
		if _, err := db.strings(ctx, ids); err != nil {
			return nil, err
		}
	}
	ms := make([]Mention, len(rs))
	db.dictMu.Lock()
	for i, r := range rs {
		m := &ms[i]
		m.n, m.RankLevel = r.n, r.level
		if a := db.meta[r.article]; a != nil {
			m.Published, m.Article = a[0], a[1]
		}
		name, position, unit := db.dict[r.name], db.dict[r.position], db.dict[r.unit]
		m.Name, m.nameKey = name.text, name.key
		m.Rank = db.dict[r.rank].text
		m.Position, m.postKey = position.text, position.key
		m.Unit, m.unitKey = unit.text, unit.key
	}
	db.dictMu.Unlock()
	// Sorted through an index: a Mention is too large to move around.
	order := make([]int32, len(ms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		a, b := &ms[i], &ms[j]
		if c := cmp.Compare(a.nameKey, b.nameKey); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Published, b.Published); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Article, b.Article); c != 0 {
			return c
		}
		return cmp.Compare(a.n, b.n)
	})
	out := make([]Mention, len(ms))
	for i, k := range order {
		out[i] = ms[k]
	}
	return out, nil
}

// dictEntry is a string of the strings table with its matching key.
type dictEntry struct{ text, key string }

// strings returns the entries of the ids (0: the empty string), from the
// DB's cache or the table; ids never change meaning, so the cache is never
// stale.
func (db *DB) strings(ctx context.Context, ids map[int64]bool) (map[int64]dictEntry, error) {
	out := make(map[int64]dictEntry, len(ids))
	var missing []int64
	db.dictMu.Lock()
	for id := range ids {
		if e, ok := db.dict[id]; ok || id == 0 {
			out[id] = e
		} else {
			missing = append(missing, id)
		}
	}
	db.dictMu.Unlock()
	for len(missing) > 0 {
		n := min(len(missing), 500)
		list := strings.Repeat("?,", n-1) + "?"
		args := make([]any, n)
		for i, id := range missing[:n] {
			args[i] = id
		}
		missing = missing[n:]
		rows, err := db.sql.QueryContext(ctx, `SELECT id, text, key FROM strings WHERE id IN (`+list+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
		db.dictMu.Lock()
		for rows.Next() {
			var id int64
			var e dictEntry
			if err := rows.Scan(&id, &e.text, &e.key); err != nil {
				db.dictMu.Unlock()
				rows.Close()
				return nil, fmt.Errorf("index: %w", err)
			}
			if db.dict == nil {
				db.dict = map[int64]dictEntry{}
			}
			db.dict[id] = e
			out[id] = e
		}
		db.dictMu.Unlock()
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	}
	return out, nil
}

// articleMeta fills arts (article id → day, key) from the DB's cache or
// the index articles_meta: by id when they are few, else in one pass over
// the range of their ids, cheaper than a lookup each. Article ids are never
// reused (AUTOINCREMENT) and a row is never changed in place, so the cache
// is never stale.
func (db *DB) articleMeta(ctx context.Context, arts map[int64]*[2]string) error {
	lo, hi := int64(math.MaxInt64), int64(0)
	var ids []any
	db.dictMu.Lock()
	for id := range arts {
		if m, ok := db.meta[id]; ok {
			arts[id] = m
			continue
		}
		lo, hi = min(lo, id), max(hi, id)
		ids = append(ids, id)
	}
	db.dictMu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	read := func(query string, args ...any) error {
		rows, err := db.sql.QueryContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		defer rows.Close()
		db.dictMu.Lock()
		defer db.dictMu.Unlock()
		if db.meta == nil {
			db.meta = map[int64]*[2]string{}
		}
		for rows.Next() {
			var id int64
			m := new([2]string)
			if err := rows.Scan(&id, &m[0], &m[1]); err != nil {
				return fmt.Errorf("index: %w", err)
			}
			db.meta[id] = m
			if _, ok := arts[id]; ok {
				arts[id] = m
			}
		}
		return rows.Err()
	}
	if len(ids) > 200 {
		return read(`SELECT id, day, key FROM articles INDEXED BY articles_meta WHERE id BETWEEN ? AND ?`, lo, hi)
	}
	return read(`SELECT id, day, key FROM articles INDEXED BY articles_meta WHERE id IN (`+strings.Repeat("?,", len(ids)-1)+`?)`, ids...)
}
