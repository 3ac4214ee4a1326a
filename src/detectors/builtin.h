// The shipped detectors, built in one place: adding a detector is one line in builtin.cc.
//
//   SG_ASSIGN_OR_RETURN(DetectorSet set, LoadBuiltinDetectors(profile, BuiltinOptions{}));
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/profile.h"
#include "core/result.h"
#include "detectors/abuse/text_layer.h"
#include "detectors/detector.h"

namespace stalkguard::detect {

// Where the shipped data lives; empty means the default found beside the binary.
struct BuiltinOptions {
  std::string patterns_dir;  // config/patterns
  std::string model_path;    // models/classifier.sgm
  // The stalkerware indicator file; empty: DefaultIndicatorPath(), and without the stalkerware
  // detector (with a note in `notes`) when that finds none.
  std::string indicators_path;
  // Names the sources showed for the profile's blocked identities, so that a new account under
  // the same name is seen (scan::BlockedDisplayNames reads them from a store).
  std::vector<std::string> blocked_display_names;
};

struct DetectorSet {
  std::shared_ptr<const TextLayer> text;  // shared: it takes seconds to load
  std::vector<std::unique_ptr<EventDetector>> event;
  std::vector<std::unique_ptr<ConductDetector>> conduct;
  std::vector<std::string> notes;  // what runs without its data, for the user to know
};

// Loads the text layer and builds every shipped detector for `profile`. Fails when shipped data
// is missing or broken, naming the file.
Result<DetectorSet> LoadBuiltinDetectors(const Profile& profile, const BuiltinOptions& options);

// The shipped text layer alone (patterns and model), for callers that judge several profiles.
Result<std::shared_ptr<const TextLayer>> LoadTextLayer(const BuiltinOptions& options);
// Every shipped detector for `profile` around a text layer loaded already.
Result<DetectorSet> BuiltinDetectors(const Profile& profile, std::shared_ptr<const TextLayer> text,
                                     const BuiltinOptions& options);

}  // namespace stalkguard::detect
