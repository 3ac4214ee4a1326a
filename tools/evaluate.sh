#!/usr/bin/env bash
# Evaluates the classifier on our validation split of every data set, next to the plain fastText
# command-line tool trained on the same training split (one binary model per set and output,
# epoch 25, lr 0.5, wordNgrams 2, minn 2, maxn 5, dim 50), then measures robustness to
# obfuscation. Prints Markdown; docs/evaluation.md holds a copy of the output.
#
#   tools/evaluate.sh [MODEL]        # default models/classifier.sgm
#   SG_BUILD_DIR=build/mine tools/evaluate.sh   # another build tree of the release preset
#
# Needs the release build of evaluate_classifier (built here, in build/release or
# $SG_BUILD_DIR) and the `fasttext` tool (Debian fasttext).
# Baseline models are cached in build/eval/fasttext and retrained only when their training
# file changes. SG_DATA overrides ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/classifier.sgm}"
data="${SG_DATA:-../shared/data}"
build="${SG_BUILD_DIR:-build/release}"
evaluate="$build/src/classifier/evaluate_classifier"
out=build/eval/fasttext

cmake --preset release -B "$build" >/dev/null
cmake --build "$build" --target evaluate_classifier >/dev/null
command -v fasttext >/dev/null || { echo "evaluate.sh: install Debian's fasttext" >&2; exit 1; }

mkdir -p "$out/new"
"$evaluate" --data "$data" --export-fasttext "$out/new"
for train in "$out"/new/*.train.txt; do
  name=$(basename "$train" .train.txt)
  valid="$out/new/$name.valid.txt"
  [[ -s "$valid" ]] || continue
  # Same training file as last time: keep the model, fastText takes minutes per set.
  if ! cmp -s "$train" "$out/$name.train.txt" || [[ ! -f "$out/$name.pred" ]]; then
    echo "evaluate.sh: training fastText on $name" >&2
    mv "$train" "$out/$name.train.txt"
    fasttext supervised -input "$out/$name.train.txt" -output "$out/$name" -epoch 25 -lr 0.5 \
      -wordNgrams 2 -minn 2 -maxn 5 -dim 50 -thread 1 -seed 1 -verbose 0
    fasttext predict-prob "$out/$name.bin" "$valid" 2 >"$out/$name.pred"
    # Each model is 400 MB; keep only the one classify_bench compares against.
    [[ "$name" == jigsaw_toxic_subset.toxic ]] || rm -f "$out/$name.bin"
    rm -f "$out/$name.vec"
  fi
  mv "$valid" "$out/$name.valid.txt"
done
rm -rf "$out/new"

echo "## Validation figures"
echo
"$evaluate" --data "$data" --model "$model" --baseline "$out"
echo
echo "## Against fastText, paired bootstrap"
echo
# Our AUC minus fastText's per row, with its spread over 1,000 resamples of the row's messages.
"$evaluate" --data "$data" --model "$model" --baseline "$out" --bootstrap 1000 |
  awk -F'|' 'NF > 10 { print "|" $2 "|" $3 "|" $6 "|" $10 "|" $14 "|" $15 "|" $16 "|" $17 "|" }'
echo
echo "## Robustness"
echo
"$evaluate" --data "$data" --model "$model" --robustness
