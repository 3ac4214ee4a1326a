#include "scan/live_ingest.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "contacts/incremental_linker.h"
#include "core/utf8.h"
#include "evidence/canonical.h"
#include "risk/case_builder.h"
#include "risk/risk_config.h"
#include "scan/detection.h"
#include "scan/event_preparer.h"
#include "scan/scan.h"
#include "scan/timeline_judge.h"

namespace stalkguard::scan {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kUnknownId = "unknown";

// Adds the time since `since` to `to` and restarts the count.
void Lap(Clock::time_point& since, double& to) {
  const Clock::time_point now = Clock::now();
  to += std::chrono::duration<double>(now - since).count();
  since = now;
}

// The judged events of one counterpart identity, in the order a full run reads them: by time,
// then by row. `seqs` runs beside `timeline.entries`.
struct Bucket {
  detect::ContactTimeline timeline;
  std::vector<int64_t> seqs;

  // A new row comes after every stored one, so it goes after the entries of its millisecond.
  void Insert(detect::TimelineEntry entry, int64_t seq) {
    auto& entries = timeline.entries;
    size_t at = entries.size();
    while (at > 0 && entries[at - 1].time.utc_ms > entry.time.utc_ms) --at;
    entries.insert(entries.begin() + static_cast<ptrdiff_t>(at), std::move(entry));
    seqs.insert(seqs.begin() + static_cast<ptrdiff_t>(at), seq);
  }
  void Append(detect::TimelineEntry entry, int64_t seq) {
    timeline.entries.push_back(std::move(entry));
    seqs.push_back(seq);
  }
};

// The entries of several buckets merged by (time, row), as the store merges identities.
std::vector<detect::TimelineEntry> Merge(const std::vector<const Bucket*>& buckets) {
  struct Ref {
    int64_t ms, seq;
    const detect::TimelineEntry* entry;
  };
  std::vector<Ref> refs;
  for (const Bucket* b : buckets)
    for (size_t i = 0; i < b->seqs.size(); ++i)
      refs.push_back({b->timeline.entries[i].time.utc_ms, b->seqs[i], &b->timeline.entries[i]});
  std::sort(refs.begin(), refs.end(),
            [](const Ref& a, const Ref& b) { return a.ms != b.ms ? a.ms < b.ms : a.seq < b.seq; });
  std::vector<detect::TimelineEntry> out;
  out.reserve(refs.size());
  for (const Ref& r : refs) out.push_back(*r.entry);
  return out;
}

bool SameFinding(const Finding& a, const Finding& b) {
  return a.event_id == b.event_id && a.detector == b.detector && a.category == b.category &&
         a.score == b.score && a.severity == b.severity && a.span.begin == b.span.begin &&
         a.span.end == b.span.end && a.why == b.why && a.excerpt == b.excerpt;
}

bool SameFacts(const CaseFacts& a, const CaseFacts& b) {
  return a.incidents == b.incidents && a.incoming == b.incoming && a.outgoing == b.outgoing &&
         a.first_ms == b.first_ms && a.last_ms == b.last_ms && a.days_active == b.days_active &&
         a.channels == b.channels && a.unanswered_calls == b.unanswered_calls &&
         a.night_contacts == b.night_contacts && a.refused == b.refused &&
         a.messages_after_refusal == b.messages_after_refusal &&
         a.unanswered_share == b.unanswered_share && a.knows_whereabouts == b.knows_whereabouts &&
         a.third_parties_reached == b.third_parties_reached && a.escalation == b.escalation;
}

bool SameCase(const Case& a, const Case& b) {
  return a.contact_id == b.contact_id && a.display == b.display && a.identities == b.identities &&
         a.trusted == b.trusted && a.severity == b.severity && a.score == b.score &&
         a.forms == b.forms && a.reasons == b.reasons && SameFacts(a.facts, b.facts) &&
         a.actions == b.actions && a.findings.size() == b.findings.size() &&
         std::equal(a.findings.begin(), a.findings.end(), b.findings.begin(), SameFinding);
}

// The contact detector compares a contact with the typical volume only when it has at least 20
// attempts and three times the typical count (ContactDetector, "beyond_others"); attempts are
// a subset of the timeline's entries. A contact below that bound under both the old and the new
// figure concludes the same, so only the others are judged again when the figure moves.
bool MayDependOnTypical(size_t entries, double typical) {
  return typical > 0 && entries >= 20 && static_cast<double>(entries) >= 3 * typical;
}

// Runs `work(begin, end, worker)` over [0, n) split into up to `threads` parts, the first on the
// calling thread; returns the first failure.
Status Parallel(size_t n, int threads, size_t min_per_thread,
                const std::function<Status(size_t, size_t, int)>& work) {
  const size_t parts =
      std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(std::max(1, threads)),
                                           n / std::max<size_t>(1, min_per_thread)));
  if (parts == 1) return work(0, n, 0);
  std::vector<Status> status(parts);
  std::vector<std::thread> helpers;
  for (size_t p = 1; p < parts; ++p)
    helpers.emplace_back([&, p] { status[p] = work(n * p / parts, n * (p + 1) / parts, int(p)); });
  status[0] = work(0, n / parts, 0);
  for (std::thread& t : helpers) t.join();
  for (Status& s : status) SG_RETURN_IF_ERROR(s);
  return OkStatus();
}

}  // namespace

