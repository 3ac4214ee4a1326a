// libFuzzer target: the JSON-lines readers of an evidence bundle (events.jsonl, findings.jsonl,
// chain.jsonl). Any bytes in, as each of the three files; every error must name a line that
// exists, and every item read must survive being written and read again with the same
// canonical bytes, since verify recomputes hashes from exactly those.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "evidence/bundle/internal/lines.h"
#include "evidence/canonical.h"

namespace sg = stalkguard;
namespace internal = stalkguard::bundle::internal;

namespace {

template <typename T>
void CheckLines(const internal::ParsedLines<T>& parsed, size_t lines) {
  for (const internal::LineError& e : parsed.errors) {
    if (e.line == 0 || e.line > lines || e.message.empty()) __builtin_trap();
  }
  for (const auto& [line, item] : parsed.items) {
    if (line == 0 || line > lines) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t lines = 0;
  for (size_t i = 0; i < size; ++i) lines += input[i] == '\n' || i + 1 == size ? 1 : 0;

  const auto events = internal::ParseEventLines(input);
  CheckLines(events, lines);
  for (const auto& [line, event] : events.items) {
    const auto back = internal::ReadEventLine(internal::WriteEventLine(event));
    if (!back) __builtin_trap();
    if (sg::evidence::CanonicalEventBytesWithRawHash(back->event, back->raw_sha256) !=
        sg::evidence::CanonicalEventBytesWithRawHash(event.event, event.raw_sha256)) {
      __builtin_trap();
    }
    if (back->original != event.original || back->redacted != event.redacted ||
        back->attachment_files != event.attachment_files) {
      __builtin_trap();
    }
  }

  const auto findings = internal::ParseFindingLines(input);
  CheckLines(findings, lines);
  for (const auto& [line, finding] : findings.items) {
    const auto back = internal::ReadFindingLine(internal::WriteFindingLine(finding));
    if (!back || back->finding.id != finding.finding.id || back->redacted != finding.redacted ||
        sg::evidence::CanonicalFindingBytes(back->finding) !=
            sg::evidence::CanonicalFindingBytes(finding.finding)) {
      __builtin_trap();
    }
  }

  const auto chain = internal::ParseChainLines(input);
  CheckLines(chain, lines);
  for (const auto& [line, entry] : chain.items) {
    const auto back = internal::ReadChainLine(internal::WriteChainLine(entry));
    if (!back || *back != entry) __builtin_trap();
  }
  return 0;
}
