CREATE TABLE tasks (
  id           uuid PRIMARY KEY,
  user_id      uuid        NOT NULL,
  title        text        NOT NULL,
  notes        text        NOT NULL DEFAULT '',
  status       text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  priority     text        NOT NULL DEFAULT 'none' CHECK (priority IN ('none', 'low', 'medium', 'high', 'urgent')),
  version      integer     NOT NULL DEFAULT 1,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now(),
  completed_at timestamptz(3)
);
CREATE INDEX tasks_user_id_created_at_idx ON tasks (user_id, created_at);
