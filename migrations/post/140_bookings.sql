-- Bookings of shared resources never overlap (DOMAIN §9): the database refuses it, whoever writes.
-- A pending hold and a confirmed booking both block [starts_at, blocked_until), where blocked_until
-- is the end plus the resource's buffer; cancelled and rejected bookings block nothing. Half-open
-- ranges, so a booking that ends at 10:00 and the next that starts at 10:00 do not collide.
-- A clash fails with SQLSTATE 23P01 (exclusion_violation), which the sharing service turns into a
-- 409 naming the booking in the way. Idempotent.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'bookings_no_overlap') THEN
    ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
      EXCLUDE USING gist (resource_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&)
      WHERE (status IN ('pending', 'confirmed'));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'bookings_span_positive') THEN
    ALTER TABLE bookings ADD CONSTRAINT bookings_span_positive CHECK (starts_at < ends_at AND ends_at <= blocked_until);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'bookings_status_known') THEN
    ALTER TABLE bookings ADD CONSTRAINT bookings_status_known CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled'));
  END IF;
END $$;

-- Booking numbers: one sequence (the year is the prefix, so numbers never repeat across years).
CREATE SEQUENCE IF NOT EXISTS booking_no_seq;
