#!/usr/bin/env bash
# Runs every cargo-fuzz target in turn, one job at a time at the lowest priority, for
# SECS seconds each (default 600), and keeps each target's libFuzzer log in fuzz/logs/.
# Needs a nightly toolchain, `cargo install cargo-fuzz` and python3 (for the seeds).
# Sanitizers are off (-s none): the targets look for panics, stack overflows and aborts,
# which show without them; debug assertions are on (-a).
#
# Each target gets its dictionary from fuzz/dict/ and its corpus in fuzz/corpus/<target>/,
# seeded from fuzz/gen_seeds.py (deep nesting, gzip bombs), the few committed seeds in
# fuzz/seeds/<target>/ and, for `formats`, the fixtures in tests/fixtures/formats/.
# Inputs that once failed are kept apart in fuzz/regressions/<target>/ (see
# fuzz/README.md), not in the corpus: a known out-of-memory input there would stop a
# run before it starts.
#
#   SECS=60 TARGETS="dates structured" scripts/fuzz-all.sh
#   FORK=1 scripts/fuzz-all.sh     # -fork=1 -ignore_ooms=1 -ignore_timeouts=1: keep going
#                                  # past out-of-memory and timeout reports, count them
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${SECS:-600}"
mkdir -p logs
nice -n 19 python3 gen_seeds.py > /dev/null
for target in ${TARGETS:-structured formats query_parse dates extract}; do
    mkdir -p "corpus/$target"
    if [ -d "seeds/$target" ]; then
        cp seeds/"$target"/* "corpus/$target/"
    fi
    if [ "$target" = formats ] && [ -d ../tests/fixtures/formats ]; then
        # The hand-written fixtures, one copy per format byte.
        i=0
        for f in ../tests/fixtures/formats/*; do
            [ -f "$f" ] || continue
            { printf "\\x$(printf %02x $((i % 16)))"; cat "$f"; } > "corpus/$target/seed-$i"
            i=$((i + 1))
        done
    fi
    case "$target" in
        formats | structured) dict=dict/formats.dict ;;
        query_parse) dict=dict/query.dict ;;
        *) dict="dict/$target.dict" ;;
    esac
    extra=()
    if [ "${FORK:-0}" = 1 ]; then
        extra=(-fork=1 -ignore_ooms=1 -ignore_timeouts=1)
    fi
    echo "== $target for ${secs}s"
    nice -n 19 cargo +nightly fuzz run -s none -a "$target" "corpus/$target" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -max_len=65536 -timeout=10 \
        -dict="$dict" -print_final_stats=1 "${extra[@]}" > "logs/$target.log" 2>&1 ||
        echo "$target: exit $?"
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs|oom/timeout/crash|SUMMARY|panicked at|overflowed" \
        "logs/$target.log" | tail -n 5 || true
done
