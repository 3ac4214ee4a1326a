// A compiled libclamav engine over the signature databases we were given. Loading is the slow
// part (seconds for the official databases), so it happens once; scans of the compiled engine
// are safe from several threads at once (libclamav's own guarantee for a compiled engine).
// Only attachment_judge.cc and its tests include this.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct cl_engine;

namespace stalkguard::detect::attachment_internal {

class ClamAvEngine {
 public:
  // Initialises libclamav (once per process), loads every database file or directory in
  // `paths` and compiles the engine. Fails when libclamav cannot start, a path does not load,
  // or nothing was loaded at all.
  static Result<std::shared_ptr<const ClamAvEngine>> Load(const std::vector<std::string>& paths);

  ~ClamAvEngine();
  ClamAvEngine(const ClamAvEngine&) = delete;
  ClamAvEngine& operator=(const ClamAvEngine&) = delete;

  // The name of the first signature `bytes` matches ("Win.Test.EICAR_HDB-1"), or nullopt when
  // clean. Fails when libclamav reports an error for this content (damaged, too large).
  Result<std::optional<std::string>> Scan(std::string_view bytes) const;

  unsigned signatures() const { return signatures_; }
  // libclamav's version, "1.4.6".
  static std::string Version();

 private:
  ClamAvEngine(cl_engine* engine, unsigned signatures);

  cl_engine* engine_;
  unsigned signatures_;
};

// libclamav's own database directory (/var/lib/clamav on Debian).
std::string DefaultClamAvDatabaseDir();

}  // namespace stalkguard::detect::attachment_internal
