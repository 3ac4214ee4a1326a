// GET /api/v1/search?q=...: finds words in the household's findings (their excerpts, categories
// and reasons, and the names of the cases) and, for the protected person only, in every stored
// message. Query and text are read through the same normaliser the detectors use, so "kill"
// finds "k1ll" and "K I L L", and a hit shows the original words around it.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/timestamp.h"
#include "core/utf8.h"
#include "service/http/internal/server_impl.h"
#include "text/normalizer.h"

namespace stalkguard::service {
namespace {

constexpr size_t kMaxQueryBytes = 200;
constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 200;
constexpr size_t kExcerptContext = 60;  // original bytes shown each side of a hit

// The original text around the first place `needle` (normalised) occurs in `original`; empty
// when it does not occur. `scratch` is reused across calls.
std::string MatchExcerpt(std::string_view original, const std::string& needle,
                         text::NormalizedText& scratch) {
  text::Normalize(original, scratch);
  const size_t at = scratch.text.find(needle);
  if (at == std::string::npos) return {};
  const TextSpan span = text::ToOriginal(scratch, at, at + needle.size());
  size_t begin = span.begin > kExcerptContext ? span.begin - kExcerptContext : 0;
  size_t end = std::min(original.size(), span.end + kExcerptContext);
  // Whole characters only: step back off UTF-8 continuation bytes.
  while (begin > 0 && (static_cast<unsigned char>(original[begin]) & 0xC0) == 0x80) --begin;
  while (end < original.size() && (static_cast<unsigned char>(original[end]) & 0xC0) == 0x80) {
    ++end;
  }
  std::string out = begin > 0 ? "…" : "";
  out += original.substr(begin, end - begin);
  if (end < original.size()) out += "…";
  return SanitizeUtf8(out);
}

}  // namespace

void GuardianServer::Impl::Search(const httplib::Request& req, httplib::Response& res) {
  const auto who = Authenticate(req, res);
  if (!who) return;
  const std::string query = req.has_param("q") ? req.get_param_value("q") : "";
  text::NormalizedText scratch;
  text::Normalize(query, scratch);
  const std::string needle = scratch.text;
  if (needle.size() < 2 || query.size() > kMaxQueryBytes) {
    SendError(res, 400, "bad_request",
              "q is 2 to " + std::to_string(kMaxQueryBytes) + " bytes of words to look for");
    return;
  }
  int limit = kDefaultLimit;
  if (req.has_param("limit")) {
    try {
      limit = std::clamp(std::stoi(req.get_param_value("limit")), 1, kMaxLimit);
    } catch (const std::exception&) {
      SendError(res, 400, "bad_request", "limit is a number");
      return;
    }
  }
  std::shared_ptr<HouseholdState> household = HouseholdOf(*who, res);
  if (!household) return;
  auto lock = household->LockToRead();
  auto cases = household->store->ListCases();
  if (!cases) {
    SendError(res, 500, "store", "the cases cannot be read");
    return;
  }
  json results = json::array();
  bool truncated = false;
  auto add = [&](json hit) {
    if (static_cast<int>(results.size()) >= limit) {
      truncated = true;
      return false;
    }
    results.push_back(std::move(hit));
    return true;
  };
  // Findings first: what a guardian may see, and what matters most.
  for (const Case& c : *cases) {
    const bool name_matches = !MatchExcerpt(c.display, needle, scratch).empty();
    for (const Finding& f : c.findings) {
      std::string excerpt = MatchExcerpt(f.excerpt, needle, scratch);
      if (excerpt.empty() && !name_matches &&
          MatchExcerpt(f.category + " " + f.why, needle, scratch).empty()) {
        continue;
      }
      if (!add({{"kind", "finding"},
                {"case", c.contact_id},
                {"display", SanitizeUtf8(c.display)},
                {"event", f.event_id.empty() ? json(nullptr) : json(f.event_id)},
                {"category", f.category},
                {"severity", ToString(f.severity)},
                {"excerpt", excerpt.empty() ? SanitizeUtf8(f.excerpt) : excerpt}})) {
        break;
      }
    }
  }
  // Whole messages: the protected person's alone. Contact by contact, so each hit names the
  // case it belongs to (if any).
  if (MaySeeMessages(who->role) && !truncated) {
    auto contacts = household->store->ListContacts();
    if (!contacts) {
      SendError(res, 500, "store", "the contacts cannot be read");
      return;
    }
    std::set<std::string> case_ids;
    for (const Case& c : *cases) case_ids.insert(c.contact_id);
    for (const store::ContactIdentities& contact : *contacts) {
      if (truncated) break;
      std::vector<int64_t> ids;
      for (const store::IdentityRecord& i : contact.identities) ids.push_back(i.id);
      if (ids.empty()) continue;
      const bool has_case = case_ids.count(contact.record.id) > 0;
      Status read = household->store->ForEachEvent(ids, [&](Event& e) -> Status {
        std::string excerpt = MatchExcerpt(e.text, needle, scratch);
        if (excerpt.empty()) excerpt = MatchExcerpt(e.subject, needle, scratch);
        if (excerpt.empty()) return OkStatus();
        json hit = {{"kind", "message"},
                    {"case", has_case ? json(contact.record.id) : json(nullptr)},
                    {"contact", contact.record.id},
                    {"display", SanitizeUtf8(contact.record.display)},
                    {"event", e.id},
                    {"time", FormatRfc3339(e.time)},
                    {"direction", ToString(e.direction)},
                    {"excerpt", excerpt}};
        // Stopping early is not an error: kNotFound ends the walk and is dropped below.
        return add(std::move(hit)) ? OkStatus() : MakeError(ErrorCode::kNotFound, "enough");
      });
      if (!read && read.error().code != ErrorCode::kNotFound) {
        SendError(res, 500, "store", "the messages cannot be read");
        return;
      }
    }
  }
  SendJson(res, {{"query", SanitizeUtf8(query)},
                 {"results", results},
                 {"truncated", truncated},
                 {"messages_searched", MaySeeMessages(who->role)}});
}

}  // namespace stalkguard::service
