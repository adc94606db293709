-- Card search: any fragment of card number, name, spec, brand or serial, Chinese or Latin, with
-- exact counts at a million cards. Idempotent.
--
-- cards.search_text (a generated column, card.tables.ts) joins the lower-cased fields with chr(31).
-- One GIN index holds each row's 1- and 2-character grams. A query of n characters asks for rows
-- holding all its grams (`@>`) and rechecks with LIKE, so results are exact:
--   1 or 2 characters: the gram set alone is exact (Chinese queries are often two characters,
--   which pg_trgm cannot index); 3+: the grams narrow, LIKE decides.
-- Measured against pg_trgm's GIN on 200k rows it was as fast or faster for 3+ characters, and a
-- trigram index next to it made the planner AND both indexes and recompute the grams of every
-- candidate in the recheck; so this is the only search index.

-- The distinct 1- and 2-grams of a string, without the field separator chr(31).
CREATE OR REPLACE FUNCTION card_search_grams(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
DECLARE
  n integer := char_length(t);
  grams text[] := '{}';
  g text;
BEGIN
  FOR i IN 1..n LOOP
    g := substr(t, i, 1);
    IF g <> chr(31) THEN grams := grams || g; END IF;
    IF i < n THEN
      g := substr(t, i, 2);
      IF strpos(g, chr(31)) = 0 THEN grams := grams || g; END IF;
    END IF;
  END LOOP;
  -- GIN keeps each key once per row; duplicates here cost nothing in the index.
  RETURN grams;
END $$;

DROP INDEX IF EXISTS cards_search_trgm_idx;
DROP INDEX IF EXISTS cards_search_bigram_idx;
DROP FUNCTION IF EXISTS card_bigrams(text);
-- The index must stay exact: a common word (a quarter of a million cards) at PostgreSQL's default
-- work_mem of 4 MB makes a lossy bitmap, whose recheck runs card_search_grams() on every row of its
-- pages (8 s); the sessions set work_mem = 32MB (platform/db/engine.ts), and the scan takes 0.4 s.
-- Storing the grams in a column instead made the table 2.4 times larger and the planner prefer a
-- sequential scan: slower on both engines.
DROP INDEX IF EXISTS cards_search_grams_col_idx;
ALTER TABLE cards DROP COLUMN IF EXISTS search_grams;
CREATE INDEX IF NOT EXISTS cards_search_grams_idx ON cards USING gin (card_search_grams(search_text));
