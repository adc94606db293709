-- A booking nobody checked in to is released as a no-show (DOMAIN §9, check-in): the status joins
-- the known ones, and like cancelled and rejected it blocks nothing (the exclusion constraint of
-- 140_bookings.sql covers pending and confirmed only), so the rest of its slot is free at once.
-- The auto-release sweep reads confirmed bookings by start among those of resources that ask for a
-- check-in; the partial index keeps that read small. Idempotent.

ALTER TABLE bookings DROP CONSTRAINT IF EXISTS bookings_status_known;
ALTER TABLE bookings ADD CONSTRAINT bookings_status_known
  CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'no_show'));

CREATE INDEX IF NOT EXISTS bookings_awaiting_checkin_idx ON bookings (starts_at)
  WHERE status = 'confirmed' AND checked_in_at IS NULL;
