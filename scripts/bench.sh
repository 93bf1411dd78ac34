#!/usr/bin/env bash
# Throughput and memory of `vnews analyze` on JSON Lines articles built from
# the project's own test articles (scripts/mkcorpus): MB/s, articles/s and
# peak RSS with 1 and with all workers, the speedup, and peak RSS for 1,000
# and for 100,000 articles (it must not grow with the corpus).
# Usage: scripts/bench.sh [ARTICLES]   (default 20000 for the throughput runs)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/vnews" ./cmd/vnews
go run ./scripts/mkcorpus -n "$n" > "$tmp/corpus.jsonl"
cpus=$(nproc)
size=$(stat -c %s "$tmp/corpus.jsonl")
timed() { # prints "seconds peak-RSS-KB" of the command
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1
  else
    local s=$(date +%s.%N); "$@" >/dev/null; echo "$(echo "$(date +%s.%N) - $s" | bc) 0"
  fi
}
report() { # label seconds rss articles bytes
  awk -v l="$1" -v s="$2" -v r="$3" -v n="$4" -v b="$5" \
    'BEGIN { printf "%-22s %7.2f s  %6.2f MB/s  %7.0f articles/s  peak RSS %6.1f MB\n", l, s, b/s/1e6, n/s, r/1024 }'
}
echo "corpus: $n articles, $(awk -v b="$size" 'BEGIN{printf "%.1f", b/1e6}') MB of JSON Lines; $cpus CPUs"
read -r s1 r1 < <(timed "$tmp/vnews" analyze --workers 1 "$tmp/corpus.jsonl")
report "analyze, 1 worker" "$s1" "$r1" "$n" "$size"
read -r sn rn < <(timed "$tmp/vnews" analyze --workers "$cpus" "$tmp/corpus.jsonl")
report "analyze, $cpus workers" "$sn" "$rn" "$n" "$size"
awk -v a="$s1" -v b="$sn" -v c="$cpus" 'BEGIN { printf "speedup on %d workers: %.2fx\n", c, a/b }'
echo "memory against corpus size (all workers):"
for m in 1000 100000; do
  go run ./scripts/mkcorpus -n "$m" > "$tmp/m.jsonl"
  read -r s r < <(timed "$tmp/vnews" analyze "$tmp/m.jsonl")
  report "$m articles" "$s" "$r" "$m" "$(stat -c %s "$tmp/m.jsonl")"
done
