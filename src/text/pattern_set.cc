#include "text/pattern_set.h"

#include <hs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include "core/digest.h"
#include "text/internal/obfuscation.h"
#include "text/internal/pattern_file.h"
#include "text/severity.h"

namespace stalkguard::text {
namespace {

namespace fs = std::filesystem;

// Caseless although normalised text is lower case already, so that a pattern's own capitals
// ("I know") still match. UTF8 makes "." and classes step over whole characters. UCP (Unicode
// classes) is left out: Hyperscan rejects \b in UCP mode, word boundaries matter to nearly every
// pattern, and the text they are written for is ASCII once normalised, so ASCII \b and \w are
// right.
constexpr unsigned kPatternFlags = HS_FLAG_CASELESS | HS_FLAG_UTF8;

// Start of match costs: the whole set compiled with HS_FLAG_SOM_LEFTMOST scans at a third of the
// speed, and compiles in twice the time. Only about one message in fifty matches anything, so
// every message is scanned without it, and a message that matches is scanned again, only for the
// patterns that matched, with databases of one pattern each that report where matches start.
// Those are compiled the first time their pattern matches.
constexpr unsigned kStartFlags = kPatternFlags | HS_FLAG_SOM_LEFTMOST;

struct DatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};

// Every database gets an id, so that a thread knows whether its scratch space has been sized
// for it already without asking Hyperscan on every scan.
std::atomic<uint64_t> next_database_id{1};

struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  uint64_t sized_for = 0;  // the database id the scratch was last checked against
  ~ThreadScratch() { hs_free_scratch(scratch); }
};

int OnMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int,
            void* context) {
  static_cast<std::vector<PatternMatch>*>(context)->push_back(
      PatternMatch{id, static_cast<size_t>(from), static_cast<size_t>(to)});
  return 0;  // go on scanning
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, path.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, path.string() + ": read failed");
  return text.str();
}

}  // namespace

struct PatternSet::Database {
  using Handle = std::unique_ptr<hs_database_t, DatabaseDeleter>;
  struct StartDatabase {
    std::once_flag compiled;
    Handle db;  // null when Hyperscan cannot report starts for the pattern
  };

  Handle all;  // every pattern, without start of match
  uint64_t id = 0;
  std::vector<std::string> expressions;       // what was compiled, per pattern
  std::unique_ptr<StartDatabase[]> start_of;  // per pattern, compiled on first use

  // The one-pattern database with start of match for `pattern`, or null.
  const hs_database_t* Start(size_t pattern) {
    StartDatabase& entry = start_of[pattern];
    std::call_once(entry.compiled, [&] {
      hs_database_t* db = nullptr;
      hs_compile_error_t* error = nullptr;
      if (hs_compile(expressions[pattern].c_str(), kStartFlags, HS_MODE_BLOCK, nullptr, &db,
                     &error) == HS_SUCCESS) {
        entry.db.reset(db);
      } else {
        hs_free_compile_error(error);
      }
    });
    return entry.db.get();
  }
};

PatternSet::PatternSet(std::vector<Pattern> patterns, std::unique_ptr<Database> db)
    : patterns_(std::move(patterns)), db_(std::move(db)) {}
PatternSet::PatternSet(PatternSet&&) noexcept = default;
PatternSet& PatternSet::operator=(PatternSet&&) noexcept = default;
PatternSet::~PatternSet() = default;

Result<PatternSet> PatternSet::Load(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return MakeError(ErrorCode::kNotFound, dir.string() + ": no such pattern directory");
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") {
      files.push_back(entry.path());
    }
  }
  if (ec) return MakeError(ErrorCode::kIo, dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<PatternSource> sources;
  for (const fs::path& file : files) {
    SG_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
    sources.push_back(PatternSource{file.string(), std::move(text)});
  }
  return FromSources(sources);
}

