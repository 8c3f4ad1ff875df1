-- What the sweeper and the dashboards need from the read model.
--
-- storage_version: the orleans_grain_state row version the case was projected from.
-- A case whose stored row is newer has events the read model lacks; the sweeper
-- finds those through rm_pending_projections.
ALTER TABLE rm_cases ADD COLUMN IF NOT EXISTS storage_version integer NOT NULL DEFAULT 0;

-- Tasks carry their case's countries (fixed at opening) so that figures scoped to a
-- country need no join, when they were completed, and their deadline: the due date, or
-- for a referral not yet accepted the acknowledgement date when earlier. A task still
-- to do, or declined back to the coordinators, is overdue once its deadline has passed.
ALTER TABLE rm_tasks ADD COLUMN IF NOT EXISTS countries text[] NOT NULL DEFAULT '{}';
ALTER TABLE rm_tasks ADD COLUMN IF NOT EXISTS completed_at timestamptz;
ALTER TABLE rm_tasks ADD COLUMN IF NOT EXISTS deadline timestamptz
    GENERATED ALWAYS AS (LEAST(due_at, CASE WHEN state = 'assigned' THEN acknowledge_by END)) STORED;

-- Work still to do, most urgent first, per agency: the inbox reads this index in order.
CREATE INDEX IF NOT EXISTS rm_tasks_inbox ON rm_tasks (agency, priority_rank DESC, due_at, case_id, task_id) INCLUDE (deadline)
    WHERE state IN ('assigned', 'accepted', 'in_progress');
-- Unfinished work by deadline: what fell overdue today is counted live from here.
CREATE INDEX IF NOT EXISTS rm_tasks_deadline ON rm_tasks (deadline) INCLUDE (agency, countries, state)
    WHERE state IN ('assigned', 'accepted', 'in_progress', 'declined');
CREATE INDEX IF NOT EXISTS rm_tasks_completed ON rm_tasks (completed_at) INCLUDE (agency, countries)
    WHERE completed_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS rm_tasks_case ON rm_tasks (case_id);

-- The case list, newest change first, and its search over reference, title and summary.
CREATE INDEX IF NOT EXISTS rm_cases_recent ON rm_cases (updated_at DESC, case_id);
DROP INDEX IF EXISTS rm_cases_updated;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS rm_cases_text ON rm_cases USING gin ((reference || ' ' || title || ' ' || summary) gin_trgm_ops);

-- One row per stay of a case in a workflow state: entered with an audit event, left
-- with the next one that moves the case. Finished stays feed the median per stage.
CREATE TABLE IF NOT EXISTS rm_stage_stays (
    case_id     text        NOT NULL,
    entered_seq bigint      NOT NULL,
    workflow_id text        NOT NULL,
    stage       text        NOT NULL,
    countries   text[]      NOT NULL,
    entered_at  timestamptz NOT NULL,
    left_at     timestamptz,
    PRIMARY KEY (case_id, entered_seq)
);
CREATE INDEX IF NOT EXISTS rm_stage_stays_open ON rm_stage_stays (case_id) WHERE left_at IS NULL;

-- Counters the dashboards add up instead of scanning a million rows. Triggers keep
-- them: they fire only when a projected row really changes (a repeated or stale
-- projection changes no row), so each change is counted once. Each key is spread
-- over eight shards so that concurrent projections do not queue on one counter row.
CREATE TABLE IF NOT EXISTS rm_case_counts (
    countries   text[]  NOT NULL,
    workflow_id text    NOT NULL,
    state       text    NOT NULL,
    shard       integer NOT NULL,
    n           bigint  NOT NULL,
    PRIMARY KEY (countries, workflow_id, state, shard)
);

CREATE TABLE IF NOT EXISTS rm_task_counts (
    countries text[]  NOT NULL,
    agency    text    NOT NULL,
    state     text    NOT NULL,
    escalated boolean NOT NULL,
    shard     integer NOT NULL,
    n         bigint  NOT NULL,
    PRIMARY KEY (countries, agency, state, escalated, shard)
);

-- Unfinished tasks by the UTC day of their deadline: every day before today is wholly
-- overdue, so only today's tasks need looking at when counting what is overdue.
CREATE TABLE IF NOT EXISTS rm_task_deadlines (
    countries text[]  NOT NULL,
    agency    text    NOT NULL,
    state     text    NOT NULL,
    day       date    NOT NULL,
    n         bigint  NOT NULL,
    PRIMARY KEY (countries, agency, state, day)
);
CREATE INDEX IF NOT EXISTS rm_task_deadlines_agency ON rm_task_deadlines (agency, state, day) INCLUDE (n);

