// Package nlp is the text-analysis layer of vnews, below the level of
// meaning: it turns article bytes into a Document of sentences, syllable
// tokens and words, with the article's layout.
//
// The pipeline, one file per stage:
//
//	decode.go     bytes → text (UTF-8 with or without BOM, UTF-16, Windows-1258), invalid bytes repaired
//	normalize.go  Unicode NFC, the only rewriting ever applied
//	structure.go  layout of scraped news: category, title, meta line, dateline, lead, captions, byline, boilerplate
//	sentence.go   Vietnamese sentence splitting (abbreviations, numbers, quotes, ellipses, initials)
//	token.go      syllable tokens; numbers, dates, ranges, times, abbreviations, URLs, e-mail addresses kept whole
//	segment.go    word segmentation over the tokens
//	analyze.go    Analyze, the one-call entry point
//
// Every token, word and sentence carries byte offsets into Document.Text,
// and text[Start:End] == Text always holds. Matching keys (fold.go) make
// lookups blind to tone-mark placement ("hoà"/"hòa") and capitalization
// without ever changing the text. The package knows nothing of entities,
// summaries or JSON; models and lexicons are embedded and loaded once, and
// every exported type is safe for concurrent use once built. The
// segmentation model is trained outside the package (internal/segtrain,
// run by cmd/vnews-train), which builds it through internal/segbuild
// (segbuild.go here): the package's API has no training in it.
package nlp
