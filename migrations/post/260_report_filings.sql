-- A locked monthly report (report_filings, docs/domain.md §7) is sealed like the ledger: its canonical
-- data and its workbook are hashed, and each locked filing's hash chains the one locked before it (by
-- seq), so `gongwu audit verify` finds a stored report altered, replaced or removed. The service and
-- the verification both call these functions, so they can never disagree. Idempotent.

CREATE OR REPLACE FUNCTION report_data_hash(p_canonical text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(p_canonical, 'UTF8')), 'hex')
$$;

CREATE OR REPLACE FUNCTION report_file_hash(p_file_base64 text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(decode(p_file_base64, 'base64')), 'hex')
$$;

CREATE OR REPLACE FUNCTION report_filing_hash(
  p_prev text, p_seq integer, p_unit uuid, p_month date, p_data_hash text, p_file_hash text, p_reviewed_by uuid, p_reviewed_at timestamptz
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', coalesce(p_prev, repeat('0', 64)), p_seq::text, p_unit::text, p_month::text,
    p_data_hash, p_file_hash, coalesce(p_reviewed_by::text, ''), to_char(p_reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')), 'hex')
$$;

-- A locked filing is never rewritten: only its status could be asked to change, and it may not.
CREATE OR REPLACE FUNCTION report_filings_locked_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'locked' THEN
    RAISE EXCEPTION 'report filing % is locked', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
DROP TRIGGER IF EXISTS report_filings_locked_guard ON report_filings;
CREATE TRIGGER report_filings_locked_guard BEFORE UPDATE OR DELETE ON report_filings
  FOR EACH ROW EXECUTE FUNCTION report_filings_locked_guard();
