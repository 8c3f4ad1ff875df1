-- Victim statistics (GET /api/v1/statistics/victims): one row per victim, written by the
-- case projection in the same transaction as the case. A row holds no victim code, case id,
-- agency, free text or date: fact_id is the victim's random statistics id (not derived
-- from anything else), time is the year the case was opened (UTC), age the broad band.
-- Rows only move forward by the storage version of their case, so a repeated or late
-- projection changes nothing. Optional values the victim lacks are NULL (the country of
-- exploitation) or empty (the forms of exploitation); the query reports them as 'unknown'.
CREATE TABLE IF NOT EXISTS rm_victim_facts (
    fact_id                 uuid    PRIMARY KEY,   -- also the projection's upsert target
    storage_version         integer NOT NULL,
    country                 text    NOT NULL,      -- the case's lead country: each victim counts in one country
    year                    integer NOT NULL,
    sex                     text    NOT NULL,
    age_broad               text    NOT NULL,
    citizenship             text    NOT NULL,
    exploitation            text[]  NOT NULL,
    country_of_exploitation text,
    identification_status   text    NOT NULL,
    counts                  boolean NOT NULL       -- statistics consent given, or no identity recorded
);

-- The statistics query reads only the facts that count, of the caller's countries and, with
-- ?year=, of one year: this partial index finds those rows. (A whole country over every
-- year is most of the table, which the planner then rightly scans.)
CREATE INDEX IF NOT EXISTS rm_victim_facts_scope ON rm_victim_facts (country, year) WHERE counts;
