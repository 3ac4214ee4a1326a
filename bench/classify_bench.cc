// Classifier speed, one core, over the standard corpus (one message per line): normalise +
// classify (all six outputs), the cost of each stage (normalise, tokenise, hash, sum weights),
// the whole text stage (one normalisation shared by the pattern layer and the classifier), and,
// measured in the same run, the fastText library's own predict (FastText::predictLine) with a
// model trained with the baseline settings of docs/evaluation.md (one binary output).
//
//   python3 /work/shared/tools/gen_corpus.py --n 100000 --texts --no-mbox --out build/bench/texts
//   tools/evaluate.sh   # trains build/eval/fasttext/jigsaw_toxic_subset.toxic.bin
//   classify_bench build/bench/texts/texts_raw.txt [MODEL] [FASTTEXT_MODEL] [PATTERN_DIR]
//                  [--benchmark_* flags]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "text/normalizer.h"
#include "text/pattern_set.h"

#if defined(SG_HAVE_FASTTEXT)
#include <fasttext/fasttext.h>
#endif

namespace cls = stalkguard::classifier;
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

void SetCounters(benchmark::State& state, const Corpus& corpus) {
  const auto n = static_cast<int64_t>(corpus.messages.size());
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus.bytes));
  state.counters["time_per_msg"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// What `stalkguard classify` and a scan pay per message: normalise, tokenise, hash, score.
void BM_NormalizeAndClassify(benchmark::State& state, const Corpus* corpus,
                             const cls::Classifier* classifier) {
  cls::ClassifierScratch scratch;
  float sink = 0;
  for (auto _ : state) {
    for (const std::string& m : corpus->messages) sink += classifier->Classify(m, scratch)[0];
  }
  benchmark::DoNotOptimize(sink);
  SetCounters(state, *corpus);
}

// Stage 1 alone: text::Normalize.
void BM_Stage1Normalize(benchmark::State& state, const Corpus* corpus) {
  text::NormalizedText normalized;
  size_t sink = 0;
  for (auto _ : state) {
    for (const std::string& m : corpus->messages) {
      text::Normalize(m, normalized);
      sink += normalized.text.size();
    }
  }
  benchmark::DoNotOptimize(sink);
  SetCounters(state, *corpus);
}

// Stages 2 and 3 alone, on text normalised beforehand: tokens, then n-gram hashes.
void BM_Stage2Tokenize(benchmark::State& state, const Corpus* normalized,
                       const cls::Classifier* classifier) {
  const cls::FeatureExtractor extractor(classifier->model().features);
  cls::FeatureScratch scratch;
  size_t sink = 0;
  for (auto _ : state) {
    for (const std::string& m : normalized->messages) {
      extractor.TokenizePrepared(m, scratch);
      sink += scratch.tokens.size();
    }
  }
  benchmark::DoNotOptimize(sink);
  SetCounters(state, *normalized);
}

void BM_Stage2And3TokenizeHash(benchmark::State& state, const Corpus* normalized,
                               const cls::Classifier* classifier) {
  const cls::FeatureExtractor extractor(classifier->model().features);
  cls::FeatureScratch scratch;
  size_t sink = 0;
  for (auto _ : state) {
    for (const std::string& m : normalized->messages) {
      extractor.TokenizePrepared(m, scratch);
      extractor.Hash(scratch);
      sink += scratch.ids.size();
    }
  }
  benchmark::DoNotOptimize(sink);
  SetCounters(state, *normalized);
}

// Stages 2-4 on normalised text: everything but the normaliser.
void BM_Stage2To4Classify(benchmark::State& state, const Corpus* normalized,
                          const std::vector<text::NormalizedText>* prepared,
                          const cls::Classifier* classifier) {
  cls::ClassifierScratch scratch;
  float sink = 0;
  for (auto _ : state) {
    for (const text::NormalizedText& n : *prepared) {
      sink += classifier->ClassifyNormalized(n, scratch)[0];
    }
  }
  benchmark::DoNotOptimize(sink);
  SetCounters(state, *normalized);
}

// The whole text stage: one normalisation, the pattern layer and the classifier.
void BM_TextStage(benchmark::State& state, const Corpus* corpus, const cls::Classifier* classifier,
                  const text::PatternSet* patterns) {
  cls::ClassifierScratch scratch;
  text::NormalizedText normalized;
  std::vector<stalkguard::Finding> findings;
  size_t sink = 0;
  for (auto _ : state) {
    for (const std::string& m : corpus->messages) {
      text::Normalize(m, normalized);
      findings.clear();
      if (!patterns->Scan(normalized, findings)) state.SkipWithError("pattern scan failed");
      const cls::Scores scores = classifier->ClassifyNormalized(normalized, scratch);
      sink += findings.size() + (scores[cls::kThreat] >= classifier->threshold(cls::kThreat));
    }
  }
  benchmark::DoNotOptimize(sink);
  SetCounters(state, *corpus);
}

#if defined(SG_HAVE_FASTTEXT)
// fastText reads its input from a stream; one string stream is reused as a scan would.
void BM_FastTextPredictLine(benchmark::State& state, const Corpus* corpus,
                            const fasttext::FastText* model) {
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  std::istringstream in;
  double sink = 0;
  for (auto _ : state) {
    for (const std::string& m : corpus->messages) {
      in.clear();
      in.str(m);
      model->predictLine(in, predictions, 1, 0.0);
      if (!predictions.empty()) sink += predictions[0].first;
    }
  }
  benchmark::DoNotOptimize(sink);
  SetCounters(state, *corpus);
}
#endif

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const std::string corpus_path = argc > 1 ? argv[1] : "build/bench/texts/texts_raw.txt";
  const std::string model_path = argc > 2 ? argv[2] : "models/classifier.sgm";
  const std::string fasttext_path =
      argc > 3 ? argv[3] : "build/eval/fasttext/jigsaw_toxic_subset.toxic.bin";
  const std::string pattern_dir = argc > 4 ? argv[4] : "config/patterns";
  static const Corpus corpus = ReadCorpus(corpus_path);
  if (corpus.messages.empty()) {
    std::fprintf(stderr,
                 "classify_bench: no messages in %s; make them with\n  python3 "
                 "/work/shared/tools/gen_corpus.py --n 100000 --texts --no-mbox --out "
                 "build/bench/texts\n",
                 corpus_path.c_str());
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  auto loaded = cls::Classifier::Load(model_path);
  if (!loaded) {
    std::fprintf(stderr, "classify_bench: %s\n", loaded.error().message.c_str());
    return 2;
  }
  const double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  static const cls::Classifier classifier = std::move(*loaded);
  benchmark::AddCustomContext("model_load_ms", std::to_string(load_ms));
  benchmark::AddCustomContext("messages", std::to_string(corpus.messages.size()));
  benchmark::AddCustomContext("mean_bytes", std::to_string(corpus.bytes / corpus.messages.size()));

  // Normalised once up front, for the stages after the normaliser.
  static std::vector<text::NormalizedText> prepared(corpus.messages.size());
  static Corpus normalized;
  for (size_t i = 0; i < corpus.messages.size(); ++i) {
    text::Normalize(corpus.messages[i], prepared[i]);
    normalized.messages.push_back(prepared[i].text);
  }
  normalized.bytes = corpus.bytes;  // rates stay per original byte

  benchmark::RegisterBenchmark("NormalizeAndClassify", BM_NormalizeAndClassify, &corpus,
                               &classifier)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("Stage1_Normalize", BM_Stage1Normalize, &corpus)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("Stage2_Tokenize", BM_Stage2Tokenize, &normalized, &classifier)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("Stage2+3_TokenizeHash", BM_Stage2And3TokenizeHash, &normalized,
                               &classifier)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("Stage2+3+4_ClassifyNormalized", BM_Stage2To4Classify, &normalized,
                               &prepared, &classifier)
      ->Unit(benchmark::kMillisecond);

  auto patterns = text::PatternSet::Load(pattern_dir);
  if (patterns) {
    static const text::PatternSet set = std::move(*patterns);
    benchmark::RegisterBenchmark("TextStage_NormalizePatternsClassify", BM_TextStage, &corpus,
                                 &classifier, &set)
        ->Unit(benchmark::kMillisecond);
  } else {
    std::fprintf(stderr, "classify_bench: no pattern layer (%s)\n",
                 patterns.error().message.c_str());
  }

#if defined(SG_HAVE_FASTTEXT)
  static fasttext::FastText fasttext_model;
  try {
    fasttext_model.loadModel(fasttext_path);
    benchmark::RegisterBenchmark("FastText_PredictLine", BM_FastTextPredictLine, &corpus,
                                 &fasttext_model)
        ->Unit(benchmark::kMillisecond);
  } catch (const std::exception& e) {
    std::fprintf(stderr,
                 "classify_bench: no fastText baseline (%s: %s); tools/evaluate.sh "
                 "trains it\n",
                 fasttext_path.c_str(), e.what());
  }
#endif
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
