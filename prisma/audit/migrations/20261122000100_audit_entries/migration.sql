CREATE TABLE audit_entries (
  id             bigserial PRIMARY KEY,
  event_id       text        NOT NULL UNIQUE,
  event_type     text        NOT NULL,
  entity_type    text        NOT NULL,
  entity_id      text        NOT NULL,
  user_id        uuid        NOT NULL,
  before         jsonb,
  after          jsonb,
  occurred_at    timestamptz(3) NOT NULL,
  correlation_id text        NOT NULL,
  causation_id   text,
  recorded_at    timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX audit_entries_entity_idx ON audit_entries (user_id, entity_type, entity_id, id);
CREATE INDEX audit_entries_user_idx ON audit_entries (user_id, id);

-- Append-only: history cannot be rewritten by the application.
CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entries is append-only';
END $$;
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
