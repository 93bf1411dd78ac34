-- Schema version 2: full-text search over sentences. A contentless FTS5
-- table whose rowid is sentences.id, with two folded forms of each
-- sentence (never shown; the text stays as it was in articles.text):
--   toned: each syllable lowercase, tone mark taken off and written as a
--          digit after it (1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng, none for
--          ngang), so "hoà" and "hòa" are both "hoa2";
--   bare:  lowercase without any mark at all, đ as d ("hoa", "nguyen"),
--          for queries typed without diacritics.
-- It is filled from the stored text by the migration (Go code).
CREATE VIRTUAL TABLE sentence_fts USING fts5(
  toned, bare,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
