// Normalisation speed, one core: Normalize() over the standard corpus (one message per line),
// over plain dictionary words, and over the corpus with look-alike letters and zero-width
// characters mixed in (the ICU path), next to a lower-casing copy of the same bytes (the floor
// any normaliser pays). Target: well under 1 microsecond per 10 words on ASCII text.
//
//   python3 /work/shared/tools/gen_corpus.py --n 100000 --texts --no-mbox --out build/bench/texts
//   normalize_bench build/bench/texts/texts_raw.txt [--benchmark_* flags]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "text/normalizer.h"

namespace text = stalkguard::text;

namespace {

struct Corpus {
  std::vector<std::string> messages;
  size_t bytes = 0;
  size_t words = 0;
};

Corpus Summarise(std::vector<std::string> messages) {
  Corpus corpus;
  for (const std::string& m : messages) {
    corpus.bytes += m.size();
    bool in_word = false;
    for (char c : m) {
      const bool space = c == ' ' || c == '\t' || c == '\n';
      corpus.words += !space && !in_word;
      in_word = !space;
    }
  }
  corpus.messages = std::move(messages);
  return corpus;
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Ten-word messages of dictionary words (ASCII only), a fixed seed so every run is the same.
std::vector<std::string> DictionaryMessages(size_t count) {
  std::vector<std::string> words = ReadLines("/usr/share/dict/words");
  std::vector<std::string> messages;
  if (words.empty()) return messages;
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, words.size() - 1);
  for (size_t i = 0; i < count; ++i) {
    std::string m;
    for (int w = 0; w < 10; ++w) {
      std::string word = words[pick(rng)];
      std::erase_if(word, [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
      if (!m.empty()) m += ' ';
      m += word;
    }
    messages.push_back(m);
  }
  return messages;
}

// The corpus with about one letter in twenty swapped for a Cyrillic look-alike and a zero-width
// space after about one word in ten: the share of disguised text in a hostile conversation.
std::vector<std::string> Disguise(const std::vector<std::string>& messages) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> percent(0, 99);
  std::vector<std::string> out;
  out.reserve(messages.size());
  for (const std::string& m : messages) {
    std::string d;
    for (char c : m) {
      const int roll = percent(rng);
      if (c == 'a' && roll < 5) {
        d += "\u0430";
      } else if (c == 'e' && roll < 5) {
        d += "\u0435";
      } else if (c == 'o' && roll < 5) {
        d += "\u043E";
      } else if (c == ' ' && roll < 10) {
        d += "\u200B ";
      } else {
        d += c;
      }
    }
    out.push_back(d);
  }
  return out;
}

void SetCounters(benchmark::State& state, const Corpus& corpus) {
  const auto messages = static_cast<double>(corpus.messages.size());
  state.counters["msgs/s"] =
      benchmark::Counter(messages, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(corpus.bytes) / 1e6,
                                              benchmark::Counter::kIsIterationInvariantRate);
  // Seconds per (iteration x 10 words), shown as ns per 10 words.
  state.counters["ns/10words"] = benchmark::Counter(
      static_cast<double>(corpus.words) / 10.0 / 1e9,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_Normalize(benchmark::State& state, const Corpus* corpus) {
  text::NormalizedText out;
  for (auto _ : state) {
    for (const std::string& m : corpus->messages) {
      text::Normalize(m, out);
      benchmark::DoNotOptimize(out.text.data());
    }
  }
  SetCounters(state, *corpus);
}

// The floor: copy and lower-case the same bytes.
void BM_LowercaseCopy(benchmark::State& state, const Corpus* corpus) {
  std::string out;
  for (auto _ : state) {
    for (const std::string& m : corpus->messages) {
      out.assign(m);
      for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      benchmark::DoNotOptimize(out.data());
    }
  }
  SetCounters(state, *corpus);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const std::string path = argc > 1 ? argv[1] : "build/bench/texts/texts_raw.txt";
  static const Corpus corpus = Summarise(ReadLines(path));
  if (corpus.messages.empty()) {
    std::fprintf(stderr,
                 "normalize_bench: no messages in %s; make them with\n  python3 "
                 "/work/shared/tools/gen_corpus.py --n 100000 --texts --no-mbox --out "
                 "build/bench/texts\n",
                 path.c_str());
    return 2;
  }
  static const Corpus dictionary = Summarise(DictionaryMessages(100000));
  static const Corpus disguised = Summarise(Disguise(corpus.messages));
  const auto add = [](const char* name, auto fn, const Corpus* c) {
    benchmark::RegisterBenchmark(name, fn, c)->Unit(benchmark::kMillisecond)->MinTime(1.0);
  };
  add("lowercase_copy/corpus", BM_LowercaseCopy, &corpus);
  add("normalize/corpus", BM_Normalize, &corpus);
  if (!dictionary.messages.empty()) add("normalize/dict_words", BM_Normalize, &dictionary);
  add("normalize/corpus_disguised", BM_Normalize, &disguised);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
