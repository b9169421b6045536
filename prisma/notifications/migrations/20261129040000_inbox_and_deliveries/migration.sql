CREATE TABLE recipients (
  user_id     uuid           PRIMARY KEY,
  email       text,
  time_zone   text           NOT NULL DEFAULT 'UTC',
  preferences jsonb          NOT NULL,
  updated_at  timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
  id              uuid           PRIMARY KEY,
  user_id         uuid           NOT NULL,
  category        text           NOT NULL CHECK (category IN ('reminders', 'digests', 'system')),
  title           text           NOT NULL,
  body            text           NOT NULL,
  urgent          boolean        NOT NULL DEFAULT false,
  task_id         uuid,
  reminder_id     uuid,
  state           text           NOT NULL DEFAULT 'unseen' CHECK (state IN ('unseen', 'seen', 'read')),
  archived        boolean        NOT NULL DEFAULT false,
  snoozed_until   timestamptz(3),
  seen_at         timestamptz(3),
  read_at         timestamptz(3),
  created_at      timestamptz(3) NOT NULL,
  source_event_id text           NOT NULL UNIQUE
);
CREATE INDEX notifications_user_id_created_at_id_idx ON notifications (user_id, created_at DESC, id DESC);

CREATE TABLE deliveries (
  id              uuid           PRIMARY KEY,
  user_id         uuid           NOT NULL,
  notification_id uuid           REFERENCES notifications (id) ON DELETE CASCADE,
  event_id        text           NOT NULL,
  channel         text           NOT NULL CHECK (channel IN ('in-app', 'email')),
  kind            text           NOT NULL CHECK (kind IN ('notification', 'login-code')),
  category        text           NOT NULL,
  status          text           NOT NULL CHECK (status IN ('queued', 'held', 'sent', 'failed', 'bounced', 'suppressed')),
  reason          text           CHECK (reason IN ('preference', 'quiet-hours', 'unsubscribed')),
  attempts        integer        NOT NULL DEFAULT 0,
  last_error      text,
  recipient       text,
  sealed          jsonb,
  next_attempt_at timestamptz(3),
  sent_at         timestamptz(3),
  created_at      timestamptz(3) NOT NULL,
  updated_at      timestamptz(3) NOT NULL,
  UNIQUE (event_id, channel)
);
CREATE INDEX deliveries_user_id_idx ON deliveries (user_id);
CREATE INDEX deliveries_status_next_attempt_at_idx ON deliveries (status, next_attempt_at);

CREATE TABLE digests (
  user_id         uuid           NOT NULL,
  local_date      text           NOT NULL,
  notification_id uuid,
  created_at      timestamptz(3) NOT NULL,
  PRIMARY KEY (user_id, local_date)
);
