-- The cards ever moved between units (transfer events), found at once: the asset summary reads them
-- first and passes their ids to its one scan of the cards, instead of an anti-join of every card
-- against the transfers (reports summary.queries.ts; measured in bench/README.md). Idempotent.
CREATE INDEX IF NOT EXISTS card_events_transfers_idx ON card_events (card_id) WHERE type = 'transferred_out';
