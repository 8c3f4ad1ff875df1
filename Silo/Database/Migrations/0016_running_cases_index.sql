-- Definition upgrades walk the running cases of one workflow version in case id order,
-- a batch at a time after the last id seen (PostgresRunningCases):
--   WHERE workflow_id = $1 AND workflow_version = $2 AND closed_at IS NULL AND case_id > $3
--   ORDER BY case_id LIMIT $4
-- Closed cases never move, so the index leaves them out.
CREATE INDEX IF NOT EXISTS rm_cases_running ON rm_cases (workflow_id, workflow_version, case_id) WHERE closed_at IS NULL;