struct LiveIngest::State {
  State(Profile p, store::Store& s, const LiveIngestOptions& o)
      : profile(std::move(p)), store(s), options(o), preparer(profile) {}

  // An event stored and waiting to be judged: `counterpart` and `seq` as the store gave them.
  struct Pending {
    const Event* event;
    int64_t counterpart, seq;
    detect::TimelineEntry entry;
  };
  struct Thread {
    std::set<std::string> senders;   // identity keys of those who wrote in it
    std::set<int64_t> counterparts;  // buckets holding its events
  };

  Profile profile;
  store::Store& store;
  LiveIngestOptions options;
  // A batch failed after its events were committed: what is kept here (contacts, timelines,
  // cases) may be behind the store, so the next batch starts by building it again.
  bool stale = false;
  EventPreparer preparer;
  std::shared_ptr<const detect::TextLayer> text;
  detect::DetectorSet detectors;
  std::vector<std::string> blocked_names;
  risk::RiskConfig config;
  std::vector<std::unique_ptr<TimelineJudge>> judges;  // one per thread

  std::unordered_map<int64_t, Bucket> buckets;    // judged events by counterpart; 0: none
  std::unordered_map<int64_t, Bucket> apps;       // app-inventory events, the device's case
  std::unordered_map<int64_t, int64_t> incoming;  // incoming events by counterpart
  std::unique_ptr<contacts::IncrementalLinker> linker;
  // As ListContacts gives them, by id (the order a full run judges them in). Nodes stay put
  // while other contacts come and go, so the maps below point into it.
  std::map<std::string, store::ContactIdentities> contacts;
  std::unordered_map<int64_t, const store::ContactIdentities*> contact_of;          // identity row
  std::unordered_map<std::string, const store::ContactIdentities*> contact_of_key;  // its key
  std::unordered_map<std::string, Thread> threads;  // chat threads by ThreadKey
  std::unordered_set<std::string> groups;           // the group threads among them
  double typical = 0;
  std::map<std::string, Case> cases;  // as judged now, by contact id
  // Cases whose writing is put off (case_write_interval_ms): what the store holds for each,
  // nullopt when it holds none, and since when the oldest waits.
  std::map<std::string, std::optional<Case>> unstored;
  Clock::time_point unstored_since;

  Status BuildDetectors() {
    detect::BuiltinOptions builtin = options.detectors;
    builtin.blocked_display_names = blocked_names;
    SG_ASSIGN_OR_RETURN(detectors, detect::BuiltinDetectors(profile, text, builtin));
    return OkStatus();
  }

  // Keeps `record` with its identities as the linker has them, as ListContacts would read it.
  void SetContact(const store::ContactRecord& record) {
    store::ContactIdentities& contact = contacts[record.id];
    contact.record = record;
    contact.identities.clear();
    for (int64_t id : record.identity_ids) {
      const store::IdentityRecord& identity = linker->identities().at(id);
      contact.identities.push_back(identity);
      contact_of[id] = &contact;
      contact_of_key[identity.identity.Key()] = &contact;
    }
  }

  // A thread is a group when senders of two contacts other than the person write in it
  // (Store::GroupThreads).
  bool IsGroup(const Thread& thread) const {
    const store::ContactIdentities* first = nullptr;
    for (const std::string& sender : thread.senders) {
      auto it = contact_of_key.find(sender);
      if (it == contact_of_key.end() || it->second->record.is_self) continue;
      if (first == nullptr) first = it->second;
      if (first != it->second) return true;
    }
    return false;
  }

