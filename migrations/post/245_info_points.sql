-- Information points and their cabling (docs/domain.md §11): what the database itself refuses.
-- Kinds and statuses are closed lists; an active point serves a unit; a VLAN is 1–4094; a
-- calendar day is a holiday or an adjusted working day. (A port's one link of each kind is the
-- key of net_links.) Idempotent.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'net_ports_kind') THEN
    ALTER TABLE net_ports ADD CONSTRAINT net_ports_kind CHECK (kind IN ('panel', 'switch'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'net_links_kind') THEN
    ALTER TABLE net_links ADD CONSTRAINT net_links_kind CHECK (kind IN ('patch', 'cable'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'info_points_shape') THEN
    ALTER TABLE info_points ADD CONSTRAINT info_points_shape CHECK (
      status IN ('active', 'spare', 'faulty', 'removed') AND (vlan IS NULL OR vlan BETWEEN 1 AND 4094)
      AND (status <> 'active' OR unit_id IS NOT NULL));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'om_calendar_days_kind') THEN
    ALTER TABLE om_calendar_days ADD CONSTRAINT om_calendar_days_kind CHECK (kind IN ('holiday', 'workday'));
  END IF;
END $$;

CREATE INDEX IF NOT EXISTS work_orders_point_idx ON work_orders (point_id) WHERE point_id IS NOT NULL;
