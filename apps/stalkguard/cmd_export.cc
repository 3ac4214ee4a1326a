// `stalkguard export (--case ID | --contact ID | --all) --out DIR|FILE.zip [--redact]`: the
// evidence bundle of the chosen cases, signed with the device key.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "apps/stalkguard/commands.h"
#include "apps/stalkguard/evidence_flags.h"

namespace stalkguard::cli {
namespace {

struct ExportFlags : EvidenceFlags {
  std::string out;
};

int RunExport(const ExportFlags& flags) {
  std::optional<EvidenceSetup> setup = OpenEvidence(flags);
  if (!setup) return kExitFailed;
  casework::ExportRequest request = MakeExportRequest(flags, *setup);
  request.out = flags.out;
  auto done = casework::ExportEvidence(*setup->view.store, setup->key, request);
  if (!done) {
    std::fprintf(stderr, "stalkguard: export: %s\n", done.error().message.c_str());
    return kExitFailed;
  }
  std::printf("Wrote %s: %zu case(s), %lld events, %lld findings, %lld files\n",
              done->written.path.c_str(), done->files.size(), static_cast<long long>(done->events),
              static_cast<long long>(done->findings), static_cast<long long>(done->written.files));
  if (flags.redact) {
    std::printf("Redacted %lld numbers and addresses in %zu events\n",
                static_cast<long long>(done->redaction.replacements),
                done->redaction.event_ids.size());
  }
  std::printf("Bundle fingerprint  %s\n", done->written.fingerprint.c_str());
  std::printf("Device key          %s\n", setup->key.Fingerprint().c_str());
  std::printf("Evidence log head   %llu entries, %s\n",
              static_cast<unsigned long long>(done->head.count), done->head.hash.c_str());
  std::printf("Check it with: stalkguard verify %s\n", done->written.path.c_str());
  return kExitOk;
}

}  // namespace

void AddExportCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* cmd =
      app.add_subcommand("export", "Write a signed evidence bundle of the chosen cases");
  AddEvidenceOptions(*cmd, *flags);
  cmd->add_option("--out", flags->out, "A new directory, or a file ending in .zip")->required();
  cmd->callback([flags, &exit_code] { exit_code = RunExport(*flags); });
}

}  // namespace stalkguard::cli
