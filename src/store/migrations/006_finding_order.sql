-- stalkguard store, schema version 6: findings keep their order within a case by a sort key
-- instead of by row, so that live ingest can add and remove a case's findings without writing
-- again those that stay (Store::UpdateCases). Keys are spaced (2^20 apart when written) to leave
-- room for findings put between them; existing rows take their row id, which kept their order.
ALTER TABLE findings ADD COLUMN sort_key INTEGER NOT NULL DEFAULT 0;
UPDATE findings SET sort_key = id;
DROP INDEX findings_by_case;
CREATE INDEX findings_by_case ON findings (case_id, sort_key);
