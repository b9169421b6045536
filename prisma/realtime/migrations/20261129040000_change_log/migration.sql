CREATE TABLE user_streams (
  user_id        uuid           PRIMARY KEY,
  last_seq       bigint         NOT NULL DEFAULT 0,
  pruned_through bigint         NOT NULL DEFAULT 0 CHECK (pruned_through <= last_seq),
  updated_at     timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE changes (
  user_id     uuid           NOT NULL,
  seq         bigint         NOT NULL,
  event_id    text           NOT NULL UNIQUE,
  type        text           NOT NULL,
  time        timestamptz(3) NOT NULL,
  data        jsonb          NOT NULL,
  recorded_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, seq)
);
CREATE INDEX changes_recorded_at_idx ON changes (recorded_at);
