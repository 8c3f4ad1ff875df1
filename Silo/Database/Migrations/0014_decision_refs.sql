-- A prosecutorial or judicial decision recorded in Enlace carries the number of the document
-- that made it (a fiscal disposition, a judgment): kept with its audit event and hashed with it.
ALTER TABLE rm_audit_events ADD COLUMN IF NOT EXISTS decision_ref text;
