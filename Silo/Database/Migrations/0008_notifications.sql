-- Notifications: what the system tells coordinators (a task past its deadline, a
-- roadmap action overdue). Each is the projection of one audit event, keyed by its
-- stream and sequence number, so it exists exactly once. Addressed to the coordinators
-- of the listed countries; each user marks it read for themselves.
CREATE TABLE IF NOT EXISTS rm_notifications (
    id          text        PRIMARY KEY,
    kind        text        NOT NULL,
    countries   text[]      NOT NULL,
    source_kind text        NOT NULL,
    source_id   text        NOT NULL,
    reference   text        NOT NULL,
    task_id     text,
    agency      text,
    title       text        NOT NULL,
    detail      text        NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_notifications_recent ON rm_notifications (at DESC, id);
CREATE INDEX IF NOT EXISTS rm_notifications_countries ON rm_notifications USING gin (countries);

CREATE TABLE IF NOT EXISTS rm_notification_reads (
    notification_id text        NOT NULL REFERENCES rm_notifications (id),
    user_id         text        NOT NULL,
    read_at         timestamptz NOT NULL,
    PRIMARY KEY (user_id, notification_id)
);
