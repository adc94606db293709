-- (Superseded by 100_depreciation_run_digest.sql, which drops these columns and seals each run instead.)
-- The depreciation ledger is tamper-evident like the card ledger (010_card_ledger.sql): each entry
-- stores the hash of the card's previous entry (by month; 64 zeros for the first) and a hash of its
-- own fields with it, written by the monthly run (card-depreciation.service.ts). `audit verify`
-- recomputes them, so an entry altered, deleted or inserted by hand in SQL is found and named by
-- card and month; the runs' counts and totals catch the removal of a month's last entries.
-- Idempotent.
CREATE OR REPLACE FUNCTION depreciation_entry_hash(
  p_prev_hash text, p_card_id uuid, p_unit_id uuid, p_month date, p_months integer, p_amount bigint, p_monthly bigint,
  p_value bigint, p_life integer, p_before bigint, p_after bigint, p_method text, p_workload numeric
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    p_prev_hash, p_card_id::text, p_unit_id::text, p_month::text, p_months::text, p_amount::text, p_monthly::text,
    p_value::text, coalesce(p_life::text, ''), p_before::text, p_after::text, p_method, coalesce(p_workload::text, '')
  ), 'UTF8')), 'hex')
$$;
