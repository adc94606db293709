-- 先调剂后购置 by spec attributes (src/shared/spec-attributes.rules.ts): a configuration line that
-- names a spec is matched only against cards with a spec recorded, read from this partial index in
-- net-value order; without it the match read every idle card of a big category to find none.
-- The predicate is written out the same in src/server/modules/workflow/spec-match.sql.ts.
CREATE INDEX IF NOT EXISTS cards_spec_idx ON cards (category_id, net_value_fen DESC)
  WHERE status IN ('idle', 'in_use')
    AND attributes ?| array['cpuType','memoryGb','storageGb','screenInch','printPpm','duplex','acHp','seats','displacement'];
