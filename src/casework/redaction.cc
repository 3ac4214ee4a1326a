#include "casework/redaction.h"

#include <algorithm>
#include <set>

#include "detectors/doxxing/pii_finder.h"

namespace stalkguard::casework {
namespace {

struct Edit {
  TextSpan span;
  std::string_view replacement;
};

class Redactor {
 public:
  Redactor(const Profile& profile, const Case& kase) : profile_(profile), finder_(profile) {
    for (const std::string& key : kase.identities) {
      const size_t colon = key.find(':');
      if (colon != std::string::npos) keep_.insert(key.substr(colon + 1));
    }
  }

  // The third-party numbers and addresses in `text`, last first.
  std::vector<Edit> Find(std::string_view text) const {
    std::vector<Edit> edits;
    for (const detect::PiiMatch& m : finder_.Find(text)) {
      if (m.own || keep_.count(m.value)) continue;
      if (m.kind == detect::PiiKind::kPhone)
        edits.push_back({m.span, kRedactedPhone});
      else if (m.kind == detect::PiiKind::kEmail)
        edits.push_back({m.span, kRedactedEmail});
    }
    std::sort(edits.begin(), edits.end(),
              [](const Edit& a, const Edit& b) { return a.span.begin > b.span.begin; });
    // Overlapping matches (a number inside an address) are taken out once.
    std::vector<Edit> out;
    for (const Edit& e : edits)
      if (out.empty() || e.span.end <= out.back().span.begin) out.push_back(e);
    return out;
  }

  bool RedactParty(Party& party) const {
    const Identity& id = party.identity;
    if (id.empty() || id.kind == IdentityKind::kHandle || profile_.IsSelf(id) ||
        keep_.count(id.value))
      return false;
    party.identity.value =
        std::string(id.kind == IdentityKind::kPhone ? kRedactedPhone : kRedactedEmail);
    return true;
  }

 private:
  const Profile& profile_;
  detect::PiiFinder finder_;
  std::set<std::string> keep_;  // the contact's own identity values
};

// Applies `edits` (last first) to `text` and moves `spans` with them.
void Apply(const std::vector<Edit>& edits, std::string& text, std::vector<TextSpan*>& spans) {
  for (const Edit& e : edits) {
    const size_t begin = e.span.begin, end = e.span.end;
    const size_t size = e.replacement.size();
    text.replace(begin, end - begin, e.replacement);
    auto move = [&](size_t at) -> size_t {
      if (at >= end) return at - (end - begin) + size;
      if (at > begin) return begin + size;  // inside the removed text: to the end of the mark
      return at;
    };
    for (TextSpan* span : spans) {
      if (span->empty()) continue;
      span->begin = span->begin > begin && span->begin < end ? begin : move(span->begin);
      span->end = move(span->end);
    }
  }
}

}  // namespace

RedactionResult RedactThirdParties(std::vector<CaseFile>& files, const Profile& profile) {
  RedactionResult result;
  for (CaseFile& file : files) {
    const Redactor redactor(profile, file.kase);
    for (Event& event : file.events) {
      int64_t parties = redactor.RedactParty(event.sender) ? 1 : 0;
      for (Party& p : event.recipients) parties += redactor.RedactParty(p) ? 1 : 0;
      result.replacements += parties;
      std::vector<TextSpan*> spans;
      std::vector<Finding*> about;
      for (Finding& f : file.kase.findings) {
        if (f.event_id != event.id) continue;
        spans.push_back(&f.span);
        about.push_back(&f);
      }
      const std::vector<Edit> text_edits = redactor.Find(event.text);
      if (!text_edits.empty()) {
        Apply(text_edits, event.text, spans);
        for (Finding* f : about)
          if (!f->span.empty()) result.finding_ids.push_back(f->id);
      }
      std::vector<TextSpan*> no_spans;
      const std::vector<Edit> subject_edits = redactor.Find(event.subject);
      Apply(subject_edits, event.subject, no_spans);
      const size_t edits = text_edits.size() + subject_edits.size();
      result.replacements += static_cast<int64_t>(edits);
      if (parties > 0 || edits > 0) {
        event.raw.clear();
        result.event_ids.push_back(event.id);
      }
    }
    for (Finding& f : file.kase.findings) {
      std::vector<TextSpan*> no_spans;
      const std::vector<Edit> edits = redactor.Find(f.excerpt);
      if (edits.empty()) continue;
      Apply(edits, f.excerpt, no_spans);
      result.replacements += static_cast<int64_t>(edits.size());
      result.finding_ids.push_back(f.id);
    }
  }
  std::sort(result.finding_ids.begin(), result.finding_ids.end());
  result.finding_ids.erase(std::unique(result.finding_ids.begin(), result.finding_ids.end()),
                           result.finding_ids.end());
  return result;
}

}  // namespace stalkguard::casework
