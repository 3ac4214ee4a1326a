#include "scan/scan.h"

#include <chrono>

#include "contacts/contact_linker.h"
#include "importers/builtin.h"
#include "scan/event_preparer.h"

namespace stalkguard::scan {
namespace {

using Clock = std::chrono::steady_clock;

// Receives events from the importers, prepares them and writes them in batches.
class StoreSink : public importers::EventSink {
 public:
  StoreSink(const ScanOptions& options, store::Store& store, int64_t import_id, ScanReport& report)
      : options_(options),
        store_(store),
        import_id_(import_id),
        report_(report),
        preparer_(options.profile) {
    batch_.reserve(options.batch_size);
  }

  void Emit(Event&& event) override {
    preparer_.Prepare(event);
    batch_.push_back(std::move(event));
    if (batch_.size() >= options_.batch_size) Flush();
  }

  void Reject(const SourceRef& where, const std::string& reason) override {
    ++report_.rejected;
    store::Rejection r{where.file, where.record, reason};
    if (report_.rejections.size() < ScanReport::kMaxListedRejections)
      report_.rejections.push_back(r);
    pending_rejections_.push_back(std::move(r));
    if (pending_rejections_.size() >= 1000) FlushRejections();
  }

  void Flush() {
    if (!batch_.empty() && !error_) {
      auto counts = store_.WriteEvents(import_id_, batch_);
      if (counts) {
        report_.counts.inserted += counts->inserted;
        report_.counts.duplicates += counts->duplicates;
      } else {
        error_ = counts.error();
      }
    }
    batch_.clear();
    FlushRejections();
    if (progress_ && options_.on_progress) options_.on_progress(progress_(), total_);
  }

  void set_progress(std::function<int64_t()> progress, int64_t total) {
    progress_ = std::move(progress);
    total_ = total;
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  void FlushRejections() {
    if (pending_rejections_.empty() || error_) return;
    if (auto status = store_.WriteRejections(import_id_, pending_rejections_); !status) {
      error_ = status.error();
    }
    pending_rejections_.clear();
  }

  const ScanOptions& options_;
  store::Store& store_;
  int64_t import_id_;
  ScanReport& report_;
  EventPreparer preparer_;
  std::vector<Event> batch_;
  std::vector<store::Rejection> pending_rejections_;
  std::optional<Error> error_;
  std::function<int64_t()> progress_;
  int64_t total_ = 0;
};

}  // namespace

Status RebuildContacts(const Profile& profile, store::Store& store) {
  SG_ASSIGN_OR_RETURN(auto identities, store.ListIdentities());
  return store.ReplaceContacts(contacts::LinkContacts(identities, profile));
}

Result<ScanReport> RunScan(const std::vector<std::string>& paths, const ScanOptions& options,
                           store::Store& store) {
  const auto started = Clock::now();
  ScanReport report;
  SG_ASSIGN_OR_RETURN(const int64_t import_id, store.BeginImport(paths));
  const importers::ImporterList importers = importers::BuiltinImporters();
  StoreSink sink(options, store, import_id, report);
  importers::Walker walker(importers, options.import, sink);
  sink.set_progress([&walker] { return walker.bytes_done(); },
                    importers::Walker::TotalBytes(paths));
  for (const std::string& path : paths) {
    // A path that is not there is reported like a bad file; the other paths still go in.
    if (auto status = walker.ImportPath(path); !status)
      sink.Reject({path, ""}, status.error().message);
    if (sink.error()) break;
  }
  sink.Flush();
  if (sink.error()) return tl::unexpected(*sink.error());
  report.skipped = walker.skipped();
  report.files = walker.files_imported();
  SG_RETURN_IF_ERROR(store.FinishImport(import_id, report.counts, report.rejected));
  SG_RETURN_IF_ERROR(RebuildContacts(options.profile, store));
  SG_ASSIGN_OR_RETURN(report.contacts, store.ContactSummaries());
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return report;
}

}  // namespace stalkguard::scan
