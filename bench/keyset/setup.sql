-- Facts and synthetic notifications for the plans (same data before and after).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
INSERT INTO rm_notifications (id, kind, countries, source_kind, source_id, reference, task_id, agency, title, detail, at)
SELECT 'n-' || t.case_id || '-' || t.task_id, 'task-overdue', t.countries, 'case', t.case_id, c.reference, t.task_id, t.agency,
       'Tarea vencida', 'Generada para medir', t.deadline
FROM rm_tasks t JOIN rm_cases c ON c.case_id = t.case_id
WHERE t.state IN ('assigned', 'accepted', 'in_progress', 'declined') AND t.deadline < now()
ON CONFLICT DO NOTHING;
-- The coordinator of PE has read all but the newest 1 %.
INSERT INTO rm_notification_reads (notification_id, user_id, read_at)
SELECT id, 'coord-pe', now() FROM rm_notifications n WHERE 'PE' = ANY (n.countries)
  AND n.at < (SELECT percentile_disc(0.99) WITHIN GROUP (ORDER BY at) FROM rm_notifications)
ON CONFLICT DO NOTHING;
ANALYZE;
SELECT count(*) AS cases FROM rm_cases;
SELECT count(*) AS tasks, count(*) FILTER (WHERE state IN ('assigned','accepted','in_progress')) AS open,
       count(*) FILTER (WHERE state IN ('assigned','accepted','in_progress') AND deadline < now()) AS late,
       count(*) FILTER (WHERE state = 'declined') AS declined FROM rm_tasks;
SELECT count(*) AS notifications FROM rm_notifications;
SELECT agency, count(*) FILTER (WHERE state IN ('assigned','accepted','in_progress')) AS open,
       count(*) FILTER (WHERE state IN ('assigned','accepted','in_progress') AND deadline < now()) AS late,
       count(*) FILTER (WHERE state = 'completed') AS completed, count(DISTINCT case_id) AS cases
FROM rm_tasks GROUP BY 1 ORDER BY 2 DESC;
