#include "detectors/stalkerware/indicator_set.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "core/strings.h"
#include "detectors/stalkerware/advice.h"

namespace stalkguard::detect {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNotFound =
    "stalkerware indicators not found: set STALKGUARD_INDICATORS or pass --indicators";
// The Echap repository's layout, as copied into the shared data folder.
constexpr std::string_view kRelativePath = "shared/data/stalkerware_indicators/ioc.yaml";
// How far above the binary or working directory to look: build/h-att/apps/stalkguard/ is
// four levels below the source tree, whose parent holds shared/.
constexpr int kMaxLevelsUp = 8;

std::string Where(std::string_view name, const YAML::Mark& mark) {
  std::string out(name);
  if (!mark.is_null()) {
    // Appended in two steps: `":" + std::to_string(...)` trips GCC 12's -Wrestrict (PR105651).
    out += ':';
    out += std::to_string(mark.line + 1);
  }
  return out;
}

// The values of `field` as strings: a list of scalars or a single scalar. Anything else is
// noted in `skipped` and left out.
std::vector<std::string> Strings(const YAML::Node& node, std::string_view field,
                                 std::string_view name, std::vector<std::string>& skipped) {
  std::vector<std::string> out;
  if (!node || node.IsNull()) return out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) {
    skipped.push_back(Where(name, node.Mark()) + ": " + std::string(field) +
                      " is not a list; skipped");
    return out;
  }
  for (const YAML::Node& item : node) {
    if (item.IsScalar()) {
      if (!item.Scalar().empty()) out.push_back(item.Scalar());
    } else {
      skipped.push_back(Where(name, item.Mark()) + ": an entry of " + std::string(field) +
                        " is not a string; skipped");
    }
  }
  return out;
}

// Parses one indicator document. yaml-cpp reports bad input by throwing; this is the one place
// that calls it, and every exception becomes an Error naming the file and line.
Result<std::vector<IndicatorApp>> ParseApps(std::string_view text, std::string_view name,
                                            std::vector<std::string>& skipped) {
  std::vector<IndicatorApp> apps;
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (!root || root.IsNull()) return apps;
    if (!root.IsSequence()) {
      return MakeError(ErrorCode::kInvalidInput,
                       Where(name, root.Mark()) + ": expected a list of apps");
    }
    for (const YAML::Node& record : root) {
      const std::string where = Where(name, record.Mark());
      if (!record.IsMap()) {
        skipped.push_back(where + ": record is not a map of fields; skipped");
        continue;
      }
      IndicatorApp app;
      const YAML::Node app_name = record["name"];
      if (!app_name || !app_name.IsScalar() || app_name.Scalar().empty()) {
        skipped.push_back(where + ": app has no name; skipped");
        continue;
      }
      app.name = app_name.Scalar();
      const YAML::Node type = record["type"];
      const std::string type_name = type && type.IsScalar() ? type.Scalar() : "";
      if (type_name == "stalkerware") {
        app.type = AppType::kStalkerware;
      } else if (type_name == "watchware") {
        app.type = AppType::kWatchware;
      } else {
        std::string note = where;
        note += ": app \"" + app.name + "\" has unknown type \"" + type_name + "\"; skipped";
        skipped.push_back(std::move(note));
        continue;
      }
      for (std::string& n : Strings(record["names"], "names", name, skipped)) {
        if (n != app.name) app.names.push_back(std::move(n));
      }
      app.packages = Strings(record["packages"], "packages", name, skipped);
      app.ios_bundles = Strings(record["ios_bundles"], "ios_bundles", name, skipped);
      app.websites = Strings(record["websites"], "websites", name, skipped);
      app.distribution = Strings(record["distribution"], "distribution", name, skipped);
      if (const YAML::Node c2 = record["c2"]; c2 && c2.IsMap()) {
        app.c2_domains = Strings(c2["domains"], "c2.domains", name, skipped);
        // One record of the upstream data spells the key "ip".
        app.c2_ips = Strings(c2["ips"], "c2.ips", name, skipped);
        for (std::string& ip : Strings(c2["ip"], "c2.ip", name, skipped)) {
          app.c2_ips.push_back(std::move(ip));
        }
      } else if (c2 && !c2.IsNull()) {
        skipped.push_back(Where(name, c2.Mark()) + ": c2 is not a map; skipped");
      }
      app.source = where;
      apps.push_back(std::move(app));
    }
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kInvalidInput, Where(name, e.mark) + ": " + e.msg);
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, std::string(name) + ": " + e.what());
  }
  return apps;
}

// A host as the index keys it: lower-case, without a trailing dot. Entries that are URLs
// rather than hosts ("https://github.com/...": a project page on a shared site) give "", as
// matching their host would flag every link to that site.
std::string HostKey(std::string_view host) {
  host = TrimAscii(host);
  if (host.ends_with('.')) host.remove_suffix(1);
  if (host.empty() || host.find_first_of("/:@ ") != std::string_view::npos) return "";
  return AsciiLower(host);
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, path.string() + ": cannot open");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, path.string() + ": read failed");
  return content.str();
}

}  // namespace

std::string_view ToString(AppType type) {
  return type == AppType::kStalkerware ? "stalkerware" : "watchware";
}

std::string_view ToString(HostKind kind) {
  switch (kind) {
    case HostKind::kC2:
      return "c2";
    case HostKind::kWebsite:
      return "website";
    case HostKind::kDistribution:
      return "distribution";
  }
  return "c2";
}

