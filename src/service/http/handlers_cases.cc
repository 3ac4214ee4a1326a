// The case and contact endpoints: the list, a case with its findings, its whole messages, its
// report and evidence bundle, and the contacts.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "casework/evidence_export.h"
#include "core/file_read.h"
#include "core/time_zone.h"
#include "core/timestamp.h"
#include "evidence/device_key.h"
#include "serialize/case_json.h"
#include "serialize/event_json.h"
#include "service/http/internal/server_impl.h"

namespace stalkguard::service {

namespace fs = std::filesystem;

namespace {

// A guardian sees who a case is about by name, not their numbers and addresses (as in the
// contacts list): those stay the protected person's, like the messages.
void ForRole(nlohmann::json& case_json, Role role) {
  if (!MaySeeMessages(role)) case_json["contact"].erase("identities");
}

// The stored identity rows of the contact `id`, what ForEachEvent selects its events by; empty
// when there is no such contact.
std::vector<int64_t> IdentityIdsOf(const std::vector<store::ContactIdentities>& contacts,
                                   const std::string& id) {
  std::vector<int64_t> ids;
  for (const store::ContactIdentities& c : contacts) {
    if (c.record.id != id) continue;
    for (const store::IdentityRecord& i : c.identities) ids.push_back(i.id);
  }
  return ids;
}

}  // namespace

void GuardianServer::Impl::Cases(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  auto lock = household->LockToRead();
  auto cases = household->store->ListCases();
  if (!cases) {
    SendError(res, 500, "store", "the cases cannot be read");
    return;
  }
  // The list: who, how bad, why; the findings are on each case's own page.
  nlohmann::json list = serialize::CasesJson(*cases);
  for (nlohmann::json& c : list) {
    c.erase("findings");
    ForRole(c, who->role);
  }
  SendCasesJson(res, nlohmann::json{{"cases", std::move(list)}});
}

void GuardianServer::Impl::CaseDetail(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  const std::string id = req.matches[1];
  auto lock = household->LockToRead();
  auto cases = household->store->ListCases();
  if (!cases) {
    SendError(res, 500, "store", "the cases cannot be read");
    return;
  }
  for (nlohmann::json& c : serialize::CasesJson(*cases)) {
    // Findings carry their excerpts: what a guardian may see of the messages.
    if (c["contact"].value("id", "") == id) {
      ForRole(c, who->role);
      SendCasesJson(res, nlohmann::json{{"case", std::move(c)}});
      return;
    }
  }
  SendError(res, 404, "not_found", "no case " + id + " in this household");
}

void GuardianServer::Impl::CaseEvents(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MaySeeMessages(who->role)) {
    SendError(res, 403, "forbidden",
              "only the protected person sees whole messages; a guardian sees the findings and "
              "their excerpts");
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  const std::string id = req.matches[1];
  auto lock = household->LockToRead();
  auto contacts = household->store->ListContacts();
  if (!contacts) {
    SendError(res, 500, "store", "the contacts cannot be read");
    return;
  }
  const std::vector<int64_t> identity_ids = IdentityIdsOf(*contacts, id);
  if (identity_ids.empty()) {
    SendError(res, 404, "not_found", "no contact " + id + " in this household");
    return;
  }
  std::string lines = "{\"events\":[";
  bool first = true;
  auto read = household->store->ForEachEvent(identity_ids, [&](Event& e) -> Status {
    lines += first ? "" : ",";
    lines += serialize::EventToJson(e);
    first = false;
    return OkStatus();
  });
  if (!read) {
    SendError(res, 500, "store", "the events cannot be read");
    return;
  }
  lines += "]}\n";
  res.set_content(lines, "application/json");
}

// The report (PDF, or HTML with ?format=html) or the signed evidence bundle (zip) of one case,
// made as `stalkguard report` and `export` make them, in a scratch folder of the household that
// is removed afterwards. Both quote whole messages: the protected person's only.
void GuardianServer::Impl::CaseDownload(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  if (!MaySeeMessages(who->role)) {
    SendError(res, 403, "forbidden",
              "the report and the evidence quote whole messages: only the protected person "
              "downloads them");
    return;
  }
  const std::string id = req.matches[1];
  const bool bundle_only = req.matches[2] == "evidence";
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "pdf";
  if (!bundle_only && format != "pdf" && format != "html") {
    SendError(res, 400, "bad_request", "format is pdf or html");
    return;
  }
  auto zone = TimeZone::Named(req.has_param("tz") ? req.get_param_value("tz") : "UTC");
  if (!zone) {
    SendError(res, 400, "bad_request", "tz is not a known time zone");
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  auto lock = household->LockToRead();
  auto cases = household->store->ListCases();
  if (!cases) {
    SendError(res, 500, "store", "the cases cannot be read");
    return;
  }
  if (std::none_of(cases->begin(), cases->end(),
                   [&](const Case& c) { return c.contact_id == id; })) {
    SendError(res, 404, "not_found", "no case " + id + " in this household");
    return;
  }
  const fs::path scratch =
      fs::path(household->dir) / "downloads" / std::to_string(++request_counter);
  std::error_code ec;
  fs::remove_all(scratch, ec);
  fs::create_directories(scratch, ec);
  auto key = evidence::DeviceKey::LoadOrCreate(
      casework::DeviceKeyPath(fs::path(household->dir) / "stalkguard.db"));
  Status made = key ? OkStatus() : Status(tl::unexpected(key.error()));
  casework::ReportRequest request;
  request.bundle.selection.case_ids = {id};
  request.bundle.out = scratch / "evidence.zip";
  request.bundle.profile = &household->profile;
  request.bundle.now_ms = NowMs();
  request.out = scratch / ("report." + format);
  request.zone = &*zone;
  if (made) {
    made =
        bundle_only
            ? casework::ExportEvidence(*household->store, *key, request.bundle)
                  .transform([](auto&&) {})
            : casework::WriteEvidenceReport(*household->store, *key, request).transform([](auto&&) {
              });
  }
  std::string bytes;
  const fs::path file = bundle_only ? request.bundle.out : request.out;
  if (made) {
    auto read = ReadWholeFile(file);
    if (read) bytes = std::move(*read);
  }
  fs::remove_all(scratch, ec);
  if (!made || bytes.empty()) {
    std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"download failed\",\"household\":%lld}\n",
                 static_cast<long long>(who->household_id));
    SendError(res, 500, "not_made", "the file could not be made");
    return;
  }
  const char* type = bundle_only       ? "application/zip"
                     : format == "pdf" ? "application/pdf"
                                       : "text/html; charset=utf-8";
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + id + "-" + file.filename().string() + "\"");
  res.set_content(bytes, type);
}

