// Step 1 of Normalize for text outside ASCII: NFKC with case folding, invisible characters
// removed, look-alikes folded to their Latin skeleton. Internal to text/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace stalkguard::text::internal {

// Decodes the UTF-8 sequence at bytes[i]. Returns its length, or 0 when the bytes there are not
// valid UTF-8 (then `code_point` is U+FFFD and the caller should consume one byte).
size_t DecodeUtf8(std::string_view bytes, size_t i, uint32_t& code_point);

// True when NFKC case folding never joins `code_point` with what comes before it, so a new
// normalisation segment (and a new offset-map entry) may start there.
bool HasBoundaryBefore(uint32_t code_point);

// The zero-width and invisible characters Normalize always removes: U+200B..U+200F,
// U+2060..U+2064, U+FEFF, U+00AD, U+202A..U+202E, and every other Default_Ignorable_Code_Point.
bool IsInvisible(uint32_t code_point);

// Appends the folded form of one normalisation segment (valid UTF-8: a base character and the
// marks that follow it) to `out`. White space in the result comes out as ' '; it may append
// nothing. Results are cached per thread; safe from several threads at once.
void FoldSegment(std::string_view segment, std::string& out);

}  // namespace stalkguard::text::internal
