-- Opening balances (期初, finance.tables.ts unit_books; cards.opening_month): a card that comes in
-- with accumulated depreciation holds it as of a month, and the months it holds. Whoever inserts
-- it (the card service, an import, the demo generator), a missing month is the unit's takeover
-- month, or the month before today; missing months held are those from its posting month through
-- that month (capped at its life). The first run then charges (value − accumulated) / (life −
-- months held), never again a month the balance holds. Fires before the period triggers (names
-- sort "00" first), so an opening balance is not mistaken for a late posting. Idempotent.
CREATE OR REPLACE FUNCTION cards_opening_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.opening_month IS NULL THEN
    NEW.opening_month := coalesce(
      (SELECT takeover_month FROM unit_books WHERE unit_id = NEW.unit_id),
      (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '1 month')::date);
  END IF;
  IF NEW.opening_depreciated_months IS NULL THEN
    NEW.opening_depreciated_months := CASE WHEN NEW.posted_on IS NULL THEN 0 ELSE
      least(coalesce(NEW.useful_life_months, 0), greatest(0,
        (extract(year FROM NEW.opening_month) * 12 + extract(month FROM NEW.opening_month))::int
        - (extract(year FROM NEW.posted_on) * 12 + extract(month FROM NEW.posted_on))::int + 1)) END;
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS cards_00_opening_defaults ON cards;
CREATE TRIGGER cards_00_opening_defaults BEFORE INSERT ON cards
  FOR EACH ROW WHEN (NEW.accumulated_depreciation_fen > 0 OR NEW.opening_depreciated_months IS NOT NULL OR NEW.opening_month IS NOT NULL)
  EXECUTE FUNCTION cards_opening_defaults();
