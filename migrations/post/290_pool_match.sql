-- The 先调剂后购置 match of a configuration line (workflow/standard.check.ts) offers the five idle
-- cards of the category with the highest net value that are not in the pool: read in that order from
-- this partial index instead of every card of the category sorted.
CREATE INDEX IF NOT EXISTS cards_idle_category_value_idx ON cards (category_id, net_value_fen DESC, card_no) WHERE status = 'idle';
