-- Every reconciliation pass looks for inbox entries still unprocessed (processed_at IS NULL) and
-- received before a cut-off. With only the index on received_at, that search walked every entry
-- kept for the retention period (a week of webhooks by default) on each pass: about 50,000 rows
-- and several milliseconds on PostgreSQL, tens of milliseconds on H2, to find the few open ones.
-- Indexed by (processed_at, received_at), the open entries come first (H2 keeps NULLs first) or
-- are reached directly (PostgreSQL), and the retention purge, which asks for processed_at before a
-- cut-off, uses the same index; the index on received_at alone has no query left and goes, so a
-- webhook still maintains as many inbox indexes as before.
CREATE INDEX ${table_prefix}inbox_open_ix ON ${table_prefix}inbox (processed_at, received_at);
DROP INDEX ${table_prefix}inbox_received_ix;
