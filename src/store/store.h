// The event store: where imported events, their parties, rejections and the contacts built
// from them live. SQLite (store/sqlite) is the embedded default; a server-backed store
// implements the same interface. A Store is used from one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/case.h"
#include "core/event.h"
#include "core/result.h"
#include "evidence/hash_chain.h"

namespace stalkguard::store {

struct WriteCounts {
  int64_t inserted = 0;
  int64_t duplicates = 0;  // already stored: same event id
};

struct Rejection {
  std::string source;  // file
  std::string record;  // "line 12"; empty when the whole file was refused
  std::string reason;
};

// One stored identity with everything the contact linker needs to know about it.
struct IdentityRecord {
  int64_t id = 0;
  Identity identity;
  std::vector<std::string> display_names;  // every name a source showed for it
};

// What WriteEventsReporting did with each event of a batch, for callers that keep state
// derived from the events up to date without reading them back (scan::LiveIngest).
struct WrittenEvent {
  bool inserted = false;       // false: already stored (a duplicate); the rest is then 0
  int64_t seq = 0;             // its row number, which orders events of the same millisecond
  int64_t counterpart_id = 0;  // the sender's identity row, or an outgoing event's first
                               // recipient's (as ForEachEvent selects by); 0 when none
};

struct WriteReport {
  std::vector<WrittenEvent> events;  // one per event written, in order
  // The batch stored a new identity or a new display name of one: contacts may link otherwise.
  bool identities_changed = false;
  // What changed, in the order stored: each identity the batch stored or gave a name it did not
  // have, with only those new names (contacts::IncrementalLinker::Add takes them).
  std::vector<IdentityRecord> identity_changes;
};

// One thing the safety check-up keeps between runs: an answer or the last password audit's
// summary, as JSON it writes and reads itself (docs/formats/store.md lists the keys).
struct CheckupRecord {
  std::string key;    // "answer:shared-devices", "password-audit"
  std::string value;  // JSON
  int64_t updated_ms = 0;
};

// A person behind one or more identities, as decided by the contact linker.
struct ContactRecord {
  std::string id;       // stable: derived from its first identity
  std::string display;  // the name to show
  std::vector<int64_t> identity_ids;
  std::vector<std::string> link_reasons;  // why these identities are one person
  bool is_self = false;                   // the protected person
};

// A contact with its identities, as detection reads them.
struct ContactIdentities {
  ContactRecord record;
  std::vector<IdentityRecord> identities;
};

// What the contact table shows.
struct ContactSummary {
  std::string id;
  std::string display;
  std::vector<std::string> identities;  // identity keys, "phone:+447700900999"
  std::vector<std::string> link_reasons;
  std::vector<std::string> channels;  // "sms", "call", ...
  int64_t incoming = 0;               // events from them
  int64_t outgoing = 0;               // events to them
  int64_t other = 0;                  // public, third-party, unknown direction
  int64_t first_ms = 0, last_ms = 0;  // UTC
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens an import run, recorded with the paths it read; returns its id. Commits a run that
  // was left open.
  virtual Result<int64_t> BeginImport(const std::vector<std::string>& paths) = 0;
  // Writes a batch. Events must have ids; an id already stored counts as a duplicate and
  // changes nothing. Outside an import run the batch is one transaction. Inside one, the store
  // may keep several batches in one transaction: they are durable once FinishImport returns,
  // and a failure rolls back every batch since the last commit. A run that is never finished
  // (the process stops) keeps only what was committed.
  virtual Result<WriteCounts> WriteEvents(int64_t import_id, const std::vector<Event>& events) = 0;
  // WriteEvents that also says what became of each event (`report` is overwritten).
  virtual Result<WriteCounts> WriteEventsReporting(int64_t import_id,
                                                   const std::vector<Event>& events,
                                                   WriteReport& report) = 0;
  // Joins the run's transaction like WriteEvents.
  virtual Status WriteRejections(int64_t import_id, const std::vector<Rejection>& rejections) = 0;
  // Records the run's counts and commits everything it wrote.
  virtual Status FinishImport(int64_t import_id, const WriteCounts& counts, int64_t rejected) = 0;

  virtual Result<std::vector<IdentityRecord>> ListIdentities() = 0;
  // Replaces every contact with `contacts`, in one transaction.
  virtual Status ReplaceContacts(const std::vector<ContactRecord>& contacts) = 0;
  // Writes only what changed since the contacts were last written, in one transaction: the
  // contacts `removed` go (their identities are left without a contact until one of `changed`
  // takes them), and each of `changed` replaces the stored contact of its id or is added, and
  // takes its identities. For live ingest (contacts::IncrementalLinker's Update).
  virtual Status UpdateContacts(const std::vector<ContactRecord>& changed,
                                const std::vector<std::string>& removed) = 0;
  // Contacts other than the protected person, most events first.
  virtual Result<std::vector<ContactSummary>> ContactSummaries() = 0;
  virtual Result<int64_t> CountEvents() = 0;

