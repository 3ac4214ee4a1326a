#include "text/internal/word_list.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace stalkguard::text::internal {
namespace {

using namespace std::string_view_literals;

#include "text/internal/word_list_data.inc"

// The tokens "<rank><word>" of the chunks, sorted by word.
struct Index {
  Index() {
    size_t count = 0;
    for (const std::string_view chunk : kWordChunks) {
      count += std::count(chunk.begin(), chunk.end(), ' ');
    }
    tokens.reserve(count);
    for (const std::string_view chunk : kWordChunks) {
      for (size_t i = 0; i < chunk.size();) {
        size_t end = chunk.find(' ', i);
        if (end == std::string_view::npos) end = chunk.size();
        if (end > i + 1) tokens.push_back(chunk.substr(i, end - i));
        i = end + 1;
      }
    }
  }
  std::vector<std::string_view> tokens;
};

}  // namespace

int WordRank(std::string_view word) {
  if (word.size() < 3 || word.size() > 20) return kUnknownWord;
  static const Index index;
  const auto it = std::lower_bound(
      index.tokens.begin(), index.tokens.end(), word,
      [](std::string_view token, std::string_view w) { return token.substr(1) < w; });
  if (it == index.tokens.end() || it->substr(1) != word) return kUnknownWord;
  return (*it)[0] - '0';
}

}  // namespace stalkguard::text::internal
