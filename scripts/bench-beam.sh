#!/usr/bin/env bash
# The same articles through `vnews analyze --workers 2` and through the Beam
# job (cmd/vnews-beam) on the local prism runner with 2 workers, one after
# the other in the same run: wall time, the Beam job's overhead per record,
# peak RSS, and a check that both wrote the same records.
#
# The corpus is real news text when the shared VietNews data and jq are
# there (the first ARTICLES articles of
# ../shared/data/summaries/vietnews-train-12k.jsonl.gz as {id, title, text}
# with the body sentences as text, in a temporary directory deleted after),
# otherwise scripts/mkcorpus output; CORPUS=mkcorpus forces the latter.
# Usage: scripts/bench-beam.sh [ARTICLES]   (default 10000; REPEAT=3 turns each)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
workers=2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/vnews" ./cmd/vnews
(cd cmd/vnews-beam && go build -o "$tmp/vnews-beam" .)
real=../shared/data/summaries/vietnews-train-12k.jsonl.gz
if [ "${CORPUS:-}" != mkcorpus ] && [ -f "$real" ] && command -v jq >/dev/null; then
  # head closes the pipe early: zcat's SIGPIPE is expected.
  (zcat "$real" || true) | head -n "$n" |
    jq -c '{id, title, text: (.body_sentences | join("\n"))}' > "$tmp/corpus.jsonl"
  kind="VietNews articles (shared data)"
else
  go run ./scripts/mkcorpus -n "$n" > "$tmp/corpus.jsonl"
  kind="scripts/mkcorpus articles"
fi
n=$(wc -l < "$tmp/corpus.jsonl")
size=$(stat -c %s "$tmp/corpus.jsonl")
timed() { # runs the command; prints "wall-seconds cpu-seconds peak-RSS-KB"; exit status 1 (error records) is fine
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" 2>"$tmp/stderr" || [ $? -eq 1 ] || { cat "$tmp/stderr" >&2; exit 1; }
  tail -n 1 "$tmp/time" | awk '{ print $1, $2 + $3, $4 }'
}
echo "corpus: $n $kind, $(awk -v b="$size" 'BEGIN{printf "%.1f", b/1e6}') MB of JSON Lines; $(nproc) CPUs, $workers workers"
# The machine is shared: the two commands take turns, $repeat times each,
# and the best wall time of each is compared (CPU time, less sensitive to
# other load, is shown beside it).
repeat=${REPEAT:-3}
: > "$tmp/cli.times"; : > "$tmp/beam.times"
for r in $(seq "$repeat"); do
  timed sh -c "'$tmp/vnews' analyze --quiet --workers $workers '$tmp/corpus.jsonl' > '$tmp/cli.jsonl'" >> "$tmp/cli.times"
  rm -rf "$tmp/beam"
  timed "$tmp/vnews-beam" --runner prism --workers "$workers" --shards 16 \
    --input "$tmp/corpus.jsonl" --output "$tmp/beam/rec" >> "$tmp/beam.times"
  echo "run $r: analyze $(tail -n 1 "$tmp/cli.times" | cut -d' ' -f1) s, beam $(tail -n 1 "$tmp/beam.times" | cut -d' ' -f1) s; load $(cut -d' ' -f1 /proc/loadavg)"
done
grep -E '^vnews-beam:|^  (time|errors) ' "$tmp/stderr" || true
best() { sort -n -k1 "$1" | head -n 1; }
read -r sc cc rc < <(best "$tmp/cli.times")
read -r sb cb rb < <(best "$tmp/beam.times")
rc=$(sort -n -k3 "$tmp/cli.times" | tail -n 1 | cut -d' ' -f3)
rb=$(sort -n -k3 "$tmp/beam.times" | tail -n 1 | cut -d' ' -f3)
report() { awk -v l="$1" -v s="$2" -v c="$3" -v r="$4" -v n="$n" -v b="$size" \
  'BEGIN { printf "%-30s best %6.2f s wall (%6.2f s CPU)  %5.2f MB/s  %5.0f articles/s  peak RSS %6.1f MB\n", l, s, c, b/s/1e6, n/s, r/1024 }'; }
report "vnews analyze --workers $workers" "$sc" "$cc" "$rc"
report "vnews-beam, prism, $workers workers" "$sb" "$cb" "$rb"
awk -v c="$sc" -v b="$sb" -v cc="$cc" -v cb="$cb" -v n="$n" 'BEGIN {
  printf "Beam/CLI wall time: %.2fx (target 1.30x or less: %s); overhead %.0f µs per record wall, %.0f µs CPU\n",
    b/c, (b/c <= 1.3 ? "met" : "NOT met"), (b-c)/n*1e6, (cb-cc)/n*1e6 }'
if cmp -s <(sort "$tmp/cli.jsonl") <(cat "$tmp"/beam/rec-*-of-*.jsonl | sort); then
  echo "records: the union of the shards equals vnews analyze's output"
else
  echo "records: the shards DIFFER from vnews analyze's output"; exit 1
fi
