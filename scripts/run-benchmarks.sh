#!/usr/bin/env bash
# Builds the benchmark programs and runs each on the standard corpus from
# ../shared/tools/gen_corpus.py (made here once, under build/bench/). The figures in the README
# and docs/performance.md come from these runs; docs/performance.md says how to read them.
set -euo pipefail
cd "$(dirname "$0")/.."

gen=../shared/tools/gen_corpus.py
[[ -f $gen ]] || { echo "run-benchmarks: $gen not found (the shared data sets)" >&2; exit 1; }

cmake --build --preset release --target import_bench detect_bench classify_bench pattern_bench \
  normalize_bench evidence_bench alert_latency_bench

if [[ ! -f build/bench/corpus-1m/corpus.jsonl ]]; then
  python3 "$gen" --n 1000000 --no-mbox --out build/bench/corpus-1m
fi
if [[ ! -f build/bench/corpus-100k.jsonl ]]; then
  head -100000 build/bench/corpus-1m/corpus.jsonl > build/bench/corpus-100k.jsonl
fi
if [[ ! -f build/bench/texts/texts_raw.txt ]]; then
  python3 "$gen" --n 100000 --texts --no-mbox --out build/bench/texts
fi

b=build/release/bench
$b/import_bench build/bench/corpus-100k.jsonl build/bench/corpus-1m/corpus.jsonl
$b/detect_bench build/bench/corpus-100k.jsonl build/bench/corpus-1m/corpus.jsonl
$b/classify_bench build/bench/texts/texts_raw.txt --benchmark_min_time=2
$b/pattern_bench build/bench/texts/texts_raw.txt
$b/normalize_bench build/bench/texts/texts_raw.txt
# Builds its own store (one case with 10,000 incidents) in a temporary directory.
$b/evidence_bench
# An in-process server, its own household and a webhook receiver, all on loopback.
$b/alert_latency_bench
