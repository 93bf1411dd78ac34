// Package segtrain trains the word segmentation model that package nlp
// embeds (nlp/data/segmenter.bin): an averaged perceptron over the gaps
// between syllables, with lexicon jackknifing, corpus weights, join
// statistics of a silver corpus and optional domain adaptation. It is run
// by `vnews-train segmenter` and is no part of the library: the model's
// tables, features and file format stay in nlp, which the trainer reaches
// through internal/segbuild.
package segtrain
