-- Schema version 4: articles' texts are stored compressed. A text column
-- holding a BLOB is the text in raw DEFLATE (index/text.go); a TEXT value
-- is a text stored as it is by an earlier version, and stays readable, so
-- no row is rewritten here: articles added or replaced from now on are
-- compressed. The tables are those of version 3.
SELECT 1;
