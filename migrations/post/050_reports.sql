-- Reports roll card figures back from their current values through the ledger events that changed
-- them (value, accumulated depreciation, owner unit) since the period began. This partial index holds
-- only those events, by time, so a report reads the period's and later ones, not every one ever
-- written: keyed by card, it made a cold 月01 read all 21,969 of a million-card ledger, one page each
-- (1.3 s), to keep 200. Idempotent (replaces the index of the same name keyed by card and seq).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'card_events_figures_idx' AND indexdef LIKE '%(card_id, seq)%') THEN
    DROP INDEX card_events_figures_idx;
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS card_events_figures_idx ON card_events (occurred_at)
  WHERE (before ? 'originalValueFen' OR before ? 'accumulatedDepreciationFen' OR type = 'transferred_out');

-- Report periods select additions and disposals by date.
CREATE INDEX IF NOT EXISTS cards_posted_on_idx ON cards (posted_on);
CREATE INDEX IF NOT EXISTS cards_disposed_on_idx ON cards (disposed_on) WHERE disposed_on IS NOT NULL;
