-- The read model: what lists, the inbox and searches query, projected by the case
-- grains after each durable write. Rows carry the grain's version and are only ever
-- replaced by a newer one, so a repeated or late projection changes nothing.
-- Victims' records and identities are never projected.
CREATE TABLE IF NOT EXISTS rm_cases (
    case_id          text        PRIMARY KEY,
    reference        text        NOT NULL UNIQUE,
    workflow_id      text        NOT NULL,
    workflow_version integer     NOT NULL,
    title            text        NOT NULL,
    summary          text        NOT NULL,
    state            text        NOT NULL,
    lead_country     text        NOT NULL,
    countries        text[]      NOT NULL,
    border_point     text,
    opened_at        timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    closed_at        timestamptz,
    version          integer     NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_cases_countries ON rm_cases USING gin (countries);
CREATE INDEX IF NOT EXISTS rm_cases_updated ON rm_cases (updated_at DESC);

CREATE TABLE IF NOT EXISTS rm_tasks (
    case_id        text        NOT NULL REFERENCES rm_cases (case_id),
    task_id        text        NOT NULL,
    agency         text        NOT NULL,
    title          text        NOT NULL,
    state          text        NOT NULL,
    priority       text        NOT NULL,
    priority_rank  integer     NOT NULL,
    kind           text        NOT NULL,
    due_at         timestamptz NOT NULL,
    acknowledge_by timestamptz,
    escalated      boolean     NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        integer     NOT NULL,
    PRIMARY KEY (case_id, task_id)
);
CREATE INDEX IF NOT EXISTS rm_tasks_agency ON rm_tasks (agency, state, due_at);

CREATE TABLE IF NOT EXISTS rm_audit_events (
    case_id       text        NOT NULL,
    seq           bigint      NOT NULL,
    at            timestamptz NOT NULL,
    actor         text        NOT NULL,
    agency        text,
    kind          text        NOT NULL,
    trigger       text,
    from_state    text,
    to_state      text,
    task_id       text,
    note          text,
    hash          text        NOT NULL,
    previous_hash text        NOT NULL,
    PRIMARY KEY (case_id, seq)
);
