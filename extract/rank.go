package extract

import (
	"github.com/vnews/vnews/nlp"
)

var (
	kQuan          = nlp.Key("quan")
	kQNCN          = nlp.Key("QNCN")
	qnProfessional = mustPhraseKey("quân nhân chuyên nghiệp")
)

func mustPhraseKey(s string) string {
	k, _ := phraseKey(s)
	return k
}

// findRanks adds the RANK entities of sentence si: every rank of the closed
// list, in any capitalization and tone placement, except where the words
// are part of another word ("hạ sĩ quan", the NCO corps).
func (r *run) findRanks(si int) {
	lo, hi := r.bounds(si)
	for i := lo; i < hi; i++ {
		if r.owns(i) != "" || r.toks[i].Kind != nlp.KindWord {
			continue
		}
		n, info := r.lex.ranks.longest(r.keys, i, hi)
		if n == 0 || !r.free(i, i+n) {
			continue
		}
		j := i + n
		// "hạ sĩ quan", "Trường Hạ sĩ quan": sĩ quan is an officer, not a rank.
		if j < hi && r.key(j) == kQuan {
			continue
		}
		e := Entity{Type: Rank, Canonical: info.canonical, English: info.english, Level: info.level}
		if j < hi && r.key(j) == kQNCN {
			e.Qualifier = "QNCN"
		} else if j+3 <= hi && r.keys.span(j, j+3) == qnProfessional {
			e.Qualifier = "QNCN"
		}
		r.add(e, si, i, j)
		i = j - 1
	}
}
