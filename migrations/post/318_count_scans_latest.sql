-- Each expected card's latest scan in the order the result asks for it (card, newest first), with the
-- two columns it reads: the result's DISTINCT ON walks this index instead of sorting every expected
-- scan of the count. At a million scanned cards on quiet cores the result took 3.1–3.4 s without it and
-- 2.6 s with it (count-result.queries.ts; decisions.md). Idempotent.
CREATE INDEX IF NOT EXISTS count_scans_latest_idx ON count_scans (count_id, card_id, scanned_at DESC, id DESC)
  INCLUDE (room_id, condition) WHERE expected;
