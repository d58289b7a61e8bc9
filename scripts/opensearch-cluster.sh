#!/usr/bin/env bash
# Start, inspect and stop a real multi-node OpenSearch cluster on 127.0.0.1 for newsidx tests.
#
#   scripts/opensearch-cluster.sh start [NODES]    start NODES nodes (default 2); prints the base URL
#   scripts/opensearch-cluster.sh stop             stop every node this state dir started, delete their data
#   scripts/opensearch-cluster.sh status           cluster health and nodes (exit 1 if unreachable)
#   scripts/opensearch-cluster.sh url              print the base URL of the running cluster
#   scripts/opensearch-cluster.sh stop-node I [--kill]   stop node I (default: the last) with SIGTERM; --kill: SIGKILL, a crash
#   scripts/opensearch-cluster.sh start-node I     start node I again; it rejoins the cluster
#   scripts/opensearch-cluster.sh build            build the Java launcher (start does this when needed)
#
# Each node is its own JVM (one org.opensearch.node.Node each, see scripts/opensearch/), so
# stopping a node really closes its HTTP and transport ports and the cluster sees it leave.
# Node 0 is the cluster manager and serves the printed URL; with 2 nodes it is the only
# cluster-manager-eligible node (two-node clusters cannot survive losing the elected manager),
# with 3 or more nodes, nodes 0-2 are eligible. For a node-loss test stop node 1 (or the last).
#
# stdout carries only results (the URL for start); progress goes to stderr, node output
# to $STATE/node-I.log.
#
# Environment:
#   NEWSIDX_OS_STATE         state dir (pids, url, node data, logs); default ${TMPDIR:-/tmp}/newsidx-opensearch
#   NEWSIDX_OS_PORT          HTTP port of node 0 (node I gets PORT+I); default: first free from 9250
#   NEWSIDX_OS_TRANSPORT_PORT transport port of node 0 (node I gets +I); default: HTTP port + 1000
#   NEWSIDX_OS_HEAP          heap per node (-Xms = -Xmx); default 512m
#   NEWSIDX_OS_TIMEOUT       seconds to wait for the cluster (start, start-node, stop-node); default 180
#   NEWSIDX_OS_BUILD_TIMEOUT seconds for the first Maven build (about 80 MB into ~/.m2); default 900
#   NEWSIDX_OS_JAVA_OPTS     extra JVM options for every node
#   NEWSIDX_OS_SETTINGS      extra OpenSearch settings for every node, "key=value key=value"
#   JAVA_HOME                Java 17+ to use (default: java on PATH)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJ="$HERE/opensearch"
STATE="${NEWSIDX_OS_STATE:-${TMPDIR:-/tmp}/newsidx-opensearch}"
TIMEOUT="${NEWSIDX_OS_TIMEOUT:-180}"
BUILD_TIMEOUT="${NEWSIDX_OS_BUILD_TIMEOUT:-900}"
HEAP="${NEWSIDX_OS_HEAP:-512m}"
MAIN_CLASS="newsidx.opensearch.NodeMain"

log() { printf 'opensearch-cluster: %s\n' "$*" >&2; }
die() { printf 'opensearch-cluster: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- tools

find_java() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        JAVA="$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        JAVA="$(command -v java)"
    else
        die "Java not found (need Java 17 or newer: set JAVA_HOME or put java on PATH)"
    fi
    local ver major
    ver="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')" || true
    major="${ver%%.*}"
    [[ "$major" =~ ^[0-9]+$ ]] || die "cannot tell the version of $JAVA (got '${ver}')"
    ((major >= 17)) || die "Java $ver at $JAVA is too old: OpenSearch 2.19 needs Java 17 or newer"
}

need_curl() {
    command -v curl >/dev/null 2>&1 || die "curl not found (needed to talk to the cluster)"
}

# ---------------------------------------------------------------- build

build_hash() {
    # Changes when the launcher's sources change, so an edited launcher is rebuilt once.
    (cd "$PROJ" && cat pom.xml $(find src -type f | LC_ALL=C sort)) | sha256sum | cut -d' ' -f1
}

built() {
    [[ -f "$PROJ/target/.built" && -d "$PROJ/target/lib" && -d "$PROJ/target/classes" ]] &&
        [[ "$(cat "$PROJ/target/.built")" == "$(build_hash)" ]]
}

