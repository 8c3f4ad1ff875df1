-- The Orleans ADO.NET providers read the text of every query they run from
-- this table at start-up (SELECT QueryKey, QueryText FROM OrleansQuery).
-- Unquoted identifiers fold to lower case; Npgsql matches the provider's
-- column names case-insensitively.
CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);
