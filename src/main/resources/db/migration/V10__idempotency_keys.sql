-- Idempotency-Key on every write (issue 23): the first request with a key claims it (status NULL while it is
-- being answered, for as long as claimed_until), then stores its successful answer; a retry with the same key
-- and request gets that answer back. Kept for slotgate.idempotency.retention after created_at.
CREATE TABLE idempotency_key (
  tenant        text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  claimed_until timestamptz NOT NULL,
  status        integer,
  headers       jsonb,
  body          text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant, key)
);
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