  // Updates the group set for `keys`; returns the threads whose standing changed.
  template <typename Keys>
  std::vector<std::string> UpdateGroups(const Keys& keys) {
    std::vector<std::string> flipped;
    for (const std::string& key : keys) {
      const bool group = IsGroup(threads.at(key));
      if (group == (groups.count(key) > 0)) continue;
      if (group)
        groups.insert(key);
      else
        groups.erase(key);
      flipped.push_back(key);
    }
    return flipped;
  }

  // Notes a stored event's thread and volume; returns its thread key, empty when none.
  std::string Note(const Event& e, int64_t counterpart) {
    if (counterpart != 0 && e.direction == Direction::kIncoming) ++incoming[counterpart];
    if (e.channel != Channel::kChat || e.thread.empty()) return {};
    std::string key = ThreadKey(e.platform, e.thread);
    Thread& t = threads[key];
    if (!e.sender.identity.empty()) t.senders.insert(e.sender.identity.Key());
    t.counterparts.insert(counterpart);
    return key;
  }

  bool Judged(const Event& e, int64_t counterpart) const {
    return e.channel == Channel::kApp || counterpart != 0 || JudgedWithoutContact(e, profile);
  }

  // Judges `pending` on every thread and files the entries; `append`: they come in stored order.
  Status JudgeAndFile(std::vector<Pending>& pending, bool append) {
    const Status done = (Parallel(
        pending.size(), options.threads, 64, [&](size_t begin, size_t end, int worker) -> Status {
          TimelineJudge& judge = *judges[static_cast<size_t>(worker)];
          for (size_t i = begin; i < end; ++i)
            SG_RETURN_IF_ERROR(judge.Judge(*pending[i].event, pending[i].entry));
          return OkStatus();
        }));
    if (!done) return done;
    File(pending, append);
    return OkStatus();
  }

  // Judges events[i] into entries[i] on the other threads while `meanwhile` runs on this one,
  // which joins in when it is done; returns the first failure. An event's entry depends on the
  // event, the detectors and the group threads only, none of which `meanwhile` may change.
  Status JudgeWhile(const std::vector<Event>& events, std::vector<detect::TimelineEntry>& entries,
                    const std::function<Status()>& meanwhile) {
    entries.assign(events.size(), {});
    std::atomic<size_t> next{0};
    auto work = [&](TimelineJudge& judge) -> Status {
      constexpr size_t kChunk = 16;
      for (size_t begin; (begin = next.fetch_add(kChunk)) < events.size();) {
        for (size_t i = begin; i < std::min(events.size(), begin + kChunk); ++i)
          SG_RETURN_IF_ERROR(judge.Judge(events[i], entries[i]));
      }
      return OkStatus();
    };
    std::vector<Status> helped(judges.size() - 1);
    std::vector<std::thread> helpers;
    for (size_t h = 0; h + 1 < judges.size() && !events.empty(); ++h)
      helpers.emplace_back([&, h] { helped[h] = work(*judges[h + 1]); });
    const Status done = meanwhile();
    Status judged = OkStatus();
    if (done)
      judged = work(*judges[0]);
    else
      next.store(events.size());  // the helpers stop after their chunk
    for (std::thread& t : helpers) t.join();
    SG_RETURN_IF_ERROR(done);
    SG_RETURN_IF_ERROR(judged);
    for (Status& status : helped) SG_RETURN_IF_ERROR(status);
    return OkStatus();
  }

  void File(std::vector<Pending>& pending, bool append) {
    for (Pending& p : pending) {
      Bucket& b = (p.event->channel == Channel::kApp ? apps : buckets)[p.counterpart];
      if (append)
        b.Append(std::move(p.entry), p.seq);
      else
        b.Insert(std::move(p.entry), p.seq);
    }
  }

  // Reads the events of `counterparts` back from the store and judges them all; `first`: also
  // notes their threads and volume (Create).
  Status LoadBuckets(const std::vector<int64_t>& counterparts, bool first) {
    std::vector<Event> events;
    std::vector<int64_t> owners, seqs;
    auto flush = [&]() -> Status {
      std::vector<Pending> pending;
      pending.reserve(events.size());
      for (size_t i = 0; i < events.size(); ++i)
        pending.push_back({&events[i], owners[i], seqs[i], {}});
      SG_RETURN_IF_ERROR(JudgeAndFile(pending, /*append=*/true));
      events.clear();
      owners.clear();
      seqs.clear();
      return OkStatus();
    };
    for (int64_t cp : counterparts) {
      buckets.erase(cp);
      apps.erase(cp);
      std::vector<int64_t> ids;
      if (cp != 0) ids.push_back(cp);
      SG_RETURN_IF_ERROR(store.ForEachEventWithSeq(ids, [&](Event& e, int64_t seq) -> Status {
        if (first) Note(e, cp);
        if (!Judged(e, cp)) return OkStatus();
        events.push_back(std::move(e));
        owners.push_back(cp);
        seqs.push_back(seq);
        return OkStatus();
      }));
      if (events.size() >= 8192) SG_RETURN_IF_ERROR(flush());
    }
    return flush();
  }

