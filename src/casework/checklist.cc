#include "casework/checklist.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>

#include "casework/internal/wording.h"

namespace stalkguard::casework {
namespace {

using report::Answer;
using report::ChecklistItem;

// When each event of the file happened, by id.
using EventTimes = std::unordered_map<std::string_view, int64_t>;

EventTimes TimesOf(const CaseFile& file) {
  EventTimes times;
  times.reserve(file.events.size());
  for (const Event& e : file.events) times.emplace(e.id, e.time.utc_ms);
  return times;
}

// The first finding of one of `categories`, oldest event first (findings are most severe
// first, so look the event times up).
const Finding* FirstOf(const CaseFile& file, const EventTimes& times,
                       std::initializer_list<std::string_view> categories, int64_t* count,
                       int64_t* when_ms) {
  const Finding* first = nullptr;
  *count = 0;
  *when_ms = 0;
  for (const Finding& f : file.kase.findings) {
    if (std::find(categories.begin(), categories.end(), f.category) == categories.end()) continue;
    ++*count;
    const auto it = times.find(f.event_id);
    const int64_t at = it == times.end() ? 0 : it->second;
    if (first == nullptr || (at != 0 && (*when_ms == 0 || at < *when_ms))) {
      first = &f;
      *when_ms = at;
    }
  }
  return first;
}

// What the answers are drawn from.
struct Source {
  const CaseFile& file;
  const TimeZone& zone;
  EventTimes times;
};

// "3 findings; the first on 2024-03-01: “I know where you live”".
std::string Evidence(const Source& source, std::initializer_list<std::string_view> categories,
                     bool* found) {
  int64_t count = 0, when = 0;
  const Finding* first = FirstOf(source.file, source.times, categories, &count, &when);
  *found = first != nullptr;
  if (first == nullptr) return {};
  std::string out = std::to_string(count) + (count == 1 ? " finding" : " findings");
  out += when != 0 ? "; the first on " + internal::LocalDate(when, source.zone) : "";
  if (!first->excerpt.empty())
    out += ": \u201c" + first->excerpt + "\u201d";
  else if (!first->why.empty())
    out += ": " + first->why;
  return out;
}

// The most events from the contact in any seven days, and when that week began.
int64_t BusiestWeek(const CaseFile& file, int64_t* start_ms) {
  constexpr int64_t kWeekMs = 7 * 86400000LL;
  std::deque<int64_t> window;
  int64_t best = 0;
  *start_ms = 0;
  for (const Event& e : file.events) {
    if (e.direction == Direction::kOutgoing || e.channel == Channel::kApp) continue;
    window.push_back(e.time.utc_ms);
    while (window.front() <= e.time.utc_ms - kWeekMs) window.pop_front();
    if (static_cast<int64_t>(window.size()) > best) {
      best = static_cast<int64_t>(window.size());
      *start_ms = window.front();
    }
  }
  return best;
}

ChecklistItem FromFindings(std::string question, const Source& source,
                           std::initializer_list<std::string_view> categories,
                           std::string if_none) {
  bool found = false;
  std::string evidence = Evidence(source, categories, &found);
  if (found) return {std::move(question), Answer::kYes, std::move(evidence)};
  return {std::move(question), Answer::kNotKnown, std::move(if_none)};
}

ChecklistItem ForThePerson(std::string question) {
  return {std::move(question), Answer::kNotKnown,
          "The messages cannot tell: for the person and the officer to answer."};
}

}  // namespace

std::vector<ChecklistItem> FillChecklist(const CaseFile& file, const TimeZone& zone) {
  const CaseFacts& facts = file.kase.facts;
  const Source source{file, zone, TimesOf(file)};
  std::vector<ChecklistItem> out;
  out.push_back(ForThePerson("Is the person very frightened?"));
  out.push_back(
      ForThePerson("Is there a history of domestic abuse or earlier harassment by this person?"));

  {
    ChecklistItem item{"Has the person told them to stop, and have they carried on?",
                       Answer::kNotKnown, ""};
    if (facts.refused && facts.messages_after_refusal > 0) {
      item.answer = Answer::kYes;
      item.evidence = "Told to stop in the messages; " +
                      std::to_string(facts.messages_after_refusal) +
                      " messages or calls from them came after that.";
    } else if (facts.refused) {
      item.answer = Answer::kNo;
      item.evidence = "Told to stop in the messages; nothing from them came after that.";
    } else {
      item.evidence =
          "No refusal found in the messages; one made in person or by phone would not show.";
    }
    out.push_back(std::move(item));
  }

  {
    int64_t week_start = 0;
    const int64_t busiest = BusiestWeek(file, &week_start);
    ChecklistItem item{"Do they contact the person more than three times a week?", Answer::kNo, ""};
    if (busiest > 3) {
      item.answer = Answer::kYes;
      item.evidence = std::to_string(busiest) + " messages or calls in the seven days from " +
                      internal::LocalDate(week_start, zone) + "; " +
                      std::to_string(facts.incoming) + " in all over " +
                      std::to_string(std::max<int64_t>(facts.days_active, 1)) +
                      " days with contact.";
    } else {
      item.evidence = "At most " + std::to_string(busiest) +
                      " messages or calls in any seven days in these exports.";
    }
    out.push_back(std::move(item));
  }

  out.push_back(FromFindings("Have they threatened physical or sexual violence?", source,
                             {"threat", "sexual"},
                             "No threat found in the messages; threats made in person or by "
                             "voice would not show."));
  {
    ChecklistItem item =
        FromFindings("Do they show they know where the person is, lives, studies or works?", source,
                     {"whereabouts"}, "Nothing in the messages shows it.");
    if (item.answer != Answer::kYes && facts.knows_whereabouts) {
      item.answer = Answer::kYes;
      item.evidence = "The messages mention where the person is.";
    }
    out.push_back(std::move(item));
  }
  out.push_back(ForThePerson(
      "Have they followed the person, loitered near their home, school or work, or turned up "
      "uninvited?"));
  {
    ChecklistItem item = FromFindings(
        "Have they contacted or turned others against the person (family, friends, classmates), "
        "or spread rumours?",
        source, {"rumour"}, "Nothing in these exports shows it.");
    if (item.answer != Answer::kYes && facts.third_parties_reached > 0) {
      item.answer = Answer::kYes;
      item.evidence = std::to_string(facts.third_parties_reached) +
                      " messages about the person were seen by others.";
    }
    out.push_back(std::move(item));
  }
  {
    ChecklistItem item =
        FromFindings("Have they used other accounts, numbers or people to reach the person?",
                     source, {"ban_evasion", "impersonation"}, "");
    if (item.answer != Answer::kYes) {
      const size_t accounts = file.kase.identities.size();
      item.answer = accounts > 1 ? Answer::kYes : Answer::kNotKnown;
      item.evidence = accounts > 1 ? "The same person wrote from " + std::to_string(accounts) +
                                         " accounts or numbers."
                                   : "Only one account or number of theirs is in these exports.";
    }
    out.push_back(std::move(item));
  }
  out.push_back(FromFindings(
      "Have they shared or threatened to share the person's private information or images?", source,
      {"doxxing", "intimate_image"}, "Nothing in these exports shows it."));
  out.push_back(FromFindings(
      "Have they tried to monitor the person's phone or accounts (stalkerware, dangerous "
      "links)?",
      source, {"stalkerware", "monitoring", "malicious_link", "malicious_attachment"},
      "No sign found in these exports."));
  {
    ChecklistItem item{"Do they contact the person at night?", Answer::kNo,
                       "No contact between midnight and 5 a.m. in these exports."};
    if (facts.night_contacts > 0) {
      item.answer = Answer::kYes;
      item.evidence =
          std::to_string(facts.night_contacts) + " messages or calls between midnight and 5 a.m.";
    }
    out.push_back(std::move(item));
  }
  {
    ChecklistItem item{"Is the behaviour getting worse (escalating)?", Answer::kNotKnown,
                       "The messages do not show a rise in severity."};
    if (facts.escalation) {
      item.answer = Answer::kYes;
      bool found = false;
      const std::string evidence = Evidence(source, {"escalation"}, &found);
      item.evidence = found ? evidence : "The severity of their messages rose over time.";
    }
    out.push_back(std::move(item));
  }
  out.push_back(ForThePerson("Have they damaged the person's property?"));
  out.push_back(ForThePerson(
      "Have they been violent to anyone, or been arrested or convicted for stalking or "
      "harassment?"));
  return out;
}

}  // namespace stalkguard::casework
