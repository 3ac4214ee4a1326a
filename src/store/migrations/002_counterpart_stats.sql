-- stalkguard store, schema version 2: event counts per counterpart, kept up to date in the
-- same transaction as the events, so that the contact table does not read every event.
-- Always equal to
--   SELECT counterpart_id, channel, direction, COUNT(*), MIN(ts_ms), MAX(ts_ms)
--   FROM events WHERE counterpart_id IS NOT NULL GROUP BY 1, 2, 3
CREATE TABLE counterpart_stats (
  counterpart_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  events INTEGER NOT NULL,
  first_ms INTEGER NOT NULL,    -- UTC
  last_ms INTEGER NOT NULL,
  PRIMARY KEY (counterpart_id, channel, direction)
) WITHOUT ROWID;

INSERT INTO counterpart_stats (counterpart_id, channel, direction, events, first_ms, last_ms)
  SELECT counterpart_id, channel, direction, COUNT(*), MIN(ts_ms), MAX(ts_ms)
  FROM events WHERE counterpart_id IS NOT NULL GROUP BY 1, 2, 3;