namespace {

// The compiled databases (all patterns together, and each pattern's start-of-match one) are
// kept in the user's cache folder, named after everything that went into them (the
// expressions, their flags, Hyperscan's version and this CPU's features), so that a scan starts
// in milliseconds instead of compiling for seconds. A file that does not match its name or does
// not load is ignored and replaced.
constexpr std::string_view kCacheMagic = "stalkguard-hsdb v2\n";

std::string CacheDir() {
  if (const char* env = std::getenv("STALKGUARD_CACHE"); env != nullptr && *env != '\0') return env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return std::string(xdg) + "/stalkguard";
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : ".") + "/.cache/stalkguard";
}

std::string CacheKey(const std::vector<const char*>& expressions,
                     const std::vector<unsigned>& flags) {
  hs_platform_info_t platform{};
  hs_populate_platform(&platform);
  IdHasher hasher;
  hasher.Add(hs_version())
      .Add(static_cast<int64_t>(platform.tune))
      .Add(static_cast<int64_t>(platform.cpu_features));
  for (size_t i = 0; i < expressions.size(); ++i)
    hasher.Add(expressions[i]).Add(static_cast<int64_t>(flags[i]));
  return hasher.HexDigest();
}

// The cached databases: the one of every pattern, and per pattern the one that reports where
// its matches start (null when the pattern has none).
struct CachedDatabases {
  hs_database_t* all = nullptr;
  std::vector<hs_database_t*> starts;
};

void AppendBlock(std::string& out, const char* bytes, size_t size) {
  const uint64_t n = size;
  for (int b = 0; b < 8; ++b) out += static_cast<char>((n >> (8 * b)) & 0xff);
  out.append(bytes, size);
}

// Reads `data` at `pos` as one length-prefixed database; null for an empty block. False when
// the data is cut short or the database does not load.
bool ReadBlock(const std::string& data, size_t& pos, hs_database_t*& db) {
  db = nullptr;
  if (data.size() - pos < 8) return false;
  uint64_t n = 0;
  for (int b = 0; b < 8; ++b) n |= uint64_t{static_cast<unsigned char>(data[pos + b])} << (8 * b);
  pos += 8;
  if (n > data.size() - pos) return false;
  if (n > 0 && hs_deserialize_database(data.data() + pos, n, &db) != HS_SUCCESS) return false;
  pos += n;
  return true;
}

std::optional<CachedDatabases> LoadCached(const std::string& path, const std::string& key,
                                          size_t patterns) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  const std::string header = std::string(kCacheMagic) + key + "\n";
  if (data.compare(0, header.size(), header) != 0) return std::nullopt;
  size_t pos = header.size();
  CachedDatabases cached;
  bool ok = ReadBlock(data, pos, cached.all) && cached.all != nullptr;
  for (size_t i = 0; ok && i < patterns; ++i) {
    ok = ReadBlock(data, pos, cached.starts.emplace_back());
  }
  if (ok && pos == data.size()) return cached;
  hs_free_database(cached.all);
  for (hs_database_t* db : cached.starts) hs_free_database(db);
  return std::nullopt;
}

// Best effort: a cache that cannot be written only costs the next run its compile time.
void StoreCached(const std::string& dir, const std::string& path, const std::string& key,
                 const hs_database_t* all, const std::vector<const hs_database_t*>& starts) {
  std::string out = std::string(kCacheMagic) + key + "\n";
  auto append = [&](const hs_database_t* db) {
    if (db == nullptr) return AppendBlock(out, nullptr, 0), true;
    char* bytes = nullptr;
    size_t size = 0;
    if (hs_serialize_database(db, &bytes, &size) != HS_SUCCESS) return false;
    AppendBlock(out, bytes, size);
    std::free(bytes);
    return true;
  };
  if (!append(all)) return;
  for (const hs_database_t* db : starts)
    if (!append(db)) return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string temp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!file) fs::remove(temp, ec);
  }
  fs::rename(temp, path, ec);  // atomic: readers see the old file or the whole new one
  if (ec) fs::remove(temp, ec);
}

}  // namespace

