#!/usr/bin/env bash
# Indexing against analyze on scripts/mkcorpus output (same workers): wall
# time and CPU time (user+sys) of each, best of RUNS runs taken in turn so
# that both see the same load; the database's size against the input's,
# with and without stored text, and per table (dbstat); each run's paired
# ratio and their median (see below); the median latency
# of 100 person timelines and of 100 entity-filtered searches, and of the
# timeline of the name mentioned most.
# The corpus's people are made-up ones drawn with Zipf's law and its
# articles are dated (mkcorpus -people 10000 -dated), so that names recur
# as in a real corpus; MKCORPUS_FLAGS="" gives the plain mkcorpus corpus,
# where every article names the same dozen people.
# Usage: scripts/bench-index.sh [ARTICLES [RUNS]]   (default 20000 1)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
runs=${2:-1}
w=$(nproc)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/vnews" ./cmd/vnews
go run ./scripts/mkcorpus -n "$n" ${MKCORPUS_FLAGS--people 10000 -dated} > "$tmp/c.jsonl"
size=$(stat -c %s "$tmp/c.jsonl")
timed() { # prints "wall cpu" seconds of the command
  /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%s %.2f\n", $1, $2+$3}'
}
best() { sort -n -k"$1" | head -1 | awk -v k="$1" '{print $k}'; }
: > "$tmp/a"; : > "$tmp/i"
for _ in $(seq "$runs"); do
  timed "$tmp/vnews" analyze -q --workers "$w" "$tmp/c.jsonl" >> "$tmp/a"
  rm -f "$tmp/c.db"*
  timed "$tmp/vnews" index -q --db "$tmp/c.db" --workers "$w" "$tmp/c.jsonl" >> "$tmp/i"
done
"$tmp/vnews" index -q --db "$tmp/nt.db" --no-text --workers "$w" "$tmp/c.jsonl"
sqlite_size() { local s=0; for f in "$1" "$1-wal"; do [ -f "$f" ] && s=$((s + $(stat -c %s "$f"))); done; echo $s; }
echo "corpus: $n articles (mkcorpus ${MKCORPUS_FLAGS--people 10000 -dated}), $(awk -v b="$size" 'BEGIN{printf "%.1f", b/1e6}') MB; $w workers; $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
aw=$(best 1 < "$tmp/a"); ac=$(best 2 < "$tmp/a"); iw=$(best 1 < "$tmp/i"); ic=$(best 2 < "$tmp/i")
awk -v aw="$aw" -v ac="$ac" -v iw="$iw" -v ic="$ic" 'BEGIN{
  printf "analyze %.2f s wall, %.2f s CPU; index %.2f s wall, %.2f s CPU\n", aw, ac, iw, ic
  printf "index throughput: %.0f%% of analyze by wall time, %.0f%% by CPU time\n", 100*aw/iw, 100*ac/ic }'
# On a machine whose speed drifts between runs, the best times of the two
# commands may come from different moments: the ratio of each analyze run
# to the index run right after it, and their median, pair them instead.
paste "$tmp/a" "$tmp/i" | awk '{printf "%.1f %.1f\n", 100*$1/$3, 100*$2/$4}' > "$tmp/r"
echo "paired runs (wall% CPU%): $(tr '\n' ';' < "$tmp/r" | sed 's/;$//; s/;/; /g')"
echo "median of the paired ratios: $(cut -d' ' -f1 "$tmp/r" | sort -n | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')% by wall time, $(cut -d' ' -f2 "$tmp/r" | sort -n | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')% by CPU time"
awk -v d="$(sqlite_size "$tmp/c.db")" -v e="$(sqlite_size "$tmp/nt.db")" -v b="$size" 'BEGIN{printf "db %.1f MB (%.2fx input) with text, %.1f MB (%.2fx) without\n", d/1e6, d/b, e/1e6, e/b}'
go test -run '^TestSpace$' -v ./index -args -db "$tmp/c.db" | grep -v '^\(=== \|--- \|PASS\|ok\)'
go test -run '^$' -bench 'BenchmarkQueries' -benchtime 1x ./index -args -db "$tmp/c.db" | grep Benchmark
