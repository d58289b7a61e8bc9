#!/usr/bin/env bash
# newsidx benchmark runner: builds the release binary, (re)builds the benchmark corpus,
# measures indexing, incremental re-indexing, search/top/timeline latency and the peers on
# the same text, then prints one table and writes it as target/bench/results.json.
#
#   bench/run.sh [SIZE]          SIZE: 30k (default), 300k, 1m, or an article count
#
# Environment knobs:
#   PEERS=auto|all|none|list     peers to run (auto: all up to 300k; tantivy-cli,
#                                sqlite-fts5 and rg above, since Recoll and omindex take
#                                hours there). list: comma-separated, e.g. PEERS=rg,recoll
#   THREADS=N                    indexing threads for newsidx and tantivy-cli (default nproc)
#   NEWSIDX_MEMORY_MB=N          newsidx's --memory (default: none, its own default budget)
#   REPEATS=N                    timed passes over the query file (default 3)
#   SKIP_BUILD=1                 use the binaries already in target/bench/bin
#   NO_INSTALL=1                 never apt-get/cargo install missing tools, just skip them
#   FORMATS=0|1                  also time each input format (default 1 for sizes <= 30k)
#   STAGES=list                  stages to (re)run, default all: index,latency,peers,formats,pairs
#                                (earlier results of skipped stages stay in the table)
#   PAIRS=N                      the pairs stage: N rounds that each index with newsidx (and
#                                re-index, unchanged), then with tantivy-cli, inputs warmed
#                                first; the table gives the medians (default 0: skipped)
#
# Everything is written under target/bench/ (never committed): corpus-SIZE/ (the text),
# run-SIZE/ (indexes, raw measurements as JSON), results.json and results.md (all sizes).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZE=${1:-30k}
BENCH=$ROOT/target/bench
RUN=$BENCH/run-$SIZE
CORPUS=$BENCH/corpus-$SIZE
BIN=$BENCH/bin
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
THREADS=${THREADS:-$(nproc)}
REPEATS=${REPEATS:-3}
QUERIES=$ROOT/bench/queries.tsv
MEASURE=(python3 "$ROOT/bench/measure.py")
# newsidx runs with its default writer budget (src/indexer/budget.rs: 128 MB for each
# writer thread, one writer per three reading threads). tantivy-cli gets 256 MB, which on
# 2 threads is the same 128 MB arena per writer thread, so its segments are as large.
MEMORY_MB=256
NEWSIDX_MEMORY=()
[[ -n ${NEWSIDX_MEMORY_MB:-} ]] && NEWSIDX_MEMORY=(--memory "$NEWSIDX_MEMORY_MB")

stage() { [[ ",${STAGES:-index,latency,peers,formats,pairs}," == *",$1,"* ]]; }
# Reads a tool's input into the page cache just before it is timed. Memory managers that
# reclaim cold page cache (DAMON on the bench VM) left the corpus partly on disk between
# stages: reading 300k small files back cost newsidx seconds of system time that
# tantivy-cli, reading one file ahead, did not pay.
warm() { find "$@" -type f -print0 | xargs -0 cat >/dev/null; }
note() { printf '\n== %s\n' "$*"; }
notice() { printf 'notice: %s\n' "$*" >&2; }

articles_of() {
    python3 - "$1" <<'EOF'
import sys
s = sys.argv[1].strip().lower()
mult = {"k": 1000, "m": 1000000}.get(s[-1:], 1)
num = s[:-1] if s[-1:] in "km" else s
print(int(round(float(num) * mult)))
EOF
}
ARTICLES=$(articles_of "$SIZE")

# ------------------------------------------------------------------ tools
can_install() { [[ "${NO_INSTALL:-0}" != 1 ]] && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; }
apt_tool() { # apt_tool COMMAND PACKAGE
    command -v "$1" >/dev/null && return 0
    if can_install; then
        echo "installing $2 (for $1)"
        apt-get install -y "$2" >/dev/null 2>&1 || true
    fi
    command -v "$1" >/dev/null
}
if [[ ! -x /usr/bin/time ]]; then
    if can_install; then apt-get install -y time >/dev/null 2>&1 || true; fi
    [[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is required (apt-get install time)" >&2; exit 2; }
fi

want_peer() {
    local p=$1 sel=${PEERS:-auto}
    case $sel in
    none) return 1 ;;
    all) return 0 ;;
    auto)
        if ((ARTICLES > 300000)); then
            [[ $p == tantivy-cli || $p == sqlite-fts5 || $p == rg ]]
        else
            return 0
        fi
        ;;
    *) [[ ",$sel," == *",$p,"* ]] ;;
    esac
}

