CREATE TABLE lists (
  id         uuid PRIMARY KEY,
  user_id    uuid           NOT NULL,
  name       text           NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX lists_user_idx ON lists (user_id);

CREATE TABLE tags (
  id         uuid PRIMARY KEY,
  user_id    uuid           NOT NULL,
  name       text           NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
  color      text,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tags_user_name_key ON tags (user_id, lower(name));

CREATE TABLE tasks (
  id              uuid PRIMARY KEY,
  user_id         uuid           NOT NULL,
  title           text           NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
  notes           text           NOT NULL DEFAULT '' CHECK (char_length(notes) <= 20000),
  status          text           NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  priority        text           NOT NULL DEFAULT 'none' CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
  list_id         uuid REFERENCES lists (id) ON DELETE SET NULL,
  due_date        text,
  due_date_time   text,
  due_time_zone   text,
  due_at          timestamptz(3),
  recurrence_rule text,
  recurrence_mode text CHECK (recurrence_mode IN ('after-completion', 'fixed-schedule')),
  series_id       uuid,
  version         integer        NOT NULL DEFAULT 1,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  completed_at    timestamptz(3),
  deleted_at      timestamptz(3),
  -- Full-text search: title weighs more than notes.
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', notes), 'B')
  ) STORED
);
CREATE INDEX tasks_user_id_created_at_idx ON tasks (user_id, created_at);
CREATE INDEX tasks_user_due_idx ON tasks (user_id, due_at) WHERE deleted_at IS NULL;
CREATE INDEX tasks_search_idx ON tasks USING gin (search);

CREATE TABLE task_tags (
  task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  tag_id  uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (task_id, tag_id)
);
CREATE INDEX task_tags_tag_idx ON task_tags (tag_id);

CREATE TABLE reminders (
  id             uuid PRIMARY KEY,
  task_id        uuid    NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  type           text    NOT NULL CHECK (type IN ('absolute', 'relative')),
  at             timestamptz(3),
  minutes_before integer CHECK (minutes_before >= 0),
  position       integer NOT NULL DEFAULT 0,
  CHECK ((type = 'absolute' AND at IS NOT NULL) OR (type = 'relative' AND minutes_before IS NOT NULL))
);
CREATE INDEX reminders_task_idx ON reminders (task_id);

CREATE TABLE user_settings (
  user_id   uuid PRIMARY KEY,
  time_zone text NOT NULL
);
