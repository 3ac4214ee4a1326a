#include "detectors/links/internal/domain_tools.h"

#include <libpsl.h>
#include <unicode/uspoof.h>

#include <string>
#include <unordered_map>

#include "core/strings.h"

namespace stalkguard::links::internal {

struct DomainTools::Handles {
  psl_ctx_t* psl = nullptr;
  bool own_psl = false;  // psl_builtin() is static and must not be freed
  USpoofChecker* skeleton = nullptr;
  USpoofChecker* restriction = nullptr;

  ~Handles() {
    if (own_psl && psl != nullptr) psl_free(psl);
    if (skeleton != nullptr) uspoof_close(skeleton);
    if (restriction != nullptr) uspoof_close(restriction);
  }
};

DomainTools::DomainTools(std::unique_ptr<Handles> handles) : handles_(std::move(handles)) {}
DomainTools::DomainTools(DomainTools&&) noexcept = default;
DomainTools& DomainTools::operator=(DomainTools&&) noexcept = default;
DomainTools::~DomainTools() = default;

Result<DomainTools> DomainTools::Create(const std::string& psl_path) {
  auto handles = std::make_unique<Handles>();
  if (!psl_path.empty()) {
    handles->psl = psl_load_file(psl_path.c_str());
    handles->own_psl = handles->psl != nullptr;
  }
  if (handles->psl == nullptr) handles->psl = const_cast<psl_ctx_t*>(psl_builtin());
  if (handles->psl == nullptr) {
    return MakeError(ErrorCode::kNotFound,
                     (psl_path.empty() ? std::string("no public suffix list") : psl_path + ": ") +
                         "cannot load the public suffix list, and libpsl has none built in");
  }
  UErrorCode status = U_ZERO_ERROR;
  handles->skeleton = uspoof_open(&status);
  uspoof_setChecks(handles->skeleton, USPOOF_CONFUSABLE, &status);
  handles->restriction = uspoof_open(&status);
  uspoof_setChecks(handles->restriction, USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_NUMBERS, &status);
  uspoof_setRestrictionLevel(handles->restriction, USPOOF_MODERATELY_RESTRICTIVE);
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kInternal,
                     std::string("ICU spoof checker: ") + u_errorName(status));
  }
  return DomainTools(std::move(handles));
}

std::string DomainTools::RegistrableDomain(const std::string& host) const {
  const char* registrable = psl_registrable_domain(handles_->psl, host.c_str());
  return registrable != nullptr ? std::string(registrable) : host;
}

std::string DomainTools::PublicSuffix(const std::string& host) const {
  const char* suffix = psl_unregistrable_domain(handles_->psl, host.c_str());
  if (suffix != nullptr && *suffix != '\0') return suffix;
  const size_t dot = host.rfind('.');
  return dot == std::string::npos ? host : host.substr(dot + 1);
}

std::string DomainTools::Skeleton(std::string_view utf8) const {
  // Host labels repeat across a person's messages ("www", "mail", their bank's name), and ICU's
  // skeleton is the dearest step of judging a link: remember the last few thousand per thread.
  thread_local std::unordered_map<std::string, std::string> memo;
  const std::string key(utf8);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  if (memo.size() >= 4096) memo.clear();
  std::string skeleton = ComputeSkeleton(utf8);
  memo.emplace(key, skeleton);
  return skeleton;
}

std::string DomainTools::ComputeSkeleton(std::string_view utf8) const {
  // Digits and symbols that stand for letters in look-alike names ("amaz0n", "p4ypal",
  // "micro$oft"). ICU maps 0 and 1 itself (to "O" and "l"); the others it leaves alone.
  std::string input;
  input.reserve(utf8.size());
  for (char c : utf8) {
    switch (c) {
      case '3':
        input += 'e';
        break;
      case '4':
        input += 'a';
        break;
      case '5':
        input += 's';
        break;
      case '7':
        input += 't';
        break;
      case '$':
        input += 's';
        break;
      case '@':
        input += 'a';
        break;
      default:
        input += c;
    }
  }
  std::string out(input.size() * 3 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = uspoof_getSkeletonUTF8(handles_->skeleton, 0, input.data(),
                                     static_cast<int32_t>(input.size()), out.data(),
                                     static_cast<int32_t>(out.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    out.assign(static_cast<size_t>(n) + 1, '\0');
    status = U_ZERO_ERROR;
    n = uspoof_getSkeletonUTF8(handles_->skeleton, 0, input.data(),
                               static_cast<int32_t>(input.size()), out.data(),
                               static_cast<int32_t>(out.size()), &status);
  }
  if (U_FAILURE(status)) return AsciiLower(input);
  out.resize(static_cast<size_t>(n));
  out = AsciiLower(out);
  // The skeleton keeps "i" and "l" apart ("1nstagram" gives "lnstagrarn", "instagram"
  // "instagrarn"), and letter pairs that read as one letter are not in UTS #39's table.
  std::string folded;
  folded.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == 'i') {
      folded += 'l';
    } else if (out[i] == 'v' && i + 1 < out.size() && out[i + 1] == 'v') {
      folded += 'w';
      ++i;
    } else if (out[i] == 'c' && i + 1 < out.size() && out[i + 1] == 'l') {
      folded += 'd';
      ++i;
    } else {
      folded += out[i];
    }
  }
  return folded;
}

bool DomainTools::MixedScript(std::string_view label_utf8) const {
  UErrorCode status = U_ZERO_ERROR;
  const int32_t result =
      uspoof_checkUTF8(handles_->restriction, label_utf8.data(),
                       static_cast<int32_t>(label_utf8.size()), nullptr, &status);
  return U_SUCCESS(status) && (result & (USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_NUMBERS)) != 0;
}

}  // namespace stalkguard::links::internal
