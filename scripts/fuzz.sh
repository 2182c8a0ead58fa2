#!/usr/bin/env bash
# Runs the cargo-fuzz targets for a given time each and prints libFuzzer's totals.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (./x fuzz does the same)
#
# Seeds come from the fixtures (one table per file, every format) and tests/data. Crashes land in
# fuzz/artifacts/TARGET/; copy each into tests/data/fuzz-regressions/ (the core's regression test
# reads every file there) before fixing it. Targets build as shipped (-O: optimised, no overflow
# checks; calamine has integer overflows in xls records that only panic with overflow checks on).
# The pdf target is seeded with the seed budget written as PDF (several page breaks, with and
# without a repeated page header) and the published PDFs of ../shared/realworld up to 400 KB, where
# that folder exists; its inputs may be up to 512 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read_any read_text recognise pipeline narrative pdf)

command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal

seeds=target/fixtures/fuzz
if [ ! -d "$seeds" ]; then cargo run -q -p gouji-fixtures -- target/fixtures fuzz; fi
for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus"
  if [ -z "$(ls -A "$corpus")" ]; then
    case "$t" in
      narrative) cp "$seeds"/narrative.txt "$seeds"/t0.txt "$corpus"/ ;;
      pdf)
        for n in 4 8 40; do
          cargo run -q -p gouji-fixtures --example seed_pdf -- "$corpus/seed-$n.pdf" "$n"
          cargo run -q -p gouji-fixtures --example seed_pdf -- "$corpus/seed-$n-header.pdf" "$n" header
        done
        if [ -d ../shared/realworld ]; then
          find ../shared/realworld -name '*.pdf' -size -401k -exec cp {} "$corpus"/ \;
        fi
        ;;
      read_text | recognise) cp "$seeds"/*.csv "$seeds"/*.txt "$corpus"/ ;;
      *) cp "$seeds"/* tests/data/seed-tables.xls tests/data/seed-tables.ods tests/data/encrypted.xlsx "$corpus"/ ;;
    esac
    cp tests/data/fuzz-regressions/* "$corpus"/ 2>/dev/null || true
  fi
  max_len=262144
  [ "$t" = pdf ] && max_len=524288
  echo "== $t: ${secs}s"
  (cd fuzz && cargo +nightly fuzz run -O "$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" -print_final_stats=1 2>&1) \
    | tee "target/fuzz-$t.log" | grep -E "^(#[0-9]+[[:space:]]+(DONE|INITED)|stat::|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)" || true
done
