-- Reading a date out of stored JSON (document payloads) without trusting it: a value that is not a
-- calendar date 'YYYY-MM-DD' between 1900 and 2200 (src/shared/dates.ts) reads as NULL instead of
-- failing the whole statement, so one bad stored row cannot take a list down. Idempotent.
CREATE OR REPLACE FUNCTION gw_date_or_null(v text) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF v IS NULL OR v !~ '^\d{4}-\d{2}-\d{2}$' OR substr(v, 1, 4)::int NOT BETWEEN 1900 AND 2200 THEN
    RETURN NULL;
  END IF;
  RETURN v::date;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;
