-- The workspace's reminders (我的工作台): warranties ending within 30 days, within a unit (its
-- administrator) and over every unit (the committee's officer), without visiting a unit's other
-- cards. Partial: most cards carry no warranty date. Idempotent.
CREATE INDEX IF NOT EXISTS cards_unit_warranty_idx ON cards (unit_id, warranty_until) WHERE warranty_until IS NOT NULL;
CREATE INDEX IF NOT EXISTS cards_warranty_idx ON cards (warranty_until) WHERE warranty_until IS NOT NULL;
-- My requests (applicant or submitter) and the lendings out, by their state.
CREATE INDEX IF NOT EXISTS documents_applicant_idx ON documents (applicant_id, status);
CREATE INDEX IF NOT EXISTS documents_submitted_by_idx ON documents (submitted_by, status) WHERE submitted_by IS NOT NULL;
