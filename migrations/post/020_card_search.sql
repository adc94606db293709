-- Card search: any fragment of card number, name, spec, brand or serial, Chinese or Latin, with
-- exact counts at a million cards. Idempotent.
--
-- cards.search_text (a generated column, card.tables.ts) joins the lower-cased fields with chr(31).
-- Its copy in card_search (with the owner unit) holds one GIN index of each row's 1- and
-- 2-character grams. A query of n characters asks for rows holding all its grams (`@>`) and
-- rechecks with LIKE, so results are exact:
--   1 or 2 characters: the gram set alone is exact (Chinese queries are often two characters,
--   which pg_trgm cannot index); 3+: the grams narrow, LIKE decides.
-- Measured against pg_trgm's GIN on 200k rows it was as fast or faster for 3+ characters, and a
-- trigram index next to it made the planner AND both indexes and recompute the grams of every
-- candidate in the recheck; so this is the only search index.
--
-- Why a side table: an exact count of a common word (联想: 216,000 of a million cards) visits
-- every matching row for its visibility, which on `cards` (565 MB) is nearly every page: 250 ms.
-- card_search is about 140 MB and the same count takes 60–70 ms. Its index also holds one key per
-- row for the owner unit (chr(31) || unit id, which no gram can equal), so a unit's user gets the
-- intersection straight from the index (10,000 rows, not 216,000), and their page is sorted by
-- card_no from this table alone.

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

-- The indexed keys of a card_search row: its grams and its owner unit. Schema-qualified because
-- index builds and VACUUM run with search_path = pg_catalog (PostgreSQL 17 and later; PGlite is 18).
CREATE OR REPLACE FUNCTION card_search_keys(unit uuid, t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
  SELECT public.card_search_grams(t) || (chr(31) || unit::text)
$$;

-- The copy follows every writer (services, import, demo generator, bench): one statement-level
-- insert per INSERT, and a row trigger on UPDATE that fires only when the text, number or owner
-- changes (depreciation rewrites a million rows without touching them). Deletes cascade.
CREATE OR REPLACE FUNCTION card_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO card_search (card_id, unit_id, card_no, search_text) SELECT id, unit_id, card_no, search_text FROM inserted_cards;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER cards_search_insert AFTER INSERT ON cards
  REFERENCING NEW TABLE AS inserted_cards FOR EACH STATEMENT EXECUTE FUNCTION card_search_inserted();

CREATE OR REPLACE FUNCTION card_search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE card_search SET unit_id = NEW.unit_id, card_no = NEW.card_no, search_text = NEW.search_text WHERE card_id = NEW.id;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER cards_search_update AFTER UPDATE ON cards FOR EACH ROW
  WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.card_no IS DISTINCT FROM NEW.card_no)
  EXECUTE FUNCTION card_search_updated();

-- The index must stay exact: a common word at PostgreSQL's default work_mem of 4 MB makes a lossy
-- bitmap, whose recheck runs card_search_keys() on every row of its pages (8 s); the sessions set
-- work_mem = 32MB (platform/db/engine.ts). Storing the grams in a column instead made the table
-- 2.4 times larger and the planner prefer a sequential scan: slower on both engines.
CREATE INDEX IF NOT EXISTS card_search_keys_idx ON card_search USING gin (card_search_keys(unit_id, search_text));
-- On two cores a parallel count of a common word measured slower (90–130 ms) than one process (72 ms).
ALTER TABLE card_search SET (parallel_workers = 0);
