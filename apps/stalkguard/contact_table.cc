#include "apps/stalkguard/contact_table.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "apps/stalkguard/terminal.h"
#include "core/timestamp.h"

namespace stalkguard::cli {
namespace {

std::string Iso(int64_t utc_ms) { return FormatRfc3339(Timestamp{utc_ms, 0, false}); }

}  // namespace

nlohmann::json ContactsJson(const std::vector<store::ContactSummary>& contacts) {
  using json = nlohmann::json;
  json out = json::array();
  for (const auto& c : contacts) {
    out.push_back(
        {{"id", c.id},
         {"display", c.display},
         {"identities", c.identities},
         {"linked_because", c.link_reasons},
         {"channels", c.channels},
         {"messages", {{"incoming", c.incoming}, {"outgoing", c.outgoing}, {"other", c.other}}},
         {"first", Iso(c.first_ms)},
         {"last", Iso(c.last_ms)}});
  }
  return out;
}

void PrintContactTable(const std::vector<store::ContactSummary>& contacts, const TimeZone& zone) {
  std::printf("\nContacts (%zu)\n", contacts.size());
  if (contacts.empty()) return;
  std::printf("  %s %s %s %5s %5s %6s  %-16s  %-16s\n", FitColumn("CONTACT", 20).c_str(),
              FitColumn("IDENTITIES", 34).c_str(), FitColumn("CHANNELS", 16).c_str(), "IN", "OUT",
              "PUBLIC", "FIRST", "LAST");
  // A table of thousands of rows helps nobody on a terminal; --json has them all.
  constexpr size_t kMaxRows = 40;
  for (size_t row = 0; row < contacts.size() && row < kMaxRows; ++row) {
    const auto& c = contacts[row];
    std::string channels;
    for (const auto& ch : c.channels) channels += (channels.empty() ? "" : ",") + ch;
    std::printf("  %s %s %s %5lld %5lld %6lld  %-16s  %-16s\n", FitColumn(c.display, 20).c_str(),
                FitColumn(c.identities.empty() ? "" : c.identities[0], 34).c_str(),
                FitColumn(channels, 16).c_str(), static_cast<long long>(c.incoming),
                static_cast<long long>(c.outgoing), static_cast<long long>(c.other),
                LocalMinute(c.first_ms, zone).c_str(), LocalMinute(c.last_ms, zone).c_str());
    for (size_t i = 1; i < c.identities.size(); ++i) {
      std::printf("  %s %s\n", FitColumn("", 20).c_str(), c.identities[i].c_str());
    }
  }
  if (contacts.size() > kMaxRows) {
    std::printf("  ... and %zu more contacts with fewer messages (--json lists them all)\n",
                contacts.size() - kMaxRows);
  }
  std::printf("\nTimes are in %s.\n", zone.name().c_str());
}

}  // namespace stalkguard::cli
