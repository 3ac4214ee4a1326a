#include "checkup/checkup_tools.h"

#include <vector>

#include "core/file_read.h"

namespace stalkguard::checkup {

CheckupSources CheckupTools::Sources(const Profile& profile, store::Store& store) const {
  CheckupSources sources;
  sources.profile = &profile;
  sources.store = &store;
  sources.links = links ? &*links : nullptr;
  sources.oversharing = oversharing ? &*oversharing : nullptr;
  sources.indicators = indicators ? &*indicators : nullptr;
  sources.apps = apps ? &*apps : nullptr;
  return sources;
}

Status LoadCheckupTools(const Profile& profile, const std::string& apps_file,
                        const std::string& indicators_file, CheckupTools& tools) {
  if (auto judge = links::LinkJudge::Create(links::DefaultLinkJudgeOptions())) {
    tools.links = std::move(*judge);
  } else {
    tools.notes.push_back("links not checked: " + judge.error().message);
  }
  if (auto scanner = OversharingScanner::Create(profile)) {
    tools.oversharing = std::move(*scanner);
  } else {
    tools.notes.push_back("posts not checked: " + scanner.error().message);
  }
  if (apps_file.empty()) return OkStatus();
  std::string path = indicators_file;
  if (path.empty()) {
    SG_ASSIGN_OR_RETURN(path, detect::DefaultIndicatorPath());
  }
  SG_ASSIGN_OR_RETURN(detect::IndicatorSet indicators, detect::IndicatorSet::Load(path));
  tools.indicators = std::move(indicators);
  SG_ASSIGN_OR_RETURN(const std::string text, ReadWholeFile(apps_file));
  tools.apps = detect::ParsePackageList(text, apps_file);
  for (const std::string& rejected : tools.apps->rejected) tools.notes.push_back(rejected);
  return OkStatus();
}

Result<CheckupRun> StoredCheckup(const Profile& profile, store::Store& store,
                                 const CheckupTools& tools) {
  SG_ASSIGN_OR_RETURN(std::vector<store::CheckupRecord> records, store.ListCheckupRecords());
  return RunCheckup(tools.Sources(profile, store), AnswerBook::FromRecords(records));
}

}  // namespace stalkguard::checkup
