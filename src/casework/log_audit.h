// Audits the store's own evidence log: every entry's hash and link, and every logged event and
// current finding against the store as it is now. `stalkguard verify --store` runs it; it
// catches a store file edited behind stalkguard's back (a message changed or deleted, an entry
// removed) before anything is exported from it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "evidence/hash_chain.h"
#include "store/store.h"

namespace stalkguard::casework {

struct LogAudit {
  std::vector<evidence::ChainProblem> problems;  // in entry order; empty when all verifies
  evidence::ChainHead head;
  int64_t entries = 0;
  int64_t events = 0;    // event entries checked against the stored event
  int64_t findings = 0;  // finding entries checked against a current finding
  // Finding entries whose finding a later scan no longer reached: kept in the log as what was
  // concluded then, with nothing to compare in the store now.
  int64_t superseded = 0;
  bool ok() const { return problems.empty(); }
};

// Reads every event and the whole log once; memory grows with the number of events (one id and
// hash each). Fails only when the store cannot be read.
Result<LogAudit> AuditEvidenceLog(store::Store& store);

}  // namespace stalkguard::casework
