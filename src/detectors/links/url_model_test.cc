#include "detectors/links/url_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "detectors/links/link_judge.h"

namespace links = stalkguard::links;

namespace {

links::UrlModel SmallModel() {
  links::UrlModel model;
  model.bucket_bits = 8;
  model.bias = -0.5f;
  model.scale = 0.25f;
  model.weights.assign(256, 0);
  model.weights[3] = 100;
  model.weights[7] = -20;
  return model;
}

TEST(UrlModel, ScoresTheScaledSumOfItsWeights) {
  const links::UrlModel model = SmallModel();
  const uint32_t ids[] = {3, 7, 9, 9999};
  // norm = 1/sqrt(4); margin = -0.5 + 0.25 * 80 * 0.5 = 9.5
  EXPECT_NEAR(model.Score(ids), 1 / (1 + std::exp(-9.5)), 1e-9);
  EXPECT_NEAR(model.Score({}), 1 / (1 + std::exp(0.5)), 1e-9);
}

TEST(UrlModel, RoundTripsThroughItsFileFormat) {
  const links::UrlModel model = SmallModel();
  const std::string bytes = links::SerializeUrlModel(model);
  EXPECT_EQ(bytes.substr(0, 8), "SGURLMDL");
  auto parsed = links::ParseUrlModel(bytes, "m.sgl");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->weights, model.weights);
  EXPECT_EQ(parsed->bias, model.bias);
  EXPECT_EQ(parsed->scale, model.scale);
}

TEST(UrlModel, RefusesDamagedFiles) {
  std::string bytes = links::SerializeUrlModel(SmallModel());
  std::string flipped = bytes;
  flipped[40] ^= 1;
  EXPECT_EQ(links::ParseUrlModel(flipped, "m.sgl").error().message,
            "m.sgl: checksum mismatch: the file is damaged");
  EXPECT_FALSE(links::ParseUrlModel(bytes.substr(0, 30), "m.sgl"));
  EXPECT_FALSE(links::ParseUrlModel("SGTXTCLF", "m.sgl"));
}

TEST(UrlModel, TrainingSeparatesAToyProblemDeterministically) {
  std::vector<std::vector<uint32_t>> features;
  std::vector<uint8_t> labels;
  for (int i = 0; i < 200; ++i) {
    const bool bad = i % 2 == 0;
    features.push_back({bad ? 1u : 2u, static_cast<uint32_t>(10 + i % 7)});
    labels.push_back(bad);
  }
  links::UrlTrainOptions options;
  options.bucket_bits = 8;
  const links::UrlModel a = links::TrainUrlModel(features, labels, {}, options);
  const links::UrlModel b = links::TrainUrlModel(features, labels, {}, options);
  EXPECT_EQ(links::SerializeUrlModel(a), links::SerializeUrlModel(b));
  const uint32_t bad[] = {1, 12};
  const uint32_t good[] = {2, 12};
  EXPECT_GT(a.Score(bad), 0.9);
  EXPECT_LT(a.Score(good), 0.1);
}

TEST(UrlModel, ShippedModelLoadsAndIsSmall) {
  const std::string path = std::string(SG_SOURCE_DIR) + "/models/links.sgl";
  auto model = links::ReadUrlModelFile(path);
  ASSERT_TRUE(model) << model.error().message;
  EXPECT_LE(std::filesystem::file_size(path), 5u << 20);
}

}  // namespace