Result<IndicatorSet> IndicatorSet::Load(const std::string& path) {
  SG_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  SG_ASSIGN_OR_RETURN(IndicatorSet set, FromYaml(text, path));
  if (set.apps_.empty()) {
    return MakeError(ErrorCode::kInvalidInput, path + ": no stalkerware apps in the file");
  }
  const fs::path watchware = fs::path(path).parent_path() / "watchware.yaml";
  std::error_code ec;
  if (fs::exists(watchware, ec)) {
    SG_ASSIGN_OR_RETURN(std::string more, ReadFile(watchware));
    SG_RETURN_IF_ERROR(set.AddYaml(more, watchware.string()));
  }
  return set;
}

Result<IndicatorSet> IndicatorSet::FromYaml(std::string_view text, std::string_view name) {
  IndicatorSet set;
  SG_RETURN_IF_ERROR(set.AddYaml(text, name));
  return set;
}

Status IndicatorSet::AddYaml(std::string_view text, std::string_view name) {
  std::vector<std::string> skipped;
  SG_ASSIGN_OR_RETURN(std::vector<IndicatorApp> apps, ParseApps(text, name, skipped));
  const size_t first_new = apps_.size();
  for (IndicatorApp& app : apps) apps_.push_back(std::move(app));
  for (std::string& s : skipped) skipped_.push_back(std::move(s));
  Index(first_new);
  return OkStatus();
}

void IndicatorSet::Index(size_t first_new_app) {
  for (size_t i = first_new_app; i < apps_.size(); ++i) {
    const IndicatorApp& app = apps_[i];
    for (const std::string& p : app.packages) by_package_[p].push_back(i);
    for (const std::string& b : app.ios_bundles) by_package_[b].push_back(i);
    const auto add_hosts = [&](const std::vector<std::string>& hosts, HostKind kind) {
      for (const std::string& h : hosts) {
        if (std::string key = HostKey(h); !key.empty()) by_host_[key].push_back({i, kind});
      }
    };
    add_hosts(app.c2_domains, HostKind::kC2);
    add_hosts(app.c2_ips, HostKind::kC2);
    add_hosts(app.websites, HostKind::kWebsite);
    add_hosts(app.distribution, HostKind::kDistribution);
  }
}

std::optional<AppMatch> IndicatorSet::MatchPackage(std::string_view package) const {
  const auto it = by_package_.find(std::string(package));
  if (it == by_package_.end()) return std::nullopt;
  // The first stalkerware app wins: the same package (or app) can be in ioc.yaml as
  // stalkerware and in watchware.yaml as watchware, and the stronger claim is the one to act on.
  size_t primary = it->second.front();
  for (size_t i : it->second) {
    if (apps_[i].type == AppType::kStalkerware) {
      primary = i;
      break;
    }
  }
  const IndicatorApp& app = apps_[primary];
  AppMatch match{std::string(package), app.name, app.type, app.names, {}, WhatItDoes(app.type)};
  for (size_t i : it->second) {
    const std::string& other = apps_[i].name;
    if (other == app.name) continue;
    if (std::find(match.other_apps.begin(), match.other_apps.end(), other) ==
        match.other_apps.end()) {
      match.other_apps.push_back(other);
    }
  }
  return match;
}

std::vector<AppMatch> IndicatorSet::Match(std::span<const std::string> packages) const {
  std::vector<AppMatch> matches;
  for (const std::string& package : packages) {
    if (auto match = MatchPackage(package)) matches.push_back(std::move(*match));
  }
  return matches;
}

std::optional<HostMatch> IndicatorSet::FindHost(std::string_view host) const {
  std::string key = HostKey(host);
  if (key.empty()) return std::nullopt;
  // Try the host, then each parent domain: "a.b.thetruthspy.com", "b.thetruthspy.com", ...
  // IP addresses are looked up whole only: "1.2.3.4" is no subdomain of "2.3.4".
  const bool ip = key.find_first_not_of("0123456789.") == std::string::npos;
  for (std::string_view candidate = key; !candidate.empty();) {
    const auto it = by_host_.find(std::string(candidate));
    if (it != by_host_.end()) {
      const HostRef* best = &it->second.front();
      for (const HostRef& ref : it->second) {
        if (ref.kind == HostKind::kC2) {
          best = &ref;
          break;
        }
      }
      const IndicatorApp& app = apps_[best->app];
      return HostMatch{std::string(candidate), app.name, app.type, best->kind};
    }
    if (ip) break;
    const size_t dot = candidate.find('.');
    if (dot == std::string_view::npos) break;
    candidate.remove_prefix(dot + 1);
  }
  return std::nullopt;
}

Result<std::string> DefaultIndicatorPath() {
  if (const char* env = std::getenv("STALKGUARD_INDICATORS"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  std::error_code ec;
  std::vector<fs::path> starts;
  if (fs::path exe = fs::read_symlink("/proc/self/exe", ec); !ec) {
    starts.push_back(exe.parent_path());
  }
  if (fs::path cwd = fs::current_path(ec); !ec) starts.push_back(cwd);
  for (fs::path dir : starts) {
    for (int up = 0; up <= kMaxLevelsUp && !dir.empty(); ++up) {
      const fs::path candidate = dir / kRelativePath;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
      if (dir == dir.parent_path()) break;
      dir = dir.parent_path();
    }
  }
  return MakeError(ErrorCode::kNotFound, std::string(kNotFound));
}

}  // namespace stalkguard::detect
