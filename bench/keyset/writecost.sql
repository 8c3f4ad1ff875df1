-- What the agency → cases path costs a write: 5,000 case changes (each moves the case's
-- rm_case_agencies rows) and 5,000 new tasks, with the path's triggers on and off.
\timing on
\echo ---- case changes, path trigger on
BEGIN;
UPDATE rm_cases SET updated_at = updated_at + interval '1 microsecond' WHERE case_id IN (SELECT case_id FROM rm_cases ORDER BY case_id OFFSET 1000 LIMIT 5000);
ROLLBACK;
\echo ---- case changes, path trigger off
BEGIN;
ALTER TABLE rm_cases DISABLE TRIGGER rm_cases_case_agencies;
UPDATE rm_cases SET updated_at = updated_at + interval '1 microsecond' WHERE case_id IN (SELECT case_id FROM rm_cases ORDER BY case_id OFFSET 1000 LIMIT 5000);
ROLLBACK;
\echo ---- new tasks, path trigger on
BEGIN;
INSERT INTO rm_tasks (case_id, task_id, agency, title, state, priority, priority_rank, kind, due_at, escalated, created_at, updated_at, version, countries)
SELECT case_id, 't-medida', 'PE-SUNAFIL', 'Medida', 'assigned', 'normal', 1, 'task', now() + interval '3 days', false, now(), now(), 1, countries
FROM rm_cases ORDER BY case_id OFFSET 1000 LIMIT 5000;
ROLLBACK;
\echo ---- new tasks, path trigger off
BEGIN;
ALTER TABLE rm_tasks DISABLE TRIGGER rm_tasks_case_agencies;
INSERT INTO rm_tasks (case_id, task_id, agency, title, state, priority, priority_rank, kind, due_at, escalated, created_at, updated_at, version, countries)
SELECT case_id, 't-medida', 'PE-SUNAFIL', 'Medida', 'assigned', 'normal', 1, 'task', now() + interval '3 days', false, now(), now(), 1, countries
FROM rm_cases ORDER BY case_id OFFSET 1000 LIMIT 5000;
ROLLBACK;
\echo ---- task moves (assigned -> accepted), 0035 indexes
BEGIN;
UPDATE rm_tasks SET state = 'accepted', version = version + 1, updated_at = now()
WHERE (case_id, task_id) IN (SELECT case_id, task_id FROM rm_tasks WHERE state = 'assigned' ORDER BY case_id LIMIT 5000);
ROLLBACK;
\echo ---- task moves, indexes as before 0035
BEGIN;
DROP INDEX rm_tasks_todo, rm_tasks_late, rm_tasks_done, rm_tasks_queue, rm_tasks_declined;
CREATE INDEX rm_tasks_inbox ON rm_tasks (agency, priority_rank DESC, due_at, case_id, task_id) INCLUDE (deadline) WHERE state IN ('assigned', 'accepted', 'in_progress');
UPDATE rm_tasks SET state = 'accepted', version = version + 1, updated_at = now()
WHERE (case_id, task_id) IN (SELECT case_id, task_id FROM rm_tasks WHERE state = 'assigned' ORDER BY case_id LIMIT 5000);
ROLLBACK;
