-- Audit events about a victim or a perpetrator name their subject (V-1, P-1): the code,
-- never the person. The identity-access log (GET /cases/{id}/identity-access) reads the
-- identity-read events of one case in order through the partial index.
ALTER TABLE rm_audit_events ADD COLUMN IF NOT EXISTS subject text;
CREATE INDEX IF NOT EXISTS rm_audit_events_identity_reads ON rm_audit_events (case_id, seq) WHERE kind = 'identity-read';
