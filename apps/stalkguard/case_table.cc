#include "apps/stalkguard/case_table.h"

#include <unistd.h>

#include <cstdio>
#include <set>

#include "apps/stalkguard/terminal.h"
#include "core/timestamp.h"

namespace stalkguard::cli {
namespace {

// Severity names stand out in colour on a terminal; plain in a pipe or a file.
std::string SeverityLabel(Severity s) {
  static const bool colour = ::isatty(STDOUT_FILENO) != 0;
  std::string name(ToString(s));
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  name = FitColumn(name, 7);
  if (!colour) return name;
  const char* code = s == Severity::kDanger    ? "\033[1;31m"
                     : s == Severity::kWarning ? "\033[1;33m"
                     : s == Severity::kWatch   ? "\033[36m"
                                               : "\033[2m";
  return code + name + "\033[0m";
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace

void PrintCases(const std::vector<Case>& cases, const TimeZone& zone, Severity min_severity) {
  size_t shown = 0, below = 0;
  for (const Case& c : cases) (c.severity >= min_severity ? shown : below)++;
  std::printf("\nCases (%zu to look at", shown);
  if (below > 0) std::printf(", %zu below %s", below, std::string(ToString(min_severity)).c_str());
  std::printf(")\n");
  if (shown == 0) {
    std::printf("  Nothing that looks like stalking or harassment.\n");
    return;
  }
  constexpr size_t kFindingsShown = 4;
  for (const Case& c : cases) {
    if (c.severity < min_severity) continue;
    const CaseFacts& f = c.facts;
    std::printf("\n  %s %s  score %.2f%s\n", SeverityLabel(c.severity).c_str(), c.display.c_str(),
                c.score, c.trusted ? "  (trusted contact)" : "");
    if (!c.identities.empty()) std::printf("          %s\n", Join(c.identities, ", ").c_str());
    if (!c.forms.empty()) std::printf("          forms: %s\n", Join(c.forms, ", ").c_str());
    std::string facts;
    if (f.first_ms) {
      facts = "from " + LocalMinute(f.first_ms, zone) + " to " + LocalMinute(f.last_ms, zone) +
              ", " + std::to_string(f.days_active) + " days, " + std::to_string(f.incidents) +
              " incidents";
    }
    if (!f.channels.empty()) facts += " on " + Join(f.channels, ", ");
    std::printf("          %s\n", facts.c_str());
    std::vector<std::string> conduct;
    if (f.refused)
      conduct.push_back(std::to_string(f.messages_after_refusal) + " after you said stop");
    if (f.incoming > 0 && f.unanswered_share > 0)
      conduct.push_back(std::to_string(static_cast<int>(f.unanswered_share * 100 + 0.5)) +
                        "% unanswered");
    if (f.unanswered_calls > 0)
      conduct.push_back(std::to_string(f.unanswered_calls) + " missed calls");
    if (f.night_contacts > 0) conduct.push_back(std::to_string(f.night_contacts) + " at night");
    if (f.knows_whereabouts) conduct.push_back("knows where you are");
    if (f.third_parties_reached > 0)
      conduct.push_back(std::to_string(f.third_parties_reached) + " seen by others");
    if (f.escalation) conduct.push_back("escalating");
    if (!conduct.empty()) std::printf("          %s\n", Join(conduct, "; ").c_str());
    std::printf("          why: %s\n", Join(c.reasons, "; ").c_str());
    size_t n = 0;
    std::set<std::string> seen;  // one line per category keeps the list varied
    for (const Finding& x : c.findings) {
      if (n == kFindingsShown) break;
      if (!seen.insert(x.category).second) continue;
      ++n;
      std::printf("          - %-26s %.2f  %s\n", x.category.c_str(), x.score,
                  x.excerpt.empty() ? x.why.c_str() : ("\"" + x.excerpt + "\"").c_str());
    }
    if (c.findings.size() > n)
      std::printf("          ... %zu findings in all (--json lists them)\n", c.findings.size());
    for (size_t i = 0; i < c.actions.size() && i < 3; ++i)
      std::printf("          %s %s\n", i == 0 ? "do:" : "   ", c.actions[i].c_str());
  }
}

}  // namespace stalkguard::cli