# ------------------------------------------------------------------ build
mkdir -p "$BIN" "$RUN"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    note "building release binaries (LTO: slow the first time)"
    cargo build --release --bin newsidx --example bench_search --example bench_corpus
    # Copies, so another build of the same target directory cannot swap them mid-run.
    cp "$TARGET_DIR/release/newsidx" "$TARGET_DIR/release/examples/bench_search" \
        "$TARGET_DIR/release/examples/bench_corpus" "$BIN/"
fi
NEWSIDX=$BIN/newsidx
for b in newsidx bench_search bench_corpus; do
    [[ -x $BIN/$b ]] || { echo "bench: $BIN/$b missing (run without SKIP_BUILD)" >&2; exit 2; }
done

# ------------------------------------------------------------------ corpus
if [[ ! -f $CORPUS.done ]]; then
    note "generating $ARTICLES articles in $CORPUS"
    rm -rf "$CORPUS"
    "$BIN/bench_corpus" replicate --articles "$ARTICLES" --out "$CORPUS"
    echo "$ARTICLES" >"$CORPUS.done"
fi
# The trailing slashes follow a corpus folder that is a symlink (a corpus shared between clones).
INPUT_BYTES=$(du -sb "$CORPUS/" --exclude='*.done' | cut -f1)
FILES=$(find "$CORPUS/" -type f -name '*.txt' | wc -l)

python3 - "$RUN/meta.json" "$SIZE" "$FILES" "$INPUT_BYTES" "$THREADS" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" <<'EOF'
import json, os, subprocess, sys, datetime
out, size, files, nbytes, threads, commit = sys.argv[1:]
cpu = "unknown"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
mem_gb = None
try:
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal:"):
            mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
except OSError:
    pass
meta = {
    "size": size, "articles": int(files), "input_mb": round(int(nbytes) / 1e6, 1),
    "threads": int(threads), "commit": commit,
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "machine": {"nproc": os.cpu_count(), "mem_gb": mem_gb, "cpu": cpu},
}
json.dump(meta, open(out, "w"), indent=1)
print(f"corpus: {meta['articles']:,} articles, {meta['input_mb']} MB; machine: {os.cpu_count()} cores, {mem_gb} GB, {cpu}")
EOF

# ------------------------------------------------------------------ newsidx
IDX=$RUN/idx-newsidx
index_cmd=("$NEWSIDX" --index "$IDX" index --quiet --json --threads "$THREADS" "${NEWSIDX_MEMORY[@]}" "$CORPUS")

if stage index; then
note "newsidx: fresh index"
rm -rf "$IDX"
warm "$CORPUS"
"${MEASURE[@]}" timev index-newsidx "$RUN" -- "${index_cmd[@]}"
note "newsidx: re-index, nothing changed"
"${MEASURE[@]}" timev reindex-unchanged "$RUN" -- "${index_cmd[@]}"
note "newsidx: re-index after 1% of files changed"
"$BIN/bench_corpus" mutate --dir "$CORPUS" --percent 1
"${MEASURE[@]}" timev reindex-1pct "$RUN" -- "${index_cmd[@]}"
fi

if stage latency; then
note "newsidx: whole-process search latency"
"${MEASURE[@]}" latency newsidx "$RUN/latency-newsidx-full.json" --queries "$QUERIES" --set full \
    --repeats "$REPEATS" --bin "$NEWSIDX" --index "$IDX"
"${MEASURE[@]}" latency newsidx "$RUN/latency-newsidx-peer.json" --queries "$QUERIES" --set peer \
    --repeats "$REPEATS" --bin "$NEWSIDX" --index "$IDX"
n="$NEWSIDX --index $IDX"
"${MEASURE[@]}" commands-latency "$RUN/latency-top.json" "$((REPEATS * 2))" \
    "$n top countries" "$n top actors" "$n top actors oil --country US" "$n top countries --from 2000 --to 2009"
"${MEASURE[@]}" commands-latency "$RUN/latency-timeline.json" "$((REPEATS * 2))" \
    "$n timeline --by year" "$n timeline oil --by month" "$n timeline --country JP --by year" "$n timeline Reagan --by week"

note "newsidx: in-process search latency (library)"
"$BIN/bench_search" "$IDX" "$QUERIES" 5 >"$RUN/inprocess.json"
fi

