-- The retention sweep (service-kit dapr/retention.ts) deletes published outbox rows and
-- inbox records by age: these indexes keep it from scanning the whole table.
CREATE INDEX outbox_events_published_at ON outbox_events (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
