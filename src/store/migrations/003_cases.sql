-- stalkguard store, schema version 3: what detection concluded. Findings and cases are derived
-- from the events, so every detection run replaces them; they are never edited by hand.
CREATE TABLE cases (
  contact_id TEXT PRIMARY KEY,  -- contacts.id
  display TEXT NOT NULL,
  identities TEXT NOT NULL,     -- JSON array of identity keys
  trusted INTEGER NOT NULL,
  severity TEXT NOT NULL,       -- info | watch | warning | danger
  score REAL NOT NULL,          -- [0, 1]
  forms TEXT NOT NULL,          -- JSON array: "abusive_messages", "excessive_contact", ...
  reasons TEXT NOT NULL,        -- JSON array of sentences: why this severity
  facts TEXT NOT NULL,          -- JSON object: the course-of-conduct facts (docs/cases.md)
  actions TEXT NOT NULL,        -- JSON array of recommended actions
  updated_ms INTEGER NOT NULL
);

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,        -- cases.contact_id
  event_id BLOB,                -- 16-byte event id; NULL when about no single event
  detector TEXT NOT NULL,       -- "abuse", "contact", "links", ...
  category TEXT NOT NULL,       -- "threat", "persistence_after_refusal", ...
  score REAL NOT NULL,
  severity TEXT NOT NULL,
  span_begin INTEGER,           -- byte offsets into the event's text; NULL when empty
  span_end INTEGER,
  why TEXT NOT NULL,
  excerpt TEXT NOT NULL
);
CREATE INDEX findings_by_case ON findings (case_id);
CREATE INDEX findings_by_event ON findings (event_id);