  double ComputeTypical() const {
    std::vector<int64_t> per_contact;
    for (const auto& [contact_id, c] : contacts) {
      if (c.record.is_self) continue;
      int64_t n = 0;
      for (int64_t id : c.record.identity_ids)
        if (auto it = incoming.find(id); it != incoming.end()) n += it->second;
      per_contact.push_back(n);
    }
    return TypicalIncoming(std::move(per_contact));
  }

  size_t EntriesOf(const store::ContactIdentities& c) const {
    size_t n = 0;
    for (int64_t id : c.record.identity_ids)
      if (auto it = buckets.find(id); it != buckets.end()) n += it->second.seqs.size();
    return n;
  }

  // The case of `contact` (or of the events without a contact when null), as RunDetection
  // concludes it. Reads shared state only, so it runs on several threads at once for different
  // contacts.
  Result<std::optional<Case>> CaseOf(const store::ContactIdentities* target,
                                     const TimelineJudge& judge) {
    if (target == nullptr) {
      auto it = buckets.find(0);
      if (it == buckets.end() || it->second.timeline.entries.empty()) return std::nullopt;
      detect::ContactTimeline& t = it->second.timeline;
      t.contact_id = kUnknownId;
      t.display = "Unknown sender";
      // Events without a contact are many people's: they have no conduct of their own.
      return risk::BuildCase(t, {}, config);
    }
    const store::ContactIdentities& contact = *target;
    if (contact.record.is_self) return std::nullopt;  // never a case
    std::vector<Bucket*> own;
    for (int64_t id : contact.record.identity_ids)
      if (auto it = buckets.find(id); it != buckets.end() && !it->second.seqs.empty())
        own.push_back(&it->second);
    if (own.empty()) return std::nullopt;
    detect::ContactTimeline header = EmptyTimeline(contact, profile);
    detect::ContactTimeline merged;
    detect::ContactTimeline* timeline = &merged;
    if (own.size() == 1) {
      // The bucket is the timeline: only the header is filled in, the entries are not copied.
      timeline = &own[0]->timeline;
      header.entries = std::move(timeline->entries);
      *timeline = std::move(header);
    } else {
      merged = std::move(header);
      merged.entries = Merge({own.begin(), own.end()});
    }
    std::optional<detect::ConductStats> stats;  // computed once, for both
    SG_ASSIGN_OR_RETURN(std::vector<Finding> conduct, judge.Conduct(*timeline, &stats));
    return risk::BuildCase(*timeline, conduct, config, stats);
  }

  // The phone's own case: app-inventory events in the order a full run meets them (contact by
  // contact, then those without one).
  std::optional<Case> DeviceCase() const {
    detect::ContactTimeline device;
    device.contact_id = std::string(kDeviceCaseId);
    device.display = "Apps on your phone";
    if (apps.empty()) return std::nullopt;
    for (const auto& [contact_id, c] : contacts) {
      std::vector<const Bucket*> own;
      for (int64_t id : c.record.identity_ids)
        if (auto it = apps.find(id); it != apps.end()) own.push_back(&it->second);
      if (own.empty()) continue;
      for (detect::TimelineEntry& e : Merge(own)) device.entries.push_back(std::move(e));
    }
    if (auto it = apps.find(0); it != apps.end())
      for (const detect::TimelineEntry& e : it->second.timeline.entries)
        device.entries.push_back(e);
    if (device.entries.empty()) return std::nullopt;
    return risk::BuildCase(device, {}, config);
  }

