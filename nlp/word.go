package nlp

import (
	"strings"
)

// Word is one word of the text: one syllable token or several joined
// ("Bộ Tư lệnh"), or a single number, code, punctuation mark or symbol.
// Start and End are byte offsets: the word is text[Start:End] (TextIn), so
// a word's syllables keep the spacing they have in the text. The word's
// tokens are doc.Tokens[TokStart:TokEnd]. A word is 16 bytes, with no
// string of its own and 32-bit fields (Span and Tokens give them as ints):
// a book-sized document has millions of words, and no document reaches
// 2 GiB (Analyze refuses one).
type Word struct {
	Start, End       int32
	TokStart, TokEnd int32
}

// TextIn returns the word's text in the text it was found in.
func (w Word) TextIn(text string) string { return text[w.Start:w.End] }

// Tokens returns the word's token range [TokStart, TokEnd) as ints.
func (w Word) Tokens() (int, int) { return int(w.TokStart), int(w.TokEnd) }

// Span returns the word's byte range [Start, End) as ints.
func (w Word) Span() (int, int) { return int(w.Start), int(w.End) }

// Syllables returns the number of tokens in the word.
func (w Word) Syllables() int { return int(w.TokEnd - w.TokStart) }

// AppendJoined appends the word with its syllables joined by "_", the
// convention of VnCoreNLP and pyvi ("Bộ_Tư_lệnh").
func (w Word) AppendJoined(dst []byte, toks []Token) []byte {
	for i := w.TokStart; i < w.TokEnd; i++ {
		if i > w.TokStart {
			dst = append(dst, '_')
		}
		dst = append(dst, toks[i].Text...)
	}
	return dst
}

// AppendJoinedLine appends a segmented line as `vnews tokenize` writes it:
// the words, syllables joined by "_", separated by single spaces.
func AppendJoinedLine(dst []byte, words []Word, toks []Token) []byte {
	for i, w := range words {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = w.AppendJoined(dst, toks)
	}
	return dst
}

// joinable reports whether tokens a and b (adjacent in a sentence) may be
// parts of one word: letter syllables, or a syllable and a number ("2
// triệu", "tháng 4"), separated only by spaces on one line.
func joinable(text string, a, b *Token) bool {
	if !(a.Kind == KindWord && (b.Kind == KindWord || b.Kind == KindNumber) || a.Kind == KindNumber && b.Kind == KindWord) {
		return false
	}
	gap := text[a.End:b.Start]
	return gap != "" && strings.IndexByte(gap, '\n') < 0
}

// buildWords appends to dst the words of toks[lo:hi] given join, where
// join[i-lo] tells whether toks[i] and toks[i+1] are in one word.
func buildWords(dst []Word, text string, toks []Token, lo, hi int, join []bool) []Word {
	i := lo
	for i < hi {
		j := i + 1
		for j < hi && join[j-1-lo] {
			j++
		}
		dst = append(dst, Word{Start: int32(toks[i].Start), End: int32(toks[j-1].End), TokStart: int32(i), TokEnd: int32(j)})
		i = j
	}
	return dst
}

// LineSegmenter splits single lines into words, reusing its buffers between
// calls: the fast path of `vnews tokenize`. It is not safe for concurrent
// use; make one per goroutine with Analyzer.LineSegmenter.
type LineSegmenter struct {
	seg   *Segmenter
	toks  []Token
	join  []bool
	words []Word
}

// LineSegmenter returns a new line segmenter over the analyzer's segmenter.
func (a *Analyzer) LineSegmenter() *LineSegmenter { return &LineSegmenter{seg: a.seg} }

// Segment returns the words of line (NFC text) and their tokens. The slices
// are valid until the next call.
func (ls *LineSegmenter) Segment(line string) ([]Word, []Token) {
	ls.toks = Tokenize(ls.toks[:0], line, 0, len(line))
	n := len(ls.toks)
	if cap(ls.join) < n {
		ls.join = make([]bool, n)
	}
	join := ls.join[:max(n-1, 0)]
	ls.seg.Segment(line, ls.toks, join)
	ls.words = buildWords(ls.words[:0], line, ls.toks, 0, n, join)
	return ls.words, ls.toks
}
