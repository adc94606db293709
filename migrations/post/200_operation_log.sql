-- 操作日志 is append-only: no entry may be changed or removed (a restore empties tables with
-- TRUNCATE, which row triggers do not see). Idempotent.
CREATE OR REPLACE FUNCTION operation_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'operation_log is append-only';
END $$;
DROP TRIGGER IF EXISTS operation_log_append_only ON operation_log;
CREATE TRIGGER operation_log_append_only BEFORE UPDATE OR DELETE ON operation_log
  FOR EACH ROW EXECUTE FUNCTION operation_log_append_only();
