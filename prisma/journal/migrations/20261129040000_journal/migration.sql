CREATE TABLE entries (
  id         uuid PRIMARY KEY,
  user_id    uuid           NOT NULL,
  body       text           NOT NULL CHECK (char_length(body) BETWEEN 1 AND 20000),
  mood       integer        CHECK (mood BETWEEN 1 AND 5),
  tags       text[]         NOT NULL DEFAULT '{}',
  written_at timestamptz(3) NOT NULL,
  written_on text           NOT NULL,
  time_zone  text           NOT NULL,
  version    integer        NOT NULL DEFAULT 1,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3),
  -- Full-text search over the text (tags have a filter of their own).
  search tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED
);
CREATE INDEX entries_user_id_written_at_idx ON entries (user_id, written_at);
CREATE INDEX entries_search_idx ON entries USING gin (search);

CREATE TABLE insights (
  id              uuid PRIMARY KEY,
  entry_id        uuid             NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
  user_id         uuid             NOT NULL,
  entry_version   integer          NOT NULL,
  summary         text             NOT NULL,
  sentiment       double precision NOT NULL CHECK (sentiment BETWEEN -1 AND 1),
  sentiment_label text             NOT NULL,
  themes          text[]           NOT NULL DEFAULT '{}',
  suggestions     jsonb            NOT NULL DEFAULT '[]',
  provider        text             NOT NULL,
  model           text             NOT NULL,
  duration_ms     integer          NOT NULL,
  created_at      timestamptz(3)   NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX insights_entry_id_key ON insights (entry_id);
CREATE INDEX insights_user_id_idx ON insights (user_id);

CREATE TABLE weekly_reviews (
  id         uuid PRIMARY KEY,
  user_id    uuid           NOT NULL,
  week_start text           NOT NULL,
  themes     text[]         NOT NULL DEFAULT '{}',
  mood_trend jsonb          NOT NULL DEFAULT '[]',
  entry_ids  uuid[]         NOT NULL DEFAULT '{}',
  streak     integer        NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX weekly_reviews_user_id_week_start_key ON weekly_reviews (user_id, week_start);

CREATE TABLE user_settings (
  user_id        uuid PRIMARY KEY,
  time_zone      text,
  cloud_ai       boolean NOT NULL DEFAULT false,
  review_time    text,
  review_version integer NOT NULL DEFAULT 0
);
