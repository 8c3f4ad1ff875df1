-- Grain state for the Orleans ADO.NET persistence provider.
--
-- The provider identifies a row by service id, state name (it passes the
-- state name as "GrainTypeString"), and the grain key split in two 64-bit
-- halves plus a string part. The primary key makes the first write of a grain
-- safe against a concurrent first write: only one INSERT can win.
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id      text        NOT NULL,
    state_name      text        NOT NULL,
    grain_id_string text        NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_id_hash   integer     NOT NULL,
    grain_type_hash integer     NOT NULL,
    payload         bytea,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_id_string, grain_id_n0, grain_id_n1)
);

-- Read: at most one row with the payload and its version (the ETag).
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_id_string = COALESCE(CAST(@GrainIdExtensionString AS text), '')
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- Write: an update guarded by the expected version, or a first insert when the
-- grain has no version yet. Always one row back: the new version on success;
-- on refusal the version the grain sent (or NULL for a lost first insert),
-- which the provider turns into an InconsistentStateException.
INSERT INTO orleansquery (querykey, querytext) VALUES ('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE CAST(@GrainStateVersion AS integer) IS NOT NULL
      AND service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_id_string = COALESCE(CAST(@GrainIdExtensionString AS text), '')
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_state
        (service_id, state_name, grain_id_string, grain_id_n0, grain_id_n1,
         grain_id_hash, grain_type_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, COALESCE(CAST(@GrainIdExtensionString AS text), ''),
           @GrainIdN0, @GrainIdN1, @GrainIdHash, @GrainTypeHash, @PayloadBinary, 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT COALESCE((SELECT version FROM updated),
                (SELECT version FROM inserted),
                CAST(@GrainStateVersion AS integer)) AS "NewGrainStateVersion"
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- Clear: keep the row (and its version history), drop the payload.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_id_string = COALESCE(CAST(@GrainIdExtensionString AS text), '')
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version
)
SELECT COALESCE((SELECT version FROM cleared), CAST(@GrainStateVersion AS integer)) AS "Version"
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- Delete (used instead of Clear when DeleteStateOnClear is set).
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_grain_state
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_id_string = COALESCE(CAST(@GrainIdExtensionString AS text), '')
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version
)
SELECT COALESCE((SELECT version + 1 FROM deleted), CAST(@GrainStateVersion AS integer)) AS "Version"
$q$) ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
