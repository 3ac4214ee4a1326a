-- stalkguard store, schema version 5: what the safety check-up keeps between runs. The person's
-- answers to the account questions and the summary of their last password audit, as JSON the
-- check-up writes (docs/formats/store.md). Never a password: the audit summary holds counts and
-- the names of the accounts to change.
CREATE TABLE checkup_records (
  key TEXT PRIMARY KEY,         -- "answer:two-factor:email:sam@example.org", "password-audit"
  value TEXT NOT NULL,          -- JSON
  updated_ms INTEGER NOT NULL
);
