// POST /api/v1/events: live ingest of one event or a batch into the caller's household.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/timestamp.h"
#include "service/http/ingest_body.h"
#include "service/http/internal/server_impl.h"

namespace stalkguard::service {

namespace fs = std::filesystem;

namespace {

// A run takes waiting requests until it holds this many events: bigger runs cost less per
// event, but the first request's reply waits for the last one's.
constexpr size_t kMaxEventsPerRun = 20'000;

}  // namespace

void GuardianServer::Impl::RunWaitingIngests(int64_t household_id, HouseholdState& household) {
  std::vector<std::shared_ptr<internal::WaitingIngest>> run;
  std::vector<std::vector<Event>> parts;
  {
    std::lock_guard queue(household.intake_mutex);
    size_t events = 0;
    while (!household.waiting.empty() &&
           (run.empty() || events + household.waiting.front()->events.size() <= kMaxEventsPerRun)) {
      run.push_back(std::move(household.waiting.front()));
      household.waiting.pop_front();
      events += run.back()->events.size();
      parts.push_back(std::move(run.back()->events));
    }
  }
  if (run.empty()) return;
  ++metrics.ingest_runs;
  if (!household.ingest) {  // a profile change failed to judge the store again
    for (auto& waiting : run)
      waiting->result = MakeError(ErrorCode::kStore, "the household's cases cannot be judged");
    return;
  }
  auto results = household.ingest->IngestMany(std::move(parts));
  if (!results) {
    for (auto& waiting : run) waiting->result = tl::unexpected(results.error());
    return;
  }
  // Before any of them is answered, so that an acknowledged event's alert is stored.
  ReconcileAlerts(household_id, household, &results->front().changes);
  // Cases are written with the run when no other request waits; while requests keep coming,
  // at most every case_write_interval_ms (LiveIngest does that).
  bool more_waiting;
  {
    std::lock_guard queue(household.intake_mutex);
    more_waiting = !household.waiting.empty();
  }
  if (!more_waiting) household.StoreWaitingCases();
  for (size_t i = 0; i < run.size(); ++i) run[i]->result = std::move((*results)[i]);
}

void GuardianServer::Impl::Ingest(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MayIngest(who->role)) {
    SendError(res, 403, "forbidden", "a guardian's token cannot add events");
    return;
  }
  const auto start = std::chrono::steady_clock::now();
  const std::string source = "api request " + std::to_string(++request_counter) + " at " +
                             FormatRfc3339(Timestamp{NowMs(), 0, false});
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  importers::ImportOptions import;
  import.normalizer = IdentityNormalizer(household->Region());
  // Read without the household's lock: while one request is stored, the next are read.
  auto body = ParseIngestBody(req.body, req.get_header_value("Content-Type"), source, import);
  if (!body) {
    SendError(res, 400, "bad_request", body.error().message);
    return;
  }
  metrics.events_rejected += static_cast<int64_t>(body->rejections.size());
  json rejected = json::array();
  for (const IngestRejection& r : body->rejections) {
    rejected.push_back({{"index", r.index}, {"reason", SanitizeUtf8(r.reason)}});
  }
  if (body->events.empty()) {
    SendJson(res,
             {{"error", {{"code", "no_valid_events"}, {"message", "no event could be read"}}},
              {"rejected", rejected}},
             body->total == 0 ? 400 : 422);
    return;
  }
  const std::vector<int64_t> positions = body->positions;
  auto waiting = std::make_shared<internal::WaitingIngest>();
  waiting->events = std::move(body->events);
  {
    std::lock_guard queue(household->intake_mutex);
    household->waiting.push_back(waiting);
  }
  std::unique_lock lock(household->mutex);
  // Another request may have stored this one with its own while this one waited.
  while (!waiting->result) RunWaitingIngests(who->household_id, *household);
  lock.unlock();
  const Result<scan::IngestResult>& result = *waiting->result;
  if (!result) {
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"ingest failed\",\"household\":%lld}\n",
                 static_cast<long long>(who->household_id));
    SendError(res, 503, "not_stored", "the events were not stored; send them again");
    return;
  }
  metrics.events_ingested += result->counts.inserted;
  metrics.events_duplicate += result->counts.duplicates;
  for (const store::Rejection& r : result->rejections) {
    rejected.push_back({{"record", SanitizeUtf8(r.record)}, {"reason", SanitizeUtf8(r.reason)}});
  }
  json ids = json::array();
  for (size_t i = 0; i < result->event_ids.size(); ++i) {
    ids.push_back(
        {{"index", i < positions.size() ? positions[i] : 0}, {"id", result->event_ids[i]}});
  }
  json changes = json::array();
  for (const scan::CaseChange& c : result->changes) {
    json change = {{"case", c.contact_id},
                   {"display", SanitizeUtf8(c.display)},
                   {"severity", ToString(c.after)},
                   {"score", c.score}};
    change["before"] = c.before ? json(ToString(*c.before)) : json(nullptr);
    changes.push_back(std::move(change));
  }
  ++metrics.ingest_requests;
  metrics.ingest_micros += std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count();
  SendJson(res, {{"stored", result->counts.inserted},
                 {"duplicates", result->counts.duplicates},
                 {"rejected", rejected},
                 {"events", ids},
                 {"cases_changed", changes}});
}

}  // namespace stalkguard::service