// The case's course of conduct day by day (in ?tz=, UTC by default): how many events came from
// them and went to them, how many were flagged, and each flagged event's time, severity and
// category. Counts and times only, never text: a guardian may see it.
void GuardianServer::Impl::CaseTimeline(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  auto zone = TimeZone::Named(req.has_param("tz") ? req.get_param_value("tz") : "UTC");
  if (!zone) {
    SendError(res, 400, "bad_request", "tz is not a known time zone");
    return;
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  const std::string id = req.matches[1];
  auto lock = household->LockToRead();
  auto cases = household->store->ListCases();
  auto contacts = household->store->ListContacts();
  if (!cases || !contacts) {
    SendError(res, 500, "store", "the case cannot be read");
    return;
  }
  const auto found =
      std::find_if(cases->begin(), cases->end(), [&](const Case& c) { return c.contact_id == id; });
  if (found == cases->end()) {
    SendError(res, 404, "not_found", "no case " + id + " in this household");
    return;
  }
  const std::vector<int64_t> identity_ids = IdentityIdsOf(*contacts, id);
  // Flagged events: the most severe finding of each, as the case lists them.
  std::map<std::string, const Finding*> flagged;
  for (const Finding& f : found->findings) {
    if (f.event_id.empty()) continue;
    auto [at, added] = flagged.emplace(f.event_id, &f);
    if (!added && f.severity > at->second->severity) at->second = &f;
  }
  struct Day {
    int64_t incoming = 0, outgoing = 0, flagged = 0;
  };
  std::map<std::string, Day> days;  // "2024-03-01" -> counts, in order
  json marks = json::array();
  Status read =
      identity_ids.empty()
          ? OkStatus()
          : household->store->ForEachEvent(identity_ids, [&](Event& e) -> Status {
              const int64_t local_ms =
                  e.time.utc_ms + int64_t{zone->OffsetMinutesAt(e.time.utc_ms)} * 60000;
              Day& day = days[FormatUtcDate(local_ms)];
              if (e.direction == Direction::kOutgoing) {
                ++day.outgoing;
              } else {
                ++day.incoming;
              }
              if (auto f = flagged.find(e.id); f != flagged.end()) {
                ++day.flagged;
                marks.push_back(
                    {{"time", FormatRfc3339(Timestamp{e.time.utc_ms,
                                                      zone->OffsetMinutesAt(e.time.utc_ms), true})},
                     {"severity", ToString(f->second->severity)},
                     {"category", f->second->category},
                     {"event", e.id}});
              }
              return OkStatus();
            });
  if (!read) {
    SendError(res, 500, "store", "the events cannot be read");
    return;
  }
  json list = json::array();
  for (const auto& [day, counts] : days) {
    list.push_back({{"day", day},
                    {"incoming", counts.incoming},
                    {"outgoing", counts.outgoing},
                    {"flagged", counts.flagged}});
  }
  SendJson(res, {{"case", id}, {"zone", zone->name()}, {"days", list}, {"findings", marks}});
}

void GuardianServer::Impl::Contacts(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  auto lock = household->LockToRead();
  auto summaries = household->store->ContactSummaries();
  if (!summaries) {
    SendError(res, 500, "store", "the contacts cannot be read");
    return;
  }
  json list = json::array();
  for (const store::ContactSummary& c : *summaries) {
    json contact = {{"id", c.id},
                    {"display", SanitizeUtf8(c.display)},
                    {"channels", c.channels},
                    {"incoming", c.incoming},
                    {"outgoing", c.outgoing},
                    {"first", FormatRfc3339(Timestamp{c.first_ms, 0, false})},
                    {"last", FormatRfc3339(Timestamp{c.last_ms, 0, false})}};
    // A guardian sees who, how much and when; the person sees the addresses and the reasons
    // they were linked too.
    if (MaySeeMessages(who->role)) {
      contact["identities"] = c.identities;
      contact["link_reasons"] = c.link_reasons;
    }
    list.push_back(std::move(contact));
  }
  SendJson(res, {{"contacts", list}});
}

}  // namespace stalkguard::service