ensure_built() {
    built && return 0
    command -v mvn >/dev/null 2>&1 || die "Maven (mvn) not found: needed once to build the OpenSearch launcher in $PROJ"
    command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) not found"
    mkdir -p "$PROJ/target"
    exec 8>"$PROJ/target/.build.lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w "$BUILD_TIMEOUT" 8 || die "timed out waiting for another build of the launcher"
    fi
    if ! built; then
        log "building the launcher with Maven (first time only; downloads OpenSearch 2.19.6 jars) ..."
        local t0=$SECONDS
        rm -rf "$PROJ/target/lib" "$PROJ/target/classes" "$PROJ/target/.built"
        local javahome_env=()
        [[ -n "${JAVA_HOME:-}" ]] && javahome_env=(JAVA_HOME="$JAVA_HOME")
        # (Maven 3.8 prints colour codes even with -B -q; strip them from what reaches stderr.)
        if ! (cd "$PROJ" && env "${javahome_env[@]}" timeout "$BUILD_TIMEOUT" nice -n 10 \
                mvn -B -q -Dstyle.color=never package 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2); then
            die "Maven build of $PROJ failed or timed out after ${BUILD_TIMEOUT}s (see the output above)"
        fi
        build_hash >"$PROJ/target/.built"
        log "launcher built in $((SECONDS - t0))s"
    fi
    exec 8>&-
}

# ---------------------------------------------------------------- state

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ports_free() {  # BASE COUNT
    local p
    for ((p = $1; p < $1 + $2; p++)); do
        port_in_use "$p" && return 1
    done
    return 0
}

load_state() {
    [[ -f "$STATE/cluster.env" ]] || die "no cluster state in $STATE (not started?)"
    # shellcheck disable=SC1091
    source "$STATE/cluster.env"
}

node_pid() {  # I -> pid of a live launcher node I of this state dir, or nothing
    local f="$STATE/node-$1.pid" pid
    [[ -f "$f" ]] || return 0
    pid="$(cat "$f" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    # Only a JVM running our launcher for this very state dir counts (pids are reused).
    if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-Dnewsidx.pidfile=$STATE/node-$1.pid"; then
        echo "$pid"
    fi
}

live_count() {
    local i n=0
    for ((i = 0; i < NODES; i++)); do
        [[ -n "$(node_pid "$i")" ]] && n=$((n + 1))
    done
    echo "$n"
}

# ---------------------------------------------------------------- nodes

manager_count() { if ((NODES >= 3)); then echo 3; else echo 1; fi; }