  // The cases of the named contacts (null: the events without one) judged on every thread,
  // and the device's case when `device`, by contact id.
  Result<std::vector<std::pair<std::string, std::optional<Case>>>> JudgeCases(
      const std::vector<const store::ContactIdentities*>& targets, bool device) {
    std::vector<std::optional<Case>> found(targets.size());
    const Status done = (Parallel(
        targets.size(), options.threads, 16, [&](size_t begin, size_t end, int worker) -> Status {
          for (size_t i = begin; i < end; ++i) {
            SG_ASSIGN_OR_RETURN(found[i], CaseOf(targets[i], *judges[static_cast<size_t>(worker)]));
          }
          return OkStatus();
        }));
    if (!done) return tl::unexpected(done.error());
    std::vector<std::pair<std::string, std::optional<Case>>> judged;
    for (size_t i = 0; i < targets.size(); ++i) {
      const std::string id = targets[i] == nullptr ? kUnknownId : targets[i]->record.id;
      judged.emplace_back(id, std::move(found[i]));
    }
    if (device) judged.emplace_back(std::string(kDeviceCaseId), DeviceCase());
    return judged;
  }

  // Judges the targets again (JudgeCases), stores what differs from the stored cases (and
  // removes the cases of `removed` contacts) and says what changed.
  Status Rejudge(const std::vector<const store::ContactIdentities*>& targets, bool device,
                 const std::vector<std::string>& removed, IngestResult& result) {
    Clock::time_point lap = Clock::now();
    SG_ASSIGN_OR_RETURN(auto judged, JudgeCases(targets, device));
    Lap(lap, result.phases.cases);
    for (const std::string& id : removed) judged.emplace_back(id, std::nullopt);
    std::vector<store::Store::CaseUpdate> updates;
    for (auto& [id, now] : judged) {
      auto before = cases.find(id);
      if (!now && before == cases.end()) continue;
      if (now && before != cases.end() && SameCase(*now, before->second)) continue;
      const Case* stored = before == cases.end() ? nullptr : &before->second;
      if (now && (!stored || stored->severity != now->severity || stored->score != now->score)) {
        CaseChange change{id, now->display, std::nullopt, now->severity, now->score};
        if (stored) change.before = stored->severity;
        result.changes.push_back(std::move(change));
      }
      updates.push_back({id, stored, now ? &*now : nullptr});
    }
    if (updates.empty()) return OkStatus();
    if (options.case_write_interval_ms > 0) {
      if (unstored.empty()) unstored_since = Clock::now();
      for (store::Store::CaseUpdate& u : updates) {
        auto it = cases.find(u.contact_id);
        if (u.after) {
          // The ids UpdateCases gives them: their evidence-log ids, from their content. Most
          // findings are the previous version's, in the same place.
          const std::vector<Finding>* previous = it == cases.end() ? nullptr : &it->second.findings;
          for (size_t k = 0; k < u.after->findings.size(); ++k) {
            Finding& f = u.after->findings[k];
            f.id = previous && k < previous->size() && SameFinding((*previous)[k], f)
                       ? (*previous)[k].id
                       : evidence::FindingId(f);
          }
        }
        // The first change since the last write: what is stored moves aside, kept for the write.
        if (!unstored.count(u.contact_id))
          unstored[u.contact_id] =
              it == cases.end() ? std::nullopt : std::optional<Case>(std::move(it->second));
        if (u.after) {
          cases[u.contact_id] = std::move(*u.after);
        } else if (it != cases.end()) {
          cases.erase(it);
        }
      }
      if (Clock::now() - unstored_since >=
          std::chrono::milliseconds(options.case_write_interval_ms))
        SG_RETURN_IF_ERROR(StoreCases());
      Lap(lap, result.phases.store_cases);
      return OkStatus();
    }
    // Sets the findings' ids (their evidence-log ids), as Cases() shows them.
    SG_RETURN_IF_ERROR(store.UpdateCases(updates));
    for (store::Store::CaseUpdate& u : updates) {
      if (u.after)
        cases[u.contact_id] = std::move(*u.after);
      else
        cases.erase(u.contact_id);
    }
    Lap(lap, result.phases.store_cases);
    return OkStatus();
  }

  // Writes what `unstored` says differs from the store.
  Status StoreCases() {
    if (unstored.empty()) return OkStatus();
    std::vector<store::Store::CaseUpdate> updates;
    for (auto& [id, stored] : unstored) {
      auto now = cases.find(id);
      Case* after = now == cases.end() ? nullptr : &now->second;
      if (!stored && !after) continue;
      if (stored && after && SameCase(*stored, *after)) continue;
      updates.push_back({id, stored ? &*stored : nullptr, after});
    }
    if (!updates.empty()) SG_RETURN_IF_ERROR(store.UpdateCases(updates));
    unstored.clear();
    return OkStatus();
  }

