// End-to-end detection throughput on one core: import + detect + store of a native JSONL
// corpus, next to the import alone measured in the same run (the baseline detection adds to).
// Loading the text layer (patterns and model) is timed once, apart from the runs.
//
//   detect_bench build/bench/corpus-1m/corpus.jsonl [--benchmark_* flags]
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "detectors/builtin.h"
#include "risk/risk_config.h"
#include "scan/detection.h"
#include "scan/scan.h"
#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;
namespace fs = std::filesystem;

namespace {

double PeakRssMb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

std::string TempDb(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("sg-detect-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / name).string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  return db;
}

sg::scan::ScanOptions Options() {
  sg::scan::ScanOptions options;
  options.import.normalizer = sg::IdentityNormalizer("US");
  return options;
}

const sg::detect::DetectorSet* g_detectors = nullptr;
const sg::risk::RiskConfig* g_config = nullptr;

void ImportOnly(benchmark::State& state, const std::string& path) {
  int64_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = sg::store::SqliteStore::Open(TempDb("import.db"));
    if (!store) return state.SkipWithError(store.error().message.c_str());
    state.ResumeTiming();
    auto report = sg::scan::RunScan({path}, Options(), **store);
    if (!report) return state.SkipWithError(report.error().message.c_str());
    events = report->counts.inserted;
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events),
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_MB"] = PeakRssMb();
}

void ImportAndDetect(benchmark::State& state, const std::string& path) {
  int64_t events = 0, cases = 0;
  double detect_seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = sg::store::SqliteStore::Open(TempDb("detect.db"));
    if (!store) return state.SkipWithError(store.error().message.c_str());
    const sg::scan::ScanOptions options = Options();
    state.ResumeTiming();
    auto report = sg::scan::RunScan({path}, options, **store);
    if (!report) return state.SkipWithError(report.error().message.c_str());
    auto detected = sg::scan::RunDetection(options.profile, *g_detectors, *g_config, **store);
    if (!detected) return state.SkipWithError(detected.error().message.c_str());
    events = detected->events;
    cases = static_cast<int64_t>(detected->cases.size());
    detect_seconds = detected->seconds;
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events),
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["detect_events/s"] = static_cast<double>(events) / detect_seconds;
  state.counters["cases"] = static_cast<double>(cases);
  state.counters["peak_rss_MB"] = PeakRssMb();
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: detect_bench CORPUS.jsonl... [--benchmark flags]\n");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  const sg::Profile profile;
  auto detectors = sg::detect::LoadBuiltinDetectors(profile, {});
  if (!detectors) {
    std::fprintf(stderr, "detect_bench: %s\n", detectors.error().message.c_str());
    return 1;
  }
  auto config = sg::risk::RiskConfig::Load(sg::risk::DefaultRiskConfigPath());
  if (!config) {
    std::fprintf(stderr, "detect_bench: %s\n", config.error().message.c_str());
    return 1;
  }
  std::printf("detectors loaded in %.2f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  g_detectors = &*detectors;
  g_config = &*config;
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    const std::string tag = fs::path(path).filename().string();
    benchmark::RegisterBenchmark(("import_only/" + tag).c_str(), ImportOnly, path)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
    benchmark::RegisterBenchmark(("import_detect_store/" + tag).c_str(), ImportAndDetect, path)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fs::remove_all(fs::temp_directory_path() / ("sg-detect-bench-" + std::to_string(::getpid())));
  return 0;
}
