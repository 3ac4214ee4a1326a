-- stalkguard store, schema version 1. Times are UTC milliseconds; enums are stored by name.
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  started_ms INTEGER NOT NULL,
  finished_ms INTEGER,
  paths TEXT NOT NULL,          -- JSON array of the paths the user named
  inserted INTEGER,
  duplicates INTEGER,
  rejected INTEGER
);

CREATE TABLE identities (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,           -- phone | email | handle
  value TEXT NOT NULL,          -- normalised: "+447700900999", "instagram:sam.lee"
  contact_id TEXT,              -- set by the contact linker
  UNIQUE (kind, value)
);

CREATE TABLE identity_names (
  identity_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (identity_id, name)
) WITHOUT ROWID;

CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id BLOB NOT NULL UNIQUE,      -- 16-byte stable id (hex in every output)
  native_id TEXT,
  import_id INTEGER NOT NULL,
  platform TEXT NOT NULL,
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  sender_id INTEGER,
  sender_name TEXT,
  counterpart_id INTEGER,       -- the other party: the sender, or for outgoing the first recipient
  recipients TEXT,              -- JSON [{"identity": "phone:+44...", "name": "..."}]
  ts_ms INTEGER NOT NULL,
  tz_offset_min INTEGER,        -- NULL when the source gave no offset
  thread TEXT,
  subject TEXT,
  body TEXT,
  urls TEXT,                    -- JSON array
  reactions TEXT,               -- JSON [{"actor": "...", "emoji": "..."}]
  call_type TEXT,
  call_duration_s INTEGER,
  source_file TEXT NOT NULL,
  source_record TEXT NOT NULL,
  raw BLOB                      -- exact bytes of the source record when known
);
CREATE INDEX events_by_counterpart ON events (counterpart_id, ts_ms);

CREATE TABLE attachments (
  event_seq INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  name TEXT,
  mime_type TEXT,
  size INTEGER,
  sha256 TEXT,
  uri TEXT,
  bytes BLOB,
  PRIMARY KEY (event_seq, idx)
) WITHOUT ROWID;

CREATE TABLE rejections (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL,
  source TEXT NOT NULL,
  record TEXT NOT NULL,
  reason TEXT NOT NULL
);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  display TEXT NOT NULL,
  is_self INTEGER NOT NULL,
  link_reasons TEXT NOT NULL    -- JSON array of sentences
);
