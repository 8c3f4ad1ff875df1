-- Plans of the long lists as they were before migration 0035, in a transaction that is rolled back.
\ir vars.sql
BEGIN;
DROP INDEX rm_tasks_todo, rm_tasks_late, rm_tasks_done, rm_tasks_queue, rm_tasks_declined, rm_cases_newest, rm_notifications_newest;
CREATE INDEX rm_tasks_inbox ON rm_tasks (agency, priority_rank DESC, due_at, case_id, task_id) INCLUDE (deadline) WHERE state IN ('assigned', 'accepted', 'in_progress');
CREATE INDEX rm_cases_recent ON rm_cases (updated_at DESC, case_id);
CREATE INDEX rm_notifications_recent ON rm_notifications (at DESC, id);
ANALYZE rm_tasks, rm_cases, rm_notifications;
\set cols 'c.case_id, c.reference, c.workflow_id, c.workflow_version, c.title, c.state, c.lead_country, c.countries, c.border_point, c.opened_at, c.updated_at, c.closed_at, c.version, (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND t.state IN (''assigned'', ''accepted'', ''in_progress'', ''declined''))::int, (SELECT count(*) FROM rm_tasks t WHERE t.case_id = c.case_id AND (t.state IN (''assigned'', ''accepted'', ''in_progress'', ''declined'') AND t.deadline < now()))::int'
\set tcols 't.task_id, t.case_id, c.reference, c.title, t.title, t.agency, t.state, t.priority, t.kind, t.due_at, t.acknowledge_by, t.escalated, t.updated_at, t.version'
\set overdue '(t.state IN (''assigned'', ''accepted'', ''in_progress'', ''declined'') AND t.deadline < now())'

\echo ==== B1 agent case list, busiest agency, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_cases c WHERE true AND (false OR EXISTS (SELECT 1 FROM rm_tasks a WHERE a.case_id = c.case_id AND a.agency = :'busy')) ORDER BY c.updated_at DESC, c.case_id LIMIT 50 OFFSET 0;
\echo ==== B1d same, page 200 of 50 (OFFSET 9950)
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_cases c WHERE true AND (false OR EXISTS (SELECT 1 FROM rm_tasks a WHERE a.case_id = c.case_id AND a.agency = :'busy')) ORDER BY c.updated_at DESC, c.case_id LIMIT 50 OFFSET 9950;
\echo ==== B1c its count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM rm_cases c WHERE true AND (false OR EXISTS (SELECT 1 FROM rm_tasks a WHERE a.case_id = c.case_id AND a.agency = :'busy'));
\echo ==== B1s agent case list, sparsest agency, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_cases c WHERE true AND (false OR EXISTS (SELECT 1 FROM rm_tasks a WHERE a.case_id = c.case_id AND a.agency = :'sparse')) ORDER BY c.updated_at DESC, c.case_id LIMIT 50 OFFSET 0;
\echo ==== B1sc its count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM rm_cases c WHERE true AND (false OR EXISTS (SELECT 1 FROM rm_tasks a WHERE a.case_id = c.case_id AND a.agency = :'sparse'));

\echo ==== B2 inbox late run, busiest agency
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, true FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state IN ('assigned', 'accepted', 'in_progress') AND t.state = ANY ('{assigned,accepted,in_progress}') AND (t.deadline < now())
  ORDER BY t.priority_rank DESC, t.due_at, t.case_id, t.task_id LIMIT 50 OFFSET 0;
\echo ==== B2r inbox rest run, OFFSET 9950
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, false FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state IN ('assigned', 'accepted', 'in_progress') AND t.state = ANY ('{assigned,accepted,in_progress}') AND NOT (t.deadline < now())
  ORDER BY t.priority_rank DESC, t.due_at, t.case_id, t.task_id LIMIT 50 OFFSET 9950;

\echo ==== B3 queue PE page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, :overdue AS overdue FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE (t.state = 'declined' OR :overdue) AND t.countries && '{PE}'
  ORDER BY overdue DESC, t.priority_rank DESC, t.due_at, t.case_id, t.task_id LIMIT 50 OFFSET 0;
\echo ==== B3c its count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id WHERE (t.state = 'declined' OR :overdue) AND t.countries && '{PE}';

\echo ==== B4 finished inbox (completed), busiest agency, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :tcols, :overdue AS overdue FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
  WHERE t.agency = :'busy' AND t.state = 'completed'
  ORDER BY overdue DESC, t.priority_rank DESC, t.due_at, t.case_id, t.task_id LIMIT 50 OFFSET 0;
\echo ==== B4c its count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id WHERE t.agency = :'busy' AND t.state = 'completed';

\echo ==== B5 search, common word, coordinator PE, page 1
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT :cols FROM rm_cases c WHERE true AND (c.countries && '{PE}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%víctimas%' ORDER BY c.updated_at DESC, c.case_id LIMIT 50 OFFSET 0;
\echo ==== B5c its count
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM rm_cases c WHERE true AND (c.countries && '{PE}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%víctimas%';
\echo ==== B5t search, two characters
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT count(*)::int FROM rm_cases c WHERE true AND (c.countries && '{PE}') AND (c.reference || ' ' || c.title || ' ' || c.summary) ILIKE '%la%';

\echo ==== B6 notifications, coordinator PE, page 1 (count(*) OVER ())
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT n.id, n.at, r.user_id IS NOT NULL, count(*) OVER ()::int, coalesce(d.sent, 0)
  FROM rm_notifications n LEFT JOIN rm_notification_reads r ON r.notification_id = n.id AND r.user_id = 'coord-pe'
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE state = 'sent')::int AS sent FROM notify_deliveries WHERE notification_id = n.id) d ON true
  WHERE (true AND n.countries && '{PE}') ORDER BY n.at DESC, n.id LIMIT 50 OFFSET 0;
\echo ==== B6u unread only
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT n.id, n.at, r.user_id IS NOT NULL, count(*) OVER ()::int
  FROM rm_notifications n LEFT JOIN rm_notification_reads r ON r.notification_id = n.id AND r.user_id = 'coord-pe'
  WHERE (true AND n.countries && '{PE}') AND r.user_id IS NULL ORDER BY n.at DESC, n.id LIMIT 50 OFFSET 0;
ROLLBACK;
