-- Plans of the long lists after migration 0035 (see bench/results/2026-12-02-keyset-plans.md).
\ir vars.sql
\set cols 'c.case_id, c.reference, c.workflow_id, c.workflow_version, c.title, c.state, c.lead_country, c.countries, c.border_point, c.opened_at, c.updated_at, c.closed_at, c.version, (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND t.state IN (''assigned'', ''accepted'', ''in_progress'', ''declined''))::int, (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND (t.state IN (''assigned'', ''accepted'', ''in_progress'', ''declined'') AND t.deadline < now()))::int'
\set tcols 't.task_id, t.case_id, c.reference, c.title, t.title, t.agency, t.state, t.priority, t.kind, t.due_at, t.acknowledge_by, t.escalated, t.updated_at, t.version, t.priority_rank'
-- Deep positions (taken with OFFSET here, outside the measure): the key of the item a cursor would carry.
SELECT updated_at AS ca_at, case_id AS ca_id FROM rm_case_agencies WHERE agency = :'busy' ORDER BY updated_at DESC, case_id DESC OFFSET 20000 LIMIT 1 \gset
SELECT -priority_rank AS r_rank, due_at AS r_due, case_id AS r_case, task_id AS r_task FROM rm_tasks t
  WHERE t.agency = :'busy' AND t.state IN ('assigned', 'accepted', 'in_progress') AND NOT (t.deadline < now())
  ORDER BY -priority_rank, due_at, case_id, task_id OFFSET 4000 LIMIT 1 \gset
SELECT -priority_rank AS d_rank, due_at AS d_due, case_id AS d_case, task_id AS d_task FROM rm_tasks t
  WHERE t.agency = :'busy' AND t.state IN ('completed', 'cancelled', 'declined') AND t.state = 'completed'
  ORDER BY -priority_rank, due_at, case_id, task_id OFFSET 4000 LIMIT 1 \gset
SELECT -priority_rank AS q_rank, due_at AS q_due, case_id AS q_case, task_id AS q_task FROM rm_tasks t
  WHERE t.state IN ('assigned', 'accepted', 'in_progress', 'declined') AND t.deadline < now() AND t.countries && '{PE}'
  ORDER BY -priority_rank, due_at, case_id, task_id OFFSET 5000 LIMIT 1 \gset
