ALTER TABLE series ADD COLUMN exdates text[] NOT NULL DEFAULT '{}';
