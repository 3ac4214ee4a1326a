#include "detectors/links/internal/link_config.h"

#include <toml++/toml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace stalkguard::links::internal {
namespace {

// Lines of a list file with comments ('#' to the end of the line) and blank lines dropped,
// each with its 1-based line number.
std::vector<std::pair<int, std::string_view>> ListLines(std::string_view text) {
  std::vector<std::pair<int, std::string_view>> out;
  int number = 0;
  while (!text.empty()) {
    ++number;
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = TrimAscii(line);
    if (!line.empty()) out.emplace_back(number, line);
  }
  return out;
}

std::vector<std::string_view> SplitWords(std::string_view line) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) words.push_back(line.substr(i, j - i));
    i = j;
  }
  return words;
}

// A one-word-per-line list: shorteners, TLDs, lure words, extensions, hosting domains. A leading
// '.' is dropped so that ".apk" and "apk" mean the same.
Result<std::unordered_set<std::string>> ReadWordList(const std::string& dir,
                                                     const std::string& file) {
  const std::string path = dir + "/" + file;
  SG_ASSIGN_OR_RETURN(std::string text, ReadFileBytes(path));
  std::unordered_set<std::string> words;
  for (const auto& [number, line] : ListLines(text)) {
    const auto parts = SplitWords(line);
    if (parts.size() != 1) {
      return MakeError(ErrorCode::kInvalidInput, path + ":" + std::to_string(number) +
                                                     ": expected one word, got \"" +
                                                     std::string(line) + "\"");
    }
    std::string word = AsciiLower(parts[0]);
    if (word.front() == '.') word.erase(0, 1);
    if (!word.empty()) words.insert(std::move(word));
  }
  return words;
}

Result<std::vector<Brand>> ReadBrands(const std::string& dir) {
  const std::string path = dir + "/brands.txt";
  SG_ASSIGN_OR_RETURN(std::string text, ReadFileBytes(path));
  std::vector<Brand> brands;
  for (const auto& [number, line] : ListLines(text)) {
    const auto parts = SplitWords(line);
    if (parts.size() < 2) {
      return MakeError(ErrorCode::kInvalidInput,
                       path + ":" + std::to_string(number) +
                           ": expected a brand name and at least one domain it owns, got \"" +
                           std::string(line) + "\"");
    }
    Brand brand;
    brand.name = AsciiLower(parts[0]);
    if (brand.name.size() > 1 && brand.name.back() == '=') {
      brand.whole_word = true;
      brand.name.pop_back();
    }
    for (size_t i = 1; i < parts.size(); ++i) {
      if (parts[i].find('.') == std::string_view::npos) {
        return MakeError(ErrorCode::kInvalidInput, path + ":" + std::to_string(number) + ": \"" +
                                                       std::string(parts[i]) +
                                                       "\" is not a domain");
      }
      brand.domains.push_back(AsciiLower(parts[i]));
    }
    brands.push_back(std::move(brand));
  }
  return brands;
}

}  // namespace

Result<std::string> ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    return MakeError(err == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                     path + ": cannot open: " + std::strerror(err));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, path + ": read failed");
  return buffer.str();
}

