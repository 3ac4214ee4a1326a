// The one encoder behind every byte string the evidence module hashes or signs: canonical
// events and findings, chain entries and manifests (docs/formats/evidence-log.md). Integers are
// 8 bytes big-endian; strings and byte strings are an 8-byte big-endian length, then the bytes;
// lists are an 8-byte count, then the items. Nothing is ever skipped, so field boundaries
// cannot shift and two different inputs cannot encode to the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace stalkguard::evidence::internal {

class ByteWriter {
 public:
  // Most canonical items are a few hundred bytes: one allocation instead of several.
  ByteWriter() { out_.reserve(512); }

  ByteWriter& Uint(uint64_t value) {
    char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((value >> (56 - 8 * i)) & 0xff);
    out_.append(bytes, sizeof bytes);
    return *this;
  }
  // Two's complement, so -1 is ff ff ff ff ff ff ff ff.
  ByteWriter& Int(int64_t value) { return Uint(static_cast<uint64_t>(value)); }
  ByteWriter& Bool(bool value) {
    out_.push_back(value ? '\x01' : '\x00');
    return *this;
  }
  ByteWriter& Str(std::string_view bytes) {
    Uint(bytes.size());
    out_.append(bytes);
    return *this;
  }
  ByteWriter& Count(size_t n) { return Uint(n); }

  const std::string& bytes() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace stalkguard::evidence::internal
