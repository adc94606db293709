-- The depreciation ledger's seal is one digest per run (depreciation_runs.digest), not a hash per
-- entry: a month's run writes a million entries, and two 64-character hashes on each made every entry
-- ~130 bytes wider and cost a SHA-256 per row (see docs/decisions.md, "One digest per depreciation
-- run"). The digest hashes the run's entries in card order, chained to the unit's previous run, so
-- `audit verify` still finds an entry altered, inserted or deleted in SQL (the run), and names the
-- card where its figures no longer follow (before + charge = after; each month starting from the
-- month before's balance). Written by the monthly run in its transaction (finance
-- depreciation.service.ts). Idempotent.

ALTER TABLE depreciation_entries DROP COLUMN IF EXISTS prev_hash;
ALTER TABLE depreciation_entries DROP COLUMN IF EXISTS hash;
ALTER TABLE depreciation_runs ADD COLUMN IF NOT EXISTS digest text;

-- One entry as the digest reads it: every figure that a report or the next month's charge uses.
CREATE OR REPLACE FUNCTION depreciation_entry_line(
  p_card_id uuid, p_unit_id uuid, p_category_id uuid, p_month date, p_months integer, p_amount bigint, p_monthly bigint,
  p_value bigint, p_life integer, p_before bigint, p_after bigint, p_method text, p_workload numeric
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT concat_ws('|', p_card_id::text, p_unit_id::text, p_category_id::text, p_month::text, p_months::text, p_amount::text,
    p_monthly::text, p_value::text, coalesce(p_life::text, ''), p_before::text, p_after::text, p_method, coalesce(p_workload::text, ''))
$$;

-- A run's entries, one line each in card order: read along the (run_id, card_id) unique index, no sort.
CREATE OR REPLACE FUNCTION depreciation_run_body(p_run uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(depreciation_entry_line(e.card_id, e.unit_id, e.category_id, e.month, e.months, e.amount_fen, e.monthly_fen,
    e.original_value_fen, e.useful_life_months, e.accumulated_before_fen, e.accumulated_after_fen, e.method, e.workload), E'\n' ORDER BY e.card_id), '')
  FROM depreciation_entries e WHERE e.run_id = p_run
$$;

-- The digest of a run: its body chained to the unit's previous run's digest (64 zeros for the first).
CREATE OR REPLACE FUNCTION depreciation_run_digest(p_prev text, p_body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(coalesce(p_prev, repeat('0', 64)) || E'\n' || p_body, 'UTF8')), 'hex')
$$;

-- Runs from before the digest (or any left without one) are sealed as they stand, month by month.
DO $$
DECLARE m date;
BEGIN
  FOR m IN SELECT DISTINCT month FROM depreciation_runs WHERE digest IS NULL ORDER BY month LOOP
    UPDATE depreciation_runs r SET digest = depreciation_run_digest(
      (SELECT p.digest FROM depreciation_runs p WHERE p.unit_id = r.unit_id AND p.month < r.month ORDER BY p.month DESC LIMIT 1),
      depreciation_run_body(r.id))
    WHERE r.month = m AND r.digest IS NULL;
  END LOOP;
END $$;
