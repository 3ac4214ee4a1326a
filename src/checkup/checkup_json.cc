#include "checkup/checkup_json.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace stalkguard::checkup {
namespace {

using json = nlohmann::ordered_json;

json EvidenceJson(const ItemEvidence& e) {
  json entry = {{"text", SanitizeUtf8(e.text)}};
  if (!e.event_id.empty()) entry["event_id"] = e.event_id;
  if (!e.source.empty()) entry["source"] = SanitizeUtf8(e.source);
  if (!e.remove.empty()) {
    json remove = json::array();
    for (const TextToRemove& r : e.remove) {
      json spot = {
          {"what", r.what}, {"words", SanitizeUtf8(r.words)}, {"excerpt", SanitizeUtf8(r.excerpt)}};
      if (!r.span.empty()) spot["span"] = {r.span.begin, r.span.end};
      remove.push_back(std::move(spot));
    }
    entry["remove"] = std::move(remove);
  }
  return entry;
}

}  // namespace

std::string CheckupJson(const std::vector<CheckItem>& items, bool with_evidence, int indent) {
  json list = json::array();
  for (const CheckItem& item : items) {
    json evidence = json::array();
    if (with_evidence) {
      for (const ItemEvidence& e : item.evidence) evidence.push_back(EvidenceJson(e));
    }
    list.push_back({{"id", item.id},
                    {"area", item.area},
                    {"title", item.title},
                    {"status", ToString(item.status)},
                    {"summary", SanitizeUtf8(item.summary)},
                    {"evidence", std::move(evidence)},
                    {"steps", item.steps}});
  }
  const CheckupCounts counts = Count(items);
  const json out = {
      {"counts", {{"fix", counts.fix}, {"unknown", counts.unknown}, {"ok", counts.ok}}},
      {"items", std::move(list)}};
  return out.dump(indent);
}

}  // namespace stalkguard::checkup
