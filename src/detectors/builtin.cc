#include "detectors/builtin.h"

#include "core/data_path.h"
#include "detectors/abuse/abuse_detector.h"
#include "detectors/contact/contact_detector.h"
#include "detectors/rumours/rumours_detector.h"
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

Result<DetectorSet> BuiltinDetectors(const Profile& profile,
                                     std::shared_ptr<const TextLayer> text,
                                     const BuiltinOptions& /*options*/) {
  DetectorSet set{std::move(text), {}, {}};
  set.event.push_back(std::make_unique<AbuseDetector>(profile));
  set.event.push_back(std::make_unique<WhereaboutsDetector>(profile));
  set.event.push_back(std::make_unique<RumoursDetector>(profile));
  set.conduct.push_back(std::make_unique<ContactDetector>());
  return set;
}

Result<DetectorSet> LoadBuiltinDetectors(const Profile& profile, const BuiltinOptions& options) {
  SG_ASSIGN_OR_RETURN(std::shared_ptr<const TextLayer> text, LoadTextLayer(options));
  return BuiltinDetectors(profile, std::move(text), options);
}

}  // namespace stalkguard::detect
