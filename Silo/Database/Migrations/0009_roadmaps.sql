-- Roadmaps and their actions in the read model, projected by their grains (rows
-- replaced only by a newer version), for lists and the roadmap dashboard.
CREATE TABLE IF NOT EXISTS rm_roadmaps (
    roadmap_id   text        PRIMARY KEY,
    title        text        NOT NULL,
    countries    text[]      NOT NULL,
    signed_on    date,
    signed_at    text,
    period_start date        NOT NULL,
    period_end   date        NOT NULL,
    areas        jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    version      integer     NOT NULL
);
CREATE INDEX IF NOT EXISTS rm_roadmaps_countries ON rm_roadmaps USING gin (countries);

CREATE TABLE IF NOT EXISTS rm_actions (
    roadmap_id   text        NOT NULL,
    action_id    text        NOT NULL,
    number       integer     NOT NULL,
    area         text        NOT NULL,
    title        text        NOT NULL,
    state        text        NOT NULL,
    responsible  text[]      NOT NULL,
    countries    text[]      NOT NULL,
    percent      integer     NOT NULL,
    start_date   date        NOT NULL,
    due_date     date        NOT NULL,
    escalated    boolean     NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      integer     NOT NULL,
    PRIMARY KEY (roadmap_id, action_id)
);
