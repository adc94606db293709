-- Physical counts at a million cards (docs/decisions.md, "Counts at a million cards"). Idempotent.
-- The columns are in inventory.tables.ts too; added here for databases made before them.
ALTER TABLE counts ADD COLUMN IF NOT EXISTS changes_from timestamptz;
ALTER TABLE counts ADD COLUMN IF NOT EXISTS snapshot_room_ids uuid[];

-- Counts started before the columns: their snapshot's rooms, and changes looked for from their start.
UPDATE counts c SET snapshot_room_ids = ARRAY(SELECT DISTINCT i.room_id FROM count_items i WHERE i.count_id = c.id AND i.room_id IS NOT NULL)
  WHERE c.status <> 'planned' AND c.snapshot_room_ids IS NULL;
UPDATE counts SET changes_from = started_at WHERE changes_from IS NULL AND started_at IS NOT NULL;

-- "Changed while counting": the ledger events since a count's snapshot, by time, without the count's
-- own events (a million-card count writes a scan event per card, and they change no card). The
-- predicate is written out the same in inventory count-result.queries.ts.
CREATE INDEX IF NOT EXISTS card_events_changes_idx ON card_events (occurred_at)
  WHERE type NOT IN ('count_scanned', 'count_result');
