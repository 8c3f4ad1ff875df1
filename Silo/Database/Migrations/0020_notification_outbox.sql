-- The notification outbox (issue #21): what is to be sent, to whom, by which channel, and
-- what became of it. Rows are created by the read-model projection in the same statement
-- that creates the notification (PostgresCaseProjection, PostgresRoadmapProjection), so a
-- notification and its deliveries exist together or not at all, and exactly once.

-- People's own settings (PUT /api/v1/me/notification-settings). The roles and countries are
-- those of the token that saved them: they decide which notifications reach the address.
CREATE TABLE IF NOT EXISTS notify_user_settings (
    user_id     text        PRIMARY KEY,
    email       text,
    language    text        NOT NULL,
    kinds       text[]      NOT NULL,
    coordinator boolean     NOT NULL,
    countries   text[]      NOT NULL,
    updated_at  timestamptz NOT NULL
);
-- Serves the projection's "coordinators of these countries who want this kind".
CREATE INDEX IF NOT EXISTS notify_user_settings_countries ON notify_user_settings USING gin (countries)
    WHERE coordinator AND email IS NOT NULL;

-- Webhook subscribers (POST /api/v1/webhooks). The secret is sealed under the silo's master
-- key (IdentityVault.SealSecret, AAD bound to the id); a deleted subscriber keeps its row for
-- the delivery log and receives nothing new.
CREATE TABLE IF NOT EXISTS notify_webhooks (
    id            text        PRIMARY KEY,
    url           text        NOT NULL,
    kinds         text[]      NOT NULL,
    sealed_secret bytea       NOT NULL,
    created_by    text        NOT NULL,
    created_at    timestamptz NOT NULL,
    deleted_at    timestamptz
);

-- One row per (notification, channel, recipient): the unique key is what makes "nothing is
-- sent twice to the same subscriber for one event" hold. The id is the stable delivery id:
-- the e-mail's Message-ID and the webhook's Enlace-Delivery header are derived from it.
CREATE TABLE IF NOT EXISTS notify_deliveries (
    id              text        PRIMARY KEY,
    notification_id text        NOT NULL REFERENCES rm_notifications (id),
    channel         text        NOT NULL,
    recipient       text        NOT NULL,
    recipient_kind  text        NOT NULL,
    recipient_ref   text        NOT NULL,
    language        text        NOT NULL,
    state           text        NOT NULL DEFAULT 'pending',
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    UNIQUE (notification_id, channel, recipient)
);
-- Serves the sender's claim: pending rows due now, oldest first.
CREATE INDEX IF NOT EXISTS notify_deliveries_due ON notify_deliveries (next_attempt_at) WHERE state = 'pending';
-- Serves the webhook delivery log route.
CREATE INDEX IF NOT EXISTS notify_deliveries_recipient ON notify_deliveries (recipient_ref, created_at DESC) WHERE channel = 'webhook';

-- Every attempt: when, how it ended, and an error text made by the sender (never a payload).
CREATE TABLE IF NOT EXISTS notify_attempts (
    delivery_id text        NOT NULL REFERENCES notify_deliveries (id),
    attempt     int         NOT NULL,
    at          timestamptz NOT NULL,
    outcome     text        NOT NULL,
    error       text,
    PRIMARY KEY (delivery_id, attempt)
);
