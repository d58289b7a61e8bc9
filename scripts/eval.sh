#!/usr/bin/env bash
# Extraction quality and speed on the shared development sets, as the README reports them:
# runs `newsidx extract --json` over the Reuters and CoNLL dev files, scores the output
# with ../shared/eval/score.py, then measures one-thread extraction speed.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/eval
if [ ! -d "$shared" ]; then
  echo "skipping: ../shared is absent" >&2
  exit 0
fi
cargo build --release --quiet --bin newsidx --example extract_speed
bin=${CARGO_TARGET_DIR:-target}/release/newsidx
out=${CARGO_TARGET_DIR:-target}/eval
mkdir -p "$out"
for set in reuters-dev conll-testa; do
  "$bin" extract --json "$shared/$set/txt" > "$out/$set.jsonl"
  python3 "$shared/score.py" "$out/$set.jsonl" "$shared/$set/gold.jsonl" --json-out "$out/$set.score.json" | grep -v '^{'
done
"${CARGO_TARGET_DIR:-target}/release/examples/extract_speed"
