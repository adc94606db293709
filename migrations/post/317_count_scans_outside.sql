-- The scans outside a count's expected list (surplus, another scope's card), found at once: the
-- result reads them for its surplus and outside lines and totals, and they are few, while a count of a
-- million cards holds a million expected scans (count-result.queries.ts). Idempotent.
CREATE INDEX IF NOT EXISTS count_scans_outside_idx ON count_scans (count_id) WHERE NOT expected;
