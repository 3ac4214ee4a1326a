#!/usr/bin/env bash
# Load test of `stalkguard serve` on loopback with wrk (bounded in time): batched ingest with
# detection, then single-event ingest latency. The server gets a household whose store already
# holds 100,000 events of the standard corpus (gen_corpus.py), then wrk POSTs new events from
# the corpus's next 20,000 (each with a new id) for a fixed time.
#
#   scripts/load-test.sh [--seconds 20] [--batch 1000] [--connections 2]
#                        [--case-write-interval-ms 1000]   (serve's option; 0: cases with every run)
#
# Prints wrk's report for each phase and the events/s figure; docs/performance.md has results.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20 batch=1000 connections=2 case_write_interval_ms=1000
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --case-write-interval-ms) case_write_interval_ms=$2; shift 2 ;;
    *) echo "load-test: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "load-test: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

cmake --build --preset release --target stalkguard >/dev/null
sg=build/release/apps/stalkguard/stalkguard
corpus=build/bench/corpus-120k
if [[ ! -f $corpus/stream.jsonl ]]; then
  python3 ../shared/tools/gen_corpus.py --n 120000 --no-mbox --out $corpus
  head -100000 $corpus/corpus.jsonl > $corpus/base.jsonl
  tail -n +100001 $corpus/corpus.jsonl > $corpus/stream.jsonl
fi

data=$(mktemp -d /tmp/sg-load.XXXXXX)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

$sg admin household add --data "$data" "Load test" >/dev/null
echo "orchid-tunnel-58-lantern" | $sg admin user add --data "$data" --household 1 --login load \
  --role protected >/dev/null
token=$($sg admin token create --data "$data" --login load --name wrk | grep -o 'sgt_[A-Za-z0-9_-]*')

port=$((20000 + RANDOM % 20000))
$sg serve --data "$data" --listen 127.0.0.1:$port --quiet --rate 100000000 --max-body-mb 64 \
  --case-write-interval-ms "$case_write_interval_ms" 2>"$data/serve.log" &
server_pid=$!
for _ in $(seq 100); do
  curl -sf http://127.0.0.1:$port/api/v1/health >/dev/null && break
  sleep 0.2
done
url=http://127.0.0.1:$port
curl -sf -X PUT -H "Authorization: Bearer $token" --data-binary @examples/profile.toml \
  $url/api/v1/profile >/dev/null

echo "load-test: filling the store with $corpus/base.jsonl (not timed)"
split -l 10000 $corpus/base.jsonl "$data/base-"
for part in "$data"/base-*; do
  curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$part" $url/api/v1/events >/dev/null
done

echo "load-test: batched ingest, $batch events a request, $connections connections, ${seconds}s"
wrk -t"$connections" -c"$connections" -d"${seconds}s" --timeout 30s --latency \
  -s bench/wrk/ingest.lua $url -- "$token" $corpus/stream.jsonl "$batch" | tee "$data/batched.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$data/batched.txt")
awk -v r="$rps" -v b="$batch" 'BEGIN {printf "load-test: batched ingest %.0f events/s\n", r * b}'

echo "load-test: single-event ingest, 1 connection, 10s"
wrk -t1 -c1 -d10s --timeout 10s --latency -s bench/wrk/ingest.lua $url -- "$token" \
  $corpus/stream.jsonl 1

metrics=$(curl -sf http://127.0.0.1:$port/api/v1/metrics)
metric() { awk -v m="$1" '$1 == m {print $2}' <<<"$metrics"; }
echo "load-test: the server stored $(metric stalkguard_events_ingested_total) events in all," \
  "$(metric stalkguard_ingest_requests_total) ingest requests in $(metric stalkguard_ingest_runs_total) runs"
