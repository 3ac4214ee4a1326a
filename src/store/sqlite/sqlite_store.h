// The embedded store: one SQLite file in WAL mode, schema upgraded by numbered migrations on
// open, events written in batched transactions with prepared statements.
//
//   SG_ASSIGN_OR_RETURN(auto store, SqliteStore::Open("stalkguard.db"));
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/store.h"

namespace stalkguard::store {

// How an import run (BeginImport .. FinishImport) groups its writes into transactions.
struct SqliteOptions {
  // A run commits once this many events have been written since its last commit, so readers
  // see it progress and a crash loses at most this much (a rerun adds it again: ids are
  // stable).
  int64_t events_per_commit = 65536;
  // A run that has inserted this many events, and at least as many as the store held when the
  // run began, turns into one transaction: events_by_counterpart is dropped inside it and built
  // again, in one sort, just before FinishImport commits. Readers never see the store without
  // the index, a crash loses the whole run, and the WAL grows to the size of the run until
  // that commit.
  int64_t bulk_after_events = 65536;
  // PRAGMA synchronous=FULL instead of NORMAL: in WAL mode NORMAL already keeps every commit
  // through a crash of the process (kill -9), but the last commits before a power cut or an OS
  // crash may be lost; FULL syncs the WAL at every commit so that they are not. For a service
  // that acknowledges what it stored (docs/performance.md, "Live ingest", measures the cost).
  bool sync_full = false;
};

class SqliteStore : public Store {
 public:
  // Creates the file (and its folder) when missing and brings its schema up to date. Fails
  // when the file is not a SQLite database or was written by a newer stalkguard.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   const SqliteOptions& options = {});
  ~SqliteStore() override;

  // The schema version this build writes (PRAGMA user_version).
  static int SchemaVersion();

  Result<int64_t> BeginImport(const std::vector<std::string>& paths) override;
  Result<WriteCounts> WriteEvents(int64_t import_id, const std::vector<Event>& events) override;
  Result<WriteCounts> WriteEventsReporting(int64_t import_id, const std::vector<Event>& events,
                                           WriteReport& report) override;
  Status WriteRejections(int64_t import_id, const std::vector<Rejection>& rejections) override;
  Status FinishImport(int64_t import_id, const WriteCounts& counts, int64_t rejected) override;
  Result<std::vector<IdentityRecord>> ListIdentities() override;
  Status ReplaceContacts(const std::vector<ContactRecord>& contacts) override;
  Status UpdateContacts(const std::vector<ContactRecord>& changed,
                        const std::vector<std::string>& removed) override;
  Result<std::vector<ContactSummary>> ContactSummaries() override;
  Result<int64_t> CountEvents() override;
  Result<std::vector<ContactIdentities>> ListContacts() override;
  Status ForEachEvent(const std::vector<int64_t>& counterpart_ids,
                      const std::function<Status(Event&)>& visit) override;
  Status ForEachEventWithSeq(const std::vector<int64_t>& counterpart_ids,
                             const std::function<Status(Event&, int64_t seq)>& visit) override;
  Result<std::vector<std::string>> GroupThreads() override;
  Status ReplaceCases(const std::vector<Case>& cases) override;
  Status ReplaceCasesFor(const std::vector<std::string>& contact_ids,
                         const std::vector<Case>& cases) override;
  Status UpdateCases(std::vector<CaseUpdate>& updates) override;
  Result<std::vector<Case>> ListCases() override;
  Status ForEachEventWithRaw(const std::vector<int64_t>& counterpart_ids,
                             const std::function<Status(Event&)>& visit) override;
  Status ReadEvents(const std::vector<std::string>& ids,
                    const std::function<Status(Event&)>& visit) override;
  Status ForEachStoredEvent(const std::function<Status(Event&)>& visit) override;
  Result<evidence::ChainHead> EvidenceHead() override;
  Status ForEachEvidenceEntry(
      const std::function<Status(const evidence::ChainEntry&)>& visit) override;
  Status PutCheckupRecords(const std::vector<CheckupRecord>& records) override;
  Result<std::vector<CheckupRecord>> ListCheckupRecords() override;

  // Implementation types, opaque outside store/sqlite (named here so its .cc files can share
  // helpers).
  struct Impl;
  // An event read back with its row number, which orders events of the same millisecond.
  struct ReadEvent {
    int64_t seq = 0;
    Event event;
  };

 private:
  // Replaces cases in one transaction: `clear` removes the old ones first.
  Status WriteCases(const std::vector<Case>& cases, const std::function<Status()>& clear);
  // Writes contacts and links their identities in one transaction, after `clear`.
  Status WriteContacts(const std::vector<ContactRecord>& contacts,
                       const std::function<Status()>& clear);
  Status ReadCounterpartEvents(int64_t counterpart, bool with_raw, std::vector<ReadEvent>& out);
  Status ForEachCounterpartEvent(const std::vector<int64_t>& counterpart_ids, bool with_raw,
                                 const std::function<Status(ReadEvent&)>& visit);
  explicit SqliteStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The default database path: $XDG_DATA_HOME/stalkguard/stalkguard.db, else
// ~/.local/share/stalkguard/stalkguard.db.
std::string DefaultDatabasePath();

}  // namespace stalkguard::store
