#!/usr/bin/env bash
# Builds this worktree's debug binary and copies it to a private path, retrying when
# another worktree overwrote the shared target directory's binary in between. Prints the
# path; use it as NEWSIDX_BIN for the robustness tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/main/target}"
out="${1:-/tmp/newsidx-robust}"
marker="${PIN_MARKER:-not a regular file (FIFO, socket or device)}"
for _ in 1 2 3 4 5; do
    find src -name '*.rs' -exec touch {} +
    cargo build -q 2>&1 | grep -E '^(error|warning)' && exit 1
    rm -f "$out"
    cp "$CARGO_TARGET_DIR/debug/newsidx" "$out"
    if grep -qF "$marker" "$out"; then
        echo "$out"
        exit 0
    fi
    echo "binary was overwritten by another build; retrying" >&2
done
exit 1
