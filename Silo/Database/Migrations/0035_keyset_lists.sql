-- Long lists page by keyset (?after=, the previous page's next): each page is read from an
-- index whose order is the list's order, starting at the last key seen, so page 10,000 costs
-- what page 1 costs. Row comparisons (a, b, c) > (x, y, z) use an index only when every key
-- runs the same way, so urgency — priority rank descending, then due date — is indexed as
-- (-priority_rank, due_at, ...), and the newest-first lists as (at DESC, id DESC).

-- The inbox's work to do (CaseQueries.InboxAsync), per agency, most urgent first, in two runs:
--   WHERE agency = $1 AND state IN ('assigned', 'accepted', 'in_progress') AND [NOT] deadline < now()
--     AND (-priority_rank, due_at, case_id, task_id) > ($2, $3, $4, $5)
--   ORDER BY -priority_rank, due_at, case_id, task_id LIMIT $6
-- (replaces rm_tasks_inbox, the same order written priority_rank DESC).
CREATE INDEX IF NOT EXISTS rm_tasks_todo ON rm_tasks (agency, (-priority_rank), due_at, case_id, task_id) INCLUDE (deadline)
    WHERE state IN ('assigned', 'accepted', 'in_progress');
DROP INDEX IF EXISTS rm_tasks_inbox;

-- The agency's open work by deadline: today's live part of the inbox's overdue total
--   WHERE agency = $1 AND ... AND deadline >= midnight UTC AND deadline < now()
-- (before, rm_tasks_deadline: every agency's deadlines of the day). It could serve the overdue
-- run when little of an agency's work is late, but the planner, which takes agency and
-- deadline as independent, does not pick it then (docs/ARCHITECTURE.md, the read model's queries).
CREATE INDEX IF NOT EXISTS rm_tasks_late ON rm_tasks (agency, deadline)
    WHERE state IN ('assigned', 'accepted', 'in_progress');

-- The finished inbox (?state=completed|cancelled|declined), in the inbox's order:
--   WHERE agency = $1 AND state = $2 AND (-priority_rank, due_at, case_id, task_id) > (...) ORDER BY ... LIMIT
CREATE INDEX IF NOT EXISTS rm_tasks_done ON rm_tasks (agency, state, (-priority_rank), due_at, case_id, task_id) INCLUDE (deadline)
    WHERE state IN ('completed', 'cancelled', 'declined');

-- The coordination queue (CaseQueries.QueueAsync): first the late unfinished work of the
-- coordinator's countries, most urgent first (read in this order while late work is common;
-- rm_tasks_deadline serves it when little is late), then the declined work not yet late.
CREATE INDEX IF NOT EXISTS rm_tasks_queue ON rm_tasks ((-priority_rank), due_at, case_id, task_id) INCLUDE (deadline, countries)
    WHERE state IN ('assigned', 'accepted', 'in_progress', 'declined');
CREATE INDEX IF NOT EXISTS rm_tasks_declined ON rm_tasks ((-priority_rank), due_at, case_id, task_id) INCLUDE (deadline, countries)
    WHERE state = 'declined';

-- The case list, newest change first: (updated_at, case_id) < ($1, $2) ORDER BY updated_at DESC, case_id DESC
-- (replaces rm_cases_recent, whose case_id ran the other way).
CREATE INDEX IF NOT EXISTS rm_cases_newest ON rm_cases (updated_at DESC, case_id DESC);
DROP INDEX IF EXISTS rm_cases_recent;

-- Notifications, newest first: (at, id) < ($1, $2) ORDER BY at DESC, id DESC.
CREATE INDEX IF NOT EXISTS rm_notifications_newest ON rm_notifications (at DESC, id DESC);
DROP INDEX IF EXISTS rm_notifications_recent;

-- A webhook's delivery log, newest first: (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC.
CREATE INDEX IF NOT EXISTS notify_deliveries_webhook_newest ON notify_deliveries (recipient_ref, created_at DESC, id DESC) WHERE channel = 'webhook';
DROP INDEX IF EXISTS notify_deliveries_recipient;

-- The agency → cases path: one row per case and agency with a task in it, carrying the
-- case's last change, so an agent's case list (and a list filtered by agency) reads the
-- agency's cases newest first from one index instead of walking every case and asking
-- rm_tasks about each:
--   FROM rm_case_agencies x JOIN rm_cases c USING (case_id)
--   WHERE x.agency = $1 AND (x.updated_at, x.case_id) < ($2, $3) ORDER BY x.updated_at DESC, x.case_id DESC
-- Triggers keep it: a task inserted or moved to an agency adds the pair, a task moved away
-- removes it when the agency has no other task in the case, and a case's change moves its
-- rows' updated_at (a case has a handful of agencies, and only its own projection writes them).
CREATE TABLE IF NOT EXISTS rm_case_agencies (
    case_id    text        NOT NULL,
    agency     text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, agency)
);
CREATE INDEX IF NOT EXISTS rm_case_agencies_newest ON rm_case_agencies (agency, updated_at DESC, case_id DESC);

CREATE OR REPLACE FUNCTION rm_case_agencies_of_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.agency = NEW.agency THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO rm_case_agencies (case_id, agency, updated_at)
        SELECT NEW.case_id, NEW.agency, c.updated_at FROM rm_cases c WHERE c.case_id = NEW.case_id
        ON CONFLICT (case_id, agency) DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM rm_case_agencies x WHERE x.case_id = OLD.case_id AND x.agency = OLD.agency
          AND NOT EXISTS (SELECT 1 FROM rm_tasks t WHERE t.case_id = OLD.case_id AND t.agency = OLD.agency);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION rm_case_agencies_of_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rm_case_agencies SET updated_at = NEW.updated_at WHERE case_id = NEW.case_id;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS rm_tasks_case_agencies ON rm_tasks;
CREATE TRIGGER rm_tasks_case_agencies AFTER INSERT OR UPDATE OF agency OR DELETE ON rm_tasks
    FOR EACH ROW EXECUTE FUNCTION rm_case_agencies_of_task();
DROP TRIGGER IF EXISTS rm_cases_case_agencies ON rm_cases;
CREATE TRIGGER rm_cases_case_agencies AFTER UPDATE OF updated_at ON rm_cases
    FOR EACH ROW WHEN (OLD.updated_at IS DISTINCT FROM NEW.updated_at) EXECUTE FUNCTION rm_case_agencies_of_case();

-- rm_recount() rebuilds the path with the counters (a bulk load writes with triggers off).
CREATE OR REPLACE FUNCTION rm_recount() RETURNS void LANGUAGE sql AS $$
    TRUNCATE rm_case_counts, rm_task_counts, rm_task_deadlines, rm_completion_hours, rm_stage_hours, rm_case_agencies;
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
    INSERT INTO rm_case_agencies (case_id, agency, updated_at)
    SELECT DISTINCT t.case_id, t.agency, c.updated_at FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id;
$$;

INSERT INTO rm_case_agencies (case_id, agency, updated_at)
SELECT DISTINCT t.case_id, t.agency, c.updated_at FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
ON CONFLICT (case_id, agency) DO NOTHING;

GRANT SELECT, INSERT, UPDATE, DELETE ON rm_case_agencies TO enlace_silo;
GRANT SELECT ON rm_case_agencies TO enlace_gateway;
