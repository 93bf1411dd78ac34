-- Schema version 1 of the vnews corpus index: articles and what the
-- pipeline found in them. Offsets are Unicode code points into
-- articles.text, as in the vnews/1 record.

-- One row per input article, keyed by the record's id (its source when it
-- has none). hash is the SHA-256 of the article's content: an article
-- indexed again with the same hash is skipped, with another one replaced.
-- An article the pipeline could not process is kept with error_code and
-- error_message set and nothing below it.
CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,
  hash          TEXT NOT NULL,
  source        TEXT NOT NULL DEFAULT '',
  url           TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  published     TEXT NOT NULL DEFAULT '',  -- RFC 3339 or YYYY-MM-DD, '' when unknown
  day           TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD of published, for date filters
  error_code    TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  text          TEXT                       -- NULL when the index keeps no text
);
CREATE INDEX articles_day ON articles(day);

-- Sentences: span and role (title, lead, body, caption, ...).
CREATE TABLE sentences (
  id      INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  n       INTEGER NOT NULL,
  start   INTEGER NOT NULL,
  end     INTEGER NOT NULL,
  role    TEXT NOT NULL DEFAULT '',
  UNIQUE (article, n)
);

-- Entity mentions (RANK, PERSON, UNIT, DATE, POSITION, LOCATION).
-- key is the matching key of canonical (or of the text): case and
-- tone-mark placement folded, for --entity filters.
CREATE TABLE entities (
  id        INTEGER PRIMARY KEY,
  article   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  type      TEXT NOT NULL,
  text      TEXT NOT NULL,
  start     INTEGER NOT NULL,
  end       INTEGER NOT NULL,
  sentence  INTEGER NOT NULL,
  canonical TEXT NOT NULL DEFAULT '',
  kind      TEXT NOT NULL DEFAULT '',
  value     TEXT NOT NULL DEFAULT '',
  level     INTEGER NOT NULL DEFAULT 0,
  key       TEXT NOT NULL
);
CREATE INDEX entities_key ON entities(key, type);
CREATE INDEX entities_article ON entities(article);

-- People profiles, one per person and article. name_key is the matching
-- key of the name; rank_level the rank's level (0: none).
CREATE TABLE people (
  id         INTEGER PRIMARY KEY,
  article    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ref        TEXT NOT NULL,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  rank       TEXT NOT NULL DEFAULT '',
  rank_level INTEGER NOT NULL DEFAULT 0,
  position   TEXT NOT NULL DEFAULT '',
  unit       TEXT NOT NULL DEFAULT '',
  unit_key   TEXT NOT NULL DEFAULT '',
  role       TEXT NOT NULL DEFAULT '',
  mentions   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_name ON people(name_key);
CREATE INDEX people_unit ON people(unit_key);
CREATE INDEX people_article ON people(article);
