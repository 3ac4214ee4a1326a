#include "detectors/builtin.h"

#include "core/data_path.h"
#include "detectors/abuse/abuse_detector.h"
#include "detectors/attachments/attachment_detector.h"
#include "detectors/contact/contact_detector.h"
#include "detectors/doxxing/doxxing_detector.h"
#include "detectors/impersonation/ban_evasion_detector.h"
#include "detectors/impersonation/impersonation_detector.h"
#include "detectors/links/link_detector.h"
#include "detectors/links/link_judge.h"
#include "detectors/rumours/rumours_detector.h"
#include "detectors/stalkerware/indicator_set.h"
#include "detectors/stalkerware/stalkerware_detector.h"
#include "detectors/whereabouts/whereabouts_detector.h"

namespace stalkguard::detect {

Result<std::shared_ptr<const TextLayer>> LoadTextLayer(const BuiltinOptions& options) {
  const std::string patterns = options.patterns_dir.empty()
                                   ? FindDataPath("config/patterns", "STALKGUARD_PATTERNS")
                                   : options.patterns_dir;
  const std::string model = options.model_path.empty()
                                ? FindDataPath("models/classifier.sgm", "STALKGUARD_MODEL")
                                : options.model_path;
  SG_ASSIGN_OR_RETURN(TextLayer text, TextLayer::Load(patterns, model));
  return std::make_shared<const TextLayer>(std::move(text));
}

Result<DetectorSet> BuiltinDetectors(const Profile& profile, std::shared_ptr<const TextLayer> text,
                                     const BuiltinOptions& options) {
  DetectorSet set{std::move(text), {}, {}, {}};
  set.event.push_back(std::make_unique<AbuseDetector>(profile));
  set.event.push_back(std::make_unique<WhereaboutsDetector>(profile));
  set.event.push_back(std::make_unique<RumoursDetector>(profile));
  set.event.push_back(std::make_unique<DoxxingDetector>(profile));
  SG_ASSIGN_OR_RETURN(links::LinkJudge link_judge,
                      links::LinkJudge::Create(links::DefaultLinkJudgeOptions()));
  set.event.push_back(std::make_unique<links::LinkDetector>(
      std::make_shared<const links::LinkJudge>(std::move(link_judge))));
  SG_ASSIGN_OR_RETURN(auto attachments, AttachmentDetector::Create({}));
  set.event.push_back(std::move(attachments));
  Result<std::string> indicators = options.indicators_path.empty()
                                       ? DefaultIndicatorPath()
                                       : Result<std::string>(options.indicators_path);
  if (indicators) {
    SG_ASSIGN_OR_RETURN(auto stalkerware, StalkerwareDetector::Create(*indicators));
    set.event.push_back(std::move(stalkerware));
  } else {
    set.notes.push_back("no stalkerware check of app lists: " + indicators.error().message);
  }
  set.conduct.push_back(std::make_unique<ContactDetector>());
  set.conduct.push_back(std::make_unique<ImpersonationDetector>(profile));
  set.conduct.push_back(std::make_unique<BanEvasionDetector>(options.blocked_display_names));
  return set;
}

Result<DetectorSet> LoadBuiltinDetectors(const Profile& profile, const BuiltinOptions& options) {
  SG_ASSIGN_OR_RETURN(std::shared_ptr<const TextLayer> text, LoadTextLayer(options));
  return BuiltinDetectors(profile, std::move(text), options);
}

}  // namespace stalkguard::detect
