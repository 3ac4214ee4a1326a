-- stalkguard store, schema version 4: the evidence log (docs/formats/evidence-log.md). Every
-- event the store takes and every finding it keeps is appended here, in the same transaction,
-- as one hash-chained entry. Entries are never changed or removed: the triggers refuse it, so
-- a bug cannot rewrite history (someone with the file still can; the chain shows it).
-- Ids and hashes are kept as their bytes (hex in every output): a row per stored event, and
-- at half the size the log adds a quarter, not half, to the bytes an import writes.
CREATE TABLE evidence_log (
  seq INTEGER PRIMARY KEY,      -- 1, 2, 3, ... in the order recorded
  kind TEXT NOT NULL,           -- event | finding
  item_id BLOB NOT NULL,        -- 16 bytes: the event id, or the finding id
  item_hash BLOB NOT NULL,      -- 32 bytes: BLAKE2b-256 of the item's canonical bytes
  recorded_ms INTEGER NOT NULL, -- UTC
  source TEXT NOT NULL,         -- the file an event came from; "detector:<name>" for findings
  prev_hash BLOB NOT NULL,      -- 32 bytes: entry_hash of the entry before (zeros for the first)
  entry_hash BLOB NOT NULL      -- 32 bytes
);
-- Findings are logged once per distinct content; events are looked up by scanning in order.
CREATE INDEX evidence_log_findings ON evidence_log (item_id) WHERE kind = 'finding';

CREATE TRIGGER evidence_log_no_update BEFORE UPDATE ON evidence_log
BEGIN SELECT RAISE(ABORT, 'the evidence log is append-only'); END;
CREATE TRIGGER evidence_log_no_delete BEFORE DELETE ON evidence_log
BEGIN SELECT RAISE(ABORT, 'the evidence log is append-only'); END;

ALTER TABLE findings ADD COLUMN evidence_id TEXT;  -- the finding's item_id in evidence_log
