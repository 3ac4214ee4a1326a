// Live ingest for `stalkguard serve`: events arrive in request batches for one household's
// store, are stored durably, and the cases they touch are judged again at once, so that an
// alert can fire when a case reaches a severity. The stored cases stay equal to what a full
// RunDetection over the same store concludes (live_ingest_test.cc proves it on the example
// exports).
//
// How it stays cheap: Create judges every stored event once (the text layer and the event
// detectors, the costly part of detection) and keeps each event's timeline entry in memory,
// per counterpart identity. A batch then costs judging its own new events, plus the conduct
// detectors and risk/ over the timelines of the contacts it touched. What a full run computes
// over the whole store is kept up to date here: the contacts (relinked only when a batch brings
// a new identity or display name), the group threads (events of a thread that becomes a group
// are judged again), the typical incoming volume (contacts it can change are judged again) and
// the blocked identities' names (all conduct judged again).
//
//   SG_ASSIGN_OR_RETURN(LiveIngest live, LiveIngest::Create(profile, store));
//   SG_ASSIGN_OR_RETURN(IngestResult result, live.Ingest(std::move(events)));
//   for (const CaseChange& c : result.changes) if (c.after >= Severity::kWarning) Alert(c);
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/event.h"
#include "core/finding.h"
#include "core/profile.h"
#include "core/result.h"
#include "detectors/builtin.h"
#include "store/store.h"

namespace stalkguard::scan {

struct LiveIngestOptions {
  // Where the shipped detector data lives (blocked_display_names is filled from the store).
  detect::BuiltinOptions detectors;
  // The text layer loaded already, shared by every household of a server (loading it takes
  // seconds); null: loaded by Create.
  std::shared_ptr<const detect::TextLayer> text_layer;
  std::string risk_config_path;  // empty: risk::DefaultRiskConfigPath()
  // The import run's path and the rejections' source.
  std::string source = "live";
  // Threads that judge a batch's events and its contacts' timelines (the calling one
  // included).
  int threads = 2;
  // Under sustained ingest the same contacts' cases change with every batch. When > 0, a batch
  // keeps the cases it changed in memory (Cases() and the changes have them at once) and
  // writes them to the store only once they have waited this long, or when StoreCases is
  // called: one write of a case instead of one a batch. Events are committed with their batch
  // as always; a crash before the cases are written loses nothing, since Create judges every
  // case again from the stored events. 0: every batch writes its cases before it returns.
  int case_write_interval_ms = 0;
};

struct CaseChange {
  std::string contact_id;
  std::string display;
  std::optional<Severity> before;  // nullopt: no case before
  Severity after = Severity::kInfo;
  double score = 0;
};

struct IngestResult {
  store::WriteCounts counts;           // inserted, duplicates (idempotent by event id)
  std::vector<std::string> event_ids;  // the id of each input event, in order ("" if rejected)
  std::vector<store::Rejection> rejections;  // per rejected event: record "event 3", reason
  std::vector<CaseChange> changes;           // cases whose severity or score changed, or new
  double seconds = 0;
  // Where `seconds` went, for benchmarks and metrics (wall clock).
  struct Phases {
    double store = 0;        // preparing and storing the batch, committed
    double contacts = 0;     // relinking contacts to the batch's new identities and names
    double events = 0;       // judging the batch's events (and those of threads become groups)
    double cases = 0;        // judging the touched contacts' timelines again
    double store_cases = 0;  // comparing and storing the cases that changed
  } phases;
};

// Owns the detectors, the risk config and the timelines of one store; used from one thread at
// a time (the server serialises per household). The store must not be written by anyone else
// while a LiveIngest holds it: its timelines would go stale (create it again after a file scan).
class LiveIngest {
 public:
  // Relinks the contacts, judges every stored event and replaces every case, as `stalkguard
  // scan` does after an import: whatever happened before (a crash between a batch's commit and
  // its cases), the stored cases are right afterwards. Takes as long as a full detection.
  static Result<LiveIngest> Create(Profile profile, store::Store& store,
                                   const LiveIngestOptions& options = {});
  LiveIngest(LiveIngest&&) noexcept;
  LiveIngest& operator=(LiveIngest&&) noexcept;
  ~LiveIngest();

  // Prepares the events (ids and directions with scan's EventPreparer; identities must come
  // normalised, as the JSONL importer's parser gives them), writes them in one import run that
  // is committed before this returns (durable: a crash afterwards keeps them, and the evidence
  // log holds their entries), relinks contacts when the batch brought a new identity or name,
  // judges again only the contacts the batch touched (and the device case and group threads
  // when needed), replaces only their cases and returns what changed. An event without a time
  // or with text that is not UTF-8 is rejected and the rest go in. Fails when the store fails:
  // the events are then either all stored or none, and no import run is left open; when the
  // failure comes after the commit, the stored events stay and the next Ingest (or Create)
  // judges them: it starts by building its state again from the store, as Create does.
  Result<IngestResult> Ingest(std::vector<Event> events);

  // Several batches (concurrent requests of one household) ingested as one: one import run,
  // one commit, one pass over the contacts they touched, so that N waiting requests cost little
  // more than one. Each part's result has its own counts, event ids and rejections (records
  // numbered within the part); `changes`, `seconds` and `phases` are the whole run's, the same
  // in every part. An event id in two parts is stored once: the later part counts it as a
  // duplicate. Fails as Ingest does, for all parts at once.
  Result<std::vector<IngestResult>> IngestMany(std::vector<std::vector<Event>> parts);

  // Writes the cases whose writing was put off (case_write_interval_ms); nothing when none
  // wait. Call before reading cases from the store. On failure they stay waiting.
  Status StoreCases();
  bool CasesWaiting() const;

  // The cases as judged now (stored, or waiting to be), most severe first, then by score.
  std::vector<Case> Cases() const;

 private:
  struct State;
  explicit LiveIngest(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace stalkguard::scan
