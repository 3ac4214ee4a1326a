#include "apps/stalkguard/checkup_helpers.h"

#include <cstdio>

#include "core/utf8.h"

namespace stalkguard::cli {

checkup::CheckupSources CheckupHelpers::Sources(const Profile& profile, store::Store& store) const {
  checkup::CheckupSources sources;
  sources.profile = &profile;
  sources.store = &store;
  sources.links = links ? &*links : nullptr;
  sources.oversharing = oversharing ? &*oversharing : nullptr;
  sources.indicators = indicators ? &*indicators : nullptr;
  sources.apps = apps ? &*apps : nullptr;
  return sources;
}

Status LoadCheckupHelpers(const Profile& profile, const std::string& apps_file,
                          const std::string& indicators_file, CheckupHelpers& helpers) {
  if (auto judge = links::LinkJudge::Create(links::DefaultLinkJudgeOptions())) {
    helpers.links = std::move(*judge);
  } else {
    std::fprintf(stderr, "stalkguard: links not checked: %s\n",
                 SanitizeUtf8(judge.error().message).c_str());
  }
  if (auto scanner = checkup::OversharingScanner::Create(profile)) {
    helpers.oversharing = std::move(*scanner);
  } else {
    std::fprintf(stderr, "stalkguard: posts not checked: %s\n",
                 SanitizeUtf8(scanner.error().message).c_str());
  }
  if (apps_file.empty()) return OkStatus();
  std::string path = indicators_file;
  if (path.empty()) {
    SG_ASSIGN_OR_RETURN(path, detect::DefaultIndicatorPath());
  }
  SG_ASSIGN_OR_RETURN(detect::IndicatorSet indicators, detect::IndicatorSet::Load(path));
  helpers.indicators = std::move(indicators);
  std::FILE* in = std::fopen(apps_file.c_str(), "rb");
  if (in == nullptr) return MakeError(ErrorCode::kNotFound, apps_file + ": cannot open");
  std::string text;
  char buffer[1 << 14];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, in)) > 0) text.append(buffer, got);
  const bool failed = std::ferror(in) != 0;
  std::fclose(in);
  if (failed) return MakeError(ErrorCode::kIo, apps_file + ": read failed");
  helpers.apps = detect::ParsePackageList(text, apps_file);
  for (const std::string& rejected : helpers.apps->rejected) {
    std::fprintf(stderr, "stalkguard: %s\n", SanitizeUtf8(rejected).c_str());
  }
  return OkStatus();
}

Result<checkup::CheckupRun> StoredCheckup(const Profile& profile, store::Store& store) {
  CheckupHelpers helpers;
  SG_RETURN_IF_ERROR(LoadCheckupHelpers(profile, "", "", helpers));
  SG_ASSIGN_OR_RETURN(std::vector<store::CheckupRecord> records, store.ListCheckupRecords());
  return checkup::RunCheckup(helpers.Sources(profile, store),
                             checkup::AnswerBook::FromRecords(records));
}

}  // namespace stalkguard::cli
