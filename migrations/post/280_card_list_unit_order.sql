-- The card list of one unit (or a few) in card-number order, the default: walk the unit's slice of
-- this index and stop at the page, reading the id beside the number (an index-only scan). Without
-- it the planner walked the whole card_no index and dropped other units' cards: 18,000 rows read
-- for a 50-row page of the demo's unit, 37 ms, where this reads 150 index entries (0.1 ms).
-- Measured in docs/decisions.md ("The card list's unit order index"). Idempotent.
CREATE INDEX IF NOT EXISTS cards_unit_card_no_idx ON cards (unit_id, card_no, id);