# ------------------------------------------------------------------ peers
DOCS=$BENCH/peerdocs-$SIZE.ndjson
TANTIVY=
TIDX=$RUN/idx-tantivy-cli
find_tantivy() { # sets TANTIVY (empty when absent), installing tantivy-cli when allowed
    [[ -n $TANTIVY ]] && return
    TANTIVY=$(command -v tantivy || true)
    if [[ -z $TANTIVY && "${NO_INSTALL:-0}" != 1 ]] && command -v cargo >/dev/null; then
        note "installing tantivy-cli (cargo install, a few minutes)"
        cargo install tantivy-cli >/dev/null 2>&1 || true
        TANTIVY=$(command -v tantivy || true)
        [[ -z $TANTIVY && -x $HOME/.cargo/bin/tantivy ]] && TANTIVY=$HOME/.cargo/bin/tantivy
    fi
}
# Times tantivy-cli indexing DOCS into a fresh TIDX, under the name $1.
time_tantivy_index() {
    rm -rf "$TIDX"
    mkdir -p "$TIDX"
    cp "$ROOT/bench/tantivy-meta.json" "$TIDX/meta.json"
    warm "$DOCS"
    "${MEASURE[@]}" timev "$1" "$RUN" -- "$TANTIVY" index -i "$TIDX" -f "$DOCS" \
        -t "$THREADS" -m $((MEMORY_MB * 1024 * 1024))
}

