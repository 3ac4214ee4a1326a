// Gathers what an evidence bundle holds for some case files: their events and findings, the
// cases as JSON, and the evidence log pruned to the entries that cover them (the rest become
// counted gaps, so nothing about other contacts leaves the device).
#pragma once

#include <cstdint>
#include <vector>

#include "casework/case_file.h"
#include "casework/redaction.h"
#include "core/result.h"
#include "evidence/bundle/bundle.h"
#include "store/store.h"

namespace stalkguard::casework {

// Fails with kInvalidInput when an event or finding of the files has no log entry (a store
// written before the log, whose findings a new `stalkguard scan` will log).
Result<bundle::BundleContent> BuildBundleContent(const std::vector<CaseFile>& files,
                                                 const RedactionResult& redaction,
                                                 store::Store& store, int64_t created_ms);

}  // namespace stalkguard::casework
