// Package benchtext makes up Vietnamese news-like articles for the
// project's benchmarks: a category, a title, a dateline and lead, body
// paragraphs, quotes in curly quotation marks, dates, numbers and names of
// people, ranks, posts, units and places, from the word lists in words.txt
// (written for the project). A seed gives the same articles every time.
// The vocabulary is small beside real news (a few hundred syllables against
// thousands), so the models' tables stay in cache more than on real text:
// scripts/bench.sh gives the figures on real articles.
package benchtext

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
)

//go:embed words.txt
var wordsFile string

var lists = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	cur := ""
	for line := range strings.SplitSeq(wordsFile, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			cur = line[1 : len(line)-1]
		default:
			m[cur] = append(m[cur], line)
		}
	}
	return m
})

// Articles returns n articles of about size bytes each (3,000 is a news
// article's size), made with the given seed.
func Articles(n, size int, seed uint64) []string {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), w: lists()}
	out := make([]string, n)
	for i := range out {
		out[i] = g.article(size)
	}
	return out
}

type gen struct {
	r *rand.Rand
	w map[string][]string
}

func (g *gen) pick(list string) string {
	l := g.w[list]
	return l[g.r.IntN(len(l))]
}

func (g *gen) name() string {
	if g.r.IntN(3) == 0 {
		return g.pick("family") + " " + g.pick("given")
	}
	return g.pick("family") + " " + g.pick("middle") + " " + g.pick("given")
}

func (g *gen) date() string {
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("ngày %d-%d", 1+g.r.IntN(28), 1+g.r.IntN(12))
	case 1:
		return fmt.Sprintf("sáng %d/%d", 1+g.r.IntN(28), 1+g.r.IntN(12))
	}
	return fmt.Sprintf("ngày %d/%d/%d", 1+g.r.IntN(28), 1+g.r.IntN(12), 2015+g.r.IntN(10))
}

func (g *gen) sentence() string {
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprintf("%s, %s %s, %s %s đã %s %s tại %s.", capital(g.date()), g.pick("rank"), g.name(),
			g.pick("position"), g.pick("unit"), g.pick("verb"), g.pick("object"), g.pick("place"))
	case 1:
		return fmt.Sprintf("%s, %s %s %s một cách %s, với %d cán bộ, chiến sĩ tham gia.", g.pick("connector"),
			g.pick("unit"), g.pick("verb"), g.pick("object"), g.pick("adverb"), 20+g.r.IntN(980))
	case 2:
		return fmt.Sprintf("“Đơn vị sẽ %s %s và %s %s”, %s %s khẳng định.", g.pick("verb"), g.pick("object"),
			g.pick("verb"), g.pick("object"), g.pick("position"), g.name())
	case 3:
		return fmt.Sprintf("Tổng kinh phí cho %s là %d,%d tỷ đồng, trong đó %s %s hỗ trợ %d%%.", g.pick("object"),
			1+g.r.IntN(90), g.r.IntN(10), g.pick("unit"), g.pick("place"), 10+g.r.IntN(80))
	case 4:
		return fmt.Sprintf("%s — %s %s — cho biết đơn vị đã %s %s %s.", g.pick("rank")+" "+g.name(), g.pick("position"),
			g.pick("unit"), g.pick("verb"), g.pick("object"), g.pick("adverb"))
	}
	return fmt.Sprintf("%s, %s tiếp tục %s %s, góp phần %s %s…", g.pick("connector"), g.pick("unit"),
		g.pick("verb"), g.pick("object"), g.pick("verb"), g.pick("object"))
}

func (g *gen) article(size int) string {
	var b strings.Builder
	b.WriteString(g.pick("category") + "\n\n")
	b.WriteString(capital(g.pick("unit")+" "+g.pick("verb")+" "+g.pick("object")) + "\n\n")
	b.WriteString("QĐND - " + g.sentence() + " " + g.sentence() + "\n\n")
	for b.Len() < size {
		for range 2 + g.r.IntN(4) {
			b.WriteString(g.sentence())
			b.WriteByte(' ')
		}
		b.WriteString(g.sentence() + "\n\n")
	}
	b.WriteString(strings.ToUpper(g.name()))
	return b.String()
}

func capital(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// Names returns n different people's names (family, middle and given name,
// or family and given name), drawn in an order the seed shuffles. It
// panics when the word lists cannot make n names (11,520 here).
func Names(n int, seed uint64) []string {
	w := lists()
	var all []string
	for _, f := range w["family"] {
		for _, g := range w["given"] {
			for _, m := range w["middle"] {
				all = append(all, f+" "+m+" "+g)
			}
		}
	}
	for _, f := range w["family"] {
		for _, g := range w["given"] {
			all = append(all, f+" "+g)
		}
	}
	if n > len(all) {
		panic(fmt.Sprintf("benchtext: %d names asked, %d can be made", n, len(all)))
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all[:n]
}
