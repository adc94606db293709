-- The 先调剂后购置 match of a configuration line (workflow/standard.check.ts idleOffers) offers the five
-- idle cards of the category with the highest net value that are not in the pool, read in that order
-- from a partial index instead of every idle card of the category sorted; a line that names a spec
-- (src/shared/spec-attributes.rules.ts) reads only the idle cards with a spec recorded (the predicate is
-- written out the same in src/server/modules/workflow/spec-match.sql.ts).
--
-- Both index idle_net_value_fen, not net_value_fen. A month's depreciation run writes the accumulated
-- depreciation of nearly every card; while net_value_fen (computed from it) was indexed, no update could
-- stay on its page (HOT), and each rewrote all seventeen indexes of cards: at a million cards the run's
-- update took 36 s of a 51 s run, 22 s in all without. idle_net_value_fen is null for every card not
-- idle, so the run leaves it unchanged on all but those. Replaces the indexes of the former 290 and 310.
DROP INDEX IF EXISTS cards_idle_category_value_idx;
DROP INDEX IF EXISTS cards_spec_idx;
CREATE INDEX IF NOT EXISTS cards_idle_value_idx ON cards (category_id, idle_net_value_fen DESC, card_no) WHERE status = 'idle';
CREATE INDEX IF NOT EXISTS cards_idle_spec_idx ON cards (category_id, idle_net_value_fen DESC)
  WHERE status = 'idle'
    AND attributes ?| array['cpuType','memoryGb','storageGb','screenInch','printPpm','duplex','acHp','seats','displacement'];
