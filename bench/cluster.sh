#!/usr/bin/env bash
# Local index vs an OpenSearch cluster: the same release binary indexes the same corpus into
# the embedded tantivy index and into a fresh NODES-node cluster, re-runs the index unchanged,
# times search/top/timeline as whole processes against both, and prints one markdown table.
#
#   bench/cluster.sh [PATH...]
#
# PATH defaults to the Reuters-21578 development set: the 11 SGML files of
# ../shared/corpora/reuters21578-dev and the text stories of ../shared/eval/reuters-dev/txt.
#
# Environment knobs:
#   NODES=N          cluster nodes (default 2); the index gets shards=2&replicas=1
#   THREADS=N        newsidx index --threads (default 2)
#   REPEATS=N        runs of each query of bench/queries.tsv (default 5)
#   CMD_REPEATS=N    runs of `top actors` and `timeline --by month` (default 20)
#   SKIP_BUILD=1     use $CARGO_TARGET_DIR/release/newsidx as it is
#   SETTLE=S         seconds to let the cluster's merges settle before its size is read (30)
#   KEEP=1           keep the work dir (indexes, raw JSON, command output) after the run
#
# Everything goes to a fresh temp dir, cluster state included (NEWSIDX_OS_STATE), so another
# cluster on this machine is never touched; the cluster is stopped on exit, even on error.
# Whole-process latency includes process start and, for the cluster, the HTTP round trips.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
NODES=${NODES:-2}
THREADS=${THREADS:-2}
REPEATS=${REPEATS:-5}
CMD_REPEATS=${CMD_REPEATS:-20}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
QUERIES=$ROOT/bench/queries.tsv
if (($# == 0)); then
    set -- "$ROOT"/../shared/corpora/reuters21578-dev/*.sgm "$ROOT/../shared/eval/reuters-dev/txt"
fi
for p in "$@"; do [[ -e $p ]] || { echo "cluster.sh: $p not found" >&2; exit 2; }; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsidx-cluster-bench.XXXXXX")
export NEWSIDX_OS_STATE=$WORK/os
CLUSTER=$ROOT/scripts/opensearch-cluster.sh
note() { printf '\n== %s\n' "$*" >&2; }

cleanup() {
    "$CLUSTER" stop >/dev/null 2>&1 || true
    if [[ ${KEEP:-0} == 1 ]]; then echo "kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ build
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    note "building the release binary"
    cargo build --release --bin newsidx
fi
cp "$TARGET_DIR/release/newsidx" "$WORK/newsidx" # a copy: another build cannot swap it mid-run
NEWSIDX=$WORK/newsidx

# ------------------------------------------------------------------ helpers
# timev NAME CMD...: /usr/bin/time -v of one command; NAME.json gets wall, CPU, peak RSS and
# newsidx's own --json summary (last line of stdout).
timev() {
    local name=$1
    shift
    /usr/bin/time -v -o "$WORK/$name.timev" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" ||
        { echo "cluster.sh: $name failed, see $WORK/$name.err" >&2; KEEP=1; exit 1; }
    python3 - "$WORK/$name" <<'EOF'
import json, sys
base = sys.argv[1]
r = {}
for line in open(base + ".timev"):
    k, _, v = line.strip().rpartition(": ")
    if k == "User time (seconds)": r["user_s"] = float(v)
    elif k == "System time (seconds)": r["sys_s"] = float(v)
    elif k == "Maximum resident set size (kbytes)": r["rss_mb"] = int(v) / 1024
    elif k.startswith("Elapsed (wall clock)"):
        r["wall_s"] = sum(float(x) * 60 ** i for i, x in enumerate(reversed(v.split(":"))))
r["summary"] = json.loads(open(base + ".out").read().strip().splitlines()[-1])
json.dump(r, open(base + ".json", "w"))
print(f"  {base.rsplit('/', 1)[1]}: {r['wall_s']:.2f} s wall, {r['user_s'] + r['sys_s']:.2f} s CPU, "
      f"{r['rss_mb']:.1f} MB peak RSS, {r['summary'].get('added', 0)} added", file=sys.stderr)
EOF
}

# latency NAME REPEATS (search|cmd) ARGV...: whole-process latency after one warm-up run of
# each command. search: every row of bench/queries.tsv as `ARGV search QUERY OPTIONS -n 10
# --json`; cmd: ARGV itself. Exit 0 and 1 (no hits) are answers, anything else a failure.
latency() {
    python3 - "$WORK/$1.json" "$2" "$3" "$QUERIES" "${@:4}" <<'EOF'
import json, math, shlex, subprocess, sys, time
out, repeats, mode, qfile, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
if mode == "search":
    rows = [(l.rstrip("\n").split("\t") + ["", ""])[1:3] for l in open(qfile) if l.strip() and not l.startswith("#")]
    cmds = [argv + ["search", q] + shlex.split(o) + ["-n", "10", "--json"] for q, o in rows]
else:
    cmds = [argv]
def run(c):
    t0 = time.perf_counter()
    rc = subprocess.call(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000, rc
for c in cmds:
    run(c)
ms, failures = [], 0
for _ in range(repeats):
    for c in cmds:
        t, rc = run(c)
        if rc in (0, 1): ms.append(t)
        else: failures += 1
ms.sort()
pct = lambda p: ms[max(1, math.ceil(p / 100 * len(ms))) - 1]  # nearest rank, as measure.py
r = {"n": len(ms), "failures": failures, "p50_ms": pct(50), "p99_ms": pct(99), "max_ms": ms[-1]}
json.dump(r, open(out, "w"))
print(f"  {out.rsplit('/', 1)[1][:-5]}: p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms over {r['n']} runs, {failures} failures", file=sys.stderr)
EOF
}

# measure NAME ARGV...: fresh index, unchanged re-run, then the three latency loops.
measure() {
    local name=$1
    shift
    note "$name: fresh index, then unchanged re-run"
    timev "$name-index" "$@" index --threads "$THREADS" --quiet --json "${PATHS[@]}"
    timev "$name-reindex" "$@" index --threads "$THREADS" --quiet --json "${PATHS[@]}"
    note "$name: whole-process latency"
    latency "$name-search" "$REPEATS" search "$@"
    latency "$name-top" "$CMD_REPEATS" cmd "$@" top actors
    latency "$name-timeline" "$CMD_REPEATS" cmd "$@" timeline --by month
}
PATHS=("$@")

# ------------------------------------------------------------------ local
measure local "$NEWSIDX" --index "$WORK/idx"
du -sb "$WORK/idx" | cut -f1 >"$WORK/local-bytes"

# ------------------------------------------------------------------ cluster
note "starting a $NODES-node OpenSearch cluster (state: $NEWSIDX_OS_STATE)"
URL=$("$CLUSTER" start "$NODES")
measure cluster "$NEWSIDX" --engine "$URL/bench?shards=2&replicas=1"
# Sizes once the merges have settled: right after a bulk load the store still counts merged-away
# segment files for a few seconds (seen: 47.5 MB primaries, 33.4 MB twenty seconds later).
# newsidx keeps the per-file state (what is unchanged) in a second index, bench-files.
curl -fsS -XPOST "$URL/bench,bench-files/_flush" >/dev/null
sleep "${SETTLE:-30}"
curl -fsS "$URL/bench/_stats/store" >"$WORK/cluster-store.json"
curl -fsS "$URL/bench-files/_stats/store" >"$WORK/cluster-files-store.json"
curl -fsS "$URL/bench/_count" >"$WORK/cluster-count.json"
for f in "$NEWSIDX_OS_STATE"/node-*.pid; do
    echo "$(basename "$f" .pid) $(ps -o rss= -p "$(cat "$f")")"
done >"$WORK/node-rss"

# ------------------------------------------------------------------ report
python3 - "$WORK" "$URL" <<'EOF'
import json, sys
w, url = sys.argv[1], sys.argv[2]
j = lambda n: json.load(open(f"{w}/{n}.json"))
store = j("cluster-store")["_all"]
articles = {"local": j("local-index")["summary"]["added"], "cluster": j("cluster-count")["count"]}
size = {"local": int(open(f"{w}/local-bytes").read()), "cluster": store["primaries"]["store"]["size_in_bytes"]}
rows = []
def row(label, f):
    rows.append(f"| {label} | {f('local')} | {f('cluster')} |")
for step, label in (("index", "fresh index"), ("reindex", "unchanged re-run")):
    row(f"{label}: wall s", lambda b: f"{j(f'{b}-{step}')['wall_s']:.2f}")
    row(f"{label}: CPU s (user+sys)", lambda b: f"{j(f'{b}-{step}')['user_s'] + j(f'{b}-{step}')['sys_s']:.2f}")
    row(f"{label}: newsidx peak RSS MB", lambda b: f"{j(f'{b}-{step}')['rss_mb']:.1f}")
row("articles/s (fresh)", lambda b: f"{j(f'{b}-index')['summary']['added'] / j(f'{b}-index')['wall_s']:.0f}")
for t in ("search", "top", "timeline"):
    row(f"{t} p50 / p99 ms", lambda b: f"{j(f'{b}-{t}')['p50_ms']:.2f} / {j(f'{b}-{t}')['p99_ms']:.2f}")
row("articles in the index", lambda b: f"{articles[b]}")
row("index bytes (cluster: primaries)", lambda b: f"{size[b]}")
row("bytes per article", lambda b: f"{size[b] / articles[b]:.0f}")
files = j("cluster-files-store")["_all"]["primaries"]["store"]["size_in_bytes"]
row("bytes per article, with the file-state index", lambda b: f"{(size[b] + (files if b == 'cluster' else 0)) / articles[b]:.0f}")
print(f"\ncluster: {url}, index bench?shards=2&replicas=1, total with replicas "
      f"{store['total']['store']['size_in_bytes']} bytes")
for line in open(f"{w}/node-rss"):
    name, kb = line.split()
    print(f"{name} RSS: {int(kb) / 1024:.1f} MB")
print("\n| | local | cluster |\n|---|---|---|")
print("\n".join(rows))
EOF
