-- Responses of the gateway's commands sent with an Idempotency-Key, so that a retry
-- gets the first response (same status, headers and body) for 24 hours. A row
-- without a status is a command still running. Bodies are opaque JSON, never indexed.
CREATE TABLE IF NOT EXISTS enlace_http_idempotency (
    user_id      text        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status       integer,
    body         text,
    location     text,
    etag         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX IF NOT EXISTS enlace_http_idempotency_created ON enlace_http_idempotency (created_at);
