-- Occurrences of a series created from the recurring service's requests: the key makes a
-- redelivered request create nothing twice.
ALTER TABLE tasks ADD COLUMN occurrence_key text UNIQUE;
CREATE INDEX tasks_series_idx ON tasks (series_id) WHERE series_id IS NOT NULL;
