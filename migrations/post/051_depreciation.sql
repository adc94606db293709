-- The depreciation ledger takes a million rows a month: vacuum it before dead rows of re-runs pile
-- up. (Cards' fillfactor, which keeps a run's updates in place: 052_depreciation_fillfactor.sql.)
-- Idempotent.
ALTER TABLE depreciation_entries SET (autovacuum_vacuum_scale_factor = 0.05);
