// Live ingest (scan::LiveIngest, what `stalkguard serve` runs per request batch): batches of
// 1,000 JSONL events ingested into a store that already holds a corpus, each batch stored in a
// committed run and its touched contacts judged again. Reports events/s on the wall clock and
// in process CPU time (both threads), per-batch latency p50/p99, where a batch's time goes
// (IngestResult::phases), and next to it a full RunDetection over the same store at the end.
//
//   ingest_bench BASE.jsonl STREAM.jsonl [--batches N] [--batch-size N] [--threads N]
//                [--sync-full]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "importers/builtin.h"
#include "importers/walker.h"
#include "risk/risk_config.h"
#include "scan/detection.h"
#include "scan/live_ingest.h"
#include "scan/scan.h"
#include "store/sqlite/sqlite_store.h"

namespace sg = stalkguard;
namespace fs = std::filesystem;

namespace {

double CpuSeconds() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Bytes this process has handed to write() so far (/proc/self/io "wchar"): what SQLite writes
// to the WAL, which other work on the machine does not move; -1 when unknown.
double WrittenBytes() {
  FILE* io = std::fopen("/proc/self/io", "r");
  if (io == nullptr) return -1;
  char line[128];
  double bytes = -1;
  while (std::fgets(line, sizeof(line), io) != nullptr)
    if (std::strncmp(line, "wchar: ", 7) == 0) bytes = std::strtod(line + 7, nullptr);
  std::fclose(io);
  return bytes;
}

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

class Collect : public sg::importers::EventSink {
 public:
  void Emit(sg::Event&& event) override { events.push_back(std::move(event)); }
  void Reject(const sg::SourceRef&, const std::string&) override { ++rejected; }
  std::vector<sg::Event> events;
  int64_t rejected = 0;
};

int Fail(const std::string& what) {
  std::fprintf(stderr, "ingest_bench: %s\n", what.c_str());
  return 1;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(
        stderr,
        "usage: ingest_bench BASE.jsonl STREAM.jsonl [--batches N] [--batch-size N]"
        " [--threads N] [--sync-full] [--per-batch] [--no-full] [--case-write-interval MS]\n");
    return 2;
  }
  const std::string base = argv[1], stream = argv[2];
  size_t batches = 20, batch_size = 1000;
  int threads = 2, case_write_interval_ms = 0;
  bool per_batch = false, full_run = true;
  sg::store::SqliteOptions store_options;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--batches" && i + 1 < argc)
      batches = std::stoul(argv[++i]);
    else if (arg == "--batch-size" && i + 1 < argc)
      batch_size = std::stoul(argv[++i]);
    else if (arg == "--threads" && i + 1 < argc)
      threads = std::stoi(argv[++i]);
    else if (arg == "--sync-full")
      store_options.sync_full = true;
    else if (arg == "--per-batch")
      per_batch = true;
    else if (arg == "--no-full")
      full_run = false;
    else if (arg == "--case-write-interval" && i + 1 < argc)
      case_write_interval_ms = std::stoi(argv[++i]);
    else
      return Fail("unknown argument " + arg);
  }
  const fs::path dir =
      fs::temp_directory_path() / ("sg-ingest-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / "live.db").string();

  sg::scan::ScanOptions scan;
  scan.import.normalizer = sg::IdentityNormalizer("US");
  auto store = sg::store::SqliteStore::Open(db, store_options);
  if (!store) return Fail(store.error().message);
  double t = Now();
  auto scanned = sg::scan::RunScan({base}, scan, **store);
  if (!scanned) return Fail(scanned.error().message);
  std::printf("base store: %lld events imported in %.1f s (not timed below)\n",
              static_cast<long long>(scanned->counts.inserted), Now() - t);

  // The stream, parsed as the server would before calling Ingest.
  Collect sink;
  const sg::importers::ImporterList importers = sg::importers::BuiltinImporters();
  sg::importers::Walker walker(importers, scan.import, sink);
  if (auto status = walker.ImportPath(stream); !status) return Fail(status.error().message);
  batches = std::min(batches, sink.events.size() / batch_size);

  sg::scan::LiveIngestOptions options;
  options.threads = threads;
  options.case_write_interval_ms = case_write_interval_ms;
  t = Now();
  double cpu = CpuSeconds();
  auto live = sg::scan::LiveIngest::Create(scan.profile, **store, options);
  if (!live) return Fail(live.error().message);
  std::printf(
      "LiveIngest::Create (load detectors, judge every stored event, store all cases):"
      " %.2f s wall, %.2f s CPU\n",
      Now() - t, CpuSeconds() - cpu);

  std::vector<double> latency;
  int64_t inserted = 0, changes = 0;
  sg::scan::IngestResult::Phases phases;
  const double wall_start = Now(), cpu_start = CpuSeconds(), written_start = WrittenBytes();
  for (size_t b = 0; b < batches; ++b) {
    std::vector<sg::Event> batch(
        std::make_move_iterator(sink.events.begin() + static_cast<ptrdiff_t>(b * batch_size)),
        std::make_move_iterator(sink.events.begin() +
                                static_cast<ptrdiff_t>((b + 1) * batch_size)));
    const double started = Now();
    auto result = live->Ingest(std::move(batch));
    if (!result) return Fail(result.error().message);
    latency.push_back(Now() - started);
    inserted += result->counts.inserted;
    changes += static_cast<int64_t>(result->changes.size());
    phases.store += result->phases.store;
    phases.contacts += result->phases.contacts;
    phases.events += result->phases.events;
    phases.cases += result->phases.cases;
    phases.store_cases += result->phases.store_cases;
    if (per_batch)
      std::printf(
          "  batch %zu: %.1f ms (store %.1f, contacts %.1f, events %.1f, cases %.1f,"
          " store cases %.1f), %zu case changes\n",
          b + 1, 1000 * latency.back(), 1000 * result->phases.store, 1000 * result->phases.contacts,
          1000 * result->phases.events, 1000 * result->phases.cases,
          1000 * result->phases.store_cases, result->changes.size());
  }
  // Cases still waiting to be written are part of the work: written before the clock stops.
  if (auto stored = live->StoreCases(); !stored) return Fail(stored.error().message);
  const double wall = Now() - wall_start, cpu_used = CpuSeconds() - cpu_start;
  const double written = WrittenBytes() - written_start;
  std::printf(
      "live ingest: %zu batches of %zu, %lld inserted, %lld case changes reported\n"
      "  %.0f events/s wall (%.2f s), %.0f events/s CPU (%.2f s, %d threads)\n"
      "  per batch: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
      batches, batch_size, static_cast<long long>(inserted), static_cast<long long>(changes),
      static_cast<double>(inserted) / wall, wall, static_cast<double>(inserted) / cpu_used,
      cpu_used, threads, 1000 * Percentile(latency, 0.5), 1000 * Percentile(latency, 0.99),
      1000 * *std::max_element(latency.begin(), latency.end()));
  const double per_batch_ms = 1000.0 / static_cast<double>(std::max<size_t>(1, batches));
  std::printf(
      "  mean per batch: store %.1f ms, contacts %.1f ms, events %.1f ms, cases %.1f ms,"
      " store cases %.1f ms\n",
      phases.store * per_batch_ms, phases.contacts * per_batch_ms, phases.events * per_batch_ms,
      phases.cases * per_batch_ms, phases.store_cases * per_batch_ms);
  if (written >= 0)
    std::printf("  written (WAL): %.1f MB per batch\n",
                written / 1e6 / static_cast<double>(std::max<size_t>(1, batches)));

  // The comparison: a full detection over the same store, as `stalkguard scan` runs it.
  if (!full_run) {
    fs::remove_all(dir);
    return 0;
  }
  auto detectors = sg::detect::LoadBuiltinDetectors(scan.profile, {});
  if (!detectors) return Fail(detectors.error().message);
  auto config = sg::risk::RiskConfig::Load(sg::risk::DefaultRiskConfigPath());
  if (!config) return Fail(config.error().message);
  t = Now();
  cpu = CpuSeconds();
  auto full = sg::scan::RunDetection(scan.profile, *detectors, *config, **store);
  if (!full) return Fail(full.error().message);
  const double full_wall = Now() - t, full_cpu = CpuSeconds() - cpu;
  std::printf(
      "full RunDetection of the same store: %lld events, %zu cases, %.2f s wall"
      " (%.0f events/s), %.2f s CPU\n",
      static_cast<long long>(full->events), full->cases.size(), full_wall,
      static_cast<double>(full->events) / full_wall, full_cpu);
  fs::remove_all(dir);
  return 0;
}
