#!/usr/bin/env bash
# PDF reading benchmark: gouji (native, and in the browser's worker) against pdf.js
# getTextContent and pdfplumber extract_words, on the same files. Prints a markdown table.
#
#   scripts/bench-pdf.sh [RUNS]        (RUNS per measurement, default 5)
#
# Workloads: the real 25-page PDF under /work/shared/realworld (skipped when absent; set
# GOUJI_BENCH_PDFS=a.pdf:b.pdf for others) and a generated one, GOUJI_BENCH_PDF_UNITS units
# (default 50: 16 pages a unit, and gouji reads 2,000 pages at most) of the seed printed to one PDF by gouji-fixtures.
# Environment: SLOW_RUNS (runs of pdfplumber, default 3; 1 on files over 500 pages),
# SKIP_BROWSER=1 (no chromium), SKIP_PLUMBER=1, CARGO_TARGET_DIR.
#
# Needs: cargo, node (tests/bench: npm ci), python3 with pdfplumber, /usr/bin/chromium and a
# release build in dist/ (./x build) for the browser column, /usr/bin/time for peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *UTF-8* | *utf8* | *UTF8* | *utf-8*) ;;
  *) export LC_ALL=C.UTF-8 LANG=C.UTF-8 ;;
esac
ROOT="$PWD"
RUNS="${1:-5}"
SLOW_RUNS="${SLOW_RUNS:-3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export GOUJI_BENCH_PDF_OUT="$CARGO_TARGET_DIR/bench-pdf"
export GOUJI_BENCH_RUNS="${GOUJI_BENCH_RUNS:-$RUNS}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
LOG="$GOUJI_BENCH_PDF_OUT/logs"
mkdir -p "$LOG"
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""

# Peak resident memory (MB) of a command, its output to $2: "peak_mb" on the last line of $3.
peak() {
  local out="$1" mem="$2"
  shift 2
  if [ -n "$TIME" ]; then
    "$TIME" -f '%M' -o "$mem" "$@" >"$out"
  else
    echo "" >"$mem"
    "$@" >"$out"
  fi
}
mb() { [ -s "$1" ] && awk '{ v = $1 } END { if (v != "") printf "%.0f MB", v / 1024 }' "$1" || echo "—"; }

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" >&2

echo "== native: cargo bench -p gouji-core --bench pdf" >&2
cargo bench -q -p gouji-core --bench pdf 2>"$LOG/native.err" | tee "$LOG/native.txt" >&2
mapfile -t FILES < <(awk -F'\t' '$1 == "RESULT" { print $3 }' "$LOG/native.txt")
if [ "${#FILES[@]}" -eq 0 ]; then
  echo "bench-pdf: no workload (see $LOG/native.txt)" >&2
  exit 1
fi

echo "== native peak memory: the gouji CLI (gouji check) once per file" >&2
cargo build -q --release -p gouji-cli
CLI="$CARGO_TARGET_DIR/release/gouji"
for i in "${!FILES[@]}"; do
  # Exit 1 means error findings: still a full run.
  peak /dev/null "$LOG/cli-$i.mem" sh -c '"$0" check --format json "$1" >/dev/null; [ $? -le 1 ]' "$CLI" "${FILES[$i]}" || echo "gouji check failed on ${FILES[$i]}" >&2
done

echo "== pdf.js (Node)" >&2
(cd tests/bench && { [ -d node_modules/pdfjs-dist ] || npm ci --no-audit --no-fund --loglevel=error --omit=optional; })
for i in "${!FILES[@]}"; do
  peak "$LOG/pdfjs-$i.txt" "$LOG/pdfjs-$i.mem" node tests/bench/pdf-pdfjs.mjs "$RUNS" "${FILES[$i]}" 2>>"$LOG/pdfjs.err"
  grep -v '^RESULT' "$LOG/pdfjs-$i.txt" >&2
done

if [ "${SKIP_PLUMBER:-}" != 1 ]; then
  echo "== pdfplumber (Python)" >&2
  for i in "${!FILES[@]}"; do
    pages="$(awk -F'\t' -v f="${FILES[$i]}" '$1 == "RESULT" && $3 == f { print $4 }' "$LOG/native.txt")"
    runs="$SLOW_RUNS"
    [ "$pages" -gt 500 ] && runs=1
    peak "$LOG/plumber-$i.txt" "$LOG/plumber-$i.mem" python3 scripts/bench_pdfplumber.py "$runs" "${FILES[$i]}" 2>>"$LOG/plumber.err"
    grep -v '^RESULT' "$LOG/plumber-$i.txt" >&2
  done
