-- Least-privilege roles (issue #19). Silos connect as enlace_silo, gateways as
-- enlace_gateway; the role that runs the migrations (the database owner) keeps
-- everything else. The roles are created NOLOGIN and without a password: the
-- `roles` command of the silo (an administrator, with the owner's connection
-- string) gives them LOGIN and their passwords. A role that already exists — made
-- by a database administrator beforehand, or for another database of the same
-- server — is kept as it is: roles belong to the server, grants to the database.
-- Two databases of one server migrating at once both find a role missing: the
-- second CREATE then fails on the first's row, which is the role we wanted.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'enlace_silo') THEN
        BEGIN
            CREATE ROLE enlace_silo NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'enlace_gateway') THEN
        BEGIN
            CREATE ROLE enlace_gateway NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END
$roles$;

-- Every table a migration creates must be granted here or in a later migration:
-- DatabaseRolesTests fails on a table neither role's grants mention, and pins the
-- gateway's grants exactly. No ALTER DEFAULT PRIVILEGES: a new table is reachable
-- by no one until its migration says who may touch it.

-- The silo: grain state, reminders, membership, the read model it projects and
-- the notification outbox it sends. It reads (never writes) the Orleans query
-- texts and the migration log (a silo starting on an up-to-date database checks
-- it and migrates nothing).
GRANT SELECT ON orleansquery, enlace_schema_migrations TO enlace_silo;
GRANT SELECT, INSERT, UPDATE, DELETE ON
    orleans_grain_state, orleans_reminders, orleans_membership, orleans_membership_version,
    rm_cases, rm_tasks, rm_case_counts, rm_task_counts, rm_task_deadlines, rm_stage_stays,
    rm_stage_hours, rm_completion_hours, rm_notifications, rm_notification_reads,
    rm_roadmaps, rm_actions, rm_audit_events, rm_victim_facts,
    notify_user_settings, notify_webhooks, notify_deliveries, notify_attempts
    TO enlace_silo;

-- The gateway: only what its own SQL reads and writes. No grain state (victims'
-- identities are sealed there), no reminders, and of the membership only the
-- columns the Orleans client's gateway list query (GatewaysQueryKey) reads.
GRANT SELECT ON orleansquery TO enlace_gateway;
GRANT SELECT (deployment_id, status, address, proxy_port, generation) ON orleans_membership TO enlace_gateway;
GRANT SELECT ON
    rm_cases, rm_tasks, rm_case_counts, rm_task_counts, rm_task_deadlines, rm_stage_hours,
    rm_completion_hours, rm_notifications, rm_roadmaps, rm_actions, rm_audit_events,
    rm_victim_facts, notify_deliveries
    TO enlace_gateway;
GRANT SELECT, INSERT ON rm_notification_reads TO enlace_gateway;
GRANT SELECT, INSERT, UPDATE ON notify_user_settings, notify_webhooks TO enlace_gateway;
GRANT SELECT, INSERT, UPDATE, DELETE ON enlace_http_idempotency TO enlace_gateway;
