-- Reports roll card figures back from their current values through the ledger events that changed
-- them (value, accumulated depreciation, owner unit). This partial index holds only those events,
-- so a report over a year reads a small slice of card_events, not all of it. Idempotent.
CREATE INDEX IF NOT EXISTS card_events_figures_idx ON card_events (card_id, seq)
  WHERE (before ? 'originalValueFen' OR before ? 'accumulatedDepreciationFen' OR type = 'transferred_out');

-- Report periods select additions and disposals by date.
CREATE INDEX IF NOT EXISTS cards_posted_on_idx ON cards (posted_on);
CREATE INDEX IF NOT EXISTS cards_disposed_on_idx ON cards (disposed_on) WHERE disposed_on IS NOT NULL;