  // Relinks the contacts the batch's new identities and names can change (IncrementalLinker)
  // and writes only those; adds the contacts that changed to `touched` and the ids that are
  // gone to `removed`. Sets `all` when the blocked identities' names changed: the conduct
  // detectors are built again.
  Status Relink(const std::vector<store::IdentityRecord>& arrivals, std::set<std::string>& touched,
                std::vector<std::string>& removed, bool& all) {
    const contacts::IncrementalLinker::Update update = linker->Add(arrivals);
    SG_RETURN_IF_ERROR(store.UpdateContacts(update.changed, update.removed));
    // Every identity of a removed contact went to a changed one, which points it anew.
    for (const std::string& id : update.removed) {
      contacts.erase(id);
      removed.push_back(id);
    }
    for (const store::ContactRecord& record : update.changed) {
      SetContact(record);
      touched.insert(record.id);
    }
    const bool blocked_arrived =
        std::any_of(arrivals.begin(), arrivals.end(), [&](const store::IdentityRecord& a) {
          return std::find(profile.blocked.begin(), profile.blocked.end(), a.identity) !=
                 profile.blocked.end();
        });
    if (!blocked_arrived) return OkStatus();
    std::vector<store::IdentityRecord> blocked;  // BlockedDisplayNames reads only those
    for (const auto& [id, record] : linker->identities())
      if (std::find(profile.blocked.begin(), profile.blocked.end(), record.identity) !=
          profile.blocked.end())
        blocked.push_back(record);
    std::vector<std::string> names = BlockedDisplayNames(profile, blocked);
    if (names != blocked_names) {
      blocked_names = std::move(names);
      SG_RETURN_IF_ERROR(BuildDetectors());
      all = true;
    }
    return OkStatus();
  }
};

LiveIngest::LiveIngest(std::unique_ptr<State> state) : state_(std::move(state)) {}
LiveIngest::LiveIngest(LiveIngest&&) noexcept = default;
LiveIngest& LiveIngest::operator=(LiveIngest&&) noexcept = default;
LiveIngest::~LiveIngest() = default;

Result<LiveIngest> LiveIngest::Create(Profile profile, store::Store& store,
                                      const LiveIngestOptions& options) {
  auto state = std::make_unique<State>(std::move(profile), store, options);
  State& s = *state;
  s.text = options.text_layer;
  if (!s.text) {
    SG_ASSIGN_OR_RETURN(s.text, detect::LoadTextLayer(options.detectors));
  }
  SG_ASSIGN_OR_RETURN(s.config, risk::RiskConfig::Load(options.risk_config_path.empty()
                                                           ? risk::DefaultRiskConfigPath()
                                                           : options.risk_config_path));
  // Contacts first, as RebuildContacts: a batch whose events were committed before its
  // contacts were is healed.
  SG_ASSIGN_OR_RETURN(std::vector<store::IdentityRecord> identities, store.ListIdentities());
  s.linker = std::make_unique<contacts::IncrementalLinker>(s.profile, identities);
  {
    std::vector<store::ContactRecord> linked;
    for (const auto& [id, record] : s.linker->contacts()) linked.push_back(record);
    SG_RETURN_IF_ERROR(store.ReplaceContacts(linked));
    for (const store::ContactRecord& record : linked) s.SetContact(record);
  }
  s.blocked_names = BlockedDisplayNames(s.profile, identities);
  SG_RETURN_IF_ERROR(s.BuildDetectors());
  SG_ASSIGN_OR_RETURN(std::vector<std::string> groups, store.GroupThreads());
  s.groups.insert(groups.begin(), groups.end());
  for (int i = 0; i < std::max(1, options.threads); ++i)
    s.judges.push_back(std::make_unique<TimelineJudge>(s.profile, s.detectors, s.groups, 0));

  std::vector<int64_t> counterparts = {0};
  for (const store::IdentityRecord& id : identities) counterparts.push_back(id.id);
  SG_RETURN_IF_ERROR(s.LoadBuckets(counterparts, /*first=*/true));
  s.typical = s.ComputeTypical();
  for (auto& judge : s.judges) judge->set_typical_incoming(s.typical);

  // The store's group threads were used to judge; the ones kept here from then on must agree.
  {
    std::vector<std::string> keys;
    for (const auto& [key, thread] : s.threads) keys.push_back(key);
    if (!s.UpdateGroups(keys).empty())
      return MakeError(ErrorCode::kInternal, "live ingest: group threads disagree with the store");
  }

  // Every case, replacing whatever was stored, in the order RunDetection stores them.
  std::vector<const store::ContactIdentities*> all;
  for (const auto& [id, contact] : s.contacts) all.push_back(&contact);
  all.push_back(nullptr);
  SG_ASSIGN_OR_RETURN(auto judged, s.JudgeCases(all, /*device=*/true));
  std::vector<Case> found;
  for (auto& [id, c] : judged)
    if (c) found.push_back(std::move(*c));
  std::stable_sort(found.begin(), found.end(), [](const Case& a, const Case& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.score > b.score;
  });
  SG_RETURN_IF_ERROR(store.ReplaceCases(found));
  for (Case& c : found) {
    for (Finding& f : c.findings) f.id = evidence::FindingId(f);
    std::string id = c.contact_id;
    s.cases.emplace(std::move(id), std::move(c));
  }
  return LiveIngest(std::move(state));
}

