-- The pool's statistics count by business day: requests decided and listings closed before these
-- columns existed get the day of their timestamp in the business zone (Asia/Shanghai). Idempotent.
UPDATE pool_requests SET decided_on = (decided_at AT TIME ZONE 'Asia/Shanghai')::date
WHERE decided_on IS NULL AND decided_at IS NOT NULL;
UPDATE pool_listings SET closed_on = (closed_at AT TIME ZONE 'Asia/Shanghai')::date
WHERE closed_on IS NULL AND closed_at IS NOT NULL;
