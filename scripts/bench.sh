#!/usr/bin/env bash
# Throughput, allocations and memory of vnews on real articles, against a
# baseline commit, in one run on one machine.
#
# The corpus is built in a temporary directory (never committed) from the
# VietNews articles of the shared data (title, lead and body of each; see
# scripts/vietnewscorpus): JSON Lines for analyze, entities and summarize,
# the same texts as plain text for tokenize. The working tree and the
# baseline (built in a temporary git worktree) run the same commands paired
# and interleaved (A B, then B A in the next round), RUNS rounds; the table
# gives the medians: MB/s and articles/s of the input, peak RSS
# (/usr/bin/time), and the ratio to the baseline; then the same in CPU time
# (user + system), which other load on the machine distorts least. Allocations and bytes
# allocated per article come from runtime.MemStats around one in-process
# run of each binary's own code (scripts/benchalloc, laid over cmd/vnews
# with go test -overlay). The outputs of the two builds are compared byte
# for byte (cmp) and any difference is reported.
#
# Usage: scripts/bench.sh [-n ARTICLES] [-r RUNS] [-m] [BASELINE]
#   -n ARTICLES  articles in the corpus (default 4000, about 12.5 MB; 0: all
#                12,000, about 38 MB)
#   -r RUNS      rounds of paired runs (default 5)
#   -m           also the memory check on the project's own articles
#                (scripts/mkcorpus): peak RSS for 1,000 and 100,000 articles
#   BASELINE     commit to compare with (default $VNEWS_BASELINE or 1468439)
# VNEWS_DATA names the VietNews file (default
# ../shared/data/summaries/vietnews-train-12k.jsonl.gz).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=4000 runs=5 memcheck=0
while getopts "n:r:m" opt; do
  case $opt in
    n) n=$OPTARG ;;
    r) runs=$OPTARG ;;
    m) memcheck=1 ;;
    *) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
base=${1:-${VNEWS_BASELINE:-1468439}}
data=${VNEWS_DATA:-../shared/data/summaries/vietnews-train-12k.jsonl.gz}
[ -r "$data" ] || { echo "bench.sh: $data not readable (set VNEWS_DATA)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
base_sha=$(git rev-parse --short "$base^{commit}")

tmp=$(mktemp -d)
cleanup() {
  git worktree remove --force "$tmp/basewt" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "building the corpus, the working tree and the baseline $base_sha ..."
go run ./scripts/vietnewscorpus -n "$n" -text "$tmp/corpus.txt" < "$data" > "$tmp/corpus.jsonl"
go build -o "$tmp/new" ./cmd/vnews
git worktree add --detach "$tmp/basewt" "$base_sha" >/dev/null 2>&1
(cd "$tmp/basewt" && go build -o "$tmp/base" ./cmd/vnews)

articles=$(wc -l < "$tmp/corpus.jsonl")
jsize=$(stat -c %s "$tmp/corpus.jsonl")
tsize=$(stat -c %s "$tmp/corpus.txt")
cpus=$(nproc)
model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
echo "machine: $cpus CPUs ($model), $(go version | cut -d' ' -f3); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $articles VietNews articles, $(awk -v b="$jsize" 'BEGIN{printf "%.1f", b/1e6}') MB of JSON Lines ($(awk -v b="$tsize" 'BEGIN{printf "%.1f", b/1e6}') MB as plain text); $runs rounds of paired runs"

# name|arguments|input
benches=(
  "analyze, 1 worker|analyze --workers 1|jsonl"
  "analyze, 2 workers|analyze --workers 2|jsonl"
  "entities, 1 worker|entities --workers 1|jsonl"
  "summarize, 1 worker|summarize --workers 1|jsonl"
  "tokenize|tokenize|txt"
)
# timed BIN ARGS INPUT OUT: appends "seconds peak-RSS-KB CPU-seconds" of one
# run to OUT.times
timed() {
  local bin=$1 args=$2 input=$3 out=$4
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %M %U %S" -o "$out.t" "$tmp/$bin" $args "$tmp/corpus.$input" > "$out.out" 2>/dev/null || true
  tail -1 "$out.t" | awk '{ print $1, $2, $3 + $4 }' >> "$out.times"
}
for ((r = 1; r <= runs; r++)); do
  printf '\rround %d of %d' "$r" "$runs" >&2
  for i in "${!benches[@]}"; do
    IFS='|' read -r _ args input <<< "${benches[$i]}"
    if ((r % 2)); then order="base new"; else order="new base"; fi
    for bin in $order; do
      timed "$bin" "$args" "$input" "$tmp/$bin.$i"
    done
    if ((r == 1)); then # the outputs of the two builds, byte for byte
      if cmp -s "$tmp/base.$i.out" "$tmp/new.$i.out"; then
        echo "same" > "$tmp/cmp.$i"
      else
        line=$({ cmp "$tmp/base.$i.out" "$tmp/new.$i.out" 2>&1 || true; } | grep -o 'line [0-9]*\|EOF' | head -1)
        echo "DIFFERENT ($line)" > "$tmp/cmp.$i"
      fi
    fi
    rm -f "$tmp/base.$i.out" "$tmp/new.$i.out"
  done
done
echo >&2

median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
printf '%-20s %9s %9s %10s %10s %7s %9s %9s  %s\n' "" "base MB/s" "new MB/s" "base art/s" "new art/s" "ratio" "base RSS" "new RSS" "output"
declare -A secs rss cpu
for i in "${!benches[@]}"; do
  IFS='|' read -r name _ input <<< "${benches[$i]}"
  size=$jsize; [ "$input" = txt ] && size=$tsize
  for bin in base new; do
    secs[$bin.$i]=$(cut -d' ' -f1 "$tmp/$bin.$i.times" | median)
    rss[$bin]=$(cut -d' ' -f2 "$tmp/$bin.$i.times" | median)
    cpu[$bin.$i]=$(cut -d' ' -f3 "$tmp/$bin.$i.times" | median)
  done
  awk -v l="$name" -v sb="${secs[base.$i]}" -v sn="${secs[new.$i]}" -v rb="${rss[base]}" -v rn="${rss[new]}" \
      -v b="$size" -v n="$articles" -v c="$(cat "$tmp/cmp.$i")" 'BEGIN {
    printf "%-20s %9.2f %9.2f %10.0f %10.0f %6.2fx %7.1f MB %6.1f MB  %s\n", l, b/sb/1e6, b/sn/1e6, n/sb, n/sn, sb/sn, rb/1024, rn/1024, c }'
done
awk -v b1="${secs[base.0]}" -v b2="${secs[base.1]}" -v n1="${secs[new.0]}" -v n2="${secs[new.1]}" \
  'BEGIN { printf "analyze, 2 workers against 1 (wall clock): base %.2fx, new %.2fx\n", b1/b2, n1/n2 }'
# CPU time (user + system) is what a loaded machine distorts least: other
# processes take wall-clock time from both builds, but little CPU time.
echo "CPU time (user + system, medians): MB per CPU-second"
for i in "${!benches[@]}"; do
  IFS='|' read -r name _ input <<< "${benches[$i]}"
  size=$jsize; [ "$input" = txt ] && size=$tsize
  awk -v l="$name" -v cb="${cpu[base.$i]}" -v cn="${cpu[new.$i]}" -v b="$size" 'BEGIN {
    printf "%-20s %9.2f %9.2f  ratio %.2fx  (%.2f s, %.2f s)\n", l, b/cb/1e6, b/cn/1e6, cb/cn, cb, cn }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Allocations per article: each build's own code, in process.
