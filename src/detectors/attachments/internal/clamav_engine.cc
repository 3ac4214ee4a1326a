#include "detectors/attachments/internal/clamav_engine.h"

#include <clamav.h>

#include <mutex>

namespace stalkguard::detect::attachment_internal {
namespace {

// libclamav prints its warnings to stderr by default. They name files and signatures, which
// belong in our own errors, not in a log a guardian may read, so they are dropped.
void DropMessage(enum cl_msg, const char*, const char*, void*) {}

cl_error_t InitOnce() {
  static std::once_flag once;
  static cl_error_t result = CL_SUCCESS;
  std::call_once(once, [] {
    cl_set_clcb_msg(DropMessage);
    result = cl_init(CL_INIT_DEFAULT);
  });
  return result;
}

struct EngineFree {
  void operator()(cl_engine* engine) const { cl_engine_free(engine); }
};

struct FmapClose {
  void operator()(cl_fmap_t* map) const { cl_fmap_close(map); }
};

}  // namespace

Result<std::shared_ptr<const ClamAvEngine>> ClamAvEngine::Load(
    const std::vector<std::string>& paths) {
  if (const cl_error_t rc = InitOnce(); rc != CL_SUCCESS) {
    return MakeError(ErrorCode::kInternal,
                     std::string("libclamav did not start: ") + cl_strerror(rc));
  }
  std::unique_ptr<cl_engine, EngineFree> engine(cl_engine_new());
  if (!engine) return MakeError(ErrorCode::kInternal, "libclamav could not create an engine");
  unsigned signatures = 0;
  for (const std::string& path : paths) {
    // CL_DB_STDOPT: signatures, phishing rules and signed bytecode, as clamscan loads them.
    if (const cl_error_t rc = cl_load(path.c_str(), engine.get(), &signatures, CL_DB_STDOPT);
        rc != CL_SUCCESS) {
      return MakeError(ErrorCode::kInvalidInput,
                       "ClamAV signatures in " + path + " did not load: " + cl_strerror(rc));
    }
  }
  if (signatures == 0) return MakeError(ErrorCode::kNotFound, "no ClamAV signatures loaded");
  if (const cl_error_t rc = cl_engine_compile(engine.get()); rc != CL_SUCCESS) {
    return MakeError(ErrorCode::kInternal,
                     std::string("ClamAV engine did not compile: ") + cl_strerror(rc));
  }
  return std::shared_ptr<const ClamAvEngine>(new ClamAvEngine(engine.release(), signatures));
}

ClamAvEngine::ClamAvEngine(cl_engine* engine, unsigned signatures)
    : engine_(engine), signatures_(signatures) {}

ClamAvEngine::~ClamAvEngine() { cl_engine_free(engine_); }

Result<std::optional<std::string>> ClamAvEngine::Scan(std::string_view bytes) const {
  std::unique_ptr<cl_fmap_t, FmapClose> map(cl_fmap_open_memory(bytes.data(), bytes.size()));
  if (!map) return MakeError(ErrorCode::kInternal, "libclamav could not map the attachment");
  // Parse every format libclamav knows (archives, Office, PDF, PE...) so signatures match
  // inside them, but leave its heuristics off: the judge makes the same calls itself (macros,
  // encrypted archives) and says why in words.
  cl_scan_options options{};
  options.parse = ~0u;
  const char* virus = nullptr;
  unsigned long scanned = 0;
  const cl_error_t rc =
      cl_scanmap_callback(map.get(), nullptr, &virus, &scanned, engine_, &options, nullptr);
  if (rc == CL_CLEAN) return std::optional<std::string>();
  if (rc == CL_VIRUS) return std::optional<std::string>(virus != nullptr ? virus : "unnamed");
  return MakeError(ErrorCode::kInternal, std::string("ClamAV scan failed: ") + cl_strerror(rc));
}

std::string ClamAvEngine::Version() { return cl_retver(); }

std::string DefaultClamAvDatabaseDir() { return cl_retdbdir(); }

}  // namespace stalkguard::detect::attachment_internal