fi

BROWSER=""
if [ "${SKIP_BROWSER:-}" != 1 ] && [ -x "${GOUJI_CHROMIUM:-/usr/bin/chromium}" ]; then
  [ -f dist/index.html ] || ./x build
  echo "== browser: gouji's worker and pdf.js in chromium (dist/ built $(date -r dist/index.html '+%F %T'))" >&2
  (cd tests/bench && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error --omit=optional; })
  if node tests/bench/pdf-browser.mjs "$RUNS" "${FILES[@]}" >"$LOG/browser.txt" 2>"$LOG/browser.err"; then
    BROWSER="$LOG/browser.txt"
    grep -v '^RESULT' "$BROWSER" >&2
  else
    echo "browser benchmark failed (see $LOG/browser.err)" >&2
    tail -5 "$LOG/browser.err" >&2
  fi
fi

# The table.
res() { awk -F'\t' -v f="$2" -v c="$3" '$1 == "RESULT" && $2 == f { print $c }' "$1" 2>/dev/null; }
fmt() { [ -n "$1" ] && awk -v v="$1" 'BEGIN { printf (v >= 1000 ? "%.2f s" : "%.0f ms"), (v >= 1000 ? v / 1000 : v) }' || echo "—"; }
echo
echo "| workload | pages | MB | gouji native: extract / read / read+check | gouji CLI peak RSS | gouji in browser worker (file chosen → findings) | pdf.js getTextContent (Node) / peak RSS | pdf.js getTextContent (chromium, own worker) | pdfplumber extract_words / peak RSS |"
echo "|---|---:|---:|---|---:|---|---|---|---|"
for i in "${!FILES[@]}"; do
  f="${FILES[$i]}"
  read -r name pages bytes x r g c nruns < <(awk -F'\t' -v f="$f" '$1 == "RESULT" && $3 == f { gsub(/ /, "_", $2); print $2, $4, $5, $6, $7, $8, $9, $11 }' "$LOG/native.txt")
  full="$(awk -v a="$r" -v b="$g" -v c="$c" 'BEGIN { print a + b + c }')"
  native="$(fmt "$x") / $(fmt "$r") / $(fmt "$full") (n=$nruns)"
  pj="$(res "$LOG/pdfjs-$i.txt" "$f" 4)"
  pjn="$(res "$LOG/pdfjs-$i.txt" "$f" 8)"
  pl="$(res "$LOG/plumber-$i.txt" "$f" 4)"
  pln="$(res "$LOG/plumber-$i.txt" "$f" 8)"
  bg="" bp="" bn=""
  if [ -n "$BROWSER" ]; then
    bg="$(res "$BROWSER" "$f" 3)"
    bp="$(res "$BROWSER" "$f" 6)"
    bn="$(res "$BROWSER" "$f" 9)"
  fi
  printf '| %s | %s | %.2f | %s | %s | %s | %s | %s | %s |\n' \
    "${name//_/ }" "$pages" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$native" "$(mb "$LOG/cli-$i.mem")" \
    "$([ -n "$bg" ] && echo "$(fmt "$bg") (n=$bn)" || echo —)" \
    "$([ -n "$pj" ] && echo "$(fmt "$pj") (n=$pjn) / $(mb "$LOG/pdfjs-$i.mem")" || echo —)" \
    "$([ -n "$bp" ] && echo "$(fmt "$bp") (n=$bn)" || echo —)" \
    "$([ -n "$pl" ] && echo "$(fmt "$pl") (n=$pln) / $(mb "$LOG/plumber-$i.mem")" || echo —)"
done
echo
echo "Medians of n runs. gouji's extract = its PDF reader's glyphs and rules alone; read = extract + layout into one grid;"
echo "read+check = read + recognise + every check. pdf.js and pdfplumber only extract text (no tables, no checks)."
echo "Peak RSS: /usr/bin/time -f %M of the process (gouji: one 'gouji check' run; pdf.js and pdfplumber: the process doing all n runs)."
echo "Logs in $LOG."
