-- Closed months (unit_books.closed_through, finance.tables.ts) are immutable, whoever writes:
-- the card service, an import, the bench generator or a hand-written UPDATE. Idempotent.
--
-- * A card posted or disposed of with a date in a closed month of its owner unit is booked on the
--   first day of the unit's first open month; the real posting date is kept in recognized_on
--   (补记, a late entry; across a year end an adjustment of prior years).
-- * A depreciation entry or a card ledger event dated in a closed month is refused (SQLSTATE GW001,
--   mapped to the locked_period error), so neither a run nor any other event changes its figures.

-- The first day of the unit's first open month; null while none of its months is closed.
CREATE OR REPLACE FUNCTION books_open_from(p_unit uuid) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT (closed_through + interval '1 month')::date FROM unit_books WHERE unit_id = p_unit AND closed_through IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION cards_book_in_open_month() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  open_from date := books_open_from(NEW.unit_id);
BEGIN
  IF open_from IS NULL THEN RETURN NEW; END IF;
  IF NEW.posted_on IS NOT NULL AND NEW.posted_on < open_from
     AND (TG_OP = 'INSERT' OR NEW.posted_on IS DISTINCT FROM OLD.posted_on) THEN
    -- An opening balance (期初) is not a posting: its date is history, its figures open the books.
    IF NEW.opening_month IS NULL OR NEW.opening_month >= open_from THEN
      NEW.recognized_on := coalesce(NEW.recognized_on, NEW.posted_on);
      NEW.posted_on := open_from;
    END IF;
  END IF;
  IF NEW.disposed_on IS NOT NULL AND NEW.disposed_on < open_from
     AND (TG_OP = 'INSERT' OR NEW.disposed_on IS DISTINCT FROM OLD.disposed_on) THEN
    NEW.disposed_on := open_from;
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS cards_book_in_open_month_ins ON cards;
CREATE TRIGGER cards_book_in_open_month_ins BEFORE INSERT ON cards
  FOR EACH ROW WHEN (NEW.posted_on IS NOT NULL OR NEW.disposed_on IS NOT NULL) EXECUTE FUNCTION cards_book_in_open_month();
DROP TRIGGER IF EXISTS cards_book_in_open_month_upd ON cards;
CREATE TRIGGER cards_book_in_open_month_upd BEFORE UPDATE OF posted_on, disposed_on ON cards
  FOR EACH ROW EXECUTE FUNCTION cards_book_in_open_month();

-- A ledger event dated in a closed month would change that month's figures: refused. Statement-level
-- (one join over the statement's new rows), so a count's sync of 5,000 scan events pays one probe
-- of unit_books per unit, not a function call per event.
CREATE OR REPLACE FUNCTION card_events_refuse_closed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  open_from date;
BEGIN
  SELECT (b.closed_through + interval '1 month')::date INTO open_from
    FROM new_rows n JOIN unit_books b ON b.unit_id = n.unit_id
    WHERE b.closed_through IS NOT NULL
      AND (n.occurred_at AT TIME ZONE 'Asia/Shanghai')::date < (b.closed_through + interval '1 month')::date
    LIMIT 1;
  IF open_from IS NOT NULL THEN
    RAISE EXCEPTION '%', format('%s 已结账，不能记入该月的变动', to_char(open_from - 1, 'YYYY-MM')) USING ERRCODE = 'GW001';
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS card_events_refuse_closed ON card_events;
CREATE TRIGGER card_events_refuse_closed AFTER INSERT ON card_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION card_events_refuse_closed();

-- Depreciation entries of a closed month never change: any insert, update or delete touching one is
-- refused. Statement-level, so a month's run of a million entries pays one join, not a million probes.
CREATE OR REPLACE FUNCTION depreciation_entries_refuse_closed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad_month date;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT n.month INTO bad_month FROM new_rows n JOIN unit_books b ON b.unit_id = n.unit_id
      WHERE b.closed_through IS NOT NULL AND n.month <= b.closed_through LIMIT 1;
  END IF;
  IF bad_month IS NULL AND TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT o.month INTO bad_month FROM old_rows o JOIN unit_books b ON b.unit_id = o.unit_id
      WHERE b.closed_through IS NOT NULL AND o.month <= b.closed_through LIMIT 1;
  END IF;
  IF bad_month IS NOT NULL THEN
    RAISE EXCEPTION '%', format('%s 已结账，折旧不能修改', to_char(bad_month, 'YYYY-MM')) USING ERRCODE = 'GW001';
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS depreciation_entries_closed_ins ON depreciation_entries;
CREATE TRIGGER depreciation_entries_closed_ins AFTER INSERT ON depreciation_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION depreciation_entries_refuse_closed();
DROP TRIGGER IF EXISTS depreciation_entries_closed_upd ON depreciation_entries;
CREATE TRIGGER depreciation_entries_closed_upd AFTER UPDATE ON depreciation_entries
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION depreciation_entries_refuse_closed();
DROP TRIGGER IF EXISTS depreciation_entries_closed_del ON depreciation_entries;
CREATE TRIGGER depreciation_entries_closed_del AFTER DELETE ON depreciation_entries
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION depreciation_entries_refuse_closed();
