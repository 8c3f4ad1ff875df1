-- The sweeper also finds roadmaps and roadmap actions whose stored state is newer than
-- the read model (their grains' versions move with every write, as the row's does).
DROP FUNCTION IF EXISTS rm_pending_projections(text, timestamptz, timestamptz, integer);
CREATE FUNCTION rm_pending_projections(service text, since timestamptz, settled timestamptz, max_rows integer)
RETURNS TABLE (state_name text, grain_key text, modified_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT * FROM (
        SELECT s.state_name, s.grain_id_string, s.modified_at
        FROM orleans_grain_state s LEFT JOIN rm_cases r ON r.case_id = s.grain_id_string
        WHERE s.state_name = 'case' AND s.service_id = service AND s.modified_at >= since AND s.modified_at < settled
          AND s.payload IS NOT NULL AND (r.case_id IS NULL OR r.storage_version < s.version)
        UNION ALL
        SELECT s.state_name, s.grain_id_string, s.modified_at
        FROM orleans_grain_state s
        LEFT JOIN rm_actions a ON a.roadmap_id = split_part(s.grain_id_string, '/', 1) AND a.action_id = split_part(s.grain_id_string, '/', 2)
        WHERE s.state_name = 'roadmap-action' AND s.service_id = service AND s.modified_at >= since AND s.modified_at < settled
          AND s.payload IS NOT NULL AND (a.action_id IS NULL OR a.version < s.version)
        UNION ALL
        SELECT s.state_name, s.grain_id_string, s.modified_at
        FROM orleans_grain_state s LEFT JOIN rm_roadmaps m ON m.roadmap_id = s.grain_id_string
        WHERE s.state_name = 'roadmap' AND s.service_id = service AND s.modified_at >= since AND s.modified_at < settled
          AND s.payload IS NOT NULL AND (m.roadmap_id IS NULL OR m.version < s.version)
    ) p
    ORDER BY modified_at
    LIMIT max_rows
$$;