launch_node() {  # I
    local i=$1 home="$STATE/node-$1"
    local managers seeds="" names="" roles j
    managers=$(manager_count)
    for ((j = 0; j < NODES; j++)); do seeds+="${seeds:+,}127.0.0.1:$((TRANSPORT_BASE + j))"; done
    for ((j = 0; j < managers; j++)); do names+="${names:+,}node-$j"; done
    if ((i < managers)); then roles="cluster_manager,data,ingest"; else roles="data,ingest"; fi
    mkdir -p "$home/tmp"
    rm -f "$STATE/node-$i.pid"

    # C1 only (TieredStopAtLevel=1): on 2 busy cores it halves start-up (measured 15 s -> 8 s);
    # NEWSIDX_OS_JAVA_OPTS=-XX:TieredStopAtLevel=4 brings C2 back for long runs.
    local jvm=(-Xms"$HEAP" -Xmx"$HEAP" -Xss1m -XX:+UseG1GC -XX:-UsePerfData -XX:TieredStopAtLevel=1
        -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 -Djava.io.tmpdir="$home/tmp"
        -Dlog4j2.configurationFile="$PROJ/log4j2.properties" -Dlog4j.shutdownHookEnabled=false
        -Dlog4j2.disable.jmx=true -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true
        -Dio.netty.recycler.maxCapacityPerThread=0 -Dnewsidx.pidfile="$STATE/node-$i.pid")
    # shellcheck disable=SC2206
    [[ -n "${NEWSIDX_OS_JAVA_OPTS:-}" ]] && jvm+=(${NEWSIDX_OS_JAVA_OPTS})
    local settings=(
        cluster.name="$CLUSTER_NAME" node.name="node-$i" node.roles="$roles"
        path.home="$home" path.data="$home/data" path.logs="$home/logs"
        network.host=127.0.0.1 http.port=$((HTTP_BASE + i)) transport.port=$((TRANSPORT_BASE + i))
        http.type=netty4 transport.type=netty4
        discovery.seed_hosts="$seeds" cluster.initial_cluster_manager_nodes="$names"
        # a small shared machine: no disk watermarks, no real-memory breaker, few threads
        cluster.routing.allocation.disk.threshold_enabled=false
        indices.breaker.total.use_real_memory=false
        node.processors=1
    )
    # shellcheck disable=SC2206
    [[ -n "${NEWSIDX_OS_SETTINGS:-}" ]] && settings+=(${NEWSIDX_OS_SETTINGS})

    setsid "$JAVA" "${jvm[@]}" -cp "$PROJ/target/classes:$PROJ/target/lib/*" "$MAIN_CLASS" "${settings[@]}" \
        >>"$STATE/node-$i.log" 2>&1 </dev/null 8>&- 9>&- &
    local wrapper=$!
    # The JVM writes its own pid file early; wait for it (or for the process to die).
    local deadline=$((SECONDS + 30))
    while [[ ! -s "$STATE/node-$i.pid" ]]; do
        if ! kill -0 "$wrapper" 2>/dev/null; then
            tail -n 20 "$STATE/node-$i.log" >&2 || true
            return 1
        fi
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

health() {  # QUERY -> body (curl fails on non-2xx)
    curl -sS -f -m 10 "http://127.0.0.1:$HTTP_BASE/_cluster/health?$1" 2>/dev/null
}

wait_for_cluster() {  # NODES_EXPECTED STATUS DEADLINE
    local want=$1 status=$2 deadline=$3 body i
    while :; do
        for ((i = 0; i < NODES; i++)); do
            if [[ -f "$STATE/node-$i.expected" && -z "$(node_pid "$i")" ]]; then
                log "node $i died while starting; last lines of $STATE/node-$i.log:"
                tail -n 25 "$STATE/node-$i.log" | grep -v '^\s*at ' >&2 || true
                return 1
            fi
        done
        if body="$(health "wait_for_nodes=$want&wait_for_status=$status&timeout=3s")" &&
            [[ "$body" == *'"timed_out":false'* ]]; then
            return 0
        fi
        ((SECONDS < deadline)) || { log "timed out; last health: ${body:-none}"; return 1; }
        sleep 1
    done
}

# ---------------------------------------------------------------- commands

stop_pid() {  # PID KILLSIG WAIT_SECONDS
    local pid=$1 sig=$2 wait=$3 t
    kill "-$sig" "$pid" 2>/dev/null || return 0
    for ((t = 0; t < wait * 5; t++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    log "pid $pid did not stop within ${wait}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((t = 0; t < 50; t++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
}

cmd_stop() {
    [[ -f "$STATE/cluster.env" ]] || { log "nothing to stop in $STATE"; return 0; }
    load_state
    local i pid pids=()
    # SIGTERM all nodes at once (each closes gracefully), then wait for each.
    for ((i = NODES - 1; i >= 0; i--)); do
        pid="$(node_pid "$i")"
        [[ -n "$pid" ]] && { kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); }
    done
    for pid in "${pids[@]}"; do stop_pid "$pid" TERM 30; done
    for ((i = 0; i < NODES; i++)); do rm -rf "$STATE/node-$i" "$STATE/node-$i.pid" "$STATE/node-$i.expected"; done
    rm -f "$STATE/cluster.env" "$STATE/url" "$STATE/urls"
    log "stopped ${#pids[@]} node(s); logs kept in $STATE/node-*.log"
}

cmd_start() {
    local n="${1:-2}"
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "NODES must be a positive number, got '$n'"
    ((n <= 20)) || die "at most 20 nodes"
    find_java
    need_curl
    mkdir -p "$STATE"
    STATE="$(cd "$STATE" && pwd)"

    if [[ -f "$STATE/cluster.env" ]]; then
        load_state
        if (($(live_count) == NODES)) && health "" >/dev/null; then
            ((NODES == n)) || die "a $NODES-node cluster is already running in $STATE (stop it first)"
            log "already running with $NODES node(s) in $STATE"
            cat "$STATE/url"
            return 0
        fi
        log "stale state in $STATE; cleaning it up"
        cmd_stop
    fi
    ensure_built

    local t0=$SECONDS deadline=$((SECONDS + TIMEOUT))
    # Clusters started at the same time from different state dirs would pick the same free
    # ports; one machine-wide lock, held until this cluster's ports are bound, prevents that.
    exec 9>"${TMPDIR:-/tmp}/newsidx-opensearch-ports.lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w "$TIMEOUT" 9 || die "timed out waiting for another opensearch-cluster.sh start to pick its ports"
    fi
    NODES=$n
    if [[ -n "${NEWSIDX_OS_PORT:-}" ]]; then
        HTTP_BASE=$NEWSIDX_OS_PORT
        TRANSPORT_BASE=${NEWSIDX_OS_TRANSPORT_PORT:-$((HTTP_BASE + 1000))}
        ports_free "$HTTP_BASE" "$n" || die "HTTP port(s) $HTTP_BASE..$((HTTP_BASE + n - 1)) already in use"
        ports_free "$TRANSPORT_BASE" "$n" || die "transport port(s) $TRANSPORT_BASE..$((TRANSPORT_BASE + n - 1)) already in use"
    else
        local b found=""
        for ((b = 9250; b < 9850; b += (n > 10 ? n : 10))); do
            local t=${NEWSIDX_OS_TRANSPORT_PORT:-$((b + 1000))}
            if ports_free "$b" "$n" && ports_free "$t" "$n"; then found=$b; break; fi
        done
        [[ -n "$found" ]] || die "no free ports between 9250 and 9849 (set NEWSIDX_OS_PORT)"
        HTTP_BASE=$found
        TRANSPORT_BASE=${NEWSIDX_OS_TRANSPORT_PORT:-$((HTTP_BASE + 1000))}
    fi
    CLUSTER_NAME="newsidx-$(date +%s)-$$"
    {
        echo "NODES=$NODES"
        echo "HTTP_BASE=$HTTP_BASE"
        echo "TRANSPORT_BASE=$TRANSPORT_BASE"
        echo "CLUSTER_NAME=$CLUSTER_NAME"
        echo "HEAP=$HEAP"
    } >"$STATE/cluster.env"
    echo "http://127.0.0.1:$HTTP_BASE" >"$STATE/url"
    : >"$STATE/urls"
    local i
    for ((i = 0; i < n; i++)); do echo "http://127.0.0.1:$((HTTP_BASE + i))" >>"$STATE/urls"; done

    log "starting $n node(s): HTTP ${HTTP_BASE}..$((HTTP_BASE + n - 1)), transport ${TRANSPORT_BASE}..$((TRANSPORT_BASE + n - 1)), heap $HEAP each, state $STATE"
    for ((i = 0; i < n; i++)); do
        rm -rf "$STATE/node-$i"
        : >"$STATE/node-$i.log"
        touch "$STATE/node-$i.expected"
        if ! launch_node "$i"; then
            log "node $i did not start (see $STATE/node-$i.log)"
            cmd_stop
            exit 1
        fi
    done
    if ! wait_for_cluster "$n" yellow "$deadline"; then
        log "cluster did not come up with $n node(s) (time limit ${TIMEOUT}s); stopping it"
        cmd_stop
        exit 1
    fi
    exec 9>&-
    log "cluster up with $n node(s) in $((SECONDS - t0))s"
    cat "$STATE/url"
}

node_arg() {  # I -> validated
    local i="${1:-}"
    [[ "$i" =~ ^[0-9]+$ ]] || die "node number required (0..$((NODES - 1)))"
    ((i < NODES)) || die "no node $i: the cluster has nodes 0..$((NODES - 1))"
    echo "$i"
}

cmd_stop_node() {
    load_state
    need_curl
    local i sig=TERM
    if [[ "${1:-}" == --kill ]]; then sig=KILL; shift; fi
    i="$(node_arg "${1:-$((NODES - 1))}")"
    [[ "${2:-}" == --kill ]] && sig=KILL
    local pid
    pid="$(node_pid "$i")"
    [[ -n "$pid" ]] || die "node $i is not running"
    rm -f "$STATE/node-$i.expected"
    stop_pid "$pid" "$sig" 30
    log "node $i (pid $pid) stopped with SIG$sig"
    if ((i < $(manager_count))) && (($(manager_count) == 1)); then
        log "node $i was the only cluster-manager-eligible node: the cluster has no manager now"
        return 0
    fi
    if [[ -z "$(node_pid 0)" ]]; then return 0; fi
    local left
    left="$(live_count)"
    wait_for_cluster "$left" red $((SECONDS + TIMEOUT)) || die "cluster did not settle at $left node(s)"
    log "cluster now has $left node(s)"
}

cmd_start_node() {
    load_state
    find_java
    need_curl
    ensure_built
    local i
    i="$(node_arg "${1:-}")"
    [[ -z "$(node_pid "$i")" ]] || die "node $i is already running"
    touch "$STATE/node-$i.expected"
    launch_node "$i" || die "node $i did not start (see $STATE/node-$i.log)"
    local want
    want="$(live_count)"
    wait_for_cluster "$want" yellow $((SECONDS + TIMEOUT)) || die "node $i did not rejoin within ${TIMEOUT}s"
    log "node $i rejoined; cluster has $want node(s)"
}

cmd_status() {
    load_state
    need_curl
    local i pid state
    for ((i = 0; i < NODES; i++)); do
        pid="$(node_pid "$i")"
        if [[ -n "$pid" ]]; then state="running pid $pid"; else state="stopped"; fi
        echo "node-$i http://127.0.0.1:$((HTTP_BASE + i)) $state"
    done
    local body
    body="$(health "")" || die "cluster at http://127.0.0.1:$HTTP_BASE does not answer"
    echo "$body"
}

case "${1:-}" in
    start) shift; cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) load_state; cat "$STATE/url" ;;
    stop-node) shift; cmd_stop_node "$@" ;;
    start-node) shift; cmd_start_node "$@" ;;
    build) find_java; ensure_built ;;
    *)
        sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