Result<PatternSet> PatternSet::FromSources(const std::vector<PatternSource>& sources) {
  SG_ASSIGN_OR_RETURN(std::vector<Pattern> patterns, internal::ParsePatternSources(sources));
  std::vector<std::string> compiled;
  std::vector<const char*> expressions;
  std::vector<unsigned> flags(patterns.size(), kPatternFlags);
  std::vector<unsigned> ids;
  compiled.reserve(patterns.size());
  for (size_t i = 0; i < patterns.size(); ++i) {
    compiled.push_back(internal::Loosen(patterns[i].regex));
    ids.push_back(static_cast<unsigned>(i));
  }
  for (const std::string& regex : compiled) expressions.push_back(regex.c_str());

  const std::string key = CacheKey(expressions, flags);
  const std::string cache_dir = CacheDir();
  const std::string cache_path = cache_dir + "/patterns-" + key + ".hsdb";
  std::optional<CachedDatabases> cached = LoadCached(cache_path, key, patterns.size());
  hs_database_t* db = cached ? cached->all : nullptr;
  hs_compile_error_t* error = nullptr;
  const hs_error_t rc = db != nullptr
                            ? HS_SUCCESS
                            : hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                               static_cast<unsigned>(expressions.size()),
                                               HS_MODE_BLOCK, nullptr, &db, &error);
  if (rc != HS_SUCCESS) {
    std::string message = error != nullptr ? error->message : "unknown error";
    const int which = error != nullptr ? error->expression : -1;
    hs_free_compile_error(error);
    if (which >= 0 && static_cast<size_t>(which) < patterns.size()) {
      const Pattern& p = patterns[static_cast<size_t>(which)];
      return MakeError(ErrorCode::kInvalidInput, p.file + ":" + std::to_string(p.line) +
                                                     ": pattern \"" + p.id +
                                                     "\" does not compile: " + message);
    }
    return MakeError(ErrorCode::kInternal, "hyperscan: cannot compile the patterns: " + message);
  }
  auto database = std::make_unique<Database>();
  database->all.reset(db);
  database->id = next_database_id.fetch_add(1);
  database->expressions = std::move(compiled);
  database->start_of = std::make_unique<Database::StartDatabase[]>(patterns.size());
  if (cached) {
    for (size_t i = 0; i < patterns.size(); ++i) {
      Database::StartDatabase& entry = database->start_of[i];
      std::call_once(entry.compiled, [&] { entry.db.reset(cached->starts[i]); });
    }
  } else {
    // Compile every start-of-match database now, once per machine, so that the cache holds
    // them all and no later scan stops to compile one.
    std::vector<const hs_database_t*> starts;
    for (size_t i = 0; i < patterns.size(); ++i) starts.push_back(database->Start(i));
    StoreCached(cache_dir, cache_path, key, database->all.get(), starts);
  }
  return PatternSet(std::move(patterns), std::move(database));
}

Status PatternSet::CompileAll() const {
  for (size_t i = 0; i < patterns_.size(); ++i) {
    if (db_->Start(i) == nullptr) {
      const Pattern& p = patterns_[i];
      return MakeError(ErrorCode::kInvalidInput,
                       p.file + ":" + std::to_string(p.line) + ": pattern \"" + p.id +
                           "\" cannot report where its matches start; simplify it");
    }
  }
  return OkStatus();
}

