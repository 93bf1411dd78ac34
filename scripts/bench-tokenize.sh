#!/usr/bin/env bash
# Measures `vnews tokenize` on one core: builds a ~20 MB corpus from the
# project's own articles, runs the CLI five times pinned to CPU 0, and
# reports the median time, syllables per second and peak RSS.
# Usage: scripts/bench-tokenize.sh [CORPUS]   (default: a corpus built from testdata)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/vnews" ./cmd/vnews
corpus=${1:-}
if [ -z "$corpus" ]; then
  corpus=$tmp/corpus.txt
  one=$(for f in testdata/articles/*.txt; do case $f in *tcvn3*) ;; *) cat "$f" ;; esac; done)
  while [ "$(stat -c %s "$corpus" 2>/dev/null || echo 0)" -lt 20000000 ]; do printf '%s\n' "$one" >> "$corpus"; done
fi
syl=$(grep -oP '[\p{L}]+' "$corpus" | wc -l)
pin=""; command -v taskset >/dev/null && pin="taskset -c 0"
for i in 1 2 3 4 5; do
  /usr/bin/time -f "%e %M" $pin "$tmp/vnews" tokenize < "$corpus" 2>>"$tmp/times" >/dev/null
done
read -r secs rss < <(sort -n "$tmp/times" | sed -n 3p)
awk -v s="$secs" -v n="$syl" -v r="$rss" -v b="$(stat -c %s "$corpus")" \
  'BEGIN { printf "corpus %.1f MB, %d syllables: median %.2f s, %.2f M syllables/s, %.1f MB/s, peak RSS %.1f MB\n", b/1e6, n, s, n/s/1e6, b/s/1e6, r/1024 }'
