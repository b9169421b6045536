-- Tasks another service asked for (a journal suggestion turned into a task): one task per
-- request, whatever the redelivery or replay of the request event.
ALTER TABLE tasks ADD COLUMN request_key text UNIQUE;