head -n 1000 "$tmp/corpus.jsonl" > "$tmp/alloc.jsonl"
asize=$(stat -c %s "$tmp/alloc.jsonl")
echo "allocations (runtime.MemStats, $(wc -l < "$tmp/alloc.jsonl") articles, $(awk -v b="$asize" 'BEGIN{printf "%.1f", b/1e6}') MB):"
for tree in base new; do
  dir=$root; [ $tree = base ] && dir=$tmp/basewt
  printf '{"Replace":{"%s/cmd/vnews/zz_benchalloc_test.go":"%s/scripts/benchalloc/alloc_test.go.in"}}' "$dir" "$root" > "$tmp/overlay.$tree.json"
  for args in "analyze --workers 1" "entities --workers 1" "summarize --workers 1"; do
    res=$(cd "$dir" && VNEWS_ALLOC_CORPUS=$tmp/alloc.jsonl VNEWS_ALLOC_ARGS="$args" \
      go test -overlay "$tmp/overlay.$tree.json" -run '^TestBenchAlloc$' -count 1 -v ./cmd/vnews 2>&1 | grep '^ALLOC' || echo "ALLOC failed")
    printf '  %-4s %-22s %s\n' "$tree" "${args%% --*}" "${res#ALLOC }"
  done
done

if ((memcheck)); then
  echo "memory against corpus size (the project's own articles, $cpus workers):"
  for m in 1000 100000; do
    go run ./scripts/mkcorpus -n "$m" > "$tmp/m.jsonl"
    /usr/bin/time -f "%e %M" -o "$tmp/m.t" "$tmp/new" analyze "$tmp/m.jsonl" > /dev/null
    read -r s r < "$tmp/m.t"
    awk -v m="$m" -v s="$s" -v r="$r" -v b="$(stat -c %s "$tmp/m.jsonl")" \
      'BEGIN { printf "  %6d articles: %6.2f s, %6.2f MB/s, peak RSS %6.1f MB\n", m, s, b/s/1e6, r/1024 }'
  done
fi
