#include "casework/log_audit.h"

#include <unordered_map>
#include <unordered_set>

#include "evidence/canonical.h"

namespace stalkguard::casework {
namespace {

using evidence::ChainEntry;
using evidence::ProblemKind;

}  // namespace

Result<LogAudit> AuditEvidenceLog(store::Store& store) {
  LogAudit audit;
  auto problem = [&](ProblemKind kind, uint64_t seq, std::string message) {
    audit.problems.push_back({kind, seq, std::move(message)});
  };

  // What the store holds now, by item id.
  std::unordered_map<std::string, std::string> event_hashes, finding_hashes;
  SG_RETURN_IF_ERROR(store.ForEachStoredEvent([&](Event& e) -> Status {
    event_hashes.emplace(e.id, evidence::ItemHash(evidence::CanonicalEventBytes(e)));
    return OkStatus();
  }));
  SG_ASSIGN_OR_RETURN(std::vector<Case> cases, store.ListCases());
  for (const Case& c : cases) {
    for (const Finding& f : c.findings) {
      if (!f.id.empty())
        finding_hashes.emplace(f.id, evidence::ItemHash(evidence::CanonicalFindingBytes(f)));
    }
  }

  std::unordered_set<std::string> logged_events;
  evidence::ChainLinkChecker links;
  SG_RETURN_IF_ERROR(store.ForEachEvidenceEntry([&](const ChainEntry& e) -> Status {
    const std::string name = "entry " + std::to_string(e.seq);
    ++audit.entries;
    links.Check(e, audit.problems);
    if (e.kind == evidence::kKindEvent) {
      ++audit.events;
      logged_events.insert(e.item_id);
      auto it = event_hashes.find(e.item_id);
      if (it == event_hashes.end())
        problem(ProblemKind::kItemMissing, e.seq,
                name + ": event " + e.item_id + " is missing from the store (removed)");
      else if (it->second != e.item_hash)
        problem(ProblemKind::kItemAltered, e.seq,
                name + ": event " + e.item_id + " in the store no longer matches (altered)");
    } else if (e.kind == evidence::kKindFinding) {
      auto it = finding_hashes.find(e.item_id);
      if (it == finding_hashes.end()) {
        ++audit.superseded;
      } else {
        ++audit.findings;
        if (it->second != e.item_hash)
          problem(ProblemKind::kItemAltered, e.seq,
                  name + ": finding " + e.item_id + " in the store no longer matches (altered)");
      }
    }
    return OkStatus();
  }));
  audit.head = links.Last();
  for (const auto& [id, hash] : event_hashes) {
    if (!logged_events.count(id))
      problem(ProblemKind::kItemMissing, 0,
              "event " + id +
                  " is in the store but not in the evidence log (added behind its "
                  "back)");
  }
  return audit;
}

}  // namespace stalkguard::casework
