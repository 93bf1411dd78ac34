-- Schema version 3: the same content in a third of the space, written
-- with a third of the rows. The version-2 tables are renamed out of the
-- way here; the migration's Go step copies every article into the new
-- tables and drops the old ones.
--
-- Repeated strings (entity texts and types, names, ranks, posts, units,
-- sentence roles, date values) are stored once in strings and referred to
-- by id (0: the empty string). Sentence spans and entity mentions, read
-- only with their article, are packed in the article's row (see
-- index/pack.go for the format). The FTS rowid of sentence n of article a
-- is a<<16 | n, so no sentence table is needed.
ALTER TABLE sentence_fts RENAME TO v2_sentence_fts;
DROP INDEX articles_day;
DROP INDEX entities_key;
DROP INDEX entities_article;
DROP INDEX people_name;
DROP INDEX people_unit;
DROP INDEX people_article;
ALTER TABLE people RENAME TO v2_people;
ALTER TABLE entities RENAME TO v2_entities;
ALTER TABLE sentences RENAME TO v2_sentences;
ALTER TABLE articles RENAME TO v2_articles;

-- The dictionary. key is the matching key of text (nlp.Key: case and
-- tone-mark placement folded), for --entity, --person and --unit.
CREATE TABLE strings (
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL UNIQUE,
  key  TEXT NOT NULL
);
CREATE INDEX strings_key ON strings(key);

-- One row per input article, keyed by the record's id (its source when it
-- has none). hash is the content hash (32 bytes when it is hex SHA-256, as
-- the package makes it; text otherwise): an article indexed again with the
-- same hash is skipped, with another one replaced. An article the pipeline
-- could not process is kept with error_code and error_message set and
-- nothing below it. sentences and entities are packed (pack.go); text
-- comes last so that reading the other columns never reads it.
CREATE TABLE articles (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused
  key           TEXT NOT NULL UNIQUE,
  hash          BLOB NOT NULL,
  day           TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD of published, for date filters
  published     TEXT NOT NULL DEFAULT '',  -- RFC 3339 or YYYY-MM-DD, '' when unknown
  source        TEXT NOT NULL DEFAULT '',
  url           TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  error_code    TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  sentences     BLOB,
  entities      BLOB,
  text          TEXT                       -- NULL when the index keeps no text
);
-- Keys and days of articles without reading their rows (the roster).
CREATE INDEX articles_meta ON articles(id, day, key);

-- Which articles name an entity: one row per article and distinct entity
-- (canonical name, or text when there is none) and type.
CREATE TABLE entity_articles (
  name    INTEGER NOT NULL,  -- strings.id
  type    INTEGER NOT NULL,  -- strings.id
  article INTEGER NOT NULL,  -- articles.id
  PRIMARY KEY (name, type, article)
) WITHOUT ROWID;

-- People profiles, one per person and article, kept in the order of the
-- name (a person's timeline is one range of the table). rank_level is the
-- rank's level (0: none); name, rank, position, unit and role are
-- strings.id.
CREATE TABLE people (
  name       INTEGER NOT NULL,
  article    INTEGER NOT NULL,
  n          INTEGER NOT NULL,  -- the profile's place in the record
  ref        TEXT NOT NULL,
  rank       INTEGER NOT NULL DEFAULT 0,
  rank_level INTEGER NOT NULL DEFAULT 0,
  position   INTEGER NOT NULL DEFAULT 0,
  unit       INTEGER NOT NULL DEFAULT 0,
  role       INTEGER NOT NULL DEFAULT 0,
  mentions   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (name, article, n)
) WITHOUT ROWID;
CREATE INDEX people_article ON people(article);
CREATE INDEX people_unit ON people(unit) WHERE unit <> 0;

-- Full-text search over sentences: contentless, rowid article<<16 | n,
-- one column with the toned form of schema version 2 (each word lowercase,
-- its tone mark taken off and written as a digit after it: "hoà" and "hòa"
-- are both "hoa2"). A query word typed without diacritics is looked for as
-- any toned word that terms lists under it.
CREATE VIRTUAL TABLE sentence_fts USING fts5(
  words,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);

-- The toned words of the FTS table whose bare form (no mark at all, đ as
-- d) differs from them, by bare form: "hoa2", "hoa1", "hoa3" under "hoa".
CREATE TABLE terms (
  term TEXT PRIMARY KEY,
  bare TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX terms_bare ON terms(bare);

-- FTS5 settings: the in-memory part of a transaction's index is written
-- as one segment per transaction, not one per megabyte.
INSERT INTO sentence_fts(sentence_fts, rank) VALUES ('hashsize', 67108864);
