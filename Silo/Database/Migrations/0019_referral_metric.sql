-- The metric enlace.referral.unacknowledged (ProjectionSweeper, every sweep on every silo):
-- referrals still waiting for their receiving agency past the acknowledgement date. The
-- partial index holds only referrals not yet accepted, so the count reads a handful of
-- index entries however many tasks the read model holds.
CREATE INDEX IF NOT EXISTS rm_tasks_unacknowledged ON rm_tasks (acknowledge_by)
    WHERE state = 'assigned' AND acknowledge_by IS NOT NULL;
