// `stalkguard report (--case ID | --contact ID | --all) --out FILE.pdf|FILE.html [--bundle P]`:
// a report for the police, a school or a platform, written with the evidence bundle it cites.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/evidence_flags.h"
#include "casework/safety_section.h"
#include "checkup/checkup_tools.h"

namespace stalkguard::cli {
namespace {

struct ReportFlags : EvidenceFlags {
  std::string out;
  std::string bundle;
  bool no_checkup = false;
};

// "report.pdf" -> "report-evidence.zip" beside it; "report-evidence-2.zip" and so on when an
// earlier report's bundle is there (a bundle is never replaced).
std::filesystem::path DefaultBundlePath(const std::filesystem::path& report) {
  const std::string stem = report.stem().string() + "-evidence";
  std::filesystem::path path = report.parent_path() / (stem + ".zip");
  for (int n = 2; std::filesystem::exists(path); ++n)
    path = report.parent_path() / (stem + "-" + std::to_string(n) + ".zip");
  return path;
}

int RunReport(const ReportFlags& flags) {
  std::optional<EvidenceSetup> setup = OpenEvidence(flags);
  if (!setup) return kExitFailed;
  casework::ReportRequest request;
  request.bundle = MakeExportRequest(flags, *setup);
  request.bundle.out =
      flags.bundle.empty() ? DefaultBundlePath(flags.out) : std::filesystem::path(flags.bundle);
  request.out = flags.out;
  request.zone = &setup->view.zone;
  if (!flags.no_checkup) {
    checkup::CheckupTools tools;
    (void)checkup::LoadCheckupTools(setup->profile, "", "", tools);  // fails only with a list
    for (const std::string& note : tools.notes) {
      std::fprintf(stderr, "stalkguard: report: %s\n", note.c_str());
    }
    auto checkup = checkup::StoredCheckup(setup->profile, *setup->view.store, tools);
    if (!checkup) {
      std::fprintf(stderr, "stalkguard: report: %s\n", checkup.error().message.c_str());
      return kExitFailed;
    }
    request.safety = casework::SafetySection(checkup->items, flags.redact);
  }
  auto done = casework::WriteEvidenceReport(*setup->view.store, setup->key, request);
  if (!done) {
    std::fprintf(stderr, "stalkguard: report: %s\n", done.error().message.c_str());
    return kExitFailed;
  }
  std::printf("Wrote %s: %zu case(s), %lld incidents\n", flags.out.c_str(),
              done->bundle.files.size(), static_cast<long long>(done->incidents));
  std::printf("Wrote %s: the evidence it cites (fingerprint %s)\n",
              done->bundle.written.path.c_str(), done->bundle.written.fingerprint.c_str());
  std::printf("Check it with: stalkguard verify %s\n", done->bundle.written.path.c_str());
  return kExitOk;
}

}  // namespace

void AddReportCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write a report (PDF or HTML) of the chosen cases, with their evidence bundle");
  AddEvidenceOptions(*cmd, *flags);
  cmd->add_option("--out", flags->out, "The report: a file ending in .pdf or .html")->required();
  cmd->add_option("--bundle", flags->bundle,
                  "Where to write the evidence bundle (default: <report>-evidence.zip beside it)");
  cmd->add_flag("--no-checkup", flags->no_checkup,
                "Leave out the safety check-up section (passwords, own posts, links, apps, "
                "accounts)");
  cmd->callback([flags, &exit_code] { exit_code = RunReport(*flags); });
}

}  // namespace stalkguard::cli
