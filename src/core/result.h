// Error handling for everything that can fail because of the world outside: files, input,
// the database. Functions return Status or Result<T>; bugs abort through SG_CHECK.
//
//   Result<Event> ParseLine(std::string_view line);
//   SG_ASSIGN_OR_RETURN(auto event, ParseLine(line));
#pragma once

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace stalkguard {

enum class ErrorCode {
  kInvalidInput,  // the data is malformed; the message names file and record
  kNotFound,      // a file, record or key does not exist
  kIo,            // the operating system refused a read or write
  kStore,         // the database failed
  kUnsupported,   // a format or option we do not handle
  kInternal,      // a library we call failed in a way we did not expect
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}
inline Status OkStatus() { return {}; }

[[noreturn]] void CheckFailed(const char* file, int line, const char* condition,
                              const std::string& message);

}  // namespace stalkguard

#define SG_CONCAT_INNER(a, b) a##b
#define SG_CONCAT(a, b) SG_CONCAT_INNER(a, b)

#define SG_RETURN_IF_ERROR(expr)                                \
  do {                                                          \
    auto sg_status_ = (expr);                                   \
    if (!sg_status_) return tl::unexpected(sg_status_.error()); \
  } while (0)

#define SG_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)           \
  auto tmp = (expr);                                       \
  if (!tmp) return tl::unexpected(std::move(tmp).error()); \
  lhs = std::move(*tmp)

#define SG_ASSIGN_OR_RETURN(lhs, expr) \
  SG_ASSIGN_OR_RETURN_IMPL(SG_CONCAT(sg_result_, __LINE__), lhs, expr)

// A broken invariant is our bug, never an error a caller should handle.
#define SG_CHECK(cond, msg)                                                   \
  do {                                                                        \
    if (!(cond)) ::stalkguard::CheckFailed(__FILE__, __LINE__, #cond, (msg)); \
  } while (0)
