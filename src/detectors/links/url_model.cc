#include "detectors/links/url_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>

#include "detectors/links/internal/link_config.h"

namespace stalkguard::links {
namespace {

uint32_t Crc32(std::string_view bytes) {
  static const auto kTable = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) crc = kTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

// Little-endian fixed-width fields, whatever the machine.
void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void PutF32(std::string& out, float f) {
  uint32_t v;
  std::memcpy(&v, &f, 4);
  PutU32(out, v);
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool U32(uint32_t& v) {
    if (pos_ + 4 > bytes_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i)
      v |= uint32_t{static_cast<unsigned char>(bytes_[pos_ + i])} << (8 * i);
    pos_ += 4;
    return true;
  }
  bool F32(float& f) {
    uint32_t v;
    if (!U32(v)) return false;
    std::memcpy(&f, &v, 4);
    return std::isfinite(f);
  }
  bool Bytes(size_t n, std::string_view& out) {
    if (pos_ + n > bytes_.size()) return false;
    out = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// splitmix64: a fixed generator, so the example order (and the model's bytes) does not depend
// on the standard library's distributions.
uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

double UrlModel::Score(std::span<const uint32_t> ids) const {
  int64_t sum = 0;
  const size_t size = weights.size();
  for (uint32_t id : ids) {
    if (id < size) sum += weights[id];
  }
  const double norm = ids.empty() ? 0.0 : 1.0 / std::sqrt(static_cast<double>(ids.size()));
  return Sigmoid(bias + static_cast<double>(scale) * static_cast<double>(sum) * norm);
}

std::string SerializeUrlModel(const UrlModel& model) {
  std::string out(kUrlModelMagic);
  PutU32(out, kUrlModelVersion);
  PutU32(out, model.bucket_bits);
  PutU32(out, static_cast<uint32_t>(model.feature_set.size()));
  out += model.feature_set;
  PutF32(out, model.bias);
  PutF32(out, model.scale);
  out.append(reinterpret_cast<const char*>(model.weights.data()), model.weights.size());
  PutU32(out, Crc32(out));
  return out;
}

Result<UrlModel> ParseUrlModel(std::string_view bytes, std::string_view source) {
  auto bad = [&source](const std::string& what) {
    return MakeError(ErrorCode::kInvalidInput, std::string(source) + ": " + what);
  };
  if (bytes.substr(0, kUrlModelMagic.size()) != kUrlModelMagic) {
    return bad("not a stalkguard link model (no \"SGURLMDL\" at the start)");
  }
  if (bytes.size() < kUrlModelMagic.size() + 4) return bad("truncated");
  const std::string_view body = bytes.substr(0, bytes.size() - 4);
  Reader crc_reader(bytes.substr(bytes.size() - 4));
  uint32_t crc = 0;
  crc_reader.U32(crc);
  if (Crc32(body) != crc) return bad("checksum mismatch: the file is damaged");
  Reader in(body.substr(kUrlModelMagic.size()));
  UrlModel model;
  uint32_t version = 0, name_size = 0;
  if (!in.U32(version)) return bad("truncated");
  if (version != kUrlModelVersion) {
    return bad("model version " + std::to_string(version) + ", this build reads " +
               std::to_string(kUrlModelVersion));
  }
  std::string_view name;
  if (!in.U32(model.bucket_bits) || !in.U32(name_size) || name_size > 64 ||
      !in.Bytes(name_size, name) || !in.F32(model.bias) || !in.F32(model.scale)) {
    return bad("truncated header");
  }
  if (model.bucket_bits < 8 || model.bucket_bits > 24) {
    return bad("bucket bits " + std::to_string(model.bucket_bits) + " out of range");
  }
  model.feature_set = std::string(name);
  if (model.feature_set != kUrlFeatureSet) {
    return bad("made for features \"" + model.feature_set + "\", this build extracts \"" +
               std::string(kUrlFeatureSet) + "\"; retrain it");
  }
  std::string_view weights;
  const size_t count = size_t{1} << model.bucket_bits;
  if (!in.Bytes(count, weights) || in.pos() != body.size() - kUrlModelMagic.size()) {
    return bad("weight table has the wrong size");
  }
  model.weights.resize(count);
  std::memcpy(model.weights.data(), weights.data(), count);
  return model;
}

Status WriteUrlModelFile(const UrlModel& model, const std::string& path) {
  const std::string bytes = SerializeUrlModel(model);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, path + ": cannot write the model");
  return OkStatus();
}

Result<UrlModel> ReadUrlModelFile(const std::string& path) {
  SG_ASSIGN_OR_RETURN(std::string bytes, internal::ReadFileBytes(path));
  return ParseUrlModel(bytes, path);
}

UrlModel TrainUrlModel(std::span<const std::vector<uint32_t>> features,
                       std::span<const uint8_t> labels, std::span<const float> weights,
                       const UrlTrainOptions& options) {
  const size_t buckets = size_t{1} << options.bucket_bits;
  std::vector<double> w(buckets, 0.0), g2(buckets, 0.0);
  double bias = 0, bias_g2 = 0;
  std::vector<size_t> order(features.size());
  std::iota(order.begin(), order.end(), 0);
  uint64_t state = options.seed;
  constexpr double kEpsilon = 1e-8;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[SplitMix(state) % i]);
    }
    for (size_t index : order) {
      const auto& ids = features[index];
      const double norm = ids.empty() ? 0.0 : 1.0 / std::sqrt(static_cast<double>(ids.size()));
      double margin = bias;
      for (uint32_t id : ids) margin += w[id] * norm;
      const double weight = weights.empty() ? 1.0 : weights[index];
      const double gradient = weight * (Sigmoid(margin) - (labels[index] ? 1.0 : 0.0));
      bias_g2 += gradient * gradient;
      bias -= options.learning_rate * gradient / (std::sqrt(bias_g2) + kEpsilon);
      for (uint32_t id : ids) {
        const double g = gradient * norm + options.l2 * w[id];
        g2[id] += g * g;
        w[id] -= options.learning_rate * g / (std::sqrt(g2[id]) + kEpsilon);
      }
    }
  }
  UrlModel model;
  model.bucket_bits = options.bucket_bits;
  model.bias = static_cast<float>(bias);
  double max_abs = 0;
  for (double v : w) max_abs = std::max(max_abs, std::abs(v));
  model.scale = max_abs > 0 ? static_cast<float>(max_abs / 127.0) : 1.0f;
  model.weights.resize(buckets);
  for (size_t i = 0; i < buckets; ++i) {
    const double q = std::round(w[i] / model.scale);
    model.weights[i] = static_cast<int8_t>(std::clamp(q, -127.0, 127.0));
  }
  return model;
}

}  // namespace stalkguard::links