Result<IngestResult> LiveIngest::Ingest(std::vector<Event> events) {
  std::vector<std::vector<Event>> parts;
  parts.push_back(std::move(events));
  SG_ASSIGN_OR_RETURN(std::vector<IngestResult> results, IngestMany(std::move(parts)));
  return std::move(results.front());
}

Result<std::vector<IngestResult>> LiveIngest::IngestMany(std::vector<std::vector<Event>> parts) {
  const auto started = Clock::now();
  Clock::time_point lap = started;
  if (state_->stale) {
    LiveIngestOptions options = state_->options;
    options.text_layer = state_->text;
    SG_ASSIGN_OR_RETURN(LiveIngest fresh, Create(state_->profile, state_->store, options));
    *this = std::move(fresh);
  }
  State& s = *state_;
  IngestResult result;  // the whole run's; split into the parts' at the end
  std::vector<IngestResult> part_results(parts.size());
  std::vector<Event> accepted;
  std::vector<std::pair<size_t, size_t>> origin;  // per accepted event: its part and index
  size_t total = 0;
  for (const std::vector<Event>& events : parts) total += events.size();
  accepted.reserve(total);
  origin.reserve(total);
  for (size_t p = 0; p < parts.size(); ++p) {
    std::vector<Event>& events = parts[p];
    IngestResult& part = part_results[p];
    part.event_ids.resize(events.size());
    // Each part is its own request: identical records are counted within it, so a request sent
    // twice gets the same ids twice.
    s.preparer.ForgetOccurrences();
    for (size_t i = 0; i < events.size(); ++i) {
      Event& e = events[i];
      std::string reason;
      if (e.time.utc_ms == 0)
        reason = "no time";
      else if (!IsValidUtf8(e.text) || !IsValidUtf8(e.subject))
        reason = "text is not UTF-8";
      if (!reason.empty()) {
        const std::string record = "event " + std::to_string(i + 1);
        part.rejections.push_back({s.options.source, record, reason});
        // The run's own list, as the store keeps it, says which part as well.
        result.rejections.push_back(
            {s.options.source,
             parts.size() == 1 ? record : "batch " + std::to_string(p + 1) + ", " + record,
             reason});
        continue;
      }
      s.preparer.Prepare(e);
      part.event_ids[i] = e.id;
      accepted.push_back(std::move(e));
      origin.emplace_back(p, i);
    }
  }

  // Durable before anything else: one run, committed by FinishImport. The events are judged on
  // the other threads meanwhile (all of them: which are new is known only afterwards).
  SG_ASSIGN_OR_RETURN(const int64_t run, s.store.BeginImport({s.options.source}));
  store::WriteReport written;
  bool finished = false, committed = false;
  auto write = [&]() -> Status {
    SG_ASSIGN_OR_RETURN(result.counts, s.store.WriteEventsReporting(run, accepted, written));
    SG_RETURN_IF_ERROR(s.store.WriteRejections(run, result.rejections));
    finished = true;
    SG_RETURN_IF_ERROR(
        s.store.FinishImport(run, result.counts, static_cast<int64_t>(result.rejections.size())));
    committed = true;
    Lap(lap, result.phases.store);
    return OkStatus();
  };
  std::vector<detect::TimelineEntry> entries;
  if (Status status = s.JudgeWhile(accepted, entries, write); !status) {
    // What failed was rolled back; the run is closed so that no later write joins it.
    if (!finished) (void)s.store.FinishImport(run, {}, 0);
    s.stale = committed;  // stored, but not judged
    return tl::unexpected(status.error());
  }
  s.stale = true;  // until the cases are stored
  Lap(lap, result.phases.events);
  std::set<std::string> touched;  // contact ids
  std::vector<std::string> removed;
  bool all = false;
  if (written.identities_changed)
    SG_RETURN_IF_ERROR(s.Relink(written.identity_changes, touched, removed, all));
  Lap(lap, result.phases.contacts);

  std::set<std::string> batch_threads;
  bool device = written.identities_changed;  // contact order decides the device's entries
  for (size_t k = 0; k < accepted.size(); ++k) {
    const store::WrittenEvent& w = written.events[k];
    if (!w.inserted) continue;
    if (std::string key = s.Note(accepted[k], w.counterpart_id); !key.empty())
      batch_threads.insert(std::move(key));
  }
  std::vector<std::string> flipped;
  if (written.identities_changed) {
    std::vector<std::string> keys;
    for (const auto& [key, thread] : s.threads) keys.push_back(key);
    flipped = s.UpdateGroups(keys);
  } else {
    flipped = s.UpdateGroups(batch_threads);
  }
  // A thread that became a group (or stopped being one) changes what its events are.
  std::set<int64_t> reload;
  for (const std::string& key : flipped)
    for (int64_t cp : s.threads.at(key).counterparts) reload.insert(cp);

  std::set<int64_t> touched_buckets(reload.begin(), reload.end());
  std::vector<State::Pending> pending;
  for (size_t k = 0; k < accepted.size(); ++k) {
    const store::WrittenEvent& w = written.events[k];
    if (!w.inserted || reload.count(w.counterpart_id) || !s.Judged(accepted[k], w.counterpart_id))
      continue;
    pending.push_back({&accepted[k], w.counterpart_id, w.seq, std::move(entries[k])});
    if (accepted[k].channel == Channel::kApp)
      device = true;
    else
      touched_buckets.insert(w.counterpart_id);
  }
  if (all) {
    // The detectors were built again: the entries judged meanwhile are the old ones' view.
    SG_RETURN_IF_ERROR(s.JudgeAndFile(pending, /*append=*/false));
  } else {
    s.File(pending, /*append=*/false);
  }
  if (!reload.empty()) {
    SG_RETURN_IF_ERROR(s.LoadBuckets({reload.begin(), reload.end()}, /*first=*/false));
    device = true;
  }

  Lap(lap, result.phases.events);
  bool unknown = false;
  for (int64_t cp : touched_buckets) {
    if (cp == 0) {
      unknown = true;
    } else if (auto it = s.contact_of.find(cp); it != s.contact_of.end()) {
      touched.insert(it->second->record.id);
    }
  }
  if (const double typical = s.ComputeTypical(); typical != s.typical) {
    for (const auto& [id, contact] : s.contacts) {
      const size_t n = s.EntriesOf(contact);
      if (MayDependOnTypical(n, s.typical) || MayDependOnTypical(n, typical)) touched.insert(id);
    }
    s.typical = typical;
    for (auto& judge : s.judges) judge->set_typical_incoming(typical);
  }
  std::vector<const store::ContactIdentities*> targets;
  if (all) {
    for (const auto& [id, contact] : s.contacts) targets.push_back(&contact);
    unknown = device = true;
  } else {
    for (const std::string& id : touched) targets.push_back(&s.contacts.at(id));
  }
  if (unknown) targets.push_back(nullptr);
  SG_RETURN_IF_ERROR(s.Rejudge(targets, device, removed, result));
  s.stale = false;
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  for (size_t k = 0; k < accepted.size(); ++k) {
    store::WriteCounts& counts = part_results[origin[k].first].counts;
    ++(written.events[k].inserted ? counts.inserted : counts.duplicates);
  }
  for (IngestResult& part : part_results) {
    part.changes = result.changes;
    part.seconds = result.seconds;
    part.phases = result.phases;
  }
  return part_results;
}

Status LiveIngest::StoreCases() { return state_->StoreCases(); }

bool LiveIngest::CasesWaiting() const { return !state_->unstored.empty(); }

std::vector<Case> LiveIngest::Cases() const {
  std::vector<Case> out;
  for (const auto& [id, c] : state_->cases) out.push_back(c);
  std::stable_sort(out.begin(), out.end(), [](const Case& a, const Case& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.score > b.score;
  });
  return out;
}

}  // namespace stalkguard::scan
