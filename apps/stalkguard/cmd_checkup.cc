// `stalkguard checkup [--db FILE] [--profile FILE] [--apps FILE] [--ask] [--answer ID=A]...
// [--json]`: the safety check-up. Lists what to lock down (passwords, own posts that give away
// where to find the person, dangerous links from strangers, stalkerware, account settings),
// each ok, to fix or not known yet, with what it was seen in and the steps to take. Answers to
// the account questions are kept in the store, so each is asked once.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/terminal.h"
#include "checkup/account_questions.h"
#include "checkup/checkup_json.h"
#include "checkup/checkup_run.h"
#include "checkup/checkup_tools.h"
#include "core/utf8.h"
#include "profile/profile_loader.h"
#include "store/sqlite/sqlite_store.h"

namespace stalkguard::cli {
namespace {

namespace sc = stalkguard::checkup;

struct CheckupFlags {
  std::string db;
  std::string profile;
  std::string apps;
  std::string indicators;
  std::vector<std::string> answers;  // "shared-devices=no"
  bool ask = false;
  bool json = false;
};

void Fail(const std::string& message) {
  std::fprintf(stderr, "stalkguard checkup: %s\n", SanitizeUtf8(message).c_str());
}

// "--answer shared-devices=no": the question must be one of this person's.
Status ApplyAnswerFlags(const std::vector<std::string>& flags,
                        const std::vector<sc::AccountQuestion>& questions, sc::AnswerBook& book) {
  for (const std::string& flag : flags) {
    const size_t eq = flag.rfind('=');
    const std::string id = flag.substr(0, eq);
    const std::optional<sc::Answer> answer =
        eq == std::string::npos ? std::nullopt : sc::ParseAnswer(flag.substr(eq + 1));
    const bool known = std::any_of(questions.begin(), questions.end(),
                                   [&](const sc::AccountQuestion& q) { return q.id == id; });
    if (!answer || !known) {
      std::string list;
      for (const sc::AccountQuestion& q : questions) list += "\n  " + q.id;
      return MakeError(
          ErrorCode::kInvalidInput,
          "--answer \"" + flag + "\": expected QUESTION=yes|no|unsure, with one of:" + list);
    }
    book.Set(id, *answer);
  }
  return OkStatus();
}

// Asks the questions not answered yet (or answered "not sure") at the terminal. Enter skips
// one; end of input stops.
void AskAtTerminal(const std::vector<sc::AccountQuestion>& questions, sc::AnswerBook& book) {
  std::fprintf(stderr,
               "A few questions no export can answer. Type y, n or u (not sure); Enter skips.\n");
  for (const sc::AccountQuestion& q : questions) {
    const std::optional<sc::Answer> known = book.Get(q.id);
    if (known && *known != sc::Answer::kUnsure) continue;
    for (;;) {
      std::fprintf(stderr, "%s [y/n/u] ", q.text.c_str());
      std::fflush(stderr);
      char line[256];
      if (std::fgets(line, sizeof line, stdin) == nullptr) {
        std::fputc('\n', stderr);
        return;
      }
      std::string text(line);
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
      }
      if (text.empty()) break;
      if (const std::optional<sc::Answer> answer = sc::ParseAnswer(text)) {
        book.Set(q.id, *answer);
        break;
      }
      std::fprintf(stderr, "Please type y, n or u (or press Enter to skip).\n");
    }
  }
}

const char* StatusWord(sc::ItemStatus status) {
  switch (status) {
    case sc::ItemStatus::kFix:
      return "FIX ";
    case sc::ItemStatus::kUnknown:
      return " ?  ";
    case sc::ItemStatus::kOk:
      return " OK ";
  }
  return " ?  ";
}

void PrintText(const std::vector<sc::CheckItem>& items) {
  const sc::CheckupCounts counts = sc::Count(items);
  std::printf("Safety check-up: %d to fix, %d not known yet, %d fine.\n", counts.fix,
              counts.unknown, counts.ok);
  for (const sc::CheckItem& item : items) {
    std::printf("\n[%s] %s: %s\n", StatusWord(item.status), item.area.c_str(), item.title.c_str());
    std::fputs(Wrap(SanitizeUtf8(item.summary), "       ").c_str(), stdout);
    if (!item.evidence.empty() && item.status != sc::ItemStatus::kOk) {
      std::printf("       Seen in:\n");
      for (const sc::ItemEvidence& e : item.evidence) {
        std::fputs(Wrap("- " + SanitizeUtf8(e.text), "         ", 92, 2).c_str(), stdout);
        for (const sc::TextToRemove& r : e.remove) {
          std::fputs(Wrap("remove \"" + SanitizeUtf8(r.words) + "\" (" + r.what + ")",
                          "           ", 92, 2)
                         .c_str(),
                     stdout);
        }
        if (!e.source.empty()) {
          std::fputs(Wrap("(" + SanitizeUtf8(e.source) + ")", "           ").c_str(), stdout);
        }
      }
    }
    if (!item.steps.empty()) {
      std::printf("       What to do:\n");
      for (size_t i = 0; i < item.steps.size(); ++i) {
        std::fputs(Wrap(std::to_string(i + 1) + ". " + item.steps[i], "         ", 92, 3).c_str(),
                   stdout);
      }
    }
  }
}

int RunCheckup(const CheckupFlags& flags) {
  Profile profile;
  if (!flags.profile.empty()) {
    auto loaded = profile::LoadProfile(flags.profile);
    if (!loaded) {
      Fail(loaded.error().message);
      return kExitFailed;
    }
    profile = std::move(*loaded);
  }
  const std::string db = flags.db.empty() ? store::DefaultDatabasePath() : flags.db;
  auto store = store::SqliteStore::Open(db);
  if (!store) {
    Fail(store.error().message);
    return kExitFailed;
  }
  auto records = (*store)->ListCheckupRecords();
  if (!records) {
    Fail(records.error().message);
    return kExitFailed;
  }
  std::vector<std::string> problems;
  sc::AnswerBook answers = sc::AnswerBook::FromRecords(*records, &problems);
  const std::vector<sc::AccountQuestion> questions = sc::AccountQuestions(profile);
  if (Status s = ApplyAnswerFlags(flags.answers, questions, answers); !s) {
    Fail(s.error().message);
    return kExitFailed;
  }
  if (flags.ask) {
    if (::isatty(STDIN_FILENO) == 0) {
      Fail("--ask needs a terminal to ask at; use --answer QUESTION=yes|no|unsure instead");
      return kExitFailed;
    }
    AskAtTerminal(questions, answers);
  }

  sc::CheckupTools tools;
  const Status loaded = sc::LoadCheckupTools(profile, flags.apps, flags.indicators, tools);
  for (const std::string& note : tools.notes) Fail(note);
  if (!loaded) {
    Fail(loaded.error().message);
    return kExitFailed;
  }
  sc::CheckupSources sources = tools.Sources(profile, **store);
  sources.apps_source = flags.apps;
  auto run = sc::RunCheckup(sources, answers);
  if (!run) {
    Fail(run.error().message);
    return kExitFailed;
  }
  std::vector<store::CheckupRecord> to_keep = answers.ChangedRecords();
  to_keep.insert(to_keep.end(), run->records.begin(), run->records.end());
  if (Status s = (*store)->PutCheckupRecords(to_keep); !s) {
    Fail(s.error().message);
    return kExitFailed;
  }
  problems.insert(problems.end(), run->problems.begin(), run->problems.end());
  for (const std::string& problem : problems) Fail("ignored a kept record: " + problem);

  if (flags.json) {
    std::cout << sc::CheckupJson(run->items, /*with_evidence=*/true, 2) << "\n";
  } else {
    PrintText(run->items);
  }
  return kExitOk;
}

}  // namespace

void AddCheckupCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<CheckupFlags>();
  CLI::App* cmd = app.add_subcommand(
      "checkup",
      "Safety check-up: passwords, what your own posts give away, links from strangers, "
      "stalkerware and account settings; what to fix and how");
  AddDbOption(*cmd, flags->db);
  cmd->add_option("--profile", flags->profile,
                  "The protected person's profile (TOML): who you are, your address, school "
                  "and accounts")
      ->check(CLI::ExistingFile);
  cmd->add_option("--apps", flags->apps,
                  "The phone's app list (adb shell pm list packages) to check for stalkerware");
  cmd->add_option("--indicators", flags->indicators,
                  "Stalkerware indicator file (default: the shared ioc.yaml)");
  cmd->add_flag("--ask", flags->ask,
                "Ask the account questions not answered yet, at the terminal (answers are kept)");
  cmd->add_option("--answer", flags->answers,
                  "Answer a question without being asked: QUESTION=yes|no|unsure (repeat)");
  cmd->add_flag("--json", flags->json, "Print the check-up as JSON");
  cmd->callback([flags, &exit_code] { exit_code = RunCheckup(*flags); });
}

}  // namespace stalkguard::cli
