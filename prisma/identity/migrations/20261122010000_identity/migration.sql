CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text           NOT NULL,
  password_hash text           NOT NULL,
  display_name  text,
  time_zone     text           NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT users_email_lower CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE sessions (
  id             uuid PRIMARY KEY,
  user_id        uuid           NOT NULL REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  expires_at     timestamptz(3) NOT NULL,
  last_used_at   timestamptz(3) NOT NULL DEFAULT now(),
  revoked_at     timestamptz(3),
  revoked_reason text
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

CREATE TABLE refresh_tokens (
  id         uuid PRIMARY KEY,
  session_id uuid           NOT NULL REFERENCES sessions (id) ON DELETE CASCADE ON UPDATE CASCADE,
  token_hash text           NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  used_at    timestamptz(3)
);
CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

CREATE TABLE login_codes (
  id          uuid PRIMARY KEY,
  user_id     uuid           NOT NULL REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
  code_hash   text           NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  expires_at  timestamptz(3) NOT NULL,
  attempts    integer        NOT NULL DEFAULT 0,
  consumed_at timestamptz(3)
);
CREATE INDEX login_codes_user_id_created_at_idx ON login_codes (user_id, created_at);
CREATE INDEX login_codes_expires_at_idx ON login_codes (expires_at);

CREATE TABLE auth_throttles (
  key                  text PRIMARY KEY,
  consecutive_failures integer        NOT NULL DEFAULT 0,
  window_started_at    timestamptz(3) NOT NULL,
  window_count         integer        NOT NULL DEFAULT 0,
  blocked_until        timestamptz(3),
  updated_at           timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX auth_throttles_updated_at_idx ON auth_throttles (updated_at);
