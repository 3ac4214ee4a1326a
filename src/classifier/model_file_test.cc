#include "classifier/model_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "classifier/internal/input_text.h"

namespace stalkguard::classifier {
namespace {

Model SmallModel() {
  Model model;
  model.features.bucket_bits = 8;
  model.input_preparation = std::string(internal::kInputPreparation);
  std::mt19937 rng(7);
  model.weights.resize(size_t{256} * kRowStride);
  for (size_t i = 0; i < model.weights.size(); ++i) {
    model.weights[i] = i % kRowStride < kNumOutputs ? static_cast<int8_t>(rng() % 255 - 127) : 0;
  }
  for (int o = 0; o < kNumOutputs; ++o) {
    model.outputs[o] = {0.01f * (o + 1), -0.5f, 1.5f, 0.25f, 0.4f + 0.05f * o};
  }
  return model;
}

TEST(ModelFile, RoundTrips) {
  const Model model = SmallModel();
  const std::string bytes = SerializeModel(model);
  EXPECT_TRUE(bytes.starts_with("SGTXTCLF"));
  const auto parsed = ParseModel(bytes, "m.sgm");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->weights, model.weights);
  EXPECT_EQ(parsed->features.bucket_bits, 8u);
  EXPECT_EQ(parsed->features.char_max, model.features.char_max);
  EXPECT_EQ(parsed->features.shapes, model.features.shapes);
  EXPECT_EQ(parsed->length_norm, model.length_norm);
  for (int o = 0; o < kNumOutputs; ++o) {
    EXPECT_EQ(parsed->outputs[o].scale, model.outputs[o].scale);
    EXPECT_EQ(parsed->outputs[o].threshold, model.outputs[o].threshold);
    EXPECT_EQ(parsed->outputs[o].platt_b, model.outputs[o].platt_b);
  }
}

TEST(ModelFile, WritesAndReadsFiles) {
  const auto path = std::filesystem::temp_directory_path() / "sg-model-file-test.sgm";
  ASSERT_TRUE(WriteModelFile(SmallModel(), path.string()));
  const auto read = ReadModelFile(path.string());
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->weights, SmallModel().weights);
  std::filesystem::remove(path);
}

TEST(ModelFile, RejectsWhatIsNotAModel) {
  const auto parsed = ParseModel("PK\x03\x04 some zip file", "x.zip");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message, "x.zip: not a stalkguard classifier model");
}

TEST(ModelFile, RejectsAnotherVersion) {
  std::string bytes = SerializeModel(SmallModel());
  bytes[8] = 4;  // version, little-endian after the magic
  const auto newer = ParseModel(bytes, "m.sgm");
  ASSERT_FALSE(newer);
  EXPECT_EQ(newer.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(newer.error().message, "m.sgm: model version 4, this build reads version 3");
  // Version 1 models hashed words with their letter runs, version 2 models had no digit
  // shapes (nor a header field for them); their buckets mean something else.
  for (const char old : {1, 2}) {
    bytes[8] = old;
    const auto older = ParseModel(bytes, "m.sgm");
    ASSERT_FALSE(older);
    EXPECT_EQ(older.error().code, ErrorCode::kUnsupported);
    EXPECT_EQ(older.error().message, "m.sgm: model version " + std::to_string(old) +
                                         ", this build reads version 3; retrain it");
  }
}

TEST(ModelFile, RejectsDamagedAndTruncatedFiles) {
  const std::string bytes = SerializeModel(SmallModel());
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x10;
  for (const std::string& bad :
       {flipped, bytes.substr(0, bytes.size() - 100), bytes.substr(0, 20)}) {
    const auto parsed = ParseModel(bad, "m.sgm");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
    EXPECT_TRUE(parsed.error().message.starts_with("m.sgm: corrupt model file"))
        << parsed.error().message;
  }
}

TEST(ModelFile, RejectsModelsTrainedOnOtherInput) {
  Model model = SmallModel();
  model.input_preparation = "ascii-lower/0";
  const auto parsed = ParseModel(SerializeModel(model), "old.sgm");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(parsed.error().message.find("retrain"), std::string::npos);
}

TEST(ModelFile, RejectsFeatureSettingsThisBuildCannotRead) {
  Model model = SmallModel();
  model.features.word_ngrams = 3;  // read as 2 it would score with other features than trained
  const auto parsed = ParseModel(SerializeModel(model), "trigrams.sgm");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("impossible feature settings"), std::string::npos)
      << parsed.error().message;
}

TEST(ModelFile, MissingFileIsNotFound) {
  const auto read = ReadModelFile("/nonexistent/model.sgm");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace stalkguard::classifier