SELECT at AS n_at, id AS n_id FROM rm_notifications n WHERE n.countries && '{PE}' ORDER BY at DESC, id DESC OFFSET 20000 LIMIT 1 \gset
SELECT updated_at AS s_at, case_id AS s_id FROM rm_cases c WHERE (c.countries && '{PE}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%víctimas%' ORDER BY updated_at DESC, case_id DESC OFFSET 20000 LIMIT 1 \gset

\echo ==== A1 agent case list, busiest agency, page 1 (rm_case_agencies)
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_case_agencies x JOIN rm_cases c ON c.case_id = x.case_id WHERE true AND x.agency = :'busy' ORDER BY x.updated_at DESC, x.case_id DESC LIMIT 51 OFFSET 0;
\echo ==== A1d same, after a cursor 20,000 cases deep
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_case_agencies x JOIN rm_cases c ON c.case_id = x.case_id WHERE true AND x.agency = :'busy' AND (x.updated_at, x.case_id) < (:'ca_at', :'ca_id') ORDER BY x.updated_at DESC, x.case_id DESC LIMIT 51 OFFSET 0;
\echo ==== A1c its capped count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM (SELECT 1 FROM rm_case_agencies x WHERE x.agency = :'busy' LIMIT 10001) s;
\echo ==== A1s agent case list, sparsest agency, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_case_agencies x JOIN rm_cases c ON c.case_id = x.case_id WHERE true AND x.agency = :'sparse' ORDER BY x.updated_at DESC, x.case_id DESC LIMIT 51 OFFSET 0;
\echo ==== A1sc its capped count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM (SELECT 1 FROM rm_case_agencies x WHERE x.agency = :'sparse' LIMIT 10001) s;

\echo ==== A2 inbox late run, busiest agency
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, true FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state IN ('assigned', 'accepted', 'in_progress') AND t.state = ANY ('{assigned,accepted,in_progress}') AND t.deadline < now()
  ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id LIMIT 51 OFFSET 0;
\echo ==== A2r inbox rest run after a cursor 4,000 tasks deep
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, false FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state IN ('assigned', 'accepted', 'in_progress') AND t.state = ANY ('{assigned,accepted,in_progress}') AND NOT (t.deadline < now())
    AND (-t.priority_rank, t.due_at, t.case_id, t.task_id) > (:r_rank, :'r_due', :'r_case', :'r_task')
  ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id LIMIT 51 OFFSET 0;

\echo ==== A3 queue PE late run, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, true FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.state IN ('assigned', 'accepted', 'in_progress', 'declined') AND t.deadline < now() AND t.countries && '{PE}'
  ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id LIMIT 51 OFFSET 0;
\echo ==== A3d queue late run after a cursor 5,000 tasks deep
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, true FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.state IN ('assigned', 'accepted', 'in_progress', 'declined') AND t.deadline < now() AND t.countries && '{PE}'
    AND (-t.priority_rank, t.due_at, t.case_id, t.task_id) > (:q_rank, :'q_due', :'q_case', :'q_task')
  ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id LIMIT 51 OFFSET 0;
\echo ==== A3r queue declined run
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, false FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.state = 'declined' AND NOT (t.deadline < now()) AND t.countries && '{PE}'
  ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id LIMIT 51 OFFSET 0;
\echo ==== A3c queue total from the counters
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT COALESCE((SELECT sum(n) FROM rm_task_deadlines WHERE day < rm_day(now()) AND countries && '{PE}'), 0)::bigint
     + (SELECT count(*) FROM rm_tasks WHERE state IN ('assigned', 'accepted', 'in_progress', 'declined')
        AND deadline >= (rm_day(now())::timestamp AT TIME ZONE 'UTC') AND deadline < now() AND countries && '{PE}')
     + COALESCE((SELECT sum(n) FROM rm_task_counts WHERE state = 'declined' AND countries && '{PE}'), 0)::bigint
     - COALESCE((SELECT sum(n) FROM rm_task_deadlines WHERE state = 'declined' AND day < rm_day(now()) AND countries && '{PE}'), 0)::bigint
     - (SELECT count(*) FROM rm_tasks WHERE state = 'declined'
        AND deadline >= (rm_day(now())::timestamp AT TIME ZONE 'UTC') AND deadline < now() AND countries && '{PE}');

\echo ==== A4 finished inbox (completed), busiest agency, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, false FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state IN ('completed', 'cancelled', 'declined') AND t.state = 'completed'
  ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id LIMIT 51 OFFSET 0;
\echo ==== A4d after a cursor 4,000 deep
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, false FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state IN ('completed', 'cancelled', 'declined') AND t.state = 'completed'
    AND (-t.priority_rank, t.due_at, t.case_id, t.task_id) > (:d_rank, :'d_due', :'d_case', :'d_task')
  ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id LIMIT 51 OFFSET 0;
\echo ==== A4c its total from the counters
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT COALESCE((SELECT sum(n) FROM rm_task_counts WHERE agency = :'busy' AND state = ANY ('{completed}')), 0)::bigint;

\echo ==== A5 search, common word, coordinator PE, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_cases c WHERE true AND (c.countries && '{PE}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%víctimas%' ORDER BY c.updated_at DESC, c.case_id DESC LIMIT 51 OFFSET 0;
\echo ==== A5d after a cursor 20,000 deep
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_cases c WHERE true AND (c.countries && '{PE}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%víctimas%' AND (c.updated_at, c.case_id) < (:'s_at', :'s_id') ORDER BY c.updated_at DESC, c.case_id DESC LIMIT 51 OFFSET 0;
\echo ==== A5c its capped count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM (SELECT 1 FROM rm_cases c WHERE true AND (c.countries && '{PE}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%víctimas%' LIMIT 10001) s;
\echo ==== A5r search, a rare term, and its count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_cases c WHERE true AND (c.countries && '{PE,BO}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%' || :'rare' || '%' ORDER BY c.updated_at DESC, c.case_id DESC LIMIT 51 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM (SELECT 1 FROM rm_cases c WHERE true AND (c.countries && '{PE,BO}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%' || :'rare' || '%' LIMIT 10001) s;

\echo ==== A6 notifications, coordinator PE, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT n.id, n.at, r.user_id IS NOT NULL, coalesce(d.sent, 0)
  FROM rm_notifications n LEFT JOIN rm_notification_reads r ON r.notification_id = n.id AND r.user_id = 'coord-pe'
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE state = 'sent')::int AS sent FROM notify_deliveries WHERE notification_id = n.id) d ON true
  WHERE (true AND n.countries && '{PE}') ORDER BY n.at DESC, n.id DESC LIMIT 51 OFFSET 0;
\echo ==== A6d after a cursor 20,000 deep
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT n.id, n.at, r.user_id IS NOT NULL, coalesce(d.sent, 0)
  FROM rm_notifications n LEFT JOIN rm_notification_reads r ON r.notification_id = n.id AND r.user_id = 'coord-pe'
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE state = 'sent')::int AS sent FROM notify_deliveries WHERE notification_id = n.id) d ON true
  WHERE (true AND n.countries && '{PE}') AND (n.at, n.id) < (:'n_at', :'n_id') ORDER BY n.at DESC, n.id DESC LIMIT 51 OFFSET 0;
\echo ==== A6c its capped count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM (SELECT 1 FROM rm_notifications n LEFT JOIN rm_notification_reads r ON r.notification_id = n.id AND r.user_id = 'coord-pe' WHERE (true AND n.countries && '{PE}') LIMIT 10001) s;
\echo ==== A6u unread only, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT n.id, n.at, r.user_id IS NOT NULL
  FROM rm_notifications n LEFT JOIN rm_notification_reads r ON r.notification_id = n.id AND r.user_id = 'coord-pe'
  WHERE (true AND n.countries && '{PE}') AND r.user_id IS NULL ORDER BY n.at DESC, n.id DESC LIMIT 51 OFFSET 0;

\echo ==== A2f inbox late run when little is late (all but 20 of the late tasks of the agency moved a year ahead, rolled back)
BEGIN;
UPDATE rm_tasks SET due_at = due_at + interval '1 year', acknowledge_by = NULL
WHERE agency = :'busy' AND state IN ('assigned', 'accepted', 'in_progress') AND deadline < now()
  AND task_id || case_id NOT IN (SELECT task_id || case_id FROM rm_tasks WHERE agency = :'busy' AND state IN ('assigned', 'accepted', 'in_progress') AND deadline < now() ORDER BY case_id LIMIT 20);
ANALYZE rm_tasks;
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, true FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state IN ('assigned', 'accepted', 'in_progress') AND t.state = ANY ('{assigned,accepted,in_progress}') AND t.deadline < now()
  ORDER BY -t.priority_rank, t.due_at, t.case_id, t.task_id LIMIT 51 OFFSET 0;
\echo ==== B2f the same with the indexes before 0035
DROP INDEX rm_tasks_todo, rm_tasks_late;
CREATE INDEX rm_tasks_inbox ON rm_tasks (agency, priority_rank DESC, due_at, case_id, task_id) INCLUDE (deadline) WHERE state IN ('assigned', 'accepted', 'in_progress');
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, true FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state IN ('assigned', 'accepted', 'in_progress') AND t.state = ANY ('{assigned,accepted,in_progress}') AND (t.deadline < now())
  ORDER BY t.priority_rank DESC, t.due_at, t.case_id, t.task_id LIMIT 50 OFFSET 0;
ROLLBACK;
ANALYZE rm_tasks;
