-- depreciation_card_years (finance.tables.ts): the depreciation ledger rolled up per card and
-- calendar year, cum[k] = the sum of the card's entries for months 1..k, beside a copy of the
-- card's owner unit, category and posting and disposal dates. The asset summary of a year after
-- twelve monthly runs read 5.6 million entries at a million cards and joined them to the cards
-- (4.3 s); it reads this table alone instead. Kept by triggers, so every writer of the ledger (the
-- monthly run, its re-run's deletes, any later correction) and of the cards keeps it exact.
-- Idempotent.
--
-- The monthly run updates one row per charged card of the year: half-full pages keep those updates
-- on their page (HOT), as for cards (052_depreciation_fillfactor.sql).
ALTER TABLE depreciation_card_years SET (fillfactor = 50);

-- The month index (year × 12 + month − 1) of the day after d: the first month whose entries, dated
-- their month's last day, come after d. Null for null.
CREATE OR REPLACE FUNCTION depreciation_month_after(d date) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (extract(year FROM d + 1) * 12 + extract(month FROM d + 1) - 1)::int
$$;

-- A year's cumulative months with `amount` added to month m (and so to every month from m on).
CREATE OR REPLACE FUNCTION depreciation_cum_add(cum bigint[], m int, amount bigint) RETURNS bigint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[
    cum[1] + CASE WHEN m <= 1 THEN amount ELSE 0 END, cum[2] + CASE WHEN m <= 2 THEN amount ELSE 0 END,
    cum[3] + CASE WHEN m <= 3 THEN amount ELSE 0 END, cum[4] + CASE WHEN m <= 4 THEN amount ELSE 0 END,
    cum[5] + CASE WHEN m <= 5 THEN amount ELSE 0 END, cum[6] + CASE WHEN m <= 6 THEN amount ELSE 0 END,
    cum[7] + CASE WHEN m <= 7 THEN amount ELSE 0 END, cum[8] + CASE WHEN m <= 8 THEN amount ELSE 0 END,
    cum[9] + CASE WHEN m <= 9 THEN amount ELSE 0 END, cum[10] + CASE WHEN m <= 10 THEN amount ELSE 0 END,
    cum[11] + CASE WHEN m <= 11 THEN amount ELSE 0 END, cum[12] + amount]
$$;

-- The entries a statement added (+) and removed (−) go into their cards' rows one month at a time
-- (a run writes one month): a card has at most one entry a month, so a pass adds at most one amount
-- to a row and needs no grouping. A card's first entry of a year creates its row, copying the card.
CREATE OR REPLACE FUNCTION depreciation_card_years_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT card_id, month, amount_fen FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT card_id, month, -amount_fen FROM old_rows'
    ELSE 'SELECT card_id, month, sum(amount_fen)::bigint FROM (SELECT card_id, month, amount_fen FROM new_rows
          UNION ALL SELECT card_id, month, -amount_fen FROM old_rows) x GROUP BY card_id, month' END;
  mo date;
BEGIN
  FOR mo IN EXECUTE format('SELECT DISTINCT month FROM (%s) c (card_id, month, amount)', changes) LOOP
    EXECUTE format($q$
      UPDATE depreciation_card_years t SET cum = depreciation_cum_add(t.cum, $2, c.amount)
      FROM (%s) c (card_id, month, amount)
      WHERE c.month = $1 AND t.card_id = c.card_id AND t.year = $3
    $q$, changes) USING mo, extract(month FROM mo)::int, extract(year FROM mo)::smallint;
    EXECUTE format($q$
      INSERT INTO depreciation_card_years (card_id, year, unit_id, category_id, posted_on, disposed_on, posted_month_index, disposed_month_index, cum)
      SELECT c.card_id, $3, k.unit_id, k.category_id, k.posted_on, k.disposed_on,
             depreciation_month_after(k.posted_on), depreciation_month_after(k.disposed_on), depreciation_cum_add(array_fill(0::bigint, ARRAY[12]), $2, c.amount)
      FROM (%s) c (card_id, month, amount) JOIN cards k ON k.id = c.card_id
      WHERE c.month = $1 AND NOT EXISTS (SELECT 1 FROM depreciation_card_years t WHERE t.card_id = c.card_id AND t.year = $3)
    $q$, changes) USING mo, extract(month FROM mo)::int, extract(year FROM mo)::smallint;
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER depreciation_entries_years_insert AFTER INSERT ON depreciation_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION depreciation_card_years_follow();
CREATE OR REPLACE TRIGGER depreciation_entries_years_delete AFTER DELETE ON depreciation_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION depreciation_card_years_follow();
CREATE OR REPLACE TRIGGER depreciation_entries_years_update AFTER UPDATE ON depreciation_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION depreciation_card_years_follow();

-- The copy follows the card: a transfer, reclassification, posting or disposal (a few rows at a
-- time; the monthly run's update of accumulated depreciation does not fire it).
CREATE OR REPLACE FUNCTION depreciation_card_years_card_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE depreciation_card_years SET unit_id = NEW.unit_id, category_id = NEW.category_id, posted_on = NEW.posted_on, disposed_on = NEW.disposed_on,
    posted_month_index = depreciation_month_after(NEW.posted_on), disposed_month_index = depreciation_month_after(NEW.disposed_on)
  WHERE card_id = NEW.id;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER cards_depreciation_years AFTER UPDATE OF unit_id, category_id, posted_on, disposed_on ON cards
  FOR EACH ROW WHEN ((OLD.unit_id, OLD.category_id, OLD.posted_on, OLD.disposed_on) IS DISTINCT FROM (NEW.unit_id, NEW.category_id, NEW.posted_on, NEW.disposed_on))
  EXECUTE FUNCTION depreciation_card_years_card_changed();
