#include "classifier/model_file.h"

#include <cstring>
#include <fstream>

#include "classifier/internal/crc32.h"
#include "classifier/internal/input_text.h"

namespace stalkguard::classifier {
namespace {

// Bucket bits outside this range are a corrupt header, not a model we would train.
constexpr uint32_t kMinBucketBits = 8;
constexpr uint32_t kMaxBucketBits = 26;

class Writer {
 public:
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void F32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    U32(bits);
  }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void Bytes(const void* data, size_t n) { out_.append(static_cast<const char*>(data), n); }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool U32(uint32_t& v) {
    if (pos_ + 4 > in_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i)
      v |= static_cast<uint32_t>(static_cast<uint8_t>(in_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return true;
  }
  bool F32(float& v) {
    uint32_t bits;
    if (!U32(bits)) return false;
    std::memcpy(&v, &bits, 4);
    return true;
  }
  bool Str(std::string& s, size_t max) {
    uint32_t n;
    if (!U32(n) || n > max || pos_ + n > in_.size()) return false;
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool Bytes(void* data, size_t n) {
    if (pos_ + n > in_.size()) return false;
    std::memcpy(data, in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

}  // namespace

std::string SerializeModel(const Model& model) {
  Writer w;
  w.Bytes(kModelMagic.data(), kModelMagic.size());
  w.U32(kModelVersion);
  w.U32(model.features.bucket_bits);
  w.U32(model.features.char_min);
  w.U32(model.features.char_max);
  w.U32(model.features.word_ngrams);
  w.U32(model.features.squeeze_repeats);
  w.U32(model.features.shapes);
  w.U32(static_cast<uint32_t>(model.length_norm));
  w.U32(kRowStride);
  w.Str(model.input_preparation);
  w.U32(kNumOutputs);
  for (int o = 0; o < kNumOutputs; ++o) {
    const OutputCalibration& c = model.outputs[o];
    w.Str(kOutputNames[o]);
    w.F32(c.scale);
    w.F32(c.bias);
    w.F32(c.platt_a);
    w.F32(c.platt_b);
    w.F32(c.threshold);
  }
  w.U32(static_cast<uint32_t>(model.weights.size()));
  w.Bytes(model.weights.data(), model.weights.size());
  w.U32(internal::Crc32(w.out()));
  return std::move(w.out());
}

Result<Model> ParseModel(std::string_view bytes, std::string_view source) {
  const std::string where(source);
  auto corrupt = [&](const std::string& what) {
    return MakeError(ErrorCode::kInvalidInput, where + ": corrupt model file (" + what + ")");
  };
  if (bytes.size() < kModelMagic.size() + 8 || !bytes.starts_with(kModelMagic)) {
    return MakeError(ErrorCode::kInvalidInput, where + ": not a stalkguard classifier model");
  }
  Reader r(bytes.substr(0, bytes.size() - 4));
  char magic[8];
  uint32_t version = 0;
  if (!r.Bytes(magic, sizeof magic) || !r.U32(version)) return corrupt("short header");
  if (version != kModelVersion) {
    // Version 1 models read words with their letter runs, which this build squeezes; version 2
    // models have no digit-shape features and no field for them.
    return MakeError(ErrorCode::kUnsupported, where + ": model version " + std::to_string(version) +
                                                  ", this build reads version " +
                                                  std::to_string(kModelVersion) +
                                                  (version < kModelVersion ? "; retrain it" : ""));
  }
  Reader tail(bytes.substr(bytes.size() - 4));
  uint32_t stored_crc = 0;
  tail.U32(stored_crc);
  if (internal::Crc32(bytes.substr(0, bytes.size() - 4)) != stored_crc) {
    return corrupt("checksum mismatch: truncated or damaged");
  }
  Model model;
  uint32_t norm = 0, stride = 0, outputs = 0;
  if (!r.U32(model.features.bucket_bits) || !r.U32(model.features.char_min) ||
      !r.U32(model.features.char_max) || !r.U32(model.features.word_ngrams) ||
      !r.U32(model.features.squeeze_repeats) || !r.U32(model.features.shapes) || !r.U32(norm) ||
      !r.U32(stride) || !r.Str(model.input_preparation, 256) || !r.U32(outputs)) {
    return corrupt("short header");
  }
  if (model.features.bucket_bits < kMinBucketBits || model.features.bucket_bits > kMaxBucketBits ||
      model.features.char_max > 16 || model.features.char_min > model.features.char_max ||
      model.features.word_ngrams > 2 || model.features.squeeze_repeats > 2 ||
      model.features.shapes > 1 || norm > 1 || stride != kRowStride) {
    return corrupt("impossible feature settings");
  }
  model.length_norm = static_cast<LengthNorm>(norm);
  if (outputs != kNumOutputs) {
    return MakeError(ErrorCode::kUnsupported, where + ": model has " + std::to_string(outputs) +
                                                  " outputs, this build expects " +
                                                  std::to_string(kNumOutputs));
  }
  for (int o = 0; o < kNumOutputs; ++o) {
    std::string name;
    OutputCalibration& c = model.outputs[o];
    if (!r.Str(name, 64) || !r.F32(c.scale) || !r.F32(c.bias) || !r.F32(c.platt_a) ||
        !r.F32(c.platt_b) || !r.F32(c.threshold)) {
      return corrupt("short output table");
    }
    if (name != kOutputNames[o]) {
      return MakeError(ErrorCode::kUnsupported, where + ": output " + std::to_string(o) + " is \"" +
                                                    name + "\", expected \"" +
                                                    std::string(kOutputNames[o]) + "\"");
    }
  }
  uint32_t table_bytes = 0;
  if (!r.U32(table_bytes)) return corrupt("short header");
  const uint64_t expected = (uint64_t{1} << model.features.bucket_bits) * kRowStride;
  if (table_bytes != expected || r.pos() + table_bytes != bytes.size() - 4) {
    return corrupt("weight table size");
  }
  model.weights.resize(table_bytes);
  if (!r.Bytes(model.weights.data(), table_bytes)) return corrupt("short weight table");
  if (model.input_preparation != internal::kInputPreparation) {
    return MakeError(ErrorCode::kUnsupported,
                     where + ": model was trained on input prepared as \"" +
                         model.input_preparation + "\", this build prepares \"" +
                         std::string(internal::kInputPreparation) + "\"; retrain it");
  }
  return model;
}

Status WriteModelFile(const Model& model, const std::string& path) {
  const std::string bytes = SerializeModel(model);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return MakeError(ErrorCode::kIo, path + ": cannot create");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return MakeError(ErrorCode::kIo, path + ": write failed");
  return OkStatus();
}

Result<Model> ReadModelFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open model");
  // One read of the whole file: a string stream would copy the 8 MB table twice more.
  const std::streamoff size = in.tellg();
  if (size < 0) return MakeError(ErrorCode::kIo, path + ": cannot read size");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) return MakeError(ErrorCode::kIo, path + ": read failed");
  return ParseModel(bytes, path);
}

}  // namespace stalkguard::classifier
