-- Machine rooms (docs/domain.md §10): what the database itself refuses, whoever writes.
-- rack_slots: two devices in one U, or a reservation over a device, on the same face of one rack
-- (a full-depth thing occupies both faces: side 'both' is the range [0,2), 'front' [0,1), 'rear'
-- [1,2)). U ranges are closed [u_low, u_high]. A clash fails with SQLSTATE 23P01, which the
-- machine-room service turns into a 409 naming what is in the way. Idempotent.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'rack_slots_no_overlap') THEN
    ALTER TABLE rack_slots ADD CONSTRAINT rack_slots_no_overlap
      EXCLUDE USING gist (
        rack_id WITH =,
        int4range(u_low, u_high, '[]') WITH &&,
        int4range(CASE WHEN side = 'rear' THEN 1 ELSE 0 END, CASE WHEN side = 'front' THEN 1 ELSE 2 END) WITH &&
      );
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'rack_slots_shape') THEN
    ALTER TABLE rack_slots ADD CONSTRAINT rack_slots_shape CHECK (
      u_low >= 1 AND u_low <= u_high AND side IN ('front', 'rear', 'both') AND power_w >= 0
      AND ((kind = 'device' AND card_id IS NOT NULL) OR (kind = 'reservation' AND card_id IS NULL AND reason IS NOT NULL)));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'racks_shape') THEN
    ALTER TABLE racks ADD CONSTRAINT racks_shape CHECK (height_u BETWEEN 1 AND 60 AND power_budget_w >= 0);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'machine_rooms_grade') THEN
    ALTER TABLE machine_rooms ADD CONSTRAINT machine_rooms_grade CHECK (grade IN ('A', 'B', 'C') AND area_m2 > 0);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'work_orders_status_known') THEN
    ALTER TABLE work_orders ADD CONSTRAINT work_orders_status_known CHECK (
      status IN ('reported', 'accepted', 'on_site', 'resolved', 'confirmed') AND priority IN ('p1', 'p2', 'p3', 'p4')
      AND clock IN ('business', '24x7'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'custody_status_known') THEN
    ALTER TABLE custody_agreements ADD CONSTRAINT custody_status_known CHECK (
      status IN ('submitted', 'in_force', 'rejected', 'ended'));
  END IF;
END $$;

-- A device is placed once; a card is in at most one pending or in-force custody agreement; a
-- room's rows and racks have unique codes.
CREATE UNIQUE INDEX IF NOT EXISTS rack_slots_card_once ON rack_slots (card_id) WHERE kind = 'device';
CREATE UNIQUE INDEX IF NOT EXISTS custody_items_card_active ON custody_items (card_id) WHERE active;
CREATE UNIQUE INDEX IF NOT EXISTS rack_rows_code ON rack_rows (machine_room_id, code);
CREATE UNIQUE INDEX IF NOT EXISTS racks_code ON racks (machine_room_id, code);

CREATE SEQUENCE IF NOT EXISTS work_order_no_seq;
CREATE SEQUENCE IF NOT EXISTS custody_no_seq;
