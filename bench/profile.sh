#!/usr/bin/env bash
# Profiles of the streaming clients, for bench/analysis.md. Run bench/run.sh first (it installs and
# builds everything this uses). Not part of run.sh: profiles are slow and perturb timings.
#
#   bench/profile.sh perf [N]        # perf record -e cpu-clock (software event: this VM has no
#                                    # hardware counters) of loom-tasks, curl-multi and floor at N (10000)
#   bench/profile.sh callgrind [N]   # valgrind --tool=callgrind of loom-tasks and curl-multi at N (2000)
#
# Output goes to bench/out/profile/; a per-library and per-function summary is printed.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
TOOL="${1:-perf}"
SO="${LOOM_SO:-$(ls "$BENCH"/.build/loom-*/modules/loom.so 2>/dev/null | head -1)}"
[ -f "$SO" ] || { echo "no Loom build: run bench/run.sh first (or set LOOM_SO)" >&2; exit 1; }
OUT="$BENCH/out/profile"
mkdir -p "$OUT"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# the bundled server, by PID
exec 3< <("$ROOT/tests/server/llm-server" --host 127.0.0.1 --port 0 2>/dev/null)
SRV=$!
trap 'kill "$SRV" 2>/dev/null || true; wait "$SRV" 2>/dev/null || true' EXIT
read -r line <&3
URL="http://${line#LISTENING }/v1/chat/completions?tokens=50&interval_ms=20&ttft_ms=200"

declare -A CMD=(
    [loom-tasks]="php -d extension=$SO $BENCH/loom_tasks.php"
    [curl-multi]="php $BENCH/curl_multi.php"
    [floor]="$BENCH/native/floor"
)

case "$TOOL" in
perf)
    N="${2:-10000}"
    for c in loom-tasks curl-multi floor; do
        echo "== perf: $c, N=$N"
        perf record -q -e cpu-clock -F 2000 -g -o "$OUT/perf-$c.data" -- ${CMD[$c]} --url "$URL" --n "$N"
        perf report -i "$OUT/perf-$c.data" --stdio --no-children -g none --sort dso 2>/dev/null \
            | grep -v "^#" | grep -v "^$" | head -8 || true
        perf report -i "$OUT/perf-$c.data" --stdio --no-children -g none --sort dso,sym 2>/dev/null \
            | grep -v '^#' | grep -v '^$' | head -25 > "$OUT/perf-$c.top.txt" || true
    done
    echo "(top symbols: $OUT/perf-*.top.txt)"
    ;;
callgrind)
    N="${2:-2000}"
    for c in loom-tasks curl-multi; do
        echo "== callgrind: $c, N=$N"
        valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind-$c.out" -q \
            ${CMD[$c]} --url "$URL" --n "$N"
        { callgrind_annotate --inclusive=no "$OUT/callgrind-$c.out" 2>/dev/null || true; } | head -40 > "$OUT/callgrind-$c.top.txt" || true
        head -30 "$OUT/callgrind-$c.top.txt"
    done
    ;;
*)
    echo "usage: $0 perf|callgrind [N]" >&2
    exit 2
    ;;
esac
