-- The dashboard's over-standard count reads more of a card than 120_change_counters.sql watched: the
-- custodian (the cap follows the custodian's rank), the room (conference tables are capped per m² of
-- their room) and the attributes (paper size and colour choose the printer's standard), and the
-- rooms' usable area. A change to any of them now raises the counter of the card's unit (rooms: the
-- reference counter), so the cached figures stay exact. Idempotent.
-- Inserts and deletes: every unit of the statement's rows. (Updates are compared per row, on the
-- wider list above: migrations/post/320_card_touch_rows.sql.)
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

DO $$
BEGIN
  IF to_regclass('rooms') IS NOT NULL THEN
    DROP TRIGGER IF EXISTS rooms_touch_ref ON rooms;
    CREATE TRIGGER rooms_touch_ref AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rooms FOR EACH STATEMENT EXECUTE FUNCTION gongwu_touch_ref();
  END IF;
END $$;