  // Every contact (the protected person too) with its identities, in contact id order.
  virtual Result<std::vector<ContactIdentities>> ListContacts() = 0;
  // Calls `visit` with every stored event whose counterpart (the sender, or for an outgoing
  // event its first recipient) is one of `counterpart_ids`, oldest first; with no ids, every
  // event that has no counterpart. Events come back as they were written, without `raw`.
  // Stops at the first error `visit` returns and returns it.
  virtual Status ForEachEvent(const std::vector<int64_t>& counterpart_ids,
                              const std::function<Status(Event&)>& visit) = 0;
  // ForEachEvent that also gives each event's row number (WrittenEvent::seq): what orders the
  // events of one millisecond when timelines of several identities are merged.
  virtual Status ForEachEventWithSeq(const std::vector<int64_t>& counterpart_ids,
                                     const std::function<Status(Event&, int64_t seq)>& visit) = 0;
  // Chat threads that more than one other person writes in (group chats), as
  // "<platform>\x1f<thread>" keys.
  virtual Result<std::vector<std::string>> GroupThreads() = 0;
  // Replaces every case and its findings with `cases`, in one transaction.
  virtual Status ReplaceCases(const std::vector<Case>& cases) = 0;
  // Replaces the cases (and findings) of the contacts `contact_ids` only, in one transaction:
  // their stored cases go, `cases` come in (each must be of one of `contact_ids`; a contact
  // without a case in `cases` is left without one). Findings are logged as ReplaceCases logs
  // them. For live ingest, which judges only the contacts a batch touched.
  virtual Status ReplaceCasesFor(const std::vector<std::string>& contact_ids,
                                 const std::vector<Case>& cases) = 0;
  // One contact's case as stored now and as it is to be (UpdateCases).
  struct CaseUpdate {
    std::string contact_id;
    const Case* before = nullptr;  // as ListCases gives it, findings in order; null: no case
    Case* after = nullptr;         // null: the contact has no case any more
  };
  // ReplaceCasesFor for a caller that keeps what it stored (live ingest): writes only what
  // differs from `before`, in one transaction. Findings that stay keep their rows (and log
  // entries), those gone are removed, new ones are put in order between them and logged as
  // ReplaceCases logs them. Sets the id of every finding of each `after` (its evidence-log id).
  // A case whose stored findings do not match `before` is rewritten whole, so the result is
  // the same either way; `before` only makes it cheaper.
  virtual Status UpdateCases(std::vector<CaseUpdate>& updates) = 0;
  // The stored cases with their findings, most severe first, then by score.
  virtual Result<std::vector<Case>> ListCases() = 0;

  // Exports read the events with `raw`, the exact bytes of their source records. Like
  // ForEachEvent otherwise.
  virtual Status ForEachEventWithRaw(const std::vector<int64_t>& counterpart_ids,
                                     const std::function<Status(Event&)>& visit) = 0;
  // The events with these ids (32 hex digits), with `raw`, oldest first; unknown ids are
  // skipped.
  virtual Status ReadEvents(const std::vector<std::string>& ids,
                            const std::function<Status(Event&)>& visit) = 0;

  // Every stored event with `raw`, in the order the store took them, read in slices so that
  // memory stays flat on any store size: for audits of the whole evidence log.
  virtual Status ForEachStoredEvent(const std::function<Status(Event&)>& visit) = 0;

  // The evidence log (docs/formats/evidence-log.md). WriteEvents appends an entry for every
  // event it inserts and ReplaceCases one for every finding whose content was not logged
  // before, each in the same transaction as the item; the item hash is that of the event as
  // ForEachEventWithRaw gives it back. Entries are never changed or removed.
  virtual Result<evidence::ChainHead> EvidenceHead() = 0;
  // Every entry, in sequence order. Stops at the first error `visit` returns and returns it.
  virtual Status ForEachEvidenceEntry(
      const std::function<Status(const evidence::ChainEntry&)>& visit) = 0;

  // The check-up's records: written in one transaction, each replacing the record of the same
  // key (its updated_ms set to now); listed in key order.
  virtual Status PutCheckupRecords(const std::vector<CheckupRecord>& records) = 0;
  virtual Result<std::vector<CheckupRecord>> ListCheckupRecords() = 0;
};

}  // namespace stalkguard::store
