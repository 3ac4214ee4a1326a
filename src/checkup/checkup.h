// The safety check-up's result: one item per thing to lock down (passwords, what the person
// posts, links from strangers, the phone's apps, account settings), each ok, to fix or not
// known yet, with what was seen and the concrete steps. The terminal, --json and the report
// all show this one list.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/finding.h"

namespace stalkguard::checkup {

enum class ItemStatus { kOk, kFix, kUnknown };

std::string_view ToString(ItemStatus status);  // "ok", "fix", "unknown"

// Words of one of the person's own posts that give something away.
struct TextToRemove {
  std::string what;     // "your home address"
  TextSpan span;        // bytes of the event's text; empty for a link outside the text
  std::string words;    // exactly those bytes (or the link): what to take out
  std::string excerpt;  // the words as written, with a little context
};

// One thing an item was seen in.
struct ItemEvidence {
  std::string text;                  // a line for a person
  std::string event_id;              // the event it was seen in; empty when none
  std::string source;                // where that event came from: "sms.xml sms 3"
  std::vector<TextToRemove> remove;  // over-sharing: what to take out of the event's text
};

// Evidence that is a line of text only (an answer, an account name).
inline ItemEvidence Line(std::string text) { return ItemEvidence{std::move(text), {}, {}, {}}; }

struct CheckItem {
  std::string id;     // stable: "passwords", "oversharing", "links", "apps", "two-factor", ...
  std::string area;   // what it is about, for grouping: "Passwords", "Accounts", "Phone", ...
  std::string title;  // the question the item answers: "Are your passwords strong and unique?"
  ItemStatus status = ItemStatus::kUnknown;
  std::string summary;                 // one sentence: what the check found
  std::vector<ItemEvidence> evidence;  // what it was seen in: a post, a link, an app, an answer
  std::vector<std::string> steps;      // what to do, in order; for "unknown", how to find out
};

struct CheckupCounts {
  int ok = 0;
  int fix = 0;
  int unknown = 0;
};

CheckupCounts Count(const std::vector<CheckItem>& items);

// Items to fix first, then unknown ones, then those that are fine; the order within each group
// is kept.
void SortForReading(std::vector<CheckItem>& items);

}  // namespace stalkguard::checkup
