-- Per-series options: what a fixed schedule does with missed occurrences, and skipped dates.
ALTER TABLE tasks ADD COLUMN recurrence_missed text CHECK (recurrence_missed IN ('create', 'skip'));
ALTER TABLE tasks ADD COLUMN recurrence_exdates text[] NOT NULL DEFAULT '{}';
