#include "casework/bundle_builder.h"

#include <algorithm>
#include <set>

#include "evidence/canonical.h"
#include "serialize/case_json.h"

namespace stalkguard::casework {

Result<bundle::BundleContent> BuildBundleContent(const std::vector<CaseFile>& files,
                                                 const RedactionResult& redaction,
                                                 store::Store& store, int64_t created_ms) {
  bundle::BundleContent content;
  content.created_ms = created_ms;
  std::set<std::string> events, findings;
  std::vector<Case> cases;
  for (const CaseFile& file : files) {
    for (const Event& e : file.events)
      if (events.insert(e.id).second) content.events.push_back(e);
    for (const Finding& f : file.kase.findings) {
      if (f.id.empty()) {
        return MakeError(ErrorCode::kInvalidInput,
                         "the findings of " + file.kase.display +
                             " are not in the evidence log yet; run `stalkguard scan` once more");
      }
      if (findings.insert(f.id).second) content.findings.push_back(f);
    }
    cases.push_back(file.kase);
    content.description += (content.description.empty() ? "" : "; ") + file.kase.display + " (" +
                           std::string(ToString(file.kase.severity)) + ")";
  }
  std::stable_sort(content.events.begin(), content.events.end(),
                   [](const Event& a, const Event& b) { return a.time.utc_ms < b.time.utc_ms; });
  content.cases_json = serialize::CasesJsonText(cases);
  content.redacted_event_ids = redaction.event_ids;
  content.redacted_finding_ids = redaction.finding_ids;

  bundle::ChainPruner pruner;
  std::set<std::string> covered_events, covered_findings;
  evidence::ChainHead head;
  SG_RETURN_IF_ERROR(store.ForEachEvidenceEntry([&](const evidence::ChainEntry& entry) -> Status {
    bool keep = false;
    if (entry.kind == evidence::kKindEvent && events.count(entry.item_id))
      keep = covered_events.insert(entry.item_id).second;
    else if (entry.kind == evidence::kKindFinding && findings.count(entry.item_id))
      keep = covered_findings.insert(entry.item_id).second;
    pruner.Add(entry, keep);
    head = {entry.seq, entry.entry_hash};
    return OkStatus();
  }));
  content.chain = pruner.Finish();
  content.head = head;
  if (covered_events.size() != events.size()) {
    return MakeError(ErrorCode::kInvalidInput,
                     std::to_string(events.size() - covered_events.size()) +
                         " events of the chosen cases are not in the evidence log");
  }
  if (covered_findings.size() != findings.size()) {
    return MakeError(ErrorCode::kInvalidInput,
                     "some findings are not in the evidence log yet; run `stalkguard scan` once "
                     "more");
  }
  return content;
}

}  // namespace stalkguard::casework
