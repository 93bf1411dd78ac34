-- Schema version 5: full-text search with one row per article instead of
-- one per sentence. FTS5's cost is per row as much as per word: a
-- sentence's row had its own docsize row and its own entry in the doclist
-- of every word it holds, and an article has thirty sentences. An
-- article's row holds the folded words of all its sentences (as
-- sentence_fts did, in order); which sentences match is then found by
-- folding the stored text again (index/search.go), so a search still
-- gives every word in one sentence and a quoted phrase in order within a
-- sentence. The rowid is that of the article's first sentence in
-- sentence_fts (ftsRowid with n = 0): date ranges and newest first stay
-- rowid ranges and rowid order.
--
-- Only articles that keep their text get an article row: finding the
-- sentences needs the text. An article indexed without text, and every
-- article indexed before this version, keeps its sentence rows in
-- sentence_fts; articles.fts says which table holds an article (0:
-- sentence_fts, 1: article_fts), and a search reads both. No row is
-- rewritten here.
CREATE VIRTUAL TABLE article_fts USING fts5(
  words,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO article_fts(article_fts, rank) VALUES ('hashsize', 67108864);
ALTER TABLE articles ADD COLUMN fts INTEGER NOT NULL DEFAULT 0;
