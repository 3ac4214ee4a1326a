#include "detectors/links/link_detector.h"

#include "core/result.h"
#include "core/strings.h"
#include "core/url_extract.h"
#include "text/severity.h"

namespace stalkguard::links {

LinkDetector::LinkDetector(std::shared_ptr<const LinkJudge> judge) : judge_(std::move(judge)) {
  SG_CHECK(judge_ != nullptr, "LinkDetector needs a judge");
}

Status LinkDetector::Inspect(const detect::EventView& view, const detect::Context& /*context*/,
                             std::vector<Finding>& out) const {
  // The person's own links are theirs to share; a link is a danger when someone sends it.
  if (view.sender.is_self) return OkStatus();
  const Event& event = view.event;
  const std::vector<std::string> extracted =
      event.urls.empty() ? ExtractUrls(event.text) : std::vector<std::string>();
  const std::vector<std::string>& urls = event.urls.empty() ? extracted : event.urls;
  for (const std::string& url : urls) {
    const LinkVerdict verdict = judge_->Judge(url);
    if (verdict.verdict == Verdict::kOk) continue;
    Finding finding;
    finding.event_id = event.id;
    finding.detector = std::string(kLinkDetectorName);
    finding.category = std::string(kMaliciousLinkCategory);
    finding.score = verdict.score;
    finding.severity = text::SeverityForScore(verdict.score);
    if (const size_t at = url.empty() ? std::string::npos : event.text.find(url);
        at != std::string::npos) {
      finding.span = {at, at + url.size()};
    }
    finding.why = "link: " + Summary(verdict);
    // A link the importer found outside the text (an HTML href, a button) is shown as itself.
    finding.excerpt = finding.span.empty() ? std::string(Utf8Prefix(url, 160))
                                           : detect::MakeExcerpt(event.text, finding.span);
    out.push_back(std::move(finding));
  }
  return OkStatus();
}

}  // namespace stalkguard::links
