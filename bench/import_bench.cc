// Import throughput: native JSONL into the SQLite store, one core, against two baselines
// measured in the same run: parsing alone (no store) and the plain SQLite insert of the same
// number of rows (the floor any importer pays). Corpus files are named on the command line:
//
//   import_bench build/bench/corpus-1m/corpus.jsonl [--benchmark_* flags]
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/digest.h"
#include "importers/jsonl/jsonl_importer.h"
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

int64_t CountLines(const std::string& path) {
  std::ifstream in(path);
  return std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n');
}

std::string TempDb() {
  const fs::path dir = fs::temp_directory_path() / ("sg-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / "bench.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  return db;
}

class CountingSink : public sg::importers::EventSink {
 public:
  void Emit(sg::Event&& e) override {
    bytes += e.text.size();
    ++events;
  }
  void Reject(const sg::SourceRef&, const std::string&) override { ++rejected; }
  int64_t events = 0, rejected = 0, bytes = 0;
};

void ParseOnly(benchmark::State& state, const std::string& path) {
  auto importer = sg::importers::MakeJsonlImporter();
  sg::importers::ImportOptions options;
  options.normalizer = sg::IdentityNormalizer("US");
  int64_t events = 0;
  for (auto _ : state) {
    sg::importers::FileSource source(path);
    CountingSink sink;
    if (!importer->Import(source, options, sink)) state.SkipWithError("import failed");
    events = sink.events;
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events),
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_MB"] = PeakRssMb();
}

void ImportToSqlite(benchmark::State& state, const std::string& path) {
  int64_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string db = TempDb();
    auto store = sg::store::SqliteStore::Open(db);
    if (!store) {
      state.SkipWithError(store.error().message.c_str());
      return;
    }
    sg::scan::ScanOptions options;
    options.import.normalizer = sg::IdentityNormalizer("US");
    state.ResumeTiming();
    auto report = sg::scan::RunScan({path}, options, **store);
    if (!report) {
      state.SkipWithError(report.error().message.c_str());
      return;
    }
    events = report->counts.inserted;
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events),
                                                  benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_rss_MB"] = PeakRssMb();
}

// The same row count written with bare prepared statements: a 16-byte id and the text.
void SqliteFloor(benchmark::State& state, int64_t rows) {
  for (auto _ : state) {
    state.PauseTiming();
    const std::string db = TempDb();
    sqlite3* conn = nullptr;
    sqlite3_open(db.c_str(), &conn);
    sqlite3_exec(conn,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE t(seq INTEGER PRIMARY KEY, id BLOB UNIQUE, body TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(conn, "INSERT INTO t(id, body) VALUES (?1, ?2)", -1, &stmt, nullptr);
    const std::string body(120, 'x');
    state.ResumeTiming();
    for (int64_t i = 0; i < rows; ++i) {
      if (i % 4096 == 0)
        sqlite3_exec(conn, i == 0 ? "BEGIN" : "COMMIT; BEGIN", nullptr, nullptr, nullptr);
      const std::string id = sg::IdHasher().Add(i).HexDigest();
      sqlite3_reset(stmt);
      sqlite3_bind_blob(stmt, 1, id.data(), 16, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
      sqlite3_step(stmt);
    }
    sqlite3_exec(conn, "COMMIT", nullptr, nullptr, nullptr);
    state.PauseTiming();
    sqlite3_finalize(stmt);
    sqlite3_close(conn);
    state.ResumeTiming();
  }
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: import_bench CORPUS.jsonl... [--benchmark flags]\n");
    return 2;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    const int64_t lines = CountLines(path);
    const std::string tag = std::to_string(lines) + "_events";
    benchmark::RegisterBenchmark(("sqlite_floor/" + tag).c_str(), SqliteFloor, lines)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
    benchmark::RegisterBenchmark(("jsonl_parse_only/" + tag).c_str(), ParseOnly, path)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
    benchmark::RegisterBenchmark(("jsonl_import_sqlite/" + tag).c_str(), ImportToSqlite, path)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  fs::remove_all(fs::temp_directory_path() / ("sg-bench-" + std::to_string(::getpid())));
  return 0;
}