if stage peers; then
need_docs=0
want_peer tantivy-cli && need_docs=1
want_peer sqlite-fts5 && need_docs=1
if ((need_docs)); then
    note "peers' input: newsidx extract --json ($THREADS processes), as NDJSON with the same fields"
    rm -rf "$RUN/extract"
    mkdir -p "$RUN/extract"
    # One process per copy folder, THREADS at a time: extract itself is single-threaded.
    "${MEASURE[@]}" timev extract-newsidx "$RUN" -- bash -c \
        "ls '$CORPUS' | xargs -P '$THREADS' -I{} sh -c '\"$NEWSIDX\" extract --json \"$CORPUS/{}\" > \"$RUN/extract/{}.jsonl\" 2>/dev/null || true'"
    cat "$RUN"/extract/*.jsonl >"$RUN/extract.jsonl"
    rm -rf "$RUN/extract"
    "${MEASURE[@]}" tantivy-docs "$RUN/extract.jsonl" "$DOCS"
    rm -f "$RUN/extract.jsonl"
fi

if want_peer tantivy-cli; then
    find_tantivy
    if [[ -n $TANTIVY ]]; then
        note "tantivy-cli: index the same docs (title, body stemmed with positions; date, country, actor, path)"
        time_tantivy_index index-tantivy-cli
        "${MEASURE[@]}" latency tantivy-cli "$RUN/latency-tantivy-cli-peer.json" --queries "$QUERIES" \
            --set peer --repeats "$REPEATS" --bin "$TANTIVY" --index "$TIDX"
        "${MEASURE[@]}" tantivy-queries "$QUERIES" "$RUN/tantivy-queries.txt"
        "${MEASURE[@]}" tantivy-bench "$RUN/tantivy-bench.json" -- "$TANTIVY" bench -i "$TIDX" \
            -q "$RUN/tantivy-queries.txt" -n 5
    else
        notice "tantivy-cli not installed (cargo install tantivy-cli); skipped"
    fi
fi

if want_peer sqlite-fts5; then
    if python3 -c "import sqlite3; sqlite3.connect(':memory:').execute('create virtual table t using fts5(a)')" 2>/dev/null &&
        apt_tool sqlite3 sqlite3; then
        note "SQLite FTS5: one table, bulk insert in one transaction"
        "${MEASURE[@]}" timev index-sqlite-fts5 "$RUN" -- python3 "$ROOT/bench/measure.py" fts5-index "$RUN/fts5.db" "$DOCS"
        "${MEASURE[@]}" latency sqlite-fts5 "$RUN/latency-sqlite-fts5-peer.json" --queries "$QUERIES" \
            --set peer --repeats "$REPEATS" --index "$RUN/fts5.db"
    else
        notice "SQLite FTS5 (python3 sqlite3 with FTS5, and the sqlite3 shell) missing; skipped"
    fi
fi

if want_peer recoll; then
    if apt_tool recollindex recoll && command -v recollq >/dev/null; then
        note "Recoll: recollindex over the text files"
        RCONF=$RUN/recoll-conf
        rm -rf "$RCONF"
        mkdir -p "$RCONF"
        printf 'topdirs = %s\nindexstemminglanguages = english\nnoaspell = 1\nloglevel = 1\n' "$CORPUS" >"$RCONF/recoll.conf"
        "${MEASURE[@]}" timev index-recoll "$RUN" -- recollindex -c "$RCONF"
        "${MEASURE[@]}" latency recoll "$RUN/latency-recoll-peer.json" --queries "$QUERIES" \
            --set peer --repeats "$REPEATS" --index "$RCONF"
    else
        notice "Recoll not installed (apt-get install recoll); skipped"
    fi
fi

if want_peer xapian; then
    if apt_tool omindex xapian-omega && apt_tool quest xapian-tools; then
        note "Xapian omindex over the text files (omindex is single-threaded)"
        XDB=$RUN/idx-xapian
        rm -rf "$XDB"
        "${MEASURE[@]}" timev index-xapian "$RUN" -- omindex --db "$XDB" --url / "$CORPUS"
        "${MEASURE[@]}" latency xapian "$RUN/latency-xapian-peer.json" --queries "$QUERIES" \
            --set peer --repeats "$REPEATS" --index "$XDB"
    else
        notice "Xapian omindex/quest not installed (apt-get install xapian-omega xapian-tools); skipped"
    fi
fi

if want_peer rg; then
    if apt_tool rg ripgrep; then
        note "ripgrep: rg -l -i over the text files, no index"
        RG_REPEATS=$REPEATS
        ((ARTICLES > 30000)) && RG_REPEATS=1
        "${MEASURE[@]}" latency rg "$RUN/latency-rg-peer.json" --queries "$QUERIES" --set peer \
            --repeats "$RG_REPEATS" --warm 0 --index "$CORPUS"
    else
        notice "ripgrep not installed (apt-get install ripgrep); skipped"
    fi
fi

fi

# ------------------------------------------------------------------ alternating pairs
# One run's CPU ratio against tantivy-cli moved between 0.63x and 0.87x on the bench VM
# within an hour, binaries unchanged. The median of rounds that alternate the two tools,
# each input warmed just before its run, is steady enough to settle a few percent.
if stage pairs && ((${PAIRS:-0} > 0)); then
    find_tantivy
    if [[ -z $TANTIVY || ! -s $DOCS ]]; then
        notice "pairs need tantivy-cli and $DOCS (the peers stage writes it); skipped"
    else
        note "alternating pairs: newsidx (and an unchanged re-index), then tantivy-cli, $PAIRS rounds, inputs warmed"
        rm -f "$RUN"/pair-*.json "$RUN/pairs.json"
        for ((round = 1; round <= PAIRS; round++)); do
            rm -rf "$IDX"
            warm "$CORPUS"
            "${MEASURE[@]}" timev "pair-$round-newsidx" "$RUN" -- "${index_cmd[@]}"
            "${MEASURE[@]}" timev "pair-$round-reindex" "$RUN" -- "${index_cmd[@]}"
            time_tantivy_index "pair-$round-tantivy-cli"
        done
        "${MEASURE[@]}" pairs "$RUN" || notice "no round of the pairs stage finished cleanly; see $RUN/pair-*.err"
    fi
fi

# ------------------------------------------------------------------ sizes on disk
mb_of() { [[ -e $1 ]] && du -sm "$1" | cut -f1 || echo null; }
printf '{"newsidx": %s, "tantivy-cli": %s, "sqlite-fts5": %s, "recoll": %s, "xapian": %s}\n' \
    "$(mb_of "$IDX")" "$(mb_of "$RUN/idx-tantivy-cli")" "$(mb_of "$RUN/fts5.db")" \
    "$(mb_of "$RUN/recoll-conf/xapiandb")" "$(mb_of "$RUN/idx-xapian")" >"$RUN/sizes.json"

# ------------------------------------------------------------------ input formats
if stage formats && [[ "${FORMATS:-$( ((ARTICLES <= 30000)) && echo 1 || echo 0)}" == 1 ]]; then
    FCORPUS=$BENCH/formats-$SIZE
    if [[ ! -f $FCORPUS.done ]]; then
        note "generating the format corpus (txt, md, jsonl, jsonl.gz) in $FCORPUS"
        rm -rf "$FCORPUS"
        "$BIN/bench_corpus" formats --articles "$ARTICLES" --out "$FCORPUS"
        echo "$ARTICLES" >"$FCORPUS.done"
    fi
    note "newsidx: indexing each input format"
    fmeta="{"
    for f in txt md jsonl jsonlgz; do
        rm -rf "$RUN/idx-fmt-$f"
        "${MEASURE[@]}" timev "format-$f" "$RUN" -- "$NEWSIDX" --index "$RUN/idx-fmt-$f" index --quiet --json \
            --threads "$THREADS" "${NEWSIDX_MEMORY[@]}" "$FCORPUS/$f"
        added=$(python3 -c "import json,sys
try:
    print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1]).get('added', 0))
except Exception:
    print(0)" "$RUN/format-$f.out")
        mb=$(du -sb "$FCORPUS/$f" | cut -f1)
        if [[ $added == 0 ]]; then
            notice "format $f: newsidx indexed no articles (not supported by this build?); skipped"
            rm -f "$RUN/format-$f.json"
            fmeta+="\"$f\": {\"skipped\": \"not supported by this build\"},"
        else
            fmeta+="\"$f\": {\"articles\": $added, \"mb\": $(python3 -c "print(round($mb/1e6,2))")},"
        fi
    done
    echo "${fmeta%,}}" >"$RUN/formats-meta.json"
fi

# ------------------------------------------------------------------ report
note "results (all sizes measured so far)"
"${MEASURE[@]}" report "$BENCH"
echo
echo "written: $BENCH/results.json, $BENCH/results.md; raw measurements in $RUN/"
