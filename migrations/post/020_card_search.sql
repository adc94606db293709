-- Card search: any fragment of card number, name, spec, brand or serial, Chinese or Latin, with
-- exact counts at a million cards. Idempotent.
--
-- cards.search_text (a generated column, card.tables.ts) joins the lower-cased fields with chr(31).
-- One GIN index holds each row's 1- and 2-character grams (the stored column search_grams). A query of n characters asks for rows
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
-- The grams are stored: a lossy bitmap (a common word matches a quarter of a million cards)
-- rechecks every row of its pages, and reading the array costs a microsecond where computing it
-- again costs thirty. A generated column cannot use another, so this repeats search_text's expression.
ALTER TABLE cards ADD COLUMN IF NOT EXISTS search_grams text[] GENERATED ALWAYS AS (card_search_grams(
  lower(coalesce(card_no, '') || chr(31) || coalesce(name, '') || chr(31) || coalesce(spec, '') || chr(31) || coalesce(brand, '') || chr(31) || coalesce(serial_no, ''))
)) STORED;
DROP INDEX IF EXISTS cards_search_grams_idx;
CREATE INDEX IF NOT EXISTS cards_search_grams_col_idx ON cards USING gin (search_grams);
