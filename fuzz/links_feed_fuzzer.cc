// libFuzzer target: blocklist feeds (links::ParseFeed). Any bytes in; a feed that parses must
// keep within its warning cap and hold only entries the judge can look up, and every entry,
// read back as a link, must be judged without harm.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "detectors/links/feed.h"
#include "detectors/links/link_judge.h"

namespace links = stalkguard::links;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const links::LinkJudge* const judge = [] {
    links::LinkJudgeOptions options = links::DefaultLinkJudgeOptions();
    options.feeds.clear();
    options.model_path.clear();
    auto created = links::LinkJudge::Create(options);
    // Without the config the target still fuzzes the parser; the judging part is skipped.
    return created ? new links::LinkJudge(std::move(*created)) : nullptr;
  }();
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  auto feed = links::ParseFeed(content, "fuzz.feed");
  if (!feed) return 0;
  if (feed->warnings.size() > links::kMaxFeedWarnings) std::abort();
  if (feed->skipped < feed->warnings.size()) std::abort();
  for (const std::string& domain : feed->domains) {
    if (domain.empty()) std::abort();
    if (judge != nullptr) (void)judge->Judge(domain);
  }
  for (const std::string& url : feed->urls) {
    if (url.empty()) std::abort();
    if (judge != nullptr) (void)judge->Judge(url);
  }
  return 0;
}