Status ParseWeights(std::string_view text, const std::string& name, LinkConfig& config) {
  // Debian's toml++ is built with exceptions; this is the one place in the module they are
  // caught.
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& err) {
    return MakeError(ErrorCode::kInvalidInput, name + ":" +
                                                   std::to_string(err.source().begin.line) + ": " +
                                                   std::string(err.description()));
  }
  auto where = [&name](const toml::node& node) {
    return name + ":" + std::to_string(node.source().begin.line);
  };
  auto number = [&](const toml::table& table, std::string_view key, double& out, double lo,
                    double hi) -> Status {
    const toml::node* node = table.get(key);
    if (node == nullptr) return OkStatus();
    const std::optional<double> value = node->value<double>();
    if (!value || *value < lo || *value > hi) {
      return MakeError(ErrorCode::kInvalidInput,
                       where(*node) + ": \"" + std::string(key) + "\" must be a number in [" +
                           std::to_string(lo) + ", " + std::to_string(hi) + "]");
    }
    out = *value;
    return OkStatus();
  };
  for (const auto& [key, node] : root) {
    const std::string_view k = key.str();
    if (k != "verdict" && k != "limits" && k != "model" && k != "weights") {
      return MakeError(ErrorCode::kInvalidInput,
                       where(node) + ": unknown section \"" + std::string(k) + "\"");
    }
    if (!node.is_table()) {
      return MakeError(ErrorCode::kInvalidInput,
                       where(node) + ": \"" + std::string(k) + "\" must be a table");
    }
  }
  if (const toml::table* verdict = root["verdict"].as_table()) {
    SG_RETURN_IF_ERROR(number(*verdict, "suspicious", config.suspicious, 0, 1));
    SG_RETURN_IF_ERROR(number(*verdict, "malicious", config.malicious, 0, 1));
  }
  if (config.malicious < config.suspicious) {
    return MakeError(ErrorCode::kInvalidInput,
                     name + ": verdict.malicious must not be below verdict.suspicious");
  }
  if (const toml::table* limits = root["limits"].as_table()) {
    double many = config.many_subdomains, long_host = config.long_host;
    SG_RETURN_IF_ERROR(number(*limits, "many_subdomains", many, 1, 100));
    SG_RETURN_IF_ERROR(number(*limits, "long_host", long_host, 1, 253));
    config.many_subdomains = static_cast<int>(many);
    config.long_host = static_cast<int>(long_host);
  }
  if (const toml::table* model = root["model"].as_table()) {
    SG_RETURN_IF_ERROR(number(*model, "scale", config.model_scale, 0, 1));
    SG_RETURN_IF_ERROR(number(*model, "floor", config.model_floor, 0, 1));
    SG_RETURN_IF_ERROR(number(*model, "cap", config.model_cap, 0, 1));
    SG_RETURN_IF_ERROR(number(*model, "bare_cap", config.model_bare_cap, 0, 1));
    if (const toml::node* absorbs = model->get("absorbs")) {
      const toml::array* list = absorbs->as_array();
      if (list == nullptr) {
        return MakeError(ErrorCode::kInvalidInput,
                         where(*absorbs) + ": \"absorbs\" must be a list of reason names");
      }
      for (const toml::node& item : *list) {
        const auto* s = item.as_string();
        size_t r = 0;
        while (s != nullptr && r < kReasonCount && kReasonNames[r] != s->get()) ++r;
        if (s == nullptr || r == kReasonCount || static_cast<Reason>(r) == Reason::kModel) {
          return MakeError(ErrorCode::kInvalidInput,
                           where(item) + ": \"absorbs\" holds an unknown reason");
        }
        config.absorbed[r] = true;
      }
    }
  }
  const toml::table* weights = root["weights"].as_table();
  if (weights == nullptr) {
    return MakeError(ErrorCode::kInvalidInput, name + ": no [weights] table");
  }
  for (const auto& [key, node] : *weights) {
    bool known = false;
    for (size_t r = 0; r < kReasonCount; ++r) known |= kReasonNames[r] == key.str();
    if (!known || key.str() == "model") {
      return MakeError(ErrorCode::kInvalidInput,
                       where(node) + ": unknown reason \"" + std::string(key.str()) + "\"");
    }
  }
  for (size_t r = 0; r < kReasonCount; ++r) {
    if (static_cast<Reason>(r) == Reason::kModel) continue;
    if (weights->get(kReasonNames[r]) == nullptr) {
      return MakeError(ErrorCode::kInvalidInput, name + ": [weights] has no weight for \"" +
                                                     std::string(kReasonNames[r]) + "\"");
    }
    SG_RETURN_IF_ERROR(number(*weights, kReasonNames[r], config.weights[r], 0, 1));
  }
  return OkStatus();
}

Result<LinkConfig> LoadLinkConfig(const std::string& dir) {
  LinkConfig config;
  const std::string weights_path = dir + "/weights.toml";
  SG_ASSIGN_OR_RETURN(std::string weights_text, ReadFileBytes(weights_path));
  SG_RETURN_IF_ERROR(ParseWeights(weights_text, weights_path, config));
  SG_ASSIGN_OR_RETURN(config.brands, ReadBrands(dir));
  SG_ASSIGN_OR_RETURN(config.shorteners, ReadWordList(dir, "shorteners.txt"));
  SG_ASSIGN_OR_RETURN(config.risky_tlds, ReadWordList(dir, "risky_tlds.txt"));
  SG_ASSIGN_OR_RETURN(config.lure_words, ReadWordList(dir, "lure_words.txt"));
  SG_ASSIGN_OR_RETURN(config.download_extensions, ReadWordList(dir, "download_extensions.txt"));
  SG_ASSIGN_OR_RETURN(config.free_hosting, ReadWordList(dir, "free_hosting.txt"));
  SG_ASSIGN_OR_RETURN(config.well_known, ReadWordList(dir, "well_known.txt"));
  return config;
}

}  // namespace stalkguard::links::internal
