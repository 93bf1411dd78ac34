#!/usr/bin/env bash
# Peak memory of `vnews analyze` on one very long article: a single line of
# SIZE MB (default 25) made of the project's own test articles, measured
# with /usr/bin/time -v; also a 1 MB article, to give the cost per input
# byte at two sizes. The issue's target: peak RSS <= 600 MB at 25 MB.
# Usage: scripts/memory.sh [SIZE_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-25}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/vnews" ./cmd/vnews
# One line: the test articles' text with their line breaks made spaces,
# repeated up to the size.
cat testdata/articles/bien-phong-giup-dan.txt testdata/articles/hoc-vien-khai-giang.txt \
    testdata/articles/su-doan-308-dien-tap.txt testdata/articles/vung-4-tiep-nhan-tau.txt | tr '\r\n' '  ' > "$tmp/unit.txt"
make_article() { # MB FILE
  local want=$(( $1 * 1000000 ))
  : > "$2"
  while [ "$(stat -c %s "$2")" -lt "$want" ]; do cat "$tmp/unit.txt" >> "$2"; done
  truncate -s "$want" "$2"
  # cut at the last space so no UTF-8 sequence is torn
  python3 - "$2" <<'PY' 2>/dev/null || true
import sys; p=sys.argv[1]; b=open(p,'rb').read(); open(p,'wb').write(b[:b.rfind(b' ')])
PY
}
measure() { # FILE LABEL
  local size; size=$(stat -c %s "$1")
  /usr/bin/time -v "$tmp/vnews" analyze --max-bytes 0 --workers 1 "$1" > "$tmp/out.jsonl" 2> "$tmp/time.txt" || true
  local rss secs
  rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$tmp/time.txt")
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time.txt")
  awk -v l="$2" -v s="$size" -v r="$rss" -v t="$secs" 'BEGIN {
    printf "%-14s %6.1f MB in, peak RSS %7.1f MB, %5.1f bytes of RSS per input byte, wall %s\n", l, s/1e6, r/1024, r*1024/s, t }'
  head -c 200 "$tmp/out.jsonl" | grep -q '"schema"' || { echo "no record written"; cat "$tmp/time.txt"; exit 1; }
}
make_article 1 "$tmp/a1.txt"
measure "$tmp/a1.txt" "1 MB article"
make_article "$mb" "$tmp/big.txt"
measure "$tmp/big.txt" "$mb MB article"
