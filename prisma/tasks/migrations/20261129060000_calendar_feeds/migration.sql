-- One private calendar feed per user. The URL's token is the credential: only its SHA-256
-- is kept, so a leak of this table gives no working URL. Regenerating replaces the row.
CREATE TABLE calendar_feeds (
  user_id    uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  -- The token's last characters, so the person can tell which URL a calendar app holds.
  token_hint text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
