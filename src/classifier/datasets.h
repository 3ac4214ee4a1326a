// The labelled data the classifier learns from: the public sets in ../shared/data, each read
// from its CSV and mapped onto our six outputs (docs/evaluation.md explains every mapping), and
// our own written examples (data/own_examples.tsv). Every example belongs to one split, decided
// by a hash of its text, so the validation split is the same for every run and never trained on.
//
//   SG_ASSIGN_OR_RETURN(std::vector<DataSet> sets, LoadDataSets("/work/shared/data", own));
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/outputs.h"
#include "core/result.h"

namespace stalkguard::classifier {

inline constexpr int8_t kUnknown = -1;  // the set says nothing about this output

struct LabeledText {
  std::string text;
  std::array<int8_t, kNumOutputs> labels{kUnknown, kUnknown, kUnknown,
                                         kUnknown, kUnknown, kUnknown};  // 1, 0 or kUnknown
  std::string group;  // finer class for reports: a HateCheck functionality, an own-example kind
};

struct DataSet {
  std::string name;
  std::vector<LabeledText> examples;
  std::vector<int> reported;  // outputs evaluated on this set, with a baseline model each
};

// Where an example goes. About 70 % train, 10 % calibration (Platt scaling and thresholds),
// 20 % validation; identical texts always land together.
enum class Split { kTrain, kCalibration, kValidation };
Split SplitOf(std::string_view text);

// The public sets we train on, in report order.
std::span<const std::string_view> PublicDataSetNames();

// Reads ../shared/data/<name>/train.csv and maps its labels. Fails when the file is missing or
// does not have the columns the mapping needs.
Result<DataSet> LoadPublicDataSet(std::string_view name, const std::string& data_dir);

// Reads our own examples: "kind<TAB>labels<TAB>text" per line, labels a comma-separated list of
// output names or "-" for none; every output not listed is 0. '#' starts a comment line.
Result<DataSet> LoadOwnExamples(const std::string& path);

// Every public set, then our own examples.
Result<std::vector<DataSet>> LoadDataSets(const std::string& data_dir,
                                          const std::string& own_examples_path);

// Subject and readable body of a raw RFC 822 message: MIME parts walked, base64 and
// quoted-printable decoded, HTML tags dropped, at most `max_bytes` of body.
std::string EmailText(std::string_view raw, size_t max_bytes);

// A tweet without "@handle" mentions and "RT @handle:" markers, "URL" placeholders as "url".
std::string CleanTweet(std::string_view text);

// "&amp;", "&lt;", "&#128514;" and the like, as found in tweets, decoded to UTF-8.
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace stalkguard::classifier
