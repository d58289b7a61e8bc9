#!/usr/bin/env bash
# Extraction speed of this checkout against another commit, on one thread, in alternating
# ABBA groups, so that both builds share each moment's machine speed. (GROUPS is bash's
# own read-only variable, hence ABBA_GROUPS below.)
#
#   bench/extract_ab.sh REV [GROUPS]     e.g. bench/extract_ab.sh 8cbf4ac 6
#
# An absolute rate (articles/s) moved 1.7x between hours on the bench VM with the binary
# unchanged; the ratio of two builds run alternately stayed within 1.58-2.08x over six
# groups. Builds `examples/extract_speed` at REV (in a worktree under
# target/bench/extract-ab/, with its own target folder) and here, runs both GROUPS times in
# the order REV, here, here, REV over the Reuters and CoNLL development sets of
# ../shared/eval, and prints each group's ratio and the medians.
set -euo pipefail

cd "$(dirname "$0")/.."
REV=${1:?usage: bench/extract_ab.sh REV [GROUPS]}
ABBA_GROUPS=${2:-6}
EVAL=../shared/eval
DIRS=("$EVAL/reuters-dev/txt" "$EVAL/conll-testa/txt")
OUT=target/bench/extract-ab
WORKTREE=$OUT/worktree

for d in "${DIRS[@]}"; do
    [[ -d $d ]] || { echo "extract_ab: $d is absent (../shared is needed); skipped" >&2; exit 0; }
done
mkdir -p "$OUT"
rm -rf "$WORKTREE"
git worktree prune
git worktree add --force --detach "$WORKTREE" "$REV" >/dev/null
trap 'git worktree remove --force "$WORKTREE" 2>/dev/null || true' EXIT

echo "building extract_speed at $REV and here (release, LTO: slow the first time)" >&2
(cd "$WORKTREE" && CARGO_TARGET_DIR="$PWD/../target" cargo build --quiet --release --example extract_speed)
cargo build --quiet --release --example extract_speed
cp "$OUT/target/release/examples/extract_speed" "$OUT/extract_speed-base"
cp "${CARGO_TARGET_DIR:-target}/release/examples/extract_speed" "$OUT/extract_speed-here"

# One line per run: "base|here RATE_PER_DIR...", the one-thread CPU rates extract_speed prints.
runs=$OUT/runs.txt
: >"$runs"
for ((g = 1; g <= ABBA_GROUPS; g++)); do
    for build in base here here base; do
        rates=$("$OUT/extract_speed-$build" "${DIRS[@]}" | grep -o 'one thread: [0-9]*' | awk '{print $3}' | tr '\n' ' ')
        echo "$build $rates" | tee -a "$runs" >&2
    done
done

python3 - "$runs" "$REV" "${DIRS[@]}" <<'EOF'
import statistics, sys
runs, rev, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = [line.split() for line in open(runs) if line.strip()]
groups = [rows[i:i + 4] for i in range(0, len(rows), 4)]
for k, d in enumerate(dirs):
    rate = lambda build: [float(r[1 + k]) for r in rows if r[0] == build]
    ratios = []
    for g in groups:
        here = sum(float(r[1 + k]) for r in g if r[0] == "here")
        base = sum(float(r[1 + k]) for r in g if r[0] == "base")
        ratios.append(here / base)
    shown = ", ".join(f"{x:.2f}" for x in ratios)
    print(f"{d}: {rev} {statistics.median(rate('base')):,.0f} articles/s, here "
          f"{statistics.median(rate('here')):,.0f} (medians of {len(rate('here'))} runs); "
          f"here / {rev} per group {shown}; median {statistics.median(ratios):.2f}x")
EOF
