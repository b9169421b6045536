CREATE TABLE series (
  id                  uuid PRIMARY KEY,
  user_id             uuid           NOT NULL,
  rrule               text           NOT NULL,
  mode                text           NOT NULL CHECK (mode IN ('after-completion', 'fixed-schedule')),
  time_zone           text           NOT NULL,
  start_local         text           NOT NULL,
  template_task_id    uuid           NOT NULL,
  occurrences_created integer        NOT NULL DEFAULT 1,
  last_local          text,
  missed_policy       text           NOT NULL DEFAULT 'create' CHECK (missed_policy IN ('create', 'skip')),
  stopped_at          timestamptz(3),
  created_at          timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX series_user_idx ON series (user_id);

CREATE TABLE occurrence_requests (
  occurrence_key text PRIMARY KEY,
  series_id      uuid           NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  source_task_id uuid UNIQUE,
  due_local      text           NOT NULL,
  requested_at   timestamptz(3) NOT NULL DEFAULT now()
);
