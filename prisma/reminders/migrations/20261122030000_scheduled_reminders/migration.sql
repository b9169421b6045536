CREATE TABLE scheduled_reminders (
  task_id     uuid           NOT NULL,
  reminder_id uuid           NOT NULL,
  user_id     uuid           NOT NULL,
  task_title  text           NOT NULL,
  due_at      timestamptz(3),
  fire_at     timestamptz(3) NOT NULL,
  generation  integer        NOT NULL DEFAULT 1,
  status      text           NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'fired', 'cancelled')),
  fired_at    timestamptz(3),
  PRIMARY KEY (task_id, reminder_id)
);
CREATE INDEX scheduled_reminders_user_idx ON scheduled_reminders (user_id);
