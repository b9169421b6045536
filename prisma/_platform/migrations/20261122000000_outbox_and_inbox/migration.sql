-- Transactional outbox: an event row is written in the same transaction as the state
-- change that causes it; the relay publishes it through the Dapr sidecar and marks it sent.
CREATE TABLE outbox_events (
  seq            bigserial PRIMARY KEY,
  event_id       uuid        NOT NULL UNIQUE,
  topic          text        NOT NULL,
  type           text        NOT NULL,
  partition_key  text        NOT NULL,
  cloud_event    jsonb       NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  attempts       integer     NOT NULL DEFAULT 0,
  last_error     text,
  published_at   timestamptz
);
CREATE INDEX outbox_events_pending ON outbox_events (seq) WHERE published_at IS NULL;

-- Inbox: ids of events a consumer has applied, so a redelivery changes nothing.
CREATE TABLE processed_events (
  consumer     text        NOT NULL,
  event_id     text        NOT NULL,
  event_type   text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- Wake the relay as soon as a row commits, instead of waiting for its next poll.
CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('daybook_outbox_' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
  FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();
