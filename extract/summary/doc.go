// Package summary makes extractive summaries of an analyzed article: it picks
// whole sentences, keeps them in article order and never picks a title,
// meta line, caption, heading, byline or boilerplate sentence. It imports
// only nlp; scores that depend on entities are passed in by the caller
// (Options.Boost).
package summary
