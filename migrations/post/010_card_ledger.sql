-- The card ledger's hash chain (docs/domain.md §8). Idempotent: applied after every migrate.
-- An event's hash covers the previous event's hash and every field of its own, so altering,
-- removing or reordering any event breaks the chain from that point on.
CREATE OR REPLACE FUNCTION card_event_hash(
  p_prev_hash text, p_card_id uuid, p_seq integer, p_unit_id uuid, p_type text,
  p_document_id uuid, p_document_type text, p_actor_id uuid, p_occurred_at timestamptz,
  p_before jsonb, p_after jsonb, p_note text
) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|',
    p_prev_hash, p_card_id::text, p_seq::text, p_unit_id::text, p_type,
    coalesce(p_document_id::text, ''), coalesce(p_document_type, ''), coalesce(p_actor_id::text, ''),
    to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(p_before::text, ''), coalesce(p_after::text, ''), coalesce(p_note, '')
  ), 'UTF8')), 'hex')
$$;

CREATE OR REPLACE FUNCTION card_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_seq integer;
  last_hash text;
BEGIN
  SELECT e.seq, e.hash INTO last_seq, last_hash
    FROM card_events e WHERE e.card_id = NEW.card_id ORDER BY e.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := card_event_hash(NEW.prev_hash, NEW.card_id, NEW.seq, NEW.unit_id, NEW.type,
    NEW.document_id, NEW.document_type, NEW.actor_id, NEW.occurred_at, NEW.before, NEW.after, NEW.note);
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS card_events_chain ON card_events;
CREATE TRIGGER card_events_chain BEFORE INSERT ON card_events
  FOR EACH ROW EXECUTE FUNCTION card_events_chain();

-- Append-only: the ledger is never updated or deleted through the application.
CREATE OR REPLACE FUNCTION card_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'card_events is append-only';
END $$;

DROP TRIGGER IF EXISTS card_events_append_only ON card_events;
CREATE TRIGGER card_events_append_only BEFORE UPDATE OR DELETE ON card_events
  FOR EACH ROW EXECUTE FUNCTION card_events_append_only();
