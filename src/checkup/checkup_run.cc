#include "checkup/checkup_run.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "checkup/oversharing/oversharing_scanner.h"
#include "checkup/password_summary.h"
#include "core/case.h"
#include "core/timestamp.h"
#include "detectors/links/link_judge.h"
#include "detectors/stalkerware/advice.h"
#include "detectors/stalkerware/indicator_set.h"
#include "detectors/stalkerware/package_list.h"

namespace stalkguard::checkup {
namespace {

using json = nlohmann::json;

// At most this many posts or links are listed as evidence; the summary counts them all.
constexpr size_t kMaxListed = 50;

std::string SourceOf(const Event& e) { return e.source.file + " " + e.source.record; }

std::string Who(const Party& party) {
  if (!party.display_name.empty()) return party.display_name;
  if (party.identity.empty()) return "someone unknown";
  // A handle already says its platform ("sms:parcelco"); a number or address is itself.
  return party.identity.value;
}

// Someone the person does not know to trust: not themself and not a trusted contact.
bool IsStranger(const Profile& profile, const Party& party) {
  return !profile.IsSelf(party.identity) && profile.TrustedFor(party.identity) == nullptr;
}

// What the store's events show: the person's own posts that give something away, and links
// strangers sent.
struct MessageFindings {
  int64_t events = 0;
  int64_t own_scanned = 0;  // the person's own posts and messages to non-trusted people
  std::vector<std::pair<Event, OversharedPost>> overshared;  // events without `raw`
  int64_t stranger_links = 0;                                // distinct links from strangers
  struct FlaggedLink {
    links::LinkVerdict verdict;
    std::string from;
    int64_t utc_ms = 0;
    std::string event_id;
    std::string source;
  };
  std::vector<FlaggedLink> flagged_links;
};

Status ReadMessages(const CheckupSources& sources, MessageFindings& out) {
  std::set<std::string> links_seen;
  SG_RETURN_IF_ERROR(sources.store->ForEachStoredEvent([&](Event& e) -> Status {
    ++out.events;
    if (sources.oversharing != nullptr && sources.oversharing->Applies(e)) {
      ++out.own_scanned;
      if (std::optional<OversharedPost> post = sources.oversharing->Scan(e)) {
        e.raw.clear();
        out.overshared.emplace_back(std::move(e), std::move(*post));
      }
      return OkStatus();
    }
    if (sources.links == nullptr || e.urls.empty() || !IsStranger(*sources.profile, e.sender)) {
      return OkStatus();
    }
    if (e.direction != Direction::kIncoming && e.direction != Direction::kPublic) return OkStatus();
    for (const std::string& url : e.urls) {
      if (!links_seen.insert(url).second) continue;
      ++out.stranger_links;
      links::LinkVerdict verdict = sources.links->Judge(url);
      if (verdict.verdict == links::Verdict::kOk) continue;
      out.flagged_links.push_back(
          {std::move(verdict), Who(e.sender), e.time.utc_ms, e.id, SourceOf(e)});
    }
    return OkStatus();
  }));
  return OkStatus();
}

CheckItem OversharingItem(const CheckupSources& sources, const MessageFindings& found) {
  CheckItem item{"oversharing",
                 "Posts",
                 "Do your own posts and messages give away where to find you?",
                 ItemStatus::kUnknown,
                 "",
                 {},
                 {}};
  if (sources.store == nullptr || sources.oversharing == nullptr || found.own_scanned == 0) {
    item.summary =
        "None of your own posts or messages to people outside your trusted contacts "
        "have been imported, so this was not checked.";
    item.steps = {
        "Import your own exports (`stalkguard scan` with your Instagram, WhatsApp or "
        "TikTok export) with a profile that names you (`--profile`)."};
    return item;
  }
  if (found.overshared.empty()) {
    item.status = ItemStatus::kOk;
    item.summary = "None of your " + std::to_string(found.own_scanned) +
                   " own posts and messages to people outside your trusted contacts gives away "
                   "your address, school, routine or location.";
    return item;
  }
  item.status = ItemStatus::kFix;
  item.summary = std::to_string(found.overshared.size()) + " of your " +
                 std::to_string(found.own_scanned) + " own posts and messages " +
                 (found.overshared.size() == 1 ? "gives" : "give") +
                 " away where to find you or when you are alone.";
  std::set<std::string> advice;
  for (const auto& [event, post] : found.overshared) {
    if (item.evidence.size() == kMaxListed) break;
    ItemEvidence evidence;
    std::string kinds;
    for (const OvershareSpan& span : post.spans) {
      if (kinds.find(span.what) == std::string::npos)
        kinds += (kinds.empty() ? "" : ", ") + span.what;
      std::string words = span.span.empty()
                              ? span.excerpt
                              : event.text.substr(span.span.begin, span.span.end - span.span.begin);
      evidence.remove.push_back({span.what, span.span, std::move(words), span.excerpt});
    }
    evidence.text = FormatUtcDate(event.time.utc_ms) + ", " + event.platform + ", " +
                    std::string(Describe(post.audience)) + ": " + kinds;
    evidence.event_id = event.id;
    evidence.source = SourceOf(event);
    item.evidence.push_back(std::move(evidence));
    advice.insert(post.advice);
  }
  item.steps.assign(advice.begin(), advice.end());
  item.steps.push_back(
      "Before the next post, ask: would a stranger know where to find me, or when I am alone?");
  return item;
}

CheckItem LinksItem(const CheckupSources& sources, const MessageFindings& found) {
  CheckItem item{
      "links", "Links", "Are the links strangers sent you safe to open?", ItemStatus::kUnknown, "",
      {},      {}};
  if (sources.store == nullptr || sources.links == nullptr || found.events == 0) {
    item.summary = "No messages have been imported, so no links were checked.";
    item.steps = {
        "Import your messages with `stalkguard scan`, or check one link with "
        "`stalkguard link URL`."};
    return item;
  }
  if (found.flagged_links.empty()) {
    item.status = ItemStatus::kOk;
    item.summary = found.stranger_links == 0
                       ? "Nobody outside your trusted contacts sent you a link."
                       : "None of the " + std::to_string(found.stranger_links) +
                             " links from people outside your trusted contacts looks dangerous.";
    return item;
  }
  size_t malicious = 0;
  for (const auto& link : found.flagged_links) {
    if (link.verdict.verdict == links::Verdict::kMalicious) ++malicious;
  }
  item.status = ItemStatus::kFix;
  item.summary = std::to_string(found.flagged_links.size()) + " of " +
                 std::to_string(found.stranger_links) +
                 " links from people outside your trusted contacts look dangerous (" +
                 std::to_string(malicious) + " malicious).";
  for (const auto& link : found.flagged_links) {
    if (item.evidence.size() == kMaxListed) break;
    item.evidence.push_back({FormatUtcDate(link.utc_ms) + ", from " + link.from + ": " +
                                 std::string(links::ToString(link.verdict.verdict)) + " (" +
                                 links::Summary(link.verdict) + "): " + link.verdict.url,
                             link.event_id,
                             link.source,
                             {}});
  }
  item.steps = {
      "Do not open these links. If you already did, change the password of any account you "
      "signed in to from that page, from another device.",
      "If you installed something a link offered, run `stalkguard apps` on the phone's app list.",
      "Keep the messages: the links are evidence (`stalkguard export`)."};
  return item;
}

// The last app-list check: this run's list when given, else the one kept in the store.
struct AppsCheck {
  int64_t checked_ms = 0;
  std::string source;
  int64_t apps = 0;
  std::vector<detect::AppMatch> matches;
};

store::CheckupRecord AppsRecord(const AppsCheck& check) {
  json matches = json::array();
  for (const detect::AppMatch& m : check.matches) {
    matches.push_back(
        {{"package", m.package}, {"app", m.app}, {"type", std::string(detect::ToString(m.type))}});
  }
  json value = {{"checked_ms", check.checked_ms},
                {"source", check.source},
                {"apps", check.apps},
                {"matches", matches}};
  return {std::string(kAppsCheckKey), value.dump(), 0};
}

std::optional<AppsCheck> AppsFromRecord(const store::CheckupRecord& record,
                                        std::vector<std::string>& problems) {
  const json value = json::parse(record.value, nullptr, /*allow_exceptions=*/false);
  AppsCheck check;
  try {
    check.checked_ms = value.at("checked_ms").get<int64_t>();
    check.source = value.at("source").get<std::string>();
    check.apps = value.at("apps").get<int64_t>();
    for (const json& m : value.at("matches")) {
      detect::AppMatch match;
      match.package = m.at("package").get<std::string>();
      match.app = m.at("app").get<std::string>();
      match.type = m.at("type").get<std::string>() == "watchware" ? detect::AppType::kWatchware
                                                                  : detect::AppType::kStalkerware;
      match.what_it_does = detect::WhatItDoes(match.type);
      check.matches.push_back(std::move(match));
    }
  } catch (const json::exception&) {
    problems.push_back(record.key + ": not an app-list check");
    return std::nullopt;
  }
  return check;
}

CheckItem AppsItem(const std::optional<AppsCheck>& check, const Case* device_case) {
  CheckItem item{"apps",
                 "Phone",
                 "Is there stalkerware or a monitoring app on your phone?",
                 ItemStatus::kUnknown,
                 "",
                 {},
                 {}};
  std::set<detect::AppType> types;
  if (check) {
    for (const detect::AppMatch& m : check->matches) {
      item.evidence.push_back(Line(m.app + " (" + m.package + "), " +
                                   std::string(detect::ToString(m.type)) + ": " +
                                   std::string(m.what_it_does)));
      types.insert(m.type);
    }
  }
  if (device_case != nullptr) {
    for (const Finding& f : device_case->findings) {
      item.evidence.push_back({"in your messages: " + f.why, f.event_id, {}, {}});
      types.insert(detect::AppType::kStalkerware);
    }
  }
  if (!types.empty()) {
    item.status = ItemStatus::kFix;
    item.summary = "Signs of an app that reports on you were found" +
                   std::string(check && !check->matches.empty()
                                   ? " in the app list (" + std::to_string(check->matches.size()) +
                                         " of " + std::to_string(check->apps) + " apps)."
                                   : " in your messages.");
    for (detect::AppType type : types) {
      item.steps.emplace_back(detect::SafeRemovalAdvice(type));
    }
    return item;
  }
  if (check) {
    item.status = ItemStatus::kOk;
    item.summary = "None of the " + std::to_string(check->apps) + " apps in " + check->source +
                   " (" + FormatUtcDate(check->checked_ms) +
                   ") is known stalkerware or monitoring software.";
    item.steps = {"Check again whenever the phone has been out of your hands."};
    return item;
  }
  item.summary = "The phone's apps have not been checked.";
  item.steps = {
      "On an Android phone: turn on USB debugging, connect it and run `adb shell pm list "
      "packages > apps.txt`, then `stalkguard checkup --apps apps.txt`.",
      "On an iPhone: look in Settings > General > VPN & Device Management for profiles you did "
      "not install, and review which apps may use your location."};
  return item;
}

}  // namespace

Result<CheckupRun> RunCheckup(const CheckupSources& sources, const AnswerBook& answers) {
  static const Profile kNoProfile;
  CheckupSources in = sources;
  if (in.profile == nullptr) in.profile = &kNoProfile;
  CheckupRun run;

  std::vector<store::CheckupRecord> records;
  if (in.store != nullptr) {
    SG_ASSIGN_OR_RETURN(records, in.store->ListCheckupRecords());
  }
  std::optional<PasswordAuditSummary> passwords;
  std::optional<AppsCheck> apps;
  for (const store::CheckupRecord& record : records) {
    if (record.key == kPasswordAuditKey) {
      if (auto summary = FromRecord(record)) {
        passwords = std::move(*summary);
      } else {
        run.problems.push_back(summary.error().message);
      }
    } else if (record.key == kAppsCheckKey) {
      apps = AppsFromRecord(record, run.problems);
    }
  }
  if (in.apps != nullptr && in.indicators != nullptr) {
    AppsCheck check;
    check.checked_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    check.source = in.apps_source;
    check.apps = static_cast<int64_t>(in.apps->packages.size());
    check.matches = in.indicators->Match(in.apps->packages);
    run.records.push_back(AppsRecord(check));
    apps = std::move(check);
  }

  MessageFindings messages;
  std::optional<Case> device_case;
  if (in.store != nullptr) {
    SG_RETURN_IF_ERROR(ReadMessages(in, messages));
    SG_ASSIGN_OR_RETURN(std::vector<Case> cases, in.store->ListCases());
    for (Case& c : cases) {
      if (c.contact_id == kDeviceCaseId) device_case = std::move(c);
    }
  }

  run.items.push_back(PasswordItem(passwords));
  run.items.push_back(OversharingItem(in, messages));
  run.items.push_back(LinksItem(in, messages));
  run.items.push_back(AppsItem(apps, device_case ? &*device_case : nullptr));
  for (CheckItem& item : AccountItems(AccountQuestions(*in.profile), answers)) {
    run.items.push_back(std::move(item));
  }
  SortForReading(run.items);
  return run;
}

}  // namespace stalkguard::checkup
