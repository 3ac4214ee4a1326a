// Pattern stage speed, one core: normalise + PatternSet::Scan over the standard corpus (one
// message per line), the two halves on their own, and as the baseline, measured in the same run,
// Hyperscan scanning the raw text with the same expressions and no normalisation. The text stage
// as a whole (with the classifier) must reach 50,000 messages/s; this part should stay far above
// 200,000.
//
//   python3 /work/shared/tools/gen_corpus.py --n 100000 --texts --no-mbox --out build/bench/texts
//   pattern_bench build/bench/texts/texts_raw.txt [config/patterns] [--benchmark_* flags]
#include <benchmark/benchmark.h>
#include <hs.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/finding.h"
#include "text/normalizer.h"
#include "text/pattern_set.h"

namespace text = stalkguard::text;

namespace {

struct Corpus {
  std::vector<std::string> messages;
  size_t bytes = 0;
};

Corpus ReadCorpus(const std::string& path) {
  Corpus corpus;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    corpus.bytes += line.size();
    corpus.messages.push_back(std::move(line));
  }
  return corpus;
}

void SetCounters(benchmark::State& state, const Corpus& corpus, size_t findings) {
  state.counters["msgs/s"] = benchmark::Counter(static_cast<double>(corpus.messages.size()),
                                                benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(corpus.bytes) / 1e6,
                                              benchmark::Counter::kIsIterationInvariantRate);
  state.counters["findings"] = static_cast<double>(findings);
}

void BM_NormalizeAndScan(benchmark::State& state, const Corpus* corpus,
                         const text::PatternSet* set) {
  std::vector<stalkguard::Finding> findings;
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const std::string& m : corpus->messages) {
      findings.clear();
      if (!set->Scan(m, findings)) state.SkipWithError("scan failed");
      found += findings.size();
    }
  }
  SetCounters(state, *corpus, found);
}

void BM_NormalizeOnly(benchmark::State& state, const Corpus* corpus) {
  text::NormalizedText norm;
  for (auto _ : state) {
    for (const std::string& m : corpus->messages) {
      text::Normalize(m, norm);
      benchmark::DoNotOptimize(norm.text.data());
    }
  }
  SetCounters(state, *corpus, 0);
}

// The pattern half alone, on text normalised beforehand.
void BM_ScanNormalized(benchmark::State& state, const Corpus* corpus, const text::PatternSet* set) {
  std::vector<text::NormalizedText> normalized(corpus->messages.size());
  for (size_t i = 0; i < corpus->messages.size(); ++i) {
    text::Normalize(corpus->messages[i], normalized[i]);
  }
  std::vector<stalkguard::Finding> findings;
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const text::NormalizedText& n : normalized) {
      findings.clear();
      if (!set->Scan(n, findings)) state.SkipWithError("scan failed");
      found += findings.size();
    }
  }
  SetCounters(state, *corpus, found);
}

int CountMatch(unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
  ++*static_cast<size_t*>(context);
  return 0;
}

// Baseline: the same expressions (defines expanded) in one Hyperscan database, caseless, no
// start of match, scanning the raw text. What the patterns would cost with no normalisation and
// none of its robustness.
void BM_HyperscanRaw(benchmark::State& state, const Corpus* corpus, const text::PatternSet* set) {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (size_t i = 0; i < set->patterns().size(); ++i) {
    expressions.push_back(set->patterns()[i].regex.c_str());
    flags.push_back(HS_FLAG_CASELESS | HS_FLAG_UTF8);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &db,
                       &error) != HS_SUCCESS) {
    state.SkipWithError(error->message);
    hs_free_compile_error(error);
    return;
  }
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  size_t matches = 0;
  for (auto _ : state) {
    matches = 0;
    for (const std::string& m : corpus->messages) {
      hs_scan(db, m.data(), static_cast<unsigned>(m.size()), 0, scratch, CountMatch, &matches);
    }
  }
  SetCounters(state, *corpus, matches);
  hs_free_scratch(scratch);
  hs_free_database(db);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const std::string corpus_path = argc > 1 ? argv[1] : "build/bench/texts/texts_raw.txt";
  const std::string pattern_dir = argc > 2 ? argv[2] : "config/patterns";
  static const Corpus corpus = ReadCorpus(corpus_path);
  if (corpus.messages.empty()) {
    std::fprintf(stderr,
                 "pattern_bench: no messages in %s; make them with\n  python3 "
                 "/work/shared/tools/gen_corpus.py --n 100000 --texts --no-mbox --out "
                 "build/bench/texts\n",
                 corpus_path.c_str());
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  auto loaded = text::PatternSet::Load(pattern_dir);
  if (!loaded) {
    std::fprintf(stderr, "pattern_bench: %s\n", loaded.error().message.c_str());
    return 2;
  }
  const double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  static const text::PatternSet set = std::move(*loaded);
  benchmark::AddCustomContext("patterns", std::to_string(set.patterns().size()));
  benchmark::AddCustomContext("pattern_load_ms", std::to_string(static_cast<int>(load_ms)));
  benchmark::AddCustomContext("messages", std::to_string(corpus.messages.size()));

  const auto add = [](const char* name, auto fn, auto... args) {
    benchmark::RegisterBenchmark(name, fn, args...)->Unit(benchmark::kMillisecond)->MinTime(2.0);
  };
  add("hyperscan_raw_baseline", BM_HyperscanRaw, &corpus, &set);
  add("normalize_only", BM_NormalizeOnly, &corpus);
  add("patterns_on_normalized", BM_ScanNormalized, &corpus, &set);
  add("normalize_and_patterns", BM_NormalizeAndScan, &corpus, &set);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
