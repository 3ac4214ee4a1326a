// Walks what the user named — files, folders (recursively, in name order) and archives (.zip,
// .tar, .tar.gz, recognised by content) — and hands each file to the importer that recognises
// it. Files no importer recognises are reported; media files that exports carry beside their
// messages (photos, voice notes) are counted and passed over.
//
//   Walker walker(BuiltinImporters(), options, sink);
//   SG_RETURN_IF_ERROR(walker.ImportPath("exports/"));
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "importers/builtin.h"
#include "importers/importer.h"

namespace stalkguard::importers {

struct SkippedFile {
  std::string file;
  std::string reason;  // "no known format", "media file"
};

class Walker {
 public:
  // `importers` and `sink` must outlive the walker.
  Walker(const ImporterList& importers, const ImportOptions& options, EventSink& sink);

  // Sums the sizes of everything under `paths`, for a progress bar. Cheap: stat only.
  static int64_t TotalBytes(const std::vector<std::string>& paths);

  // Imports one named path. Fails only when the path itself does not exist or cannot be
  // listed; a file that fails inside is reported to the sink as a rejection and skipped.
  Status ImportPath(const std::string& path);

  // Bytes read so far across all files, for progress. Safe to call from the sink's callbacks.
  int64_t bytes_done() const;
  int64_t files_imported() const { return files_imported_; }
  const std::vector<SkippedFile>& skipped() const { return skipped_; }

 private:
  void ImportFile(const std::string& path, const std::string& display, bool named_by_user);
  void ImportArchive(const std::string& path, const std::string& display);
  // Returns false when the file was passed over (and records why).
  void ImportSource(Source& source, bool named_by_user);

  const ImporterList& importers_;
  const ImportOptions& options_;
  EventSink& sink_;
  int64_t bytes_finished_ = 0;
  const Source* current_ = nullptr;
  int64_t files_imported_ = 0;
  std::vector<SkippedFile> skipped_;
};

}  // namespace stalkguard::importers
