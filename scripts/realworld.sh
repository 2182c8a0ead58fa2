#!/usr/bin/env bash
# gouji on every real document of ../shared/realworld (not part of the repository; skipped when
# absent): one line per unit — tables found, error and warning findings. Then the copied-text
# versions (text-pypdf/, text-pypdf-layout/): error findings per file and in all.
#
#   scripts/realworld.sh            (builds the release CLI first)
set -euo pipefail
cd "$(dirname "$0")/.."
root="../shared/realworld"
if [ ! -d "$root" ]; then echo "realworld: $root is not here; nothing to do"; exit 0; fi
cargo build -q --release -p gouji-cli
gouji="$PWD/target/release/gouji"
summary='
import json,sys
f=sys.argv[1]
try: d=json.load(sys.stdin)
except Exception as e: print(f, "NOJSON", e); sys.exit()
for b in d["budgets"]:
    if b.get("error"): print(f, "| unreadable:", b["error"]["kind"]); continue
    fs=b["findings"]; e=sum(1 for x in fs if x["severity"]=="error"); w=sum(1 for x in fs if x["severity"]=="warning")
    print(f, "|", len(b["tables"]), "tables | E", e, "W", w)
'
(cd "$root" && find . -name '*.pdf' | sort | while read -r f; do { "$gouji" check --format json "$f" 2>/dev/null || true; } | python3 -c "$summary" "$f"; done)
for kind in text-pypdf text-pypdf-layout; do
  total=0
  while read -r f; do
    n=$({ "$gouji" check --format json "$f" 2>/dev/null || true; } | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(1 for b in d["budgets"] for x in b.get("findings",[]) if x["severity"]=="error"))' 2>/dev/null || echo 0)
    [ "$n" -gt 0 ] && echo "  $n $f"
    total=$((total + n))
  done < <(find "$root" -path "*/$kind/*.txt" | sort)
  echo "$kind: $total errors"
done
