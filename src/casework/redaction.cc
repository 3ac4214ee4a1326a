#include "casework/redaction.h"

#include <algorithm>
#include <map>
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
  Redactor(const Profile& profile, const Case& kase, const std::vector<Event>& events)
      : profile_(profile), finder_(profile) {
    for (const std::string& key : kase.identities) {
      const size_t colon = key.find(':');
      if (colon != std::string::npos) keep_.insert(key.substr(colon + 1));
    }
    // Third parties' numbers and addresses as the sources gave them in the parties: they also
    // turn up verbatim where PiiFinder would not look for them (an SMS thread named after its
    // members) or would not accept them (a number outside the allocated ranges).
    auto note = [&](const Party& p) {
      if (IsThirdParty(p.identity)) literal_.emplace(p.identity.value, Replacement(p.identity));
    };
    for (const Event& e : events) {
      note(e.sender);
      for (const Party& p : e.recipients) note(p);
    }
  }

  // The third-party numbers and addresses in `text`, last first, not overlapping.
  std::vector<Edit> Find(std::string_view text) const {
    std::vector<Edit> edits;
    if (text.empty()) return edits;
    for (const detect::PiiMatch& m : finder_.Find(text)) {
      if (m.own || keep_.count(m.value)) continue;
      if (m.kind == detect::PiiKind::kPhone)
        edits.push_back({m.span, kRedactedPhone});
      else if (m.kind == detect::PiiKind::kEmail)
        edits.push_back({m.span, kRedactedEmail});
    }
    for (const auto& [value, replacement] : literal_) {
      for (size_t at = text.find(value); at != std::string_view::npos;
           at = text.find(value, at + value.size()))
        edits.push_back({{at, at + value.size()}, replacement});
    }
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
      return a.span.begin != b.span.begin ? a.span.begin > b.span.begin : a.span.end > b.span.end;
    });
    // Overlapping matches (a number inside an address, both finders on one number) go once.
    std::vector<Edit> out;
    for (const Edit& e : edits)
      if (out.empty() || e.span.end <= out.back().span.begin) out.push_back(e);
    return out;
  }

  bool RedactParty(Party& party) const {
    if (!IsThirdParty(party.identity)) return false;
    party.identity.value = std::string(Replacement(party.identity));
    return true;
  }

 private:
  bool IsThirdParty(const Identity& id) const {
    return !id.empty() && id.kind != IdentityKind::kHandle && !profile_.IsSelf(id) &&
           !keep_.count(id.value) && id.value != kRedactedPhone && id.value != kRedactedEmail;
  }
  static std::string_view Replacement(const Identity& id) {
    return id.kind == IdentityKind::kPhone ? kRedactedPhone : kRedactedEmail;
  }

  const Profile& profile_;
  detect::PiiFinder finder_;
  std::set<std::string> keep_;                       // the contact's own identity values
  std::map<std::string, std::string_view> literal_;  // third-party value -> replacement
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
  std::vector<TextSpan*> no_spans;
  for (CaseFile& file : files) {
    const Redactor redactor(profile, file.kase, file.events);
    // Applies the edits found in `text`; returns how many.
    auto redact = [&](std::string& text, std::vector<TextSpan*>& spans) -> size_t {
      const std::vector<Edit> edits = redactor.Find(text);
      Apply(edits, text, spans);
      return edits.size();
    };
    for (Event& event : file.events) {
      size_t changes = redactor.RedactParty(event.sender) ? 1 : 0;
      for (Party& p : event.recipients) changes += redactor.RedactParty(p) ? 1 : 0;
      std::vector<TextSpan*> spans;
      std::vector<Finding*> about;
      for (Finding& f : file.kase.findings) {
        if (f.event_id != event.id) continue;
        spans.push_back(&f.span);
        about.push_back(&f);
      }
      if (const size_t text_edits = redact(event.text, spans); text_edits > 0) {
        changes += text_edits;
        for (Finding* f : about)
          if (!f->span.empty()) result.finding_ids.push_back(f->id);
      }
      changes += redact(event.subject, no_spans);
      changes += redact(event.thread, no_spans);
      for (std::string& url : event.urls) changes += redact(url, no_spans);
      result.replacements += static_cast<int64_t>(changes);
      if (changes > 0) {
        event.raw.clear();
        result.event_ids.push_back(event.id);
      }
    }
    // Excerpts repeat words of the texts: redacted, but not counted again.
    for (Finding& f : file.kase.findings) {
      if (redact(f.excerpt, no_spans) > 0) result.finding_ids.push_back(f.id);
    }
  }
  std::sort(result.finding_ids.begin(), result.finding_ids.end());
  result.finding_ids.erase(std::unique(result.finding_ids.begin(), result.finding_ids.end()),
                           result.finding_ids.end());
  return result;
}

}  // namespace stalkguard::casework
