-- Card updates note their units row by row (replaces the statement trigger of 120 and 314 for UPDATE).
-- A statement trigger with transition tables keeps a copy of every old and new row the statement
-- changed: a month's depreciation run changes nearly every card, so it wrote 437,061 × 2 whole rows to
-- temporary files and joined them, about 4 s of a 29 s run at a million cards, to learn the units it
-- already knows. Now the comparison is the trigger's WHEN, evaluated per row with no copy kept; a row
-- that changed what the cached figures read (owner, category, value, depreciation, status, use, dates,
-- quantity, name, and what the over-standard verdict reads: custodian, room, attributes) notes its
-- units. The run alone sets gongwu.depreciation_run for its one UPDATE of accumulated depreciation
-- (assets/card-depreciation.service.ts) and notes the units it charged itself, in the same statement.
-- Inserts and deletes keep 120's statement triggers. Idempotent.
CREATE OR REPLACE FUNCTION gongwu_touch_card_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO change_touches (tx, key)
  SELECT DISTINCT txid_current(), 'unit:' || u FROM (VALUES (NEW.unit_id), (OLD.unit_id)) x(u) WHERE u IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- The units of a statement's cards, noted for the change counters (what the row trigger does, once).
CREATE OR REPLACE FUNCTION gongwu_touch_units(p_units uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO change_touches (tx, key)
  SELECT DISTINCT txid_current(), 'unit:' || u FROM unnest(p_units) u WHERE u IS NOT NULL
  ON CONFLICT DO NOTHING;
$$;

DROP TRIGGER IF EXISTS cards_touch_upd ON cards;
CREATE TRIGGER cards_touch_upd AFTER UPDATE ON cards FOR EACH ROW
  WHEN ((OLD.unit_id, OLD.category_id, OLD.original_value_fen, OLD.status, OLD.use_mode, OLD.posted_on, OLD.disposed_on,
         OLD.quantity, OLD.name, OLD.custodian_id, OLD.room_id, OLD.attributes)
        IS DISTINCT FROM
        (NEW.unit_id, NEW.category_id, NEW.original_value_fen, NEW.status, NEW.use_mode, NEW.posted_on, NEW.disposed_on,
         NEW.quantity, NEW.name, NEW.custodian_id, NEW.room_id, NEW.attributes)
     OR (OLD.accumulated_depreciation_fen IS DISTINCT FROM NEW.accumulated_depreciation_fen
         AND current_setting('gongwu.depreciation_run', true) IS DISTINCT FROM 'on'))
  EXECUTE FUNCTION gongwu_touch_card_row();