Status PatternSet::Match(std::string_view normalized_text, std::vector<PatternMatch>& out) const {
  out.clear();
  // Matching runs on the text with runs of a letter squeezed to one ("kiill" -> "kil"); its
  // source map leads back to `normalized_text`.
  thread_local NormalizedText squeezed;
  internal::SqueezeLetters(normalized_text, squeezed);

  thread_local ThreadScratch scratch;
  if (scratch.sized_for != db_->id) {
    if (hs_alloc_scratch(db_->all.get(), &scratch.scratch) != HS_SUCCESS) {
      return MakeError(ErrorCode::kInternal, "hyperscan: cannot allocate scratch space");
    }
    scratch.sized_for = db_->id;
  }
  const auto length = static_cast<unsigned>(squeezed.text.size());
  thread_local std::vector<PatternMatch> ends;  // begin is not known yet
  ends.clear();
  hs_error_t rc =
      hs_scan(db_->all.get(), squeezed.text.data(), length, 0, scratch.scratch, OnMatch, &ends);
  if (rc != HS_SUCCESS) {
    return MakeError(ErrorCode::kInternal, "hyperscan: scan failed (" + std::to_string(rc) + ")");
  }
  if (ends.empty()) return OkStatus();

  thread_local std::vector<PatternMatch> found;
  found.clear();
  std::sort(ends.begin(), ends.end(), [](const PatternMatch& a, const PatternMatch& b) {
    return std::tie(a.pattern, a.end) < std::tie(b.pattern, b.end);
  });
  for (size_t i = 0; i < ends.size(); ++i) {
    const size_t pattern = ends[i].pattern;
    if (i > 0 && ends[i - 1].pattern == pattern) continue;
    const hs_database_t* start_db = db_->Start(pattern);
    if (start_db == nullptr) {
      // No start available (CompileAll() finds such patterns first): the span runs from the
      // start of the message, which over-reports but never loses the match.
      for (size_t k = i; k < ends.size() && ends[k].pattern == pattern; ++k) {
        found.push_back(PatternMatch{pattern, 0, ends[k].end});
      }
      continue;
    }
    // Sized lazily as each pattern's database appears; a no-op once the scratch is big enough.
    if (hs_alloc_scratch(start_db, &scratch.scratch) != HS_SUCCESS) {
      return MakeError(ErrorCode::kInternal, "hyperscan: cannot allocate scratch space");
    }
    const size_t before = found.size();
    rc = hs_scan(start_db, squeezed.text.data(), length, 0, scratch.scratch, OnMatch, &found);
    if (rc != HS_SUCCESS) {
      return MakeError(ErrorCode::kInternal, "hyperscan: scan failed (" + std::to_string(rc) + ")");
    }
    for (size_t k = before; k < found.size(); ++k) found[k].pattern = pattern;
  }

  // Hyperscan reports every end of every match ("i saw you at t", "... th", ...); one pattern's
  // overlapping matches are one finding, spanning their union.
  std::sort(found.begin(), found.end(), [](const PatternMatch& a, const PatternMatch& b) {
    return std::tie(a.pattern, a.begin, a.end) < std::tie(b.pattern, b.begin, b.end);
  });
  for (const PatternMatch& m : found) {
    if (!out.empty() && out.back().pattern == m.pattern && m.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, m.end);
    } else {
      out.push_back(m);
    }
  }
  for (PatternMatch& m : out) {
    const TextSpan span = ToOriginal(squeezed, m.begin, m.end);
    m.begin = span.begin;
    m.end = span.end;
  }
  return OkStatus();
}

Status PatternSet::Scan(const NormalizedText& normalized, std::vector<Finding>& out) const {
  thread_local std::vector<PatternMatch> matches;
  SG_RETURN_IF_ERROR(Match(normalized.text, matches));
  for (const PatternMatch& m : matches) {
    const Pattern& pattern = patterns_[m.pattern];
    Finding finding;
    finding.detector = kPatternDetector;
    finding.category = pattern.category;
    finding.score = pattern.score;
    finding.severity = SeverityForScore(pattern.score);
    finding.span = ToOriginal(normalized, m.begin, m.end);
    finding.why = "pattern: " + pattern.id;
    out.push_back(std::move(finding));
  }
  return OkStatus();
}

Status PatternSet::Scan(std::string_view original_text, std::vector<Finding>& out) const {
  thread_local NormalizedText normalized;
  Normalize(original_text, normalized);
  return Scan(normalized, out);
}

}  // namespace stalkguard::text
