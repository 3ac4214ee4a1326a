-- stalkguard store, schema version 4: the evidence log (docs/formats/evidence-log.md). Every
-- event the store takes and every finding it keeps is appended here, in the same transaction,
-- as one hash-chained entry. Entries are never changed or removed: the triggers refuse it, so
-- a bug cannot rewrite history (someone with the file still can; the chain shows it).
CREATE TABLE evidence_log (
  seq INTEGER PRIMARY KEY,      -- 1, 2, 3, ... in the order recorded
  kind TEXT NOT NULL,           -- event | finding
  item_id TEXT NOT NULL,        -- event id, or finding id (32 hex digits each)
  item_hash TEXT NOT NULL,      -- SHA-256 of the item's canonical bytes
  recorded_ms INTEGER NOT NULL, -- UTC
  source TEXT NOT NULL,         -- the file an event came from; "detector:<name>" for findings
  prev_hash TEXT NOT NULL,
  entry_hash TEXT NOT NULL
);
-- Findings are logged once per distinct content; events are looked up by scanning in order.
CREATE INDEX evidence_log_findings ON evidence_log (item_id) WHERE kind = 'finding';

CREATE TRIGGER evidence_log_no_update BEFORE UPDATE ON evidence_log
BEGIN SELECT RAISE(ABORT, 'the evidence log is append-only'); END;
CREATE TRIGGER evidence_log_no_delete BEFORE DELETE ON evidence_log
BEGIN SELECT RAISE(ABORT, 'the evidence log is append-only'); END;

ALTER TABLE findings ADD COLUMN evidence_id TEXT;  -- the finding's item_id in evidence_log
