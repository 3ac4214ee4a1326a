-- stalkguard alert database (alerts.db), schema version 1: each household's alert rules, the
-- alerts made from its cases and the outbox of their deliveries (docs/alerts.md).
CREATE TABLE rules (
  id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a delivery names the rule it is for
  household_id INTEGER NOT NULL,
  min_severity TEXT NOT NULL CHECK (min_severity IN ('watch', 'warning', 'danger')),
  webhook_url TEXT,
  -- 64 hex digits; the HMAC key, so kept as is (a digest could not sign). Never shown again
  -- after the reply that made it.
  webhook_secret TEXT,
  email TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_ms INTEGER NOT NULL,
  CHECK (webhook_url IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX rules_by_household ON rules (household_id);

-- One alert per (household, case, severity): the de-duplication key.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  household_id INTEGER NOT NULL,
  case_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  previous_severity TEXT,
  display TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  payload TEXT NOT NULL,  -- the webhook's JSON body, fixed when the alert is made
  UNIQUE (household_id, case_id, severity)
);
CREATE INDEX alerts_by_household ON alerts (household_id, id);

-- The outbox: one delivery per alert, rule and channel.
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id INTEGER NOT NULL REFERENCES alerts (id),
  rule_id INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
  target TEXT NOT NULL,  -- where it went last (the rule's URL or address then)
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_ms INTEGER NOT NULL,  -- when a pending delivery is due, UTC
  last_error TEXT,
  sent_ms INTEGER,
  UNIQUE (alert_id, rule_id, channel)
);
CREATE INDEX deliveries_due ON deliveries (next_ms) WHERE state = 'pending';
