-- A monthly run rewrites every depreciating card's accumulated depreciation. Leaving room in each
-- page lets PostgreSQL update those rows in place (HOT: no index changes, as no index covers the
-- column), which keeps a month over a million cards within seconds. Idempotent.
ALTER TABLE cards SET (fillfactor = 85);
ALTER TABLE depreciation_entries SET (autovacuum_vacuum_scale_factor = 0.05);
