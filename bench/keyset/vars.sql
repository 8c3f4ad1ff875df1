SELECT agency AS busy FROM rm_tasks WHERE state IN ('assigned','accepted','in_progress') GROUP BY 1 ORDER BY count(*) DESC LIMIT 1 \gset
SELECT agency AS sparse FROM rm_tasks GROUP BY 1 ORDER BY count(DISTINCT case_id) ASC LIMIT 1 \gset
SELECT reference AS rare FROM rm_cases ORDER BY case_id LIMIT 1 \gset
\echo busy=:busy sparse=:sparse rare=:rare
