-- Change counters: a number per unit that grows with every committed change to that unit's cards'
-- figures (owner, category, value, depreciation, status, use, dates, quantity, name),
-- and one ('ref') for the reference data the dashboard also reads (units, categories, standards,
-- staff). A cached result remembers the sum of its scope's counters read before it was computed,
-- and is served only while that sum is unchanged, so it is exact whichever process wrote.
--
-- The counters are raised at commit, not at the statement: a trigger notes which
-- units a transaction touched in change_touches (inserts of different transactions never wait for
-- each other), and a deferred trigger on that table raises the counters in key order when the
-- transaction commits. So an import never holds a unit's counter for its whole length (an edit in
-- the same unit would wait for it), and two commits lock counters in the same order (no deadlock).
-- Idempotent.
CREATE TABLE IF NOT EXISTS change_counters (key text PRIMARY KEY, n bigint NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS change_touches (tx bigint NOT NULL, key text NOT NULL, PRIMARY KEY (tx, key));

CREATE OR REPLACE FUNCTION gongwu_touch_cards() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO change_touches (tx, key) SELECT DISTINCT txid_current(), 'unit:' || unit_id FROM new_rows WHERE unit_id IS NOT NULL
    ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO change_touches (tx, key) SELECT DISTINCT txid_current(), 'unit:' || unit_id FROM old_rows WHERE unit_id IS NOT NULL
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION gongwu_touch_ref() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_touches (tx, key) VALUES (txid_current(), 'ref') ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- At commit: the first deferred event of a transaction raises all its counters (locked in key
-- order) and clears its notes; the later events of the same transaction find nothing left.
CREATE OR REPLACE FUNCTION gongwu_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  keys text[];
BEGIN
  WITH gone AS (DELETE FROM change_touches WHERE tx = NEW.tx RETURNING key) SELECT array_agg(key ORDER BY key) INTO keys FROM gone;
  IF keys IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO change_counters (key, n) SELECT k, 0 FROM unnest(keys) k ORDER BY k ON CONFLICT DO NOTHING;
  PERFORM 1 FROM change_counters WHERE key = ANY (keys) ORDER BY key FOR UPDATE;
  UPDATE change_counters SET n = n + 1 WHERE key = ANY (keys);
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS cards_touch_ins ON cards;
CREATE TRIGGER cards_touch_ins AFTER INSERT ON cards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gongwu_touch_cards();
-- Updates: a row trigger, migrations/post/320_card_touch_rows.sql.
DROP TRIGGER IF EXISTS cards_touch_del ON cards;
CREATE TRIGGER cards_touch_del AFTER DELETE ON cards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gongwu_touch_cards();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['units', 'categories', 'standards', 'staff'] LOOP
    IF to_regclass(t) IS NOT NULL THEN
      EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_touch_ref', t);
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION gongwu_touch_ref()', t || '_touch_ref', t);
    END IF;
  END LOOP;
END $$;

DROP TRIGGER IF EXISTS change_touches_count ON change_touches;
CREATE CONSTRAINT TRIGGER change_touches_count AFTER INSERT ON change_touches DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION gongwu_count_changes();
