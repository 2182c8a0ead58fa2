#!/usr/bin/env bash
# CLI batch throughput: `gouji batch` over a folder of seed-size workbooks, on every core.
# Prints the CLI's own totals line (budgets per second) for N files (default 400).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-400}"
target="${CARGO_TARGET_DIR:-target}"
cargo build -q --release -p gouji-cli -p gouji-fixtures
dir="$target/bench-batch"
src="$target/bench-batch-src"
rm -rf "$dir" "$src" && mkdir -p "$dir" "$src"
"$target/release/gouji-fixtures" "$src" seed 2>/dev/null
for i in $(seq 1 "$n"); do
  if (( i % 2 )); then cp "$src/seed.xlsx" "$dir/budget-$i.xlsx"; else cp "$src/seed-wanyuan.xlsx" "$dir/budget-$i.xlsx"; fi
done
echo "gouji batch over $n seed-size xlsx budgets ($(nproc) cores):"
"$target/release/gouji" batch --quiet "$dir" --format text | tail -n 1 || true
