-- The dashboard's over-standard count reads more of a card than 120_change_counters.sql watched: the
-- custodian (the cap follows the custodian's rank), the room (conference tables are capped per m² of
-- their room) and the attributes (paper size and colour choose the printer's standard), and the
-- rooms' usable area. A change to any of them now raises the counter of the card's unit (rooms: the
-- reference counter), so the cached figures stay exact. Replaces 120's card trigger function with the
-- wider comparison; the triggers themselves are 120's. Idempotent.
CREATE OR REPLACE FUNCTION gongwu_touch_cards() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO change_touches (tx, key) SELECT DISTINCT txid_current(), 'unit:' || unit_id FROM new_rows WHERE unit_id IS NOT NULL
    ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only changes to what the cached figures read (owner, category, value, depreciation, status,
    -- use, dates, quantity, the name, and what the over-standard verdict reads: custodian, room,
    -- attributes): a note does not count.
    INSERT INTO change_touches (tx, key)
    SELECT DISTINCT txid_current(), 'unit:' || u
    FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (n.unit_id), (o.unit_id)) x(u)
    WHERE u IS NOT NULL
      AND (n.unit_id, n.category_id, n.original_value_fen, n.accumulated_depreciation_fen, n.status, n.use_mode, n.posted_on,
           n.disposed_on, n.quantity, n.name, n.custodian_id, n.room_id, n.attributes)
          IS DISTINCT FROM
          (o.unit_id, o.category_id, o.original_value_fen, o.accumulated_depreciation_fen, o.status, o.use_mode, o.posted_on,
           o.disposed_on, o.quantity, o.name, o.custodian_id, o.room_id, o.attributes)
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