-- Durations as histograms in whole hours (hours = floor of the duration): the median
-- is read off the cumulative counts, exact to the hour, without sorting every stay.
-- (Few projections touch the same hour of the same stage: no shards here.)
CREATE TABLE IF NOT EXISTS rm_stage_hours (
    countries   text[]  NOT NULL,
    workflow_id text    NOT NULL,
    stage       text    NOT NULL,
    hours       integer NOT NULL,
    n           bigint  NOT NULL,
    PRIMARY KEY (countries, workflow_id, stage, hours)
);

CREATE TABLE IF NOT EXISTS rm_completion_hours (
    countries text[]  NOT NULL,
    agency    text    NOT NULL,
    hours     integer NOT NULL,
    n         bigint  NOT NULL,
    PRIMARY KEY (countries, agency, hours)
);

CREATE OR REPLACE FUNCTION rm_shard(id text) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT abs(hashtext(id)) % 8 $$;

CREATE OR REPLACE FUNCTION rm_hours(started timestamptz, ended timestamptz) RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(0, floor(extract(epoch FROM ended - started) / 3600))::integer $$;

CREATE OR REPLACE FUNCTION rm_day(at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT (at AT TIME ZONE 'UTC')::date $$;

CREATE OR REPLACE FUNCTION rm_unfinished(state text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT state IN ('assigned', 'accepted', 'in_progress', 'declined') $$;

CREATE OR REPLACE FUNCTION rm_count_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.countries = NEW.countries AND OLD.workflow_id = NEW.workflow_id THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE rm_case_counts SET n = n - 1
        WHERE countries = OLD.countries AND workflow_id = OLD.workflow_id AND state = OLD.state AND shard = rm_shard(OLD.case_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rm_case_counts AS c (countries, workflow_id, state, shard, n)
        VALUES (NEW.countries, NEW.workflow_id, NEW.state, rm_shard(NEW.case_id), 1)
        ON CONFLICT (countries, workflow_id, state, shard) DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rm_count_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Counts by state.
    IF TG_OP IN ('UPDATE', 'DELETE') AND NOT (TG_OP = 'UPDATE' AND OLD.state = NEW.state AND OLD.agency = NEW.agency
            AND OLD.escalated = NEW.escalated AND OLD.countries = NEW.countries) THEN
        UPDATE rm_task_counts SET n = n - 1
        WHERE countries = OLD.countries AND agency = OLD.agency AND state = OLD.state AND escalated = OLD.escalated
          AND shard = rm_shard(OLD.case_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NOT (OLD.state = NEW.state AND OLD.agency = NEW.agency
            AND OLD.escalated = NEW.escalated AND OLD.countries = NEW.countries)) THEN
        INSERT INTO rm_task_counts AS c (countries, agency, state, escalated, shard, n)
        VALUES (NEW.countries, NEW.agency, NEW.state, NEW.escalated, rm_shard(NEW.case_id), 1)
        ON CONFLICT (countries, agency, state, escalated, shard) DO UPDATE SET n = c.n + 1;
    END IF;
    -- Unfinished tasks by deadline day.
    IF TG_OP IN ('UPDATE', 'DELETE') AND rm_unfinished(OLD.state) AND NOT (TG_OP = 'UPDATE' AND rm_unfinished(NEW.state)
            AND OLD.state = NEW.state AND OLD.agency = NEW.agency AND OLD.countries = NEW.countries AND OLD.deadline = NEW.deadline) THEN
        UPDATE rm_task_deadlines SET n = n - 1
        WHERE countries = OLD.countries AND agency = OLD.agency AND state = OLD.state AND day = rm_day(OLD.deadline);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND rm_unfinished(NEW.state) AND NOT (TG_OP = 'UPDATE' AND rm_unfinished(OLD.state)
            AND OLD.state = NEW.state AND OLD.agency = NEW.agency AND OLD.countries = NEW.countries AND OLD.deadline = NEW.deadline) THEN
        INSERT INTO rm_task_deadlines AS c (countries, agency, state, day, n)
        VALUES (NEW.countries, NEW.agency, NEW.state, rm_day(NEW.deadline), 1)
        ON CONFLICT (countries, agency, state, day) DO UPDATE SET n = c.n + 1;
    END IF;
    -- Completion times.
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.completed_at IS NOT NULL
            AND (TG_OP = 'DELETE' OR NEW.completed_at IS DISTINCT FROM OLD.completed_at OR NEW.agency <> OLD.agency) THEN
        UPDATE rm_completion_hours SET n = n - 1
        WHERE countries = OLD.countries AND agency = OLD.agency AND hours = rm_hours(OLD.created_at, OLD.completed_at);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.completed_at IS NOT NULL
            AND (TG_OP = 'INSERT' OR NEW.completed_at IS DISTINCT FROM OLD.completed_at OR NEW.agency <> OLD.agency) THEN
        INSERT INTO rm_completion_hours AS c (countries, agency, hours, n)
        VALUES (NEW.countries, NEW.agency, rm_hours(NEW.created_at, NEW.completed_at), 1)
        ON CONFLICT (countries, agency, hours) DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rm_count_stay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.left_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.left_at IS NULL) THEN
        INSERT INTO rm_stage_hours AS c (countries, workflow_id, stage, hours, n)
        VALUES (NEW.countries, NEW.workflow_id, NEW.stage, rm_hours(NEW.entered_at, NEW.left_at), 1)
        ON CONFLICT (countries, workflow_id, stage, hours) DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END $$;

-- Figures for rows projected before this migration, taken before the triggers count.
UPDATE rm_tasks t SET countries = c.countries FROM rm_cases c WHERE c.case_id = t.case_id AND t.countries = '{}';
UPDATE rm_tasks SET completed_at = updated_at WHERE state = 'completed' AND completed_at IS NULL;
INSERT INTO rm_stage_stays (case_id, entered_seq, workflow_id, stage, countries, entered_at, left_at)
SELECT e.case_id, e.seq, c.workflow_id, e.to_state, c.countries, e.at,
       lead(e.at) OVER (PARTITION BY e.case_id ORDER BY e.seq)
FROM rm_audit_events e JOIN rm_cases c ON c.case_id = e.case_id
WHERE e.task_id IS NULL AND e.to_state IS NOT NULL
ON CONFLICT DO NOTHING;
-- Recomputes every counter from the rows (after this migration's backfill, and after a
-- bulk load that ran with triggers off, such as ./bench seed).
CREATE OR REPLACE FUNCTION rm_recount() RETURNS void LANGUAGE sql AS $$
    TRUNCATE rm_case_counts, rm_task_counts, rm_task_deadlines, rm_completion_hours, rm_stage_hours;
    INSERT INTO rm_case_counts (countries, workflow_id, state, shard, n)
    SELECT countries, workflow_id, state, rm_shard(case_id), count(*) FROM rm_cases GROUP BY 1, 2, 3, 4;
    INSERT INTO rm_task_counts (countries, agency, state, escalated, shard, n)
    SELECT countries, agency, state, escalated, rm_shard(case_id), count(*) FROM rm_tasks GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO rm_task_deadlines (countries, agency, state, day, n)
    SELECT countries, agency, state, rm_day(deadline), count(*) FROM rm_tasks WHERE rm_unfinished(state) GROUP BY 1, 2, 3, 4;
    INSERT INTO rm_completion_hours (countries, agency, hours, n)
    SELECT countries, agency, rm_hours(created_at, completed_at), count(*) FROM rm_tasks
    WHERE completed_at IS NOT NULL GROUP BY 1, 2, 3;
    INSERT INTO rm_stage_hours (countries, workflow_id, stage, hours, n)
    SELECT countries, workflow_id, stage, rm_hours(entered_at, left_at), count(*) FROM rm_stage_stays
    WHERE left_at IS NOT NULL GROUP BY 1, 2, 3, 4;
$$;
SELECT rm_recount();

DROP TRIGGER IF EXISTS rm_cases_counted ON rm_cases;
CREATE TRIGGER rm_cases_counted AFTER INSERT OR UPDATE OR DELETE ON rm_cases
    FOR EACH ROW EXECUTE FUNCTION rm_count_case();
DROP TRIGGER IF EXISTS rm_tasks_counted ON rm_tasks;
CREATE TRIGGER rm_tasks_counted AFTER INSERT OR UPDATE OR DELETE ON rm_tasks
    FOR EACH ROW EXECUTE FUNCTION rm_count_task();
DROP TRIGGER IF EXISTS rm_stage_stays_counted ON rm_stage_stays;
CREATE TRIGGER rm_stage_stays_counted AFTER INSERT OR UPDATE ON rm_stage_stays
    FOR EACH ROW EXECUTE FUNCTION rm_count_stay();


-- Cases whose stored state is newer than what the read model received: a silo died
-- between the state write and the projection, or the projection failed. Only writes
-- in [since, settled) are looked at, oldest first, so that the sweeper can move on.
CREATE INDEX IF NOT EXISTS orleans_grain_state_modified ON orleans_grain_state (state_name, modified_at);

CREATE OR REPLACE FUNCTION rm_pending_projections(service text, since timestamptz, settled timestamptz, max_rows integer)
RETURNS TABLE (case_id text, modified_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT s.grain_id_string, s.modified_at
    FROM orleans_grain_state s
    LEFT JOIN rm_cases r ON r.case_id = s.grain_id_string
    WHERE s.state_name = 'case' AND s.service_id = service
      AND s.modified_at >= since AND s.modified_at < settled
      AND s.payload IS NOT NULL
      AND (r.case_id IS NULL OR r.storage_version < s.version)
    ORDER BY s.modified_at
    LIMIT max_rows
$$;
