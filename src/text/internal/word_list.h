// The words Normalize knows, to choose between readings of an ambiguous disguise: "ki11" is
// "kill", not "kiii"; "u9ly" is "ugly" while "gr8" stays; "i w i l l" is "i will", not "iwill".
// Internal to text/.
#pragma once

#include <string_view>

namespace stalkguard::text::internal {

// How common a word is: 0 unknown, 1 only in the dictionary (wamerican), 2-5 in at least 10,
// 100, 1,000 or 10,000 training messages of the classifier's data sets.
inline constexpr int kUnknownWord = 0;
inline constexpr int kCommonWord = 2;

// The rank of `word` (lower-case ASCII, 3-20 letters; anything else is unknown). The list,
// word_list_data.inc, is made by make_word_list.py. The first call builds the index (1.5 ms on
// an idle core); later calls are one binary search. Safe from several threads.
int WordRank(std::string_view word);

}  // namespace stalkguard::text::internal
