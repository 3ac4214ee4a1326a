-- stalkguard service database, schema version 1: households, their users, API tokens and
-- dashboard sessions (docs/service-accounts.md). No secret is kept in clear: passwords as
-- crypto_pwhash_str strings (argon2id, with their salt and limits), tokens and session ids as a
-- BLAKE2b-256 keyed with service.key, which lives beside this file and never in it.
CREATE TABLE households (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households (id),
  login TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- unique across the service, whatever the case
  role TEXT NOT NULL CHECK (role IN ('protected', 'guardian', 'admin')),
  password_hash TEXT NOT NULL,                -- "$argon2id$v=19$m=...,t=...,p=1$salt$hash"
  created_ms INTEGER NOT NULL
);
CREATE INDEX users_by_household ON users (household_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,  -- keyed BLAKE2b-256 of the whole "sgt_..." string
  created_ms INTEGER NOT NULL,
  last_used_ms INTEGER,             -- updated at most once a minute
  revoked_ms INTEGER                -- kept after revocation, as a record of the token
);
-- One live token per (user, name); a revoked name may be used again.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (user_id, name) WHERE revoked_ms IS NULL;

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  session_hash BLOB NOT NULL UNIQUE,  -- keyed BLAKE2b-256 of the cookie's value
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_ms);
