-- The card list filtered by owner unit and a category subtree (often with a status), e.g. a unit's
-- computers in use: one probe per category of the subtree instead of scanning the unit's cards or
-- the category's cards of every unit. Measured by `gongwu bench` (bench/README.md). Idempotent.
CREATE INDEX IF NOT EXISTS cards_unit_category_status_idx ON cards (unit_id, category_id, status);
