#!/usr/bin/env bash
# Indexing against analyze on scripts/mkcorpus output (same workers), the
# database's size against the input's (with and without stored text), and
# the median latency of 100 timeline and 100 entity-filtered searches.
# Usage: scripts/bench-index.sh [ARTICLES]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
w=$(nproc)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/vnews" ./cmd/vnews
go run ./scripts/mkcorpus -n "$n" > "$tmp/c.jsonl"
size=$(stat -c %s "$tmp/c.jsonl")
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $s" | bc; }
ta=$(t "$tmp/vnews" analyze --workers "$w" "$tmp/c.jsonl")
ti=$(t "$tmp/vnews" index --db "$tmp/c.db" --workers "$w" "$tmp/c.jsonl")
"$tmp/vnews" index --db "$tmp/nt.db" --no-text --workers "$w" "$tmp/c.jsonl" >/dev/null 2>&1 || true
sqlite_size() { local s=0; for f in "$1" "$1-wal"; do [ -f "$f" ] && s=$((s + $(stat -c %s "$f"))); done; echo $s; }
echo "corpus: $n articles, $(awk -v b="$size" 'BEGIN{printf "%.1f", b/1e6}') MB; $w workers"
awk -v a="$ta" -v i="$ti" 'BEGIN{printf "analyze %.2f s, index %.2f s: index at %.0f%% of analyze throughput\n", a, i, 100*a/i}'
awk -v d="$(sqlite_size "$tmp/c.db")" -v e="$(sqlite_size "$tmp/nt.db")" -v b="$size" 'BEGIN{printf "db %.1f MB (%.2fx input) with text, %.1f MB (%.2fx) without\n", d/1e6, d/b, e/1e6, e/b}'
go test -run '^$' -bench 'BenchmarkQueries' -benchtime 1x ./index -args -db "$tmp/c.db"
