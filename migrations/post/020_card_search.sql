-- Card search (any fragment of card number, name, spec, brand or serial; Chinese or Latin).
-- cards.search_text is a generated column (card.tables.ts). pg_trgm's GIN index serves LIKE
-- patterns of 3+ characters but cannot serve 2-character ones, and Chinese queries are often two
-- characters (打印, 电脑), so a second GIN index holds each row's distinct 2-grams. Queries always
-- recheck with LIKE, so results are exact whichever index narrows them. Idempotent.

-- The distinct 2-grams of a string, leaving out those that straddle the field separator chr(31).
CREATE OR REPLACE FUNCTION card_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
  FROM (SELECT substr(t, i, 2) AS g FROM generate_series(1, char_length(t) - 1) AS i) s
  WHERE strpos(g, chr(31)) = 0
$$;

CREATE INDEX IF NOT EXISTS cards_search_trgm_idx ON cards USING gin (search_text gin_trgm_ops);
CREATE INDEX IF NOT EXISTS cards_search_bigram_idx ON cards USING gin (card_bigrams(search_text));
