-- A monthly run adds to the accumulated depreciation of most cards. A card row is wide (~500 bytes)
-- and an update writes a new version of it; when the new version fits on the same page and no
-- indexed column changes, PostgreSQL updates in place (HOT): no index entries, no search-index
-- work, a few seconds for a million cards. Updating every row of a page needs as much free room as
-- the page's rows take, hence half-full pages (measured at 1,000,000 cards: ~2.5 s HOT against
-- 40-85 s when the rows move). The last month's versions are pruned when the page is next read,
-- so the room comes back every month. At 85 the table grew to the same size anyway after a few
-- runs, with every index bloated besides. Applies to pages written from now on: an existing table
-- moves each card once, at its next update. Idempotent.
ALTER TABLE cards SET (fillfactor = 50);
