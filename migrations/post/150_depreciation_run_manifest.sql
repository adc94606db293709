-- The run's manifest (depreciation_runs.entry_cards, entry_checks): beside the digest (100), each
-- entry's card and a 64-bit check (hashtextextended) of the very line the digest hashes. The digest
-- says that a run was changed; the manifest says which card's entry: `audit verify` compares it with
-- the run's entries only for runs whose digest fails, so a change that leaves every figure adding up
-- (a monthly charge, a life, a category, an entry moved to another card) is still named by card and
-- month. Written in the same statement as the digest (finance depreciation.service.ts), from the same
-- lines, so the month's run pays a hash per entry and two arrays per unit, not a wider entry. Idempotent.

-- One entry's check: the 64-bit hash of its digest line.
CREATE OR REPLACE FUNCTION depreciation_entry_check(
  p_card_id uuid, p_unit_id uuid, p_category_id uuid, p_month date, p_months integer, p_amount bigint, p_monthly bigint,
  p_value bigint, p_life integer, p_before bigint, p_after bigint, p_method text, p_workload numeric
) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT hashtextextended(depreciation_entry_line(p_card_id, p_unit_id, p_category_id, p_month, p_months, p_amount, p_monthly,
    p_value, p_life, p_before, p_after, p_method, p_workload), 0)
$$;

-- Runs sealed before the manifest get one from their entries as they stand (as 100 did for the digest).
UPDATE depreciation_runs r SET entry_cards = coalesce(m.cards, '{}'), entry_checks = coalesce(m.checks, '{}')
FROM depreciation_runs x LEFT JOIN (
  SELECT e.run_id, array_agg(e.card_id) AS cards,
    array_agg(depreciation_entry_check(e.card_id, e.unit_id, e.category_id, e.month, e.months, e.amount_fen, e.monthly_fen,
      e.original_value_fen, e.useful_life_months, e.accumulated_before_fen, e.accumulated_after_fen, e.method, e.workload)) AS checks
  FROM depreciation_entries e WHERE e.run_id IN (SELECT id FROM depreciation_runs WHERE entry_cards IS NULL) GROUP BY e.run_id
) m ON m.run_id = x.id
WHERE r.id = x.id AND x.entry_cards IS NULL;
