// A scan: import everything under the given paths into a store, then rebuild the contacts.
// This is what `stalkguard scan` runs; the CLI only parses flags and prints the report.
//
//   ScanOptions options;
//   SG_ASSIGN_OR_RETURN(ScanReport report, RunScan({"examples/"}, options, store));
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/profile.h"
#include "core/result.h"
#include "importers/importer.h"
#include "importers/walker.h"
#include "store/store.h"

namespace stalkguard::scan {

struct ScanOptions {
  importers::ImportOptions import;
  Profile profile;
  size_t batch_size = 4096;  // events per store transaction
  // Called now and then with bytes read so far and the total; may be empty.
  std::function<void(int64_t done, int64_t total)> on_progress;
};

struct ScanReport {
  store::WriteCounts counts;
  int64_t rejected = 0;
  std::vector<store::Rejection> rejections;  // the first kMaxListedRejections of them
  std::vector<importers::SkippedFile> skipped;
  int64_t files = 0;
  std::vector<store::ContactSummary> contacts;
  double seconds = 0;

  static constexpr size_t kMaxListedRejections = 1000;
};

// Fails only when the store fails. Missing paths, unreadable files and bad records are
// rejections in the report, and everything good is still imported.
Result<ScanReport> RunScan(const std::vector<std::string>& paths, const ScanOptions& options,
                           store::Store& store);

// Rebuilds the contacts table from the stored identities (also after an ingest).
Status RebuildContacts(const Profile& profile, store::Store& store);

}  // namespace stalkguard::scan
