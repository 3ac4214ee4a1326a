// IndicatorSet: the stalkerware indicators of compromise published by Echap
// (github.com/AssoEchap/stalkerware-indicators, CC BY 4.0), loaded at run time from its
// ioc.yaml (and watchware.yaml beside it): which Android packages and which hosts belong to
// which stalkerware or "watchware" (monitoring apps sold for parents or employers). The data is
// never copied into this repository; it lives in /work/shared/data/stalkerware_indicators/.
//
//   SG_ASSIGN_OR_RETURN(std::string path, DefaultIndicatorPath());
//   SG_ASSIGN_OR_RETURN(IndicatorSet set, IndicatorSet::Load(path));
//   for (const AppMatch& m : set.Match(packages)) ...
//
// Immutable after loading; every const method is safe from several threads at once.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace stalkguard::detect {

enum class AppType {
  kStalkerware,  // sold to spy on a partner or anyone else, often hidden
  kWatchware,    // sold for parental control or device management, and misused for stalking
};
std::string_view ToString(AppType type);  // "stalkerware", "watchware"

// One app of the indicator files, with the fields we use.
struct IndicatorApp {
  std::string name;                // "TheTruthSpy"
  std::vector<std::string> names;  // names it is also sold under ("Copy9", "MxSpy", ...)
  AppType type = AppType::kStalkerware;
  std::vector<std::string> packages;      // Android package names
  std::vector<std::string> ios_bundles;   // iOS bundle ids
  std::vector<std::string> websites;      // where it is sold
  std::vector<std::string> distribution;  // where its APK is downloaded from
  std::vector<std::string> c2_domains;    // where it sends what it collects
  std::vector<std::string> c2_ips;
  std::string source;  // "ioc.yaml:1": where the record starts
};

// A package of the person's phone that the indicators know.
struct AppMatch {
  std::string package;
  std::string app;  // the app's name in the indicator files
  AppType type = AppType::kStalkerware;
  std::vector<std::string> also_known_as;  // its other names, without `app`
  std::vector<std::string> other_apps;     // other apps that list the same package
  std::string_view what_it_does;           // WhatItDoes(type) (advice.h), a static sentence
};

enum class HostKind { kC2, kWebsite, kDistribution };
std::string_view ToString(HostKind kind);  // "c2", "website", "distribution"

struct HostMatch {
  std::string indicator;  // the listed host that matched ("thetruthspy.com")
  std::string app;
  AppType type = AppType::kStalkerware;
  HostKind kind = HostKind::kC2;
};

class IndicatorSet {
 public:
  IndicatorSet() = default;

  // Reads `path` (the Echap ioc.yaml) and, when a watchware.yaml sits beside it, that too.
  // Fails when a file cannot be read, is not YAML, or is not a list of apps; the message names
  // the file and line. Records that are not usable apps (no name, unknown type) are skipped
  // and listed in skipped(); a file with no usable app at all is an error.
  static Result<IndicatorSet> Load(const std::string& path);

  // Parses one indicator file from memory; `name` names it in errors ("ioc.yaml"). An empty
  // document gives an empty set. Never throws.
  static Result<IndicatorSet> FromYaml(std::string_view text, std::string_view name);

  // Adds the apps of another indicator file, as FromYaml reads it. On failure the set is
  // unchanged.
  Status AddYaml(std::string_view text, std::string_view name);

  // The matches among `packages`, in their order, one per matching package (exact, case-
  // sensitive comparison, as Android compares package names). When several apps list a
  // package, the first stalkerware app in file order is the match and the others are named in
  // other_apps.
  std::vector<AppMatch> Match(std::span<const std::string> packages) const;
  std::optional<AppMatch> MatchPackage(std::string_view package) const;

  // Whether `host` is a listed C2 host, sales website or download site of an app, or a
  // subdomain of one ("www.thetruthspy.com" matches "thetruthspy.com"). Case-insensitive; a
  // trailing dot is ignored. IP addresses match exactly.
  bool IsIndicatorHost(std::string_view host) const { return FindHost(host).has_value(); }
  // The same, saying which app and what kind of host; C2 hosts win over websites.
  std::optional<HostMatch> FindHost(std::string_view host) const;

  const std::vector<IndicatorApp>& apps() const { return apps_; }
  // "ioc.yaml:4120: app has no name; skipped", one per skipped record or value.
  const std::vector<std::string>& skipped() const { return skipped_; }

 private:
  struct HostRef {
    size_t app;
    HostKind kind;
  };
  void Index(size_t first_new_app);

  std::vector<IndicatorApp> apps_;
  std::vector<std::string> skipped_;
  std::unordered_map<std::string, std::vector<size_t>> by_package_;
  std::unordered_map<std::string, std::vector<HostRef>> by_host_;
};

// Where the indicators are: $STALKGUARD_INDICATORS when set (whether or not the file exists,
// so that Load names it in its error), else shared/data/stalkerware_indicators/ioc.yaml in the
// directory of the running binary, the working directory, or a directory above either (the
// shared data sits beside the source tree). Fails with "stalkerware indicators not found: set
// STALKGUARD_INDICATORS or pass --indicators" when none is there.
Result<std::string> DefaultIndicatorPath();

}  // namespace stalkguard::detect
