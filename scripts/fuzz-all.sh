#!/usr/bin/env bash
# Runs every cargo-fuzz target in turn, one job at a time at the lowest priority, for
# SECS seconds each (default 600), and keeps each target's libFuzzer log in fuzz/logs/.
# Needs a nightly toolchain and `cargo install cargo-fuzz`. Sanitizers are off (-s none):
# the targets look for panics, which safe Rust reports without them; debug assertions on.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${SECS:-600}"
mkdir -p logs
for target in ${TARGETS:-formats query_parse dates extract}; do
    mkdir -p "corpus/$target"
    if [ "$target" = formats ] && [ -d ../tests/fixtures/formats ]; then
        # Seed with the hand-written fixtures, one copy per format byte.
        i=0
        for f in ../tests/fixtures/formats/*; do
            [ -f "$f" ] || continue
            { printf "\\x$(printf %02x $((i % 16)))"; cat "$f"; } > "corpus/$target/seed-$i"
            i=$((i + 1))
        done
    fi
    echo "== $target for ${secs}s"
    nice -n 19 cargo +nightly fuzz run -s none -a "$target" "corpus/$target" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -max_len=8192 -timeout=10 \
        -print_final_stats=1 > "logs/$target.log" 2>&1 || echo "$target: exit $?"
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs|SUMMARY|panicked at" "logs/$target.log" || true
done
